"""Fit the matcher's decision models (src/icefaq/match/weights.py) and store its examples.

    python bench/fit.py [--write]

Examples (src/icefaq/match/examples.py): every question of the real-question train split, encoded
by the query encoder, filed under each entry that answers it or as one to refuse (the paraphrase
sets are no examples, so that they still measure questions the matcher has not seen). Three logistic
regressions over each query's best candidates (decide.shortlist; their terms: decide.terms, the signals
of decide.FEATURES and, with examples, two products): one with the two example signals, for the packaged knowledge
base, one without them, for any other knowledge base, and one for an index without word-piece
vectors (no semantic signal). All three are trained on the train split plus
queries.yaml; a training question's example signals come from the examples of *other* pages, as a
new question's would. Each threshold is the one with the best accuracy on the dev split (the
highest of equally good ones: a wrong answer is worse than no match). The test split is never
read here. Prints the coefficients and the dev reliability table (how often an answer scored
about p is right); with --write, rewrites weights.py and src/icefaq/data/examples.sqlite. Needs
numpy (the `bench` extra).
"""

from __future__ import annotations

import argparse
import sys

import numpy as np
from evalsets import ROOT, Case, split, without_vectors

sys.path.insert(0, str(ROOT / "src"))

from icefaq import files, knowledge, match  # noqa: E402
from icefaq.match import decide, examples, semantic, weights  # noqa: E402

L2 = 1.0
Signals = dict[int, list[float]]
Prediction = tuple[Case, str | None, float]


def labelled(cases: list[Case]) -> list[tuple[Case, bytes]]:
    """The cases with their packed query vectors (those the encoder can encode)."""
    out = []
    for c in cases:
        v = semantic.encode_query(c.query)
        if v is not None:
            out.append((c, semantic.pack(v)))
    return out


def gather(items: list[tuple[Case, bytes]]) -> examples.Examples:
    return examples.gather((c.ids, packed) for c, packed in items)


def page(c: Case) -> str:
    return c.url or f"query:{c.query}"


def training_signals(cases: list[Case], index: match.Index, items: list[tuple[Case, bytes]], with_examples: bool) -> list[Signals]:
    """Each case's signals; with examples, those of the other pages only (leave one page out)."""
    if not with_examples:
        return [decide.signals(c.query, index, None) for c in cases]
    out = []
    memo: dict[str, examples.Examples] = {}
    for c in cases:
        p = page(c)
        if p not in memo:
            memo[p] = gather([(o, v) for o, v in items if page(o) != p])
        out.append(decide.signals(c.query, index, memo[p]))
    return out


def rows(cases: list[Case], sigs: list[Signals], index: match.Index) -> tuple[np.ndarray, np.ndarray]:
    xs, ys = [], []
    for c, sig in zip(cases, sigs):
        for i in decide.shortlist(sig):
            xs.append(decide.terms(sig[i]))
            ys.append(1.0 if index.entry_id(i) in c.ids else 0.0)
    return np.array(xs, dtype=float), np.array(ys)


def fit(x: np.ndarray, y: np.ndarray) -> tuple[np.ndarray, float, np.ndarray, np.ndarray]:
    spread = x.std(0)
    means, scales = x.mean(0), np.where(spread < 1e-9, 1.0, spread + 1e-6)  # a constant signal (no vectors) weighs 0
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


def predictions(cases: list[Case], sigs: list[Signals], fitted: weights.Model, index: match.Index) -> list[Prediction]:
    out = []
    for c, sig in zip(cases, sigs):
        best = decide.ranked(sig, fitted)[:1]
        out.append((c, index.entry_id(best[0][0]), best[0][1]) if best else (c, None, 0.0))
    return out


SMOOTH = 5  # grid steps (of 0.01) on each side averaged when choosing a threshold


def best_threshold(preds: list[Prediction]) -> float:
    """The threshold with the best dev accuracy (right answers and right refusals), each
    threshold judged by the mean accuracy of the thresholds within SMOOTH steps of it, so that
    the choice sits inside a broad good range rather than at the edge of a few lucky questions;
    among equally good thresholds, the highest, since a wrong answer is worse than no match."""

    def accuracy(t: float) -> int:
        return sum((p >= t and top in c.ids) if c.ids else p < t for c, top, p in preds)

    grid = [round(t, 2) for t in np.arange(0.05, 0.96, 0.01)]
    raw = [accuracy(t) for t in grid]
    smoothed = [sum(raw[max(0, k - SMOOTH) : k + SMOOTH + 1]) / len(raw[max(0, k - SMOOTH) : k + SMOOTH + 1]) for k in range(len(grid))]
    return max(zip(grid, smoothed, raw), key=lambda g: (round(g[1], 9), g[2], g[0]))[0]


