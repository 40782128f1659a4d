"""The decision model's fitted numbers (written by bench/fit.py; do not edit by hand).

Fitted on the real-question train split plus tests/eval/queries.yaml (794 queries,
7864 candidate rows); threshold chosen on the dev split (135 queries).
"""

# In decide.FEATURES order; each feature is standardised by its train-split mean and scale.
MEANS = (0.3555, 0.3800, 0.4573, 0.2456, 0.5957, -0.2873, -0.2090, 0.8793, 1.4900)
SCALES = (0.2092, 0.2840, 0.3701, 0.1461, 0.1581, 0.2624, 0.1951, 0.2384, 0.3487)
COEFFICIENTS = (0.2313, 0.1444, 0.2412, 0.2641, 0.8929, 1.8001, 1.2721, 0.4336, 0.2869)
INTERCEPT = -5.8750
THRESHOLD = 0.32
