"""The decision model's fitted numbers (written by bench/fit.py; do not edit by hand).

Fitted on the real-question train split plus tests/eval/queries.yaml (775 queries,
7669 candidate rows); threshold chosen on the dev split (131 queries).
"""

# In decide.FEATURES order; each feature is standardised by its train-split mean and scale.
MEANS = (0.4194, 0.3588, 0.4403, 0.5281, 0.5823, -0.2934, -0.2154, 0.8726, 1.4859)
SCALES = (0.2070, 0.2795, 0.3800, 0.1591, 0.1590, 0.2623, 0.1984, 0.2429, 0.3434)
COEFFICIENTS = (0.2904, 0.2239, 0.2145, 0.2661, 0.8767, 2.0015, 1.0639, 0.5208, 0.4150)
INTERCEPT = -6.0705
THRESHOLD = 0.39