def reliability(preds: list[Prediction]) -> list[str]:
    lines = ["| score | answers | right |", "|---|---:|---:|"]
    for lo in np.arange(0.0, 1.0, 0.2):
        hi = lo + 0.2
        got = [(c, top) for c, top, p in preds if lo <= p < hi or (hi >= 1.0 and p == 1.0)]
        if got:
            right = sum(top in c.ids for c, top in got) / len(got)
            lines.append(f"| {lo:.1f}-{hi:.1f} | {len(got)} | {right:.0%} |")
    return lines


def fitted_model(
    train: list[Case], dev: list[Case], index: match.Index, items: list[tuple[Case, bytes]], with_examples: bool
) -> tuple[weights.Model, int]:
    x, y = rows(train, training_signals(train, index, items, with_examples), index)
    coef, intercept, means, scales = fit(x, y)
    names = decide.term_names(decide.FEATURES if with_examples else decide.FEATURES[:-2])
    kind = "with examples" if with_examples else "without examples" if index.has_vectors() else "words only (no vectors)"
    print(f"\n{kind}: {len(y)} rows ({int(y.sum())} positive) from {len(train)} queries")
    for name, c in zip(names, coef):
        print(f"  {name:26s} {c:+.3f}")
    print(f"  {'intercept':26s} {intercept:+.3f}")
    unfinished = weights.Model(tuple(means), tuple(scales), tuple(coef), intercept, 0.5)
    ex = gather(items) if with_examples else None
    preds = predictions(dev, [decide.signals(c.query, index, ex) for c in dev], unfinished, index)
    threshold = best_threshold(preds)
    print(f"  threshold (best dev accuracy): {threshold}")
    print("  dev reliability: among answers scored in each range, how many were right")
    print("\n".join("  " + line for line in reliability(preds)))
    return weights.Model(tuple(means), tuple(scales), tuple(coef), intercept, threshold), len(y)


def source(name: str, m: weights.Model) -> str:
    r = lambda v: ", ".join(f"{float(a):.4f}" for a in v)  # noqa: E731
    return f"{name} = Model(\n    ({r(m.means)}),\n    ({r(m.scales)}),\n    ({r(m.coefficients)}),\n    {m.intercept:.4f},\n    {m.threshold},\n)\n"


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--write", action="store_true", help="rewrite src/icefaq/match/weights.py and the stored examples")
    args = ap.parse_args()
    kb = knowledge.load(files.default_path())
    index = match.build_index(kb)
    train, dev = split("train") + split("queries"), split("dev")
    items = labelled(split("train"))
    with_ex, n_rows = fitted_model(train, dev, index, items, True)
    without, _ = fitted_model(train, dev, index, items, False)
    words, _ = fitted_model(train, dev, without_vectors(index), items, False)
    if not args.write:
        return
    text = (ROOT / "src" / "icefaq" / "match" / "weights.py").read_text(encoding="utf-8")
    head = text[: text.index("\n\n# ")]
    body = (
        f"\n\n# Fitted on the real-question train split plus tests/eval/queries.yaml ({len(train)} queries, {n_rows}\n"
        f"# candidate rows); each threshold chosen on the dev split ({len(dev)} queries).\n"
        "# Each model's numbers are per term (decide.terms: the signals, then with examples two products).\n"
        "# For the packaged knowledge base, which has examples: every signal in decide.FEATURES.\n"
        + source("WITH_EXAMPLES", with_ex)
        + "\n# For any other knowledge base: the signals before the two example ones.\n"
        + source("WITHOUT_EXAMPLES", without)
        + "\n# For an index without word-piece vectors: the same signals, the semantic ones always 0.\n"
        + source("WORDS_ONLY", words)
    )
    (ROOT / "src" / "icefaq" / "match" / "weights.py").write_text(head + body, encoding="utf-8")
    ex = gather(items)
    about = {
        "from": f"tests/corpus/train.yaml: {len(items)} questions",
        "answered": str(sum(len(v) for v in ex.answered.values()) // (4 + semantic.DIMS)),
        "refused": str(len(ex.refused) // (4 + semantic.DIMS)),
    }
    examples.write(examples.examples_file(), ex, about)
    print("\nwrote src/icefaq/match/weights.py and src/icefaq/data/examples.sqlite")


if __name__ == "__main__":
    main()
