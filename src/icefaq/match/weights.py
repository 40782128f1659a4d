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


# Fitted on the real-question train split plus tests/eval/queries.yaml (1112 queries, 11033
# candidate rows); each threshold chosen on the dev split (248 queries).
# For the packaged knowledge base, which has examples: every signal in decide.FEATURES.
WITH_EXAMPLES = Model(
    (0.3415, 0.3609, 0.4540, 0.2351, 0.6026, -0.2587, -0.1858, 0.8742, 1.5608, 0.3940, 0.6146),
    (0.2009, 0.2721, 0.3552, 0.1424, 0.1491, 0.2451, 0.1792, 0.2314, 0.4239, 0.2850, 0.1373),
    (0.1880, 0.1219, 0.1471, 0.2687, 0.6891, 1.6663, 0.7954, 0.4163, 0.3049, 0.8044, -0.7328),
    -5.3447,
    0.3,
)

# For any other knowledge base: the signals before the two example ones.
WITHOUT_EXAMPLES = Model(
    (0.3415, 0.3609, 0.4540, 0.2351, 0.6026, -0.2587, -0.1858, 0.8742, 1.5608),
    (0.2009, 0.2721, 0.3552, 0.1424, 0.1491, 0.2451, 0.1792, 0.2314, 0.4239),
    (0.2596, 0.1330, 0.3157, 0.3376, 0.7463, 1.4413, 0.8478, 0.3702, 0.2539),
    -5.1028,
    0.3,
)
