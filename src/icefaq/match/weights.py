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


# Fitted on the real-question train split plus tests/eval/queries.yaml (1113 queries, 11043
# candidate rows); each threshold chosen on the dev split (248 queries).
# For the packaged knowledge base, which has examples: every signal in decide.FEATURES.
WITH_EXAMPLES = Model(
    (0.3417, 0.3612, 0.4543, 0.2352, 0.6029, -0.2586, -0.1857, 0.8743, 1.5604, 0.3946, 0.6147),
    (0.2009, 0.2721, 0.3551, 0.1423, 0.1491, 0.2451, 0.1791, 0.2313, 0.4240, 0.2850, 0.1373),
    (0.1870, 0.1217, 0.1452, 0.2677, 0.6867, 1.6587, 0.8264, 0.4170, 0.3007, 0.8358, -0.7387),
    -5.3773,
    0.3,
)

# For any other knowledge base: the signals before the two example ones.
WITHOUT_EXAMPLES = Model(
    (0.3417, 0.3612, 0.4543, 0.2352, 0.6029, -0.2586, -0.1857, 0.8743, 1.5604),
    (0.2009, 0.2721, 0.3551, 0.1423, 0.1491, 0.2451, 0.1791, 0.2313, 0.4240),
    (0.2564, 0.1296, 0.3156, 0.3347, 0.7564, 1.4331, 0.8690, 0.3721, 0.2479),
    -5.1113,
    0.3,
)
