"""The decision model's fitted numbers (written by bench/fit.py; do not edit by hand).

Fitted on the real-question train split plus tests/eval/queries.yaml (794 queries,
7861 candidate rows); threshold chosen on the dev split (135 queries).
"""

# In decide.FEATURES order; each feature is standardised by its train-split mean and scale.
MEANS = (0.3532, 0.3763, 0.4566, 0.2450, 0.5956, -0.2890, -0.2089, 0.8789, 1.4900)
SCALES = (0.2090, 0.2833, 0.3716, 0.1461, 0.1577, 0.2637, 0.1949, 0.2380, 0.3488)
COEFFICIENTS = (0.2335, 0.1615, 0.2045, 0.2640, 0.9074, 1.8212, 1.2464, 0.4355, 0.3043)
INTERCEPT = -5.8753
THRESHOLD = 0.32
