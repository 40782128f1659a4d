"""The decision model's fitted numbers (written by bench/fit.py; do not edit by hand).

Fitted on the real-question train split plus tests/eval/queries.yaml (775 queries,
7668 candidate rows); threshold chosen on the dev split (131 queries).
"""

# In decide.FEATURES order; each feature is standardised by its train-split mean and scale.
MEANS = (0.4185, 0.3573, 0.4405, 0.5275, 0.5820, -0.2941, -0.2156, 0.8707, 1.4860)
SCALES = (0.2073, 0.2793, 0.3798, 0.1601, 0.1591, 0.2628, 0.1982, 0.2462, 0.3434)
COEFFICIENTS = (0.2872, 0.2228, 0.2142, 0.2568, 0.8921, 2.0031, 1.0094, 0.4776, 0.4069)
INTERCEPT = -6.0104
THRESHOLD = 0.4
