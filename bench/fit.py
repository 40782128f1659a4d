"""Fit the matcher's decision model (src/icefaq/match/weights.py) on the corpus's train split.

    python bench/fit.py [--write]

A logistic regression over each query's best candidates (decide.FEATURES), trained on the
real-question train split plus the project's first paraphrase set (tests/eval/queries.yaml);
the threshold is the one with the best accuracy on the dev split (the highest of equally good ones:
a wrong answer is worse than no match). The test
split is never read here. Prints the coefficients, the dev reliability table (how often an
answer scored about p is right) and, with --write, rewrites weights.py. Needs numpy (the
`bench` extra).
"""

from __future__ import annotations

import argparse
import sys

import numpy as np
from evalsets import ROOT, Case, split

sys.path.insert(0, str(ROOT / "src"))

from icefaq import files, knowledge, match  # noqa: E402
from icefaq.match import decide  # noqa: E402

CANDIDATES = 10  # rows per query: its best candidates by a rough score
L2 = 1.0


def rows(cases: list[Case], index: match.Index) -> tuple[np.ndarray, np.ndarray, list[int]]:
    xs, ys, groups = [], [], []
    for n, c in enumerate(cases):
        sig = decide.signals(c.query, index)
        best = sorted(sig, key=lambda i: -(sig[i][0] + sig[i][4]))[:CANDIDATES]
        for i in best:
            xs.append(sig[i])
            ys.append(1.0 if index.entry_id(i) in c.ids else 0.0)
            groups.append(n)
    return np.array(xs, dtype=float), np.array(ys), groups


def fit(x: np.ndarray, y: np.ndarray) -> tuple[np.ndarray, float, np.ndarray, np.ndarray]:
    means, scales = x.mean(0), x.std(0) + 1e-6
    z = np.hstack([np.ones((len(x), 1)), (x - means) / scales])
    w = np.zeros(z.shape[1])
    reg = np.full(z.shape[1], L2)
    reg[0] = 0.0
    for _ in range(50):  # Newton's method
        p = 1 / (1 + np.exp(-z @ w))
        grad = z.T @ (p - y) + reg * w
        hess = (z * (p * (1 - p))[:, None]).T @ z + np.diag(reg + 1e-9)
        step = np.linalg.solve(hess, grad)
        w -= step
        if np.abs(step).max() < 1e-8:
            break
    return w[1:], float(w[0]), means, scales


def predictions(cases: list[Case], index: match.Index) -> list[tuple[Case, str | None, float]]:
    out = []
    for c in cases:
        ranked = match.score_all(c.query, index)
        out.append((c, index.entry_id(ranked[0][0]) if ranked else None, ranked[0][1] if ranked else 0.0))
    return out


def best_threshold(preds: list[tuple[Case, str | None, float]]) -> float:
    """The threshold with the best dev accuracy (right answers and right refusals); among equally
    accurate thresholds, the highest, since a wrong answer is worse than no match."""

    def accuracy(t: float) -> int:
        return sum((p >= t and top in c.ids) if c.ids else p < t for c, top, p in preds)

    grid = [round(t, 2) for t in np.arange(0.05, 0.96, 0.01)]
    return max(grid, key=lambda t: (accuracy(t), t))


def reliability(preds: list[tuple[Case, str | None, float]]) -> list[str]:
    lines = ["| score | answers | right |", "|---|---:|---:|"]
    for lo in np.arange(0.0, 1.0, 0.2):
        hi = lo + 0.2
        got = [(c, top) for c, top, p in preds if lo <= p < hi or (hi >= 1.0 and p == 1.0)]
        if got:
            right = sum(top in c.ids for c, top in got) / len(got)
            lines.append(f"| {lo:.1f}-{hi:.1f} | {len(got)} | {right:.0%} |")
    return lines


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--write", action="store_true", help="rewrite src/icefaq/match/weights.py")
    args = ap.parse_args()
    kb = knowledge.load(files.default_path())
    index = match.build_index(kb)
    train = split("train") + split("queries")
    x, y, _ = rows(train, index)
    coef, intercept, means, scales = fit(x, y)
    print(f"train rows {len(y)} ({int(y.sum())} positive) from {len(train)} queries")
    for name, c in zip(decide.FEATURES, coef):
        print(f"  {name:14s} {c:+.3f}")
    print(f"  intercept      {intercept:+.3f}")
    from icefaq.match import weights  # noqa: PLC0415

    weights.MEANS, weights.SCALES = tuple(means), tuple(scales)
    weights.COEFFICIENTS, weights.INTERCEPT = tuple(coef), intercept
    dev = split("dev")
    preds = predictions(dev, index)
    threshold = best_threshold(preds)
    weights.THRESHOLD = threshold
    print(f"threshold (best dev accuracy): {threshold}")
    print("dev reliability: among answers scored in each range, how many were right")
    print("\n".join(reliability(preds)))
    if args.write:
        r = lambda v: ", ".join(f"{float(a):.4f}" for a in v)  # noqa: E731
        text = f'''"""The decision model's fitted numbers (written by bench/fit.py; do not edit by hand).

Fitted on the real-question train split plus tests/eval/queries.yaml ({len(train)} queries,
{len(y)} candidate rows); threshold chosen on the dev split ({len(dev)} queries).
"""

# In decide.FEATURES order; each feature is standardised by its train-split mean and scale.
MEANS = ({r(means)})
SCALES = ({r(scales)})
COEFFICIENTS = ({r(coef)})
INTERCEPT = {intercept:.4f}
THRESHOLD = {threshold}
'''
        (ROOT / "src" / "icefaq" / "match" / "weights.py").write_text(text, encoding="utf-8")
        print("wrote src/icefaq/match/weights.py")


if __name__ == "__main__":
    main()
