"""Grouped cross-validation of the matcher's decision model on the corpus's train and dev splits.

    python bench/cv.py [--folds 5]

The train and dev splits are pooled and cut into folds by source page (every question of one
page in one fold, as the corpus splits are made). For each fold, the rest stands in for the train
split exactly as bench/fit.py uses it: its questions are the examples (each training question's
example signals from other pages only), the decision model is fitted on it plus
tests/eval/queries.yaml, and the threshold is chosen on it. The held-out fold is then answered
with the examples of the rest. Prints the pooled measures over all held-out folds, with and
without examples: a steadier measure than the dev split alone (about 3.5 times as many
questions) for judging a change to the signals. The test split is never read here. Needs numpy.
"""

from __future__ import annotations

import argparse
import hashlib
import sys

from evalsets import ROOT, Case, measure, split
from fit import Prediction, best_threshold, fit, gather, labelled, predictions, rows, training_signals

sys.path.insert(0, str(ROOT / "src"))

from icefaq import files, knowledge, match  # noqa: E402
from icefaq.match import decide, weights  # noqa: E402


def fold_of(case: Case, folds: int) -> int:
    return int(hashlib.sha256(case.url.encode()).hexdigest(), 16) % folds


def report(name: str, preds: list[Prediction], thresholds: list[float]) -> None:
    got = {c.query: ([top] if top else [], p >= t) for (c, top, p), t in zip(preds, thresholds)}
    m, _ = measure([c for c, _, _ in preds], lambda q: got[q])
    print(
        f"{name:17s} accuracy {m.accuracy:.1%}  top-1 {m.top1:.1%}  false abstention {m.false_abstain:.1%}  "
        f"false answer {m.false_answer:.1%}  wrong {m.wrong:.1%}"
    )


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--folds", type=int, default=5)
    args = ap.parse_args()
    kb = knowledge.load(files.default_path())
    index = match.build_index(kb)
    pool, extra = split("train") + split("dev"), split("queries")
    pool_items = labelled(pool)
    print(f"{args.folds}-fold grouped cross-validation over train+dev: {len(pool)} questions ({sum(not c.ids for c in pool)} out of scope)")
    for with_examples in (True, False):
        preds: list[Prediction] = []
        thresholds: list[float] = []
        for k in range(args.folds):
            rest = [c for c in pool if fold_of(c, args.folds) != k]
            held = [c for c in pool if fold_of(c, args.folds) == k]
            items = [(c, v) for c, v in pool_items if fold_of(c, args.folds) != k]
            fit_cases = rest + extra
            fit_sigs = training_signals(fit_cases, index, items, with_examples)
            x, y = rows(fit_cases, fit_sigs, index)
            coef, intercept, means, scales = fit(x, y)
            model = weights.Model(tuple(means), tuple(scales), tuple(coef), intercept, 0.5)
            t = best_threshold(predictions(rest, fit_sigs[: len(rest)], model, index))
            ex = gather(items) if with_examples else None
            preds += predictions(held, [decide.signals(c.query, index, ex) for c in held], model, index)
            thresholds += [t] * len(held)
        report("with examples" if with_examples else "without examples", preds, thresholds)


if __name__ == "__main__":
    main()
