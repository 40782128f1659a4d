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


# Fitted on the real-question train split plus tests/eval/queries.yaml (1133 queries, 11254
# candidate rows); each threshold chosen on the dev split (256 queries).
# Each model's numbers are per term (decide.terms: the signals, then with examples two products).
# For the packaged knowledge base, which has examples: every signal in decide.FEATURES.
WITH_EXAMPLES = Model(
    (0.3423, 0.3782, 0.4446, 0.2090, 0.4872, -0.2476, -0.2523, 0.8817, 1.5622, 0.3020, 0.4927, -0.1181, -0.1216),
    (0.1952, 0.2725, 0.3393, 0.1170, 0.1757, 0.2323, 0.2177, 0.2243, 0.4242, 0.2468, 0.1340, 0.1125, 0.1091),
    (0.1614, 0.1400, 0.0838, 0.1714, 0.4382, 2.0182, 2.8278, 0.4628, 0.2624, 0.8882, -0.8723, -0.9419, -1.4887),
    -5.3575,
    0.32,
)

# For any other knowledge base: the signals before the two example ones.
WITHOUT_EXAMPLES = Model(
    (0.3423, 0.3782, 0.4446, 0.2090, 0.4872, -0.2476, -0.2523, 0.8817, 1.5622),
    (0.1952, 0.2725, 0.3393, 0.1170, 0.1757, 0.2323, 0.2177, 0.2243, 0.4242),
    (0.2068, 0.1561, 0.1927, 0.1794, 0.8255, 0.8313, 1.1706, 0.3311, 0.3009),
    -4.8048,
    0.32,
)

# For an index without word-piece vectors: the same signals, the semantic ones always 0.
WORDS_ONLY = Model(
    (0.3662, 0.4074, 0.4773, 0.2172, 0.0000, -0.2285, 0.0000, 0.8888, 1.5674),
    (0.1790, 0.2622, 0.3323, 0.1120, 1.0000, 0.2197, 1.0000, 0.2131, 0.4221),
    (0.3734, 0.1014, 0.6015, 0.6022, 0.0000, 1.8640, 0.0000, 0.4022, 0.3119),
    -4.7596,
    0.29,
)
