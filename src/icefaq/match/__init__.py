"""Match a user's question to knowledge-base entries, or decide that nothing matches.


The package's parts, each readable alone: :mod:`.text` (normalise, tokenise, stem),
:mod:`.spelling` (typo correction), :mod:`.lexical` (the word index and its scores),
:mod:`.semantic` (meaning-level similarity from distilled word-piece vectors) and
:mod:`.decide` (the one decision rule). This module wires them into :func:`ask`.
"""

from __future__ import annotations

from ..errors import QueryError
from ..model import Answer, KnowledgeBase, Match
from . import decide
from .lexical import (
    DEFAULTS,
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

TYPE_CHECKING = False
if TYPE_CHECKING:
    from collections.abc import Sequence

__all__ = [
    "DEFAULTS",
    "Index",
    "Params",
    "Parts",
    "ask",
    "build_index",
    "closest_ids",
    "combine",
    "decide",
    "english_source",
    "english_words",
    "features",
    "make_parts",
    "normalize",
    "score_all",
    "stem",
    "tokenize",
    "_concepts",
    "_correct",
    "_features",
    "_starts",
]


def score_all(query: str, index: Index) -> list[tuple[int, float]]:
    """Score the query's shortlisted entries (``decide.CANDIDATES`` at most): (entry number, probability), best first."""
    return decide.rank(query, index)


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
        top: how many matches to return at most; every one reaches the threshold.
        threshold: the minimum score of a match (default: the fitted threshold, :func:`decide.threshold`).

    Raises:
        QueryError: the query has no letters or digits.
    """
    if not any(c.isalnum() for c in query):
        raise QueryError('the question is empty; try: icefaq ask "what does ERO do"')
    index = index or build_index(kb)
    ranked = decide.rank(query, index)

    def as_match(i: int, s: float) -> Match:
        entry = kb.get(index.entry_id(i))
        assert entry is not None  # the index was built from this knowledge base
        return Match(entry, min(1.0, max(0.0, s)))

    bar = decide.threshold(index) if threshold is None else threshold
    if decide.confident(ranked, bar):
        return Answer(query, tuple(as_match(i, s) for i, s in ranked[:top] if s >= bar))
    return Answer(query, (), tuple(as_match(i, s) for i, s in decide.suggestions(ranked)))


def closest_ids(wanted: str, ids: Sequence[str], limit: int = 3) -> list[str]:
    """Return the entry ids that look most like a mistyped id."""
    from rapidfuzz import fuzz, process  # noqa: PLC0415

    found = process.extract(wanted.lower(), ids, scorer=fuzz.WRatio, limit=limit, score_cutoff=70)
    return [f[0] for f in found]
