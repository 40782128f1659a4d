"""Choose the matcher's global parameters by grid search, with a split-half check for overfitting.

Usage: python bench/tune.py [--data data/faq.yaml] [--queries tests/eval/queries.yaml]

The labelled queries are split in two halves (alternate queries per entry). Parameters are
chosen on one half and reported on the other, so a choice that only fits the queries it
saw shows up as a gap between the two columns. Prints the best settings found; copying
them into icefaq/match.py is a deliberate, reviewed step.
"""

from __future__ import annotations

import argparse
import itertools
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))
sys.path.insert(0, str(ROOT / "bench"))

from retrieval import load_cases  # noqa: E402

from icefaq import knowledge, match  # noqa: E402


def accuracy(cases, feats, p: match.Params) -> float:
    right = 0
    for c, (fs, length) in zip(cases, feats):
        scored = sorted(((match.combine(f, p), f[0]) for f in fs), key=lambda x: (-x[0], x[1]))
        ranked = [(i, score) for score, i in scored]
        got = ids[ranked[0][0]] if match.decide(ranked, params=p, length=length) else None
        right += got == c.expect
    return right / len(cases)


def main() -> None:
    global ids
    ap = argparse.ArgumentParser()
    ap.add_argument("--data", default=str(ROOT / "data" / "faq.yaml"))
    ap.add_argument("--queries", default=str(ROOT / "tests" / "eval" / "queries.yaml"))
    ap.add_argument("--check", default=str(ROOT / "tests" / "eval" / "heldout.yaml"), help="a second set, only reported")
    args = ap.parse_args()
    kb = knowledge.load(args.data)
    index = match.build_index(kb)
    ids = index.ids
    cases = load_cases(Path(args.queries))
    second = load_cases(Path(args.check))
    seen: dict[str | None, int] = {}
    halves: list[list[int]] = [[], []]
    for n, c in enumerate(cases):
        k = seen.get(c.expect, 0)
        seen[c.expect] = k + 1
        halves[k % 2].append(n)

    results = []
    for alpha, unknown, power in itertools.product((0.45, 0.6), (0.5, 0.75), (0.5, 1.0)):
        base = match.Params(answer_weight=alpha, unknown=unknown, idf_power=power)
        feats = [match._features(c.query, index, base) for c in cases]
        feats2 = [match._features(c.query, index, base) for c in second]
        for cov, prec, sim in itertools.product((0.3, 0.5, 0.7), (0.0, 0.15, 0.3), (0.1, 0.25, 0.4)):
            for thr, margin, step in itertools.product((0.45, 0.5, 0.55), (0.0, 0.02), (0.0, 0.01, 0.02)):
                p = base.replace(coverage=cov, precision=prec, similarity=sim, threshold=thr, margin=margin, length_step=step)
                a = accuracy([cases[n] for n in halves[0]], [feats[n] for n in halves[0]], p)
                results.append((a, p, feats, feats2))
    results.sort(key=lambda r: -r[0])
    print("top settings chosen on half A, checked on half B, on all, and on the second set:")
    for a, p, feats, feats2 in results[:10]:
        b = accuracy([cases[n] for n in halves[1]], [feats[n] for n in halves[1]], p)
        full = accuracy(cases, feats, p)
        print(f"A {a:.3f}  B {b:.3f}  all {full:.3f}  second {accuracy(second, feats2, p):.3f}  {p}")


if __name__ == "__main__":
    main()
