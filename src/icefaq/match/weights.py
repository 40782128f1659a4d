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


# Fitted on the real-question train split plus tests/eval/queries.yaml (1085 queries, 10753
# candidate rows); each threshold chosen on the dev split (236 queries).
# For the packaged knowledge base, which has examples: every signal in decide.FEATURES.
WITH_EXAMPLES = Model(
    (0.3357, 0.3531, 0.4497, 0.2324, 0.5998, -0.2637, -0.1880, 0.8685, 1.5576, 0.3890, 0.6137),
    (0.2030, 0.2745, 0.3611, 0.1436, 0.1500, 0.2497, 0.1815, 0.2364, 0.4236, 0.2847, 0.1386),
    (0.1826, 0.1204, 0.1078, 0.3062, 0.7457, 1.6810, 0.7991, 0.3882, 0.2978, 0.8518, -0.7704),
    -5.4814,
    0.3,
)

# For any other knowledge base: the signals before the two example ones.
WITHOUT_EXAMPLES = Model(
    (0.3357, 0.3531, 0.4497, 0.2324, 0.5998, -0.2637, -0.1880, 0.8685, 1.5576),
    (0.2030, 0.2745, 0.3611, 0.1436, 0.1500, 0.2497, 0.1815, 0.2364, 0.4236),
    (0.2458, 0.1185, 0.2766, 0.3801, 0.8110, 1.4488, 0.8472, 0.3543, 0.2353),
    -5.1932,
    0.29,
)
