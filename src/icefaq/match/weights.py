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


# Fitted on the real-question train split plus tests/eval/queries.yaml (1119 queries, 11102
# candidate rows); each threshold chosen on the dev split (250 queries).
# For the packaged knowledge base, which has examples: every signal in decide.FEATURES.
WITH_EXAMPLES = Model(
    (0.3347, 0.3640, 0.4466, 0.2087, 0.5375, -0.2535, -0.2179, 0.8759, 1.5619, 0.3337, 0.5436),
    (0.1960, 0.2721, 0.3461, 0.1195, 0.1870, 0.2381, 0.2030, 0.2291, 0.4244, 0.2686, 0.1347),
    (0.1389, 0.1168, 0.0751, 0.1573, 0.8771, 1.7582, 0.7370, 0.4211, 0.3301, 0.7901, -0.9208),
    -5.4693,
    0.22,
)

# For any other knowledge base: the signals before the two example ones.
WITHOUT_EXAMPLES = Model(
    (0.3347, 0.3640, 0.4466, 0.2087, 0.5375, -0.2535, -0.2179, 0.8759, 1.5619),
    (0.1960, 0.2721, 0.3461, 0.1195, 0.1870, 0.2381, 0.2030, 0.2291, 0.4244),
    (0.1995, 0.1116, 0.2410, 0.2505, 0.9288, 1.5023, 0.7298, 0.3274, 0.3549),
    -5.0571,
    0.3,
)
