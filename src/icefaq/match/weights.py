"""The decision model's fitted numbers (written by bench/fit.py; do not edit by hand).

Provisional values until the first fit: a rough hand-set equivalent of the old rule.
"""

# In decide.FEATURES order; each feature is standardised by its train-split mean and scale.
MEANS = (0.35, 0.4, 0.3, 0.4, 0.4, -0.1, -0.05, 0.9, 1.8)
SCALES = (0.15, 0.25, 0.25, 0.2, 0.15, 0.15, 0.1, 0.2, 0.5)
COEFFICIENTS = (2.0, 0.5, 0.0, 0.0, 0.8, 1.0, 0.4, 0.5, 0.0)
INTERCEPT = -2.0
THRESHOLD = 0.5
