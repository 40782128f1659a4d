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


# Fitted on the real-question train split plus tests/eval/queries.yaml (1311 queries, 13022
# candidate rows); each threshold chosen on the dev split (317 queries).
# Each model's numbers are per term (decide.terms: the signals, then with examples two products).
# For the packaged knowledge base, which has examples: every signal in decide.FEATURES.
WITH_EXAMPLES = Model(
    (0.3412, 0.3758, 0.4445, 0.2098, 0.4869, -0.2405, -0.2451, 0.8789, 1.5656, 0.3222, 0.5139, -0.1195, -0.1230),
    (0.1935, 0.2708, 0.3384, 0.1154, 0.1729, 0.2277, 0.2126, 0.2239, 0.4194, 0.2475, 0.1355, 0.1145, 0.1103),
    (0.1195, 0.0903, 0.0501, 0.2094, 0.4630, 2.0311, 2.6553, 0.4287, 0.2627, 0.9537, -0.8924, -0.9727, -1.4137),
    -5.2744,
    0.34,
)

# For any other knowledge base: the signals before the two example ones.
WITHOUT_EXAMPLES = Model(
    (0.3412, 0.3758, 0.4445, 0.2098, 0.4869, -0.2405, -0.2451, 0.8789, 1.5656),
    (0.1935, 0.2708, 0.3384, 0.1154, 0.1729, 0.2277, 0.2126, 0.2239, 0.4194),
    (0.1722, 0.1249, 0.1390, 0.2090, 0.9043, 0.8139, 1.0763, 0.3331, 0.3145),
    -4.7060,
    0.35,
)

# For an index without word-piece vectors: the same signals, the semantic ones always 0.
WORDS_ONLY = Model(
    (0.3649, 0.4048, 0.4769, 0.2178, 0.0000, -0.2210, 0.0000, 0.8852, 1.5705),
    (0.1774, 0.2605, 0.3324, 0.1105, 1.0000, 0.2148, 1.0000, 0.2143, 0.4173),
    (0.3526, 0.0859, 0.5494, 0.6412, 0.0000, 1.7496, 0.0000, 0.4091, 0.3174),
    -4.6006,
    0.28,
)
