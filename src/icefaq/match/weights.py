"""The decision model's fitted numbers (written by bench/fit.py; do not edit by hand)."""


class Model:
    """A fitted logistic model, its threshold, and the same numbers folded for speed.

    Per term (decide.terms: the signals in decide.FEATURES order, then with the example signals two
    products of them) a mean and a scale to standardise it and a coefficient; the intercept; the
    threshold an answer's probability must reach. ``folded`` holds the same model as a constant and
    one weight per unstandardised term, computed once here (the numbers are fixed at construction).
    """

    __slots__ = ("means", "scales", "coefficients", "intercept", "threshold", "folded")

    def __init__(
        self, means: tuple[float, ...], scales: tuple[float, ...], coefficients: tuple[float, ...], intercept: float, threshold: float
    ) -> None:
        self.means, self.scales, self.coefficients = means, scales, coefficients
        self.intercept, self.threshold = intercept, threshold
        per_term = tuple(w / s for w, s in zip(coefficients, scales))
        self.folded: tuple[float, tuple[float, ...]] = (intercept - sum(w * m for w, m in zip(per_term, means)), per_term)


# Fitted on the real-question train split plus tests/eval/queries.yaml (1312 queries, 13035
# candidate rows); each threshold chosen on the dev split (319 queries).
# Each model's numbers are per term (decide.terms: the signals, then with examples two products).
# For the packaged knowledge base, which has examples: every signal in decide.FEATURES.
WITH_EXAMPLES = Model(
    (0.3438, 0.3797, 0.4451, 0.2113, 0.4894, -0.2385, -0.2439, 0.8805, 1.5647, 0.3155, 0.5139, -0.1184, -0.1223),
    (0.1927, 0.2705, 0.3354, 0.1149, 0.1727, 0.2264, 0.2118, 0.2221, 0.4194, 0.2499, 0.1355, 0.1135, 0.1096),
    (0.1160, 0.0811, 0.0552, 0.2216, 0.4665, 1.8841, 2.6456, 0.4379, 0.2724, 0.9515, -0.8979, -0.7925, -1.4211),
    -5.2923,
    0.33,
)

# For any other knowledge base: the signals before the two example ones.
WITHOUT_EXAMPLES = Model(
    (0.3438, 0.3797, 0.4451, 0.2113, 0.4894, -0.2385, -0.2439, 0.8805, 1.5647),
    (0.1927, 0.2705, 0.3354, 0.1149, 0.1727, 0.2264, 0.2118, 0.2221, 0.4194),
    (0.1706, 0.1105, 0.1614, 0.2265, 0.8851, 0.8575, 1.0718, 0.3533, 0.3169),
    -4.7385,
    0.36,
)

# For an index without word-piece vectors: the same signals, the semantic ones always 0.
WORDS_ONLY = Model(
    (0.3676, 0.4083, 0.4794, 0.2192, 0.0000, -0.2189, 0.0000, 0.8867, 1.5695),
    (0.1765, 0.2604, 0.3303, 0.1101, 1.0000, 0.2136, 1.0000, 0.2125, 0.4173),
    (0.3655, 0.0928, 0.5739, 0.6369, 0.0000, 1.7987, 0.0000, 0.3955, 0.3353),
    -4.6720,
    0.28,
)
