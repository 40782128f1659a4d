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


# Fitted on the real-question train split plus tests/eval/queries.yaml (1119 queries, 11099
# candidate rows); each threshold chosen on the dev split (250 queries).
# For the packaged knowledge base, which has examples: every signal in decide.FEATURES.
WITH_EXAMPLES = Model(
    (0.3442, 0.3636, 0.4560, 0.2383, 0.5362, -0.2570, -0.2190, 0.8760, 1.5620, 0.3330, 0.5436),
    (0.1991, 0.2713, 0.3521, 0.1408, 0.1872, 0.2442, 0.2033, 0.2290, 0.4244, 0.2679, 0.1347),
    (0.1352, 0.1390, 0.0312, 0.1057, 0.9196, 1.7922, 0.7648, 0.4031, 0.3456, 0.8114, -0.9433),
    -5.5011,
    0.23,
)

# For any other knowledge base: the signals before the two example ones.
WITHOUT_EXAMPLES = Model(
    (0.3442, 0.3636, 0.4560, 0.2383, 0.5362, -0.2570, -0.2190, 0.8760, 1.5620),
    (0.1991, 0.2713, 0.3521, 0.1408, 0.1872, 0.2442, 0.2033, 0.2290, 0.4244),
    (0.1897, 0.1256, 0.1952, 0.1889, 0.9767, 1.5300, 0.7685, 0.3140, 0.3609),
    -5.0535,
    0.31,
)
