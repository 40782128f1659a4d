"""The decision model's fitted numbers (written by bench/fit.py; do not edit by hand)."""


class Model:
    """A fitted logistic model: per signal (decide.FEATURES order) a mean and scale to standardise
    it and a coefficient; the intercept; the threshold an answer's probability must reach."""

    __slots__ = ("means", "scales", "coefficients", "intercept", "threshold")

    def __init__(
        self, means: tuple[float, ...], scales: tuple[float, ...], coefficients: tuple[float, ...], intercept: float, threshold: float
    ) -> None:
        self.means, self.scales, self.coefficients = means, scales, coefficients
        self.intercept, self.threshold = intercept, threshold


# Fitted on the real-question train split plus tests/eval/queries.yaml (1106 queries, 10969
# candidate rows); each threshold chosen on the dev split (247 queries).
# For the packaged knowledge base, which has examples: every signal in decide.FEATURES.
WITH_EXAMPLES = Model(
    (0.3404, 0.3596, 0.4533, 0.2344, 0.6020, -0.2603, -0.1865, 0.8740, 1.5598, 0.3925, 0.6144),
    (0.2014, 0.2726, 0.3561, 0.1424, 0.1493, 0.2461, 0.1799, 0.2319, 0.4240, 0.2853, 0.1376),
    (0.1901, 0.1273, 0.1432, 0.2654, 0.6926, 1.6683, 0.8058, 0.4099, 0.3117, 0.8156, -0.7441),
    -5.3793,
    0.3,
)

# For any other knowledge base: the signals before the two example ones.
WITHOUT_EXAMPLES = Model(
    (0.3404, 0.3596, 0.4533, 0.2344, 0.6020, -0.2603, -0.1865, 0.8740, 1.5598),
    (0.2014, 0.2726, 0.3561, 0.1424, 0.1493, 0.2461, 0.1799, 0.2319, 0.4240),
    (0.2630, 0.1401, 0.3131, 0.3323, 0.7501, 1.4359, 0.8576, 0.3603, 0.2586),
    -5.1250,
    0.3,
)
