"""Typo correction against the knowledge base's own words, the knowledge base's own deliberate
misspellings, and the English word list that keeps real words ('speeding', 'estate') from being
'corrected'. The only rapidfuzz user of matching besides the similarity part of the lexical score."""

from __future__ import annotations

import functools

from .text import STOPWORDS, stem

TYPE_CHECKING = False
if TYPE_CHECKING:
    from collections.abc import Callable, Iterable


def max_edits(token: str) -> int:
    return 0 if len(token) <= 5 else 1 if len(token) <= 8 else 2


def correct(word: str, vocabulary: list[str], known: dict[str, float]) -> str:
    """Replace an unknown word by the closest word of the knowledge base, if it is close.

    Short words are corrected only for a swap of two letters ('waht'), since one changed
    letter turns most short words into other real words ('black' is not a typo of 'block').
    ``known`` holds the IDF of the words' stems, to prefer the more common of two candidates.
    """
    from rapidfuzz import process  # noqa: PLC0415
    from rapidfuzz.distance import OSA  # noqa: PLC0415

    limit = max(1, max_edits(word))
    found = process.extract(word, vocabulary, scorer=OSA.distance, score_cutoff=limit, limit=10)
    if len(word) <= 5:  # short words: only a swap of letters counts as a typo
        found = [f for f in found if sorted(f[0]) == sorted(word)]
    if not found:
        return word
    low = min(d for _, d, _ in found)
    # among equally close words, prefer function words, then the more common (lower IDF)
    return min((w for w, d, _ in found if d == low), key=lambda w: (w not in STOPWORDS, known.get(stem(w), 0.0), w))


def needs_correction(word: str, known: dict[str, float]) -> bool:
    return word not in STOPWORDS and len(word) >= 4 and word.isalpha() and stem(word) not in known


ENGLISH_MIN_LENGTH = 6  # shorter words are corrected only for swapped letters, which rarely make another word


@functools.lru_cache(maxsize=1)
def english_words() -> frozenset[str]:
    """Everyday English words of ENGLISH_MIN_LENGTH letters or more ('speeding', 'estate', 'skates').

    A query word that is one of these is a word, not a typo, even when the knowledge base
    does not use it: 'speeding' must not become 'spending'. The list is pyspellchecker's
    English word-frequency list (read as JSON; an empty set if it cannot be found).
    """
    import gzip  # noqa: PLC0415
    import json  # noqa: PLC0415

    path = english_source()
    if path is None:
        return frozenset()
    try:
        with gzip.open(path, "rt", encoding="utf-8") as fh:
            counts = json.load(fh)
    except (OSError, ValueError):
        return frozenset()
    return frozenset(w for w in counts if isinstance(w, str) and len(w) >= ENGLISH_MIN_LENGTH and w.isalpha() and w.islower())


def english_source() -> str | None:
    """The file the English word list is read from, or None if pyspellchecker is not installed."""
    import importlib.util  # noqa: PLC0415
    import os  # noqa: PLC0415

    spec = importlib.util.find_spec("spellchecker")
    for folder in (spec.submodule_search_locations or []) if spec else []:
        path = os.path.join(folder, "resources", "en.json.gz")
        if os.path.isfile(path):
            return path
    return None


def typo_pairs(
    phrasing_words: set[str], answer_words: set[str], english: Callable[[Iterable[str]], set[str]] | None = None
) -> dict[str, str]:
    """The knowledge base's own misspellings, each with the one word it misspells.

    Aliases spell some words wrongly on purpose ("deportaton totals per year"), so that the same
    typo in a query is found. But a misspelling the knowledge base knows is never corrected, so
    "deportaton process" would meet only the aliases with that typo. A word of the questions and
    aliases that no answer uses, of ENGLISH_MIN_LENGTH letters or more and not an English word,
    counts as a misspelling of an English word the answers use when it is one edit (OSA) from
    exactly one such word, with the same first letter; the two then form one concept, as a
    glossary pair does. (Answers are proofread: a word they use, like "repost", is no typo.)
    ``english`` picks the English words out of a set (by default from :func:`english_words`).
    """
    from rapidfuzz import process  # noqa: PLC0415
    from rapidfuzz.distance import OSA  # noqa: PLC0415

    candidates = {w for w in phrasing_words - answer_words if len(w) >= ENGLISH_MIN_LENGTH}
    if not candidates:
        return {}
    known = (english or (lambda ws: set(ws) & english_words()))(candidates | answer_words)
    proper = sorted(answer_words & known)
    out: dict[str, str] = {}
    for w in sorted(candidates - known):
        near = [m for m, _, _ in process.extract(w, proper, scorer=OSA.distance, score_cutoff=1, limit=2)]
        if len(near) == 1 and near[0][0] == w[0]:
            out[w] = near[0]
    return out
