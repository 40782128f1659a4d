"""The decision model's fitted numbers (written by bench/fit.py; do not edit by hand)."""


class Model:
    """A fitted logistic model: per term (decide.terms: the signals in decide.FEATURES order, then
    with the example signals two products of them) a mean and scale to standardise it and a coefficient; the intercept;
    the threshold an answer's probability must reach. ``folded`` is for decide.py (the same
    numbers rearranged for speed, computed on first use)."""

    __slots__ = ("means", "scales", "coefficients", "intercept", "threshold", "folded")

    def __init__(
        self, means: tuple[float, ...], scales: tuple[float, ...], coefficients: tuple[float, ...], intercept: float, threshold: float
    ) -> None:
        self.means, self.scales, self.coefficients = means, scales, coefficients
        self.intercept, self.threshold = intercept, threshold
        self.folded: object = None


# Fitted on the real-question train split plus tests/eval/queries.yaml (1130 queries, 11222
# candidate rows); each threshold chosen on the dev split (254 queries).
# Each model's numbers are per term (decide.terms: the signals, then with examples two products).
# For the packaged knowledge base, which has examples: every signal in decide.FEATURES.
WITH_EXAMPLES = Model(
    (0.3398, 0.3737, 0.4432, 0.2099, 0.4839, -0.2506, -0.2553, 0.8793, 1.5625, 0.3015, 0.4928, -0.1197, -0.1233),
    (0.1957, 0.2719, 0.3420, 0.1188, 0.1759, 0.2345, 0.2198, 0.2262, 0.4247, 0.2471, 0.1338, 0.1141, 0.1110),
    (0.1647, 0.1504, 0.0571, 0.1892, 0.4851, 2.0510, 2.8535, 0.4241, 0.2732, 0.8929, -0.8481, -0.9615, -1.5318),
    -5.4483,
    0.3,
)

# For any other knowledge base: the signals before the two example ones.
WITHOUT_EXAMPLES = Model(
    (0.3398, 0.3737, 0.4432, 0.2099, 0.4839, -0.2506, -0.2553, 0.8793, 1.5625),
    (0.1957, 0.2719, 0.3420, 0.1188, 0.1759, 0.2345, 0.2198, 0.2262, 0.4247),
    (0.2039, 0.1616, 0.1541, 0.2033, 0.9108, 0.8582, 1.1070, 0.2916, 0.3129),
    -4.8729,
    0.34,
)

# For an index without word-piece vectors: the same signals, the semantic ones always 0.
WORDS_ONLY = Model(
    (0.3638, 0.4028, 0.4768, 0.2181, 0.0000, -0.2316, 0.0000, 0.8866, 1.5679),
    (0.1795, 0.2619, 0.3349, 0.1139, 1.0000, 0.2218, 1.0000, 0.2149, 0.4226),
    (0.3844, 0.1128, 0.5863, 0.6280, 0.0000, 1.8874, 0.0000, 0.3979, 0.3262),
    -4.8248,
    0.29,
)
