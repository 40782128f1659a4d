"""Match a user's question to knowledge-base entries, or decide that nothing matches.


The package's parts, each readable alone: :mod:`.text` (normalise, tokenise, stem),
:mod:`.spelling` (typo correction), :mod:`.lexical` (the word index and its scores),
:mod:`.semantic` (meaning-level similarity from distilled word-piece vectors) and
:mod:`.decide` (the one decision rule). This module wires them into :func:`ask`.
"""

from __future__ import annotations

from ..errors import QueryError
from ..model import Answer, Entry, KnowledgeBase, Match
from .lexical import (
    DEFAULT_THRESHOLD,
    DEFAULTS,
    LOWEST_BAR,
    MARGIN,
    SUGGESTION_FLOOR,
    Index,
    Params,
    Parts,
    _concepts,
    _features,
    _starts,
    build_index,
    combine,
    features,
    make_parts,
)
from .spelling import correct as _correct
from .spelling import english_source, english_words
from .text import normalize, stem, tokenize

__all__ = [
    "DEFAULTS", "DEFAULT_THRESHOLD", "LOWEST_BAR", "MARGIN", "Index", "Params", "Parts", "ask", "build_index",
    "closest_ids", "combine", "decide", "english_source", "english_words", "features", "make_parts", "normalize",
    "rank", "score_all", "stem", "tokenize", "_concepts", "_correct", "_features", "_starts",
]


def score_all(query: str, index: Index, params: Params = DEFAULTS) -> list[tuple[int, float]]:
    """Score every (shortlisted) entry for a query; best first, ties in knowledge-base order."""
    return rank(query, index, params)[0]


def rank(query: str, index: Index, params: Params = DEFAULTS) -> tuple[list[tuple[int, float]], int]:
    """The scored entries, best first (see :func:`score_all`), and the number of concepts in the query."""
    found, length = _features(query, index, params)
    results = [(f[0], round(combine(f, params), 4)) for f in found]
    results.sort(key=lambda r: (-r[1], r[0]))
    return results, length


def decide(ranked: list[tuple[int, float]], threshold: float | None = None, params: Params = DEFAULTS, length: int = 0) -> bool:
    """The decision rule: is the best of these ranked scores, for a query of ``length``
    concepts, a confident match? (See the module docstring.)"""
    if not ranked:
        return False
    best = ranked[0][1]
    if threshold is not None:  # an explicit threshold is the whole rule
        return best >= threshold
    second = ranked[1][1] if len(ranked) > 1 else 0.0
    return best >= params.bar(length) and (best - second >= params.margin or best >= params.strong)


def ask(
    query: str,
    kb: KnowledgeBase,
    index: Index | None = None,
    top: int = 1,
    threshold: float | None = None,
) -> Answer:
    """Answer a query: the confident matches (up to ``top``), or suggestions when none is confident.

    Args:
        query: the user's words.
        kb: the knowledge base the index was built from.
        index: its compiled index (built on the fly when not given).
        top: how many matches to return at most.
        threshold: the minimum score of a confident match (default ``DEFAULT_THRESHOLD``).
    """
    if not any(c.isalnum() for c in query):
        raise QueryError('the question is empty; try: icefaq ask "what does ERO do"')
    index = index or build_index(kb)
    ranked, length = rank(query, index)

    def as_match(i: int, s: float) -> Match:
        entry = kb.get(index.entry_id(i))
        assert entry is not None  # the index was built from this knowledge base
        return Match(entry, min(1.0, max(0.0, s)))

    if decide(ranked, threshold, length=length):
        floor = DEFAULTS.bar(length) if threshold is None else threshold
        return Answer(query, tuple(as_match(i, s) for i, s in ranked[:top] if s >= floor))
    suggestions = [as_match(i, s) for i, s in ranked[:3] if s >= SUGGESTION_FLOOR]
    return Answer(query, (), tuple(suggestions))


def closest_ids(wanted: str, entries: tuple[Entry, ...], limit: int = 3) -> list[str]:
    """Return the entry ids that look most like a mistyped id."""
    from rapidfuzz import fuzz, process  # noqa: PLC0415

    found = process.extract(wanted.lower(), [e.id for e in entries], scorer=fuzz.WRatio, limit=limit, score_cutoff=70)
    return [f[0] for f in found]

