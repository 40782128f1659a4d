"""Retrieval quality of icefaq's matcher against two baselines, on a labelled query set.

Usage:
    python bench/retrieval.py [--data data/faq.yaml] [--queries tests/eval/queries.yaml] [--misses]

Prints, for each method: accuracy over all queries (right entry first for in-scope ones,
no match for off-topic ones), top-1 accuracy and mean reciprocal rank on in-scope queries,
the correct-abstention rate on off-topic queries and the false-abstention rate on in-scope
ones. Each baseline gets the cutoff that maximizes its own accuracy on this set (an
advantage icefaq's fixed, documented threshold does not get). Needs the `bench` extra
(bm25s) for the BM25 baseline.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from icefaq import knowledge, match  # noqa: E402
from icefaq.model import KnowledgeBase  # noqa: E402


@dataclass
class Case:
    query: str
    expect: str | None  # None: off-topic, must get no match


def load_cases(path: Path) -> list[Case]:
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    cases = [Case(c["query"], c["expect"]) for c in data["in_scope"]]
    cases += [Case(q, None) for q in data["off_topic"]]
    return cases


@dataclass
class Scores:
    accuracy: float
    top1: float
    mrr: float
    correct_abstain: float
    false_abstain: float


# A ranker returns (ranked ids, best score); a decision turns the best score into match / no match.
Ranker = Callable[[str], tuple[list[str], float]]


def score(cases: list[Case], rank: Ranker, cutoff: float) -> tuple[Scores, list[tuple[Case, str | None]]]:
    right = top1 = 0
    rr: list[float] = []
    abstain_ok = off = false_abstain = inscope = 0
    misses: list[tuple[Case, str | None]] = []
    for c in cases:
        ids, best = rank(c.query)
        answer = ids[0] if ids and best >= cutoff else None
        if c.expect is None:
            off += 1
            abstain_ok += answer is None
            right += answer is None
        else:
            inscope += 1
            top1 += bool(ids) and ids[0] == c.expect
            rr.append(1.0 / (ids.index(c.expect) + 1) if c.expect in ids else 0.0)
            false_abstain += answer is None
            right += answer == c.expect
        if (answer != c.expect) and misses is not None:
            misses.append((c, answer))
    return Scores(right / len(cases), top1 / inscope, statistics.fmean(rr), abstain_ok / max(off, 1), false_abstain / inscope), misses


def best_cutoff(cases: list[Case], rank: Ranker) -> tuple[float, Scores]:
    cached = {c.query: rank(c.query) for c in cases}
    candidates = sorted({round(b, 4) for _, b in cached.values()})
    best = (0.0, score(cases, lambda q: cached[q], 0.0)[0])
    for cut in candidates:
        s = score(cases, lambda q: cached[q], cut)[0]
        if s.accuracy > best[1].accuracy:
            best = (cut, s)
    return best


def icefaq_ranker(kb: KnowledgeBase) -> Callable[[str], tuple[list[str], bool]]:
    index = match.build_index(kb)

    def run(q: str) -> tuple[list[str], bool]:
        ranked = match.score_all(q, index)
        ids = [index.ids[i] for i, _ in ranked[:10]]
        a = match.ask(q, kb, index)
        return ids, a.matched

    return run


def wratio_ranker(kb: KnowledgeBase) -> Ranker:
    from rapidfuzz import fuzz, process, utils

    texts, owners = [], []
    for e in kb.entries:
        for t in (e.question, *e.aliases):
            texts.append(t)
            owners.append(e.id)

    def run(q: str) -> tuple[list[str], float]:
        found = process.extract(q, texts, scorer=fuzz.WRatio, processor=utils.default_process, limit=30)
        ids: list[str] = []
        for _, _, i in found:
            if owners[i] not in ids:
                ids.append(owners[i])
        return ids, (found[0][1] / 100 if found else 0.0)

    return run


def bm25_ranker(kb: KnowledgeBase) -> Ranker:
    import bm25s

    corpus = [" ".join([e.question, *e.aliases, e.answer]) for e in kb.entries]
    retriever = bm25s.BM25()
    retriever.index(bm25s.tokenize(corpus, stopwords="en", show_progress=False), show_progress=False)
    ids = [e.id for e in kb.entries]

    def run(q: str) -> tuple[list[str], float]:
        tokens = bm25s.tokenize([q], stopwords="en", show_progress=False)
        if not tokens.vocab:
            return [], 0.0
        docs, scores = retriever.retrieve(tokens, k=min(10, len(ids)), show_progress=False)
        return [ids[int(d)] for d in docs[0]], float(scores[0][0])

    return run


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--data", default=str(ROOT / "data" / "faq.yaml"))
    ap.add_argument("--queries", default=str(ROOT / "tests" / "eval" / "queries.yaml"))
    ap.add_argument("--misses", action="store_true", help="list icefaq's wrong answers")
    args = ap.parse_args()
    kb = knowledge.load(args.data)
    cases = load_cases(Path(args.queries))
    n_in = sum(c.expect is not None for c in cases)
    print(f"knowledge base: {args.data} ({len(kb.entries)} entries)")
    print(f"queries: {args.queries} ({n_in} in scope, {len(cases) - n_in} off-topic)\n")

    rank = icefaq_ranker(kb)
    results = {c.query: rank(c.query) for c in cases}
    index = match.build_index(kb)
    t0 = time.perf_counter()
    for c in cases:
        match.ask(c.query, kb, index)
    per_query_ms = (time.perf_counter() - t0) * 1000 / len(cases)
    ice, misses = score(cases, lambda q: (results[q][0], 1.0 if results[q][1] else 0.0), 0.5)
    label = "icefaq (bar %.2f, lower for long queries down to %.2f; margin %.2f)" % (match.DEFAULT_THRESHOLD, match.LOWEST_BAR, match.MARGIN)
    rows = [(label, ice)]
    cut, s = best_cutoff(cases, wratio_ranker(kb))
    rows.append((f"rapidfuzz WRatio extractOne (best cutoff {cut * 100:.0f})", s))
    try:
        cut, s = best_cutoff(cases, bm25_ranker(kb))
        rows.append((f"BM25 bm25s (best cutoff {cut:.2f})", s))
    except ImportError:
        print("(bm25s not installed: pip install -e '.[bench]' for the BM25 baseline)")

    print("| method | accuracy (all) | top-1 (in scope) | MRR | correct abstention | false abstention |")
    print("|---|---:|---:|---:|---:|---:|")
    for name, r in rows:
        print(f"| {name} | {r.accuracy:.1%} | {r.top1:.1%} | {r.mrr:.3f} | {r.correct_abstain:.1%} | {r.false_abstain:.1%} |")
    print(f"\nicefaq matching time: {per_query_ms:.2f} ms per query (match.ask in process, mean over the set)")
    if args.misses:
        print("\nicefaq misses:")
        for c, got in misses:
            ids = results[c.query][0][:3]
            print(f"  {c.query!r}: expected {c.expect}, got {got} (ranked {ids})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
