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


# Fitted on the real-question train split plus tests/eval/queries.yaml (1098 queries, 10886
# candidate rows); each threshold chosen on the dev split (244 queries).
# For the packaged knowledge base, which has examples: every signal in decide.FEATURES.
WITH_EXAMPLES = Model(
    (0.3396, 0.3590, 0.4514, 0.2338, 0.6015, -0.2608, -0.1869, 0.8732, 1.5575, 0.3921, 0.6143),
    (0.2016, 0.2723, 0.3556, 0.1428, 0.1495, 0.2468, 0.1805, 0.2339, 0.4220, 0.2856, 0.1380),
    (0.1777, 0.1153, 0.1268, 0.2738, 0.7236, 1.6706, 0.8075, 0.4323, 0.2850, 0.8452, -0.7572),
    -5.4079,
    0.3,
)

# For any other knowledge base: the signals before the two example ones.
WITHOUT_EXAMPLES = Model(
    (0.3396, 0.3590, 0.4514, 0.2338, 0.6015, -0.2608, -0.1869, 0.8732, 1.5575),
    (0.2016, 0.2723, 0.3556, 0.1428, 0.1495, 0.2468, 0.1805, 0.2339, 0.4220),
    (0.2482, 0.1252, 0.2972, 0.3399, 0.7831, 1.4364, 0.8605, 0.3836, 0.2343),
    -5.1348,
    0.3,
)
