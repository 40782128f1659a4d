"""The decision model's fitted numbers (written by bench/fit.py; do not edit by hand).

Fitted on the real-question train split plus tests/eval/queries.yaml (576 queries,
5657 candidate rows); threshold chosen on the dev split (63 queries).
"""

# In decide.FEATURES order; each feature is standardised by its train-split mean and scale.
MEANS = (0.4010, 0.3323, 0.4291, 0.5213, 0.5597, -0.3150, -0.2338, 0.8519, 1.4768)
SCALES = (0.2102, 0.2734, 0.3879, 0.1700, 0.1635, 0.2761, 0.2119, 0.2691, 0.3245)
COEFFICIENTS = (0.6974, 0.5208, 0.5326, 0.7001, 0.7062, 2.4465, 1.7757, 0.5831, 0.9945)
INTERCEPT = -9.2208
THRESHOLD = 0.74
