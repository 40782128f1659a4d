"""The decision model's fitted numbers (written by bench/fit.py; do not edit by hand).

Fitted on the real-question train split plus tests/eval/queries.yaml (794 queries,
7859 candidate rows); threshold chosen on the dev split (135 queries).
"""

# In decide.FEATURES order; each feature is standardised by its train-split mean and scale.
MEANS = (0.3382, 0.3569, 0.4422, 0.2385, 0.5847, -0.2938, -0.2129, 0.8746, 1.4903)
SCALES = (0.2081, 0.2801, 0.3775, 0.1464, 0.1572, 0.2661, 0.1977, 0.2408, 0.3486)
COEFFICIENTS = (0.2250, 0.1730, 0.1559, 0.2485, 0.8478, 1.8437, 1.0833, 0.4771, 0.3148)
INTERCEPT = -5.6619
THRESHOLD = 0.46
