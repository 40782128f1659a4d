"""Match a user's question to knowledge-base entries, or decide that nothing matches.

Pure functions over a compiled :class:`Index`; the only module that imports rapidfuzz.
Nothing here knows about a particular knowledge base: term weights are learned from the
entries (IDF), acronyms come from the knowledge base's glossary, and the vocabulary used
to correct typos is the knowledge base's own.

How a query is scored against an entry (every part is in 0..1):

* coverage: the share of the query's information (IDF-weighted concepts) that the entry's
  question or one alias contains; a concept found only in the answer counts ANSWER_WEIGHT.
  An acronym and its glossary expansion are one concept, satisfied by either form.
* precision: the share of that question's or alias's own information the query mentions.
* similarity: rapidfuzz's token-sort ratio between the query and that question or alias,
  for word order and leftover typos.

score = COVERAGE * coverage + PRECISION * precision + SIMILARITY * similarity, taking the
best question or alias of the entry. The decision rule: the best entry is a confident
match when its score is at least ``DEFAULT_THRESHOLD`` and it leads the runner-up by at
least ``MARGIN``, or its score is at least ``STRONG_THRESHOLD`` whatever the margin. A
caller's explicit threshold replaces the rule: every entry scoring at least that matches.
"""

from __future__ import annotations

import math
import re
import unicodedata
from dataclasses import dataclass
from typing import Any

from .errors import QueryError
from .model import Answer, Entry, KnowledgeBase, Match

COVERAGE, PRECISION, SIMILARITY = 0.6, 0.15, 0.25
ANSWER_WEIGHT = 0.45
DEFAULT_THRESHOLD = 0.5
STRONG_THRESHOLD = 0.75
MARGIN = 0.02
SUGGESTION_FLOOR = 0.15
SHORTLIST = 200
INDEX_VERSION = 1

# Function words of English. They carry no topic; everything else is weighted from the data.
STOPWORDS = frozenset(
    """a about above after again against all am an and any are aren as at be because been before being below between
    both but by can cannot could couldn did didn do does doesn doing don down during each few for from further get gets
    getting got had hadn has hasn have haven having he her here hers herself him himself his how i if in into is isn it
    its itself just let lets me might more most much must my myself no nor not now of off on once only or other ought our
    ours ourselves out over own please same shall she should shouldn so some such tell than that the their theirs them
    themselves then there these they this those through to too under until up us very was wasn we were weren what when
    where which while who whom whose why will with won would wouldn you your yours yourself yourselves also really
    actually exactly basically anyone someone something anything thing things know want need like way explain mean
    means s t d ll m re ve y""".split()
)

_TRANSLATE = {ord(c): "'" for c in "\u2018\u2019\u201a\u201b\u2032\u00b4`"}
_TRANSLATE.update({ord(c): '"' for c in "\u201c\u201d\u201e\u201f\u2033"})
_TRANSLATE.update({ord(c): " " for c in "\u2010\u2011\u2012\u2013\u2014\u2015\u2212"})
_TRANSLATE.update({ord(c): None for c in "\u200b\u200c\u200d\u2060\ufeff\u00ad"})
_TOKEN_RE = re.compile(r"\d+\([a-z]\)|(?:[a-z]\.){2,}|[a-z0-9]+(?:['\-][a-z0-9]+)*")
MAX_QUERY_CHARS = 2000


def normalize(text: str) -> str:
    """Fold case, accents, width, quotes and dashes, and strip invisible characters."""
    text = unicodedata.normalize("NFKC", text).translate(_TRANSLATE)
    text = "".join(c for c in unicodedata.normalize("NFKD", text) if not unicodedata.combining(c))
    return " ".join(text.casefold().split())


def stem(word: str) -> str:
    """Strip common English inflections so 'deported', 'deports' and 'deport' meet."""
    if len(word) <= 3 or not word.isalpha():
        return word
    for suffix, repl, min_len in (
        ("ership", "er", 9),
        ("ism", "", 7),
        ("ists", "", 8),
        ("ist", "", 7),
        ("ences", "", 8),
        ("ence", "", 7),
        ("ances", "", 8),
        ("ance", "", 7),
        ("ational", "ate", 8),
        ("ations", "ate", 7),
        ("ation", "ate", 6),
        ("ings", "", 6),
        ("ing", "", 5),
        ("ied", "y", 5),
        ("ies", "y", 5),
        ("ed", "", 5),
        ("sses", "ss", 5),
        ("es", "", 6),
        ("s", "", 4),
    ):
        if word.endswith(suffix) and len(word) >= min_len and not (suffix == "s" and word.endswith(("ss", "us", "is"))):
            word = word[: len(word) - len(suffix)] + repl
            break
    if len(word) > 4 and word.endswith("e"):
        word = word[:-1]
    return word


def tokenize(text: str) -> list[str]:
    """Split normalized text into stemmed tokens; '287(g)', 'I-9' and 'U.S.' stay whole."""
    out: list[str] = []
    for raw in _TOKEN_RE.findall(normalize(text)):
        if "(" in raw or "." in raw:
            out.append(raw.replace("(", "").replace(")", "").replace(".", ""))
            continue
        raw = raw.replace("'", "")
        parts = raw.split("-")
        if len(parts) > 1 and (len(parts[0]) <= 2 or any(p.isdigit() for p in parts)):
            out.append("".join(parts))  # i-9, e-verify, i-247a: one token
        else:
            out.extend(p if p in STOPWORDS else stem(p) for p in parts if p)
    return out


def content(tokens: list[str]) -> list[str]:
    return [t for t in tokens if t not in STOPWORDS]


@dataclass(frozen=True)
class Index:
    """The compiled, serializable form of a knowledge base for matching.

    ``texts[i]`` is the content tokens of entry i's question followed by its aliases;
    ``answers[i]`` its answer's content tokens; ``glossary`` maps a term token to the
    token lists of its expansions; ``phrases`` maps an expansion (as a tuple) to its term.
    """

    ids: list[str]
    texts: list[list[list[str]]]
    plain: list[list[str]]
    answers: list[set[str]]
    idf: dict[str, float]
    primary_vocab: list[str]
    glossary: dict[str, list[list[str]]]
    phrases: dict[tuple[str, ...], str]
    postings: dict[str, list[int]]
    vocab: list[str]

    def to_json(self) -> dict[str, Any]:
        return {
            "version": INDEX_VERSION,
            "ids": self.ids,
            "texts": self.texts,
            "plain": self.plain,
            "answers": [sorted(a) for a in self.answers],
            "idf": self.idf,
            "primary_vocab": self.primary_vocab,
            "glossary": self.glossary,
        }

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> Index:
        if data.get("version") != INDEX_VERSION:
            raise ValueError("index version mismatch")
        return _assemble(
            data["ids"], data["texts"], data["plain"], [set(a) for a in data["answers"]], data["idf"], data["primary_vocab"], data["glossary"]
        )


def _expand(tokens: list[str], glossary: dict[str, list[list[str]]], phrases: dict[tuple[str, ...], str]) -> list[str]:
    """Add each glossary term's expansion after the term, and the term after its expansion."""
    extra: list[str] = []
    for t in tokens:
        for exp in glossary.get(t, ()):
            extra.extend(exp)
    if phrases:
        n = len(tokens)
        for phrase, term in phrases.items():
            k = len(phrase)
            for i in range(n - k + 1):
                if tuple(tokens[i : i + k]) == phrase:
                    extra.append(term)
                    break
    return tokens + [t for t in extra if t not in tokens]


def _glossary_tokens(glossary: dict[str, str]) -> dict[str, list[list[str]]]:
    out: dict[str, list[list[str]]] = {}
    for term, expansion in glossary.items():
        key = "".join(tokenize(term))
        exp = content(tokenize(expansion))
        if key and exp and exp != [key]:
            out.setdefault(key, []).append(exp)
    return out


def build_index(kb: KnowledgeBase) -> Index:
    """Compile a knowledge base for matching: tokens, glossary expansions and IDF weights."""
    glossary = _glossary_tokens(kb.glossary)
    phrases = _phrases(glossary)
    texts, plain, answers = [], [], []
    for e in kb.entries:
        fields = [e.question, *e.aliases]
        texts.append([_expand(content(tokenize(f)), glossary, phrases) for f in fields])
        plain.append([" ".join(content(tokenize(f))) for f in fields])
        answers.append(set(_expand(content(tokenize(e.answer)), glossary, phrases)))
    n = len(kb.entries)
    df: dict[str, int] = {}
    for t_list, a in zip(texts, answers):
        for tok in set(a).union(*map(set, t_list)):
            df[tok] = df.get(tok, 0) + 1
    idf = {t: math.log(1 + (n - d + 0.5) / (d + 0.5)) for t, d in df.items()}
    primary = sorted({t for tl in texts for text in tl for t in text} | set(glossary) | {t for exps in glossary.values() for e in exps for t in e})
    return _assemble([e.id for e in kb.entries], texts, plain, answers, idf, primary, glossary)


def _phrases(glossary: dict[str, list[list[str]]]) -> dict[tuple[str, ...], str]:
    return {tuple(exp): term for term, exps in glossary.items() for exp in exps if len(exp) > 1}


def _assemble(ids: list[str], texts: list[Any], plain: list[Any], answers: list[set[str]], idf: dict[str, float], primary: list[str], glossary: dict[str, list[list[str]]]) -> Index:
    postings: dict[str, list[int]] = {}
    for i, (tl, a) in enumerate(zip(texts, answers)):
        for tok in set(a).union(*map(set, tl)):
            postings.setdefault(tok, []).append(i)
    vocab = sorted(set(idf) | STOPWORDS)
    return Index(ids, texts, plain, answers, idf, primary, glossary, _phrases(glossary), postings, vocab)


# --------------------------------------------------------------------------- queries


@dataclass(frozen=True)
class _Concept:
    alternatives: tuple[tuple[str, ...], ...]  # any one of these token groups satisfies it
    weight: float


def _max_edits(token: str) -> int:
    return 0 if len(token) <= 4 else 1 if len(token) <= 7 else 2


def _correct(token: str, index: Index, cache: dict[str, str]) -> str:
    """Replace an unknown word by the closest known one (or function word), if it is close.

    Short words are corrected only for a swap of two letters ('waht'), since one changed
    letter turns most short words into other real words ('tree' is not a typo of 'free').
    """
    if token in index.idf or token in STOPWORDS or len(token) < 4 or not token.isalpha():
        return token
    if token in cache:
        return cache[token]
    from rapidfuzz import process  # noqa: PLC0415
    from rapidfuzz.distance import OSA  # noqa: PLC0415

    limit = max(1, _max_edits(token))
    best = token
    found = process.extract(token, index.vocab, scorer=OSA.distance, score_cutoff=limit, limit=10)
    if len(token) <= 4:
        found = [f for f in found if sorted(f[0]) == sorted(token)]
    if found:
        low = min(d for _, d, _ in found)
        # among equally close words, prefer function words, then the more common (lower IDF)
        best = min((w for w, d, _ in found if d == low), key=lambda w: (w not in STOPWORDS, index.idf.get(w, 0.0), w))
    cache[token] = best
    return best


def _concepts(query: str, index: Index) -> list[_Concept]:
    raw = tokenize(query[:MAX_QUERY_CHARS])
    # "287 g", "i 9": rejoin pieces a tokenizer split when the joined form is a known word
    joined: list[str] = []
    i = 0
    while i < len(raw):
        if i + 1 < len(raw) and (raw[i] + raw[i + 1]) in index.idf and (len(raw[i]) == 1 or len(raw[i + 1]) == 1):
            joined.append(raw[i] + raw[i + 1])
            i += 2
        else:
            joined.append(raw[i])
            i += 1
    cache: dict[str, str] = {}
    tokens = content([_correct(t, index, cache) for t in content(joined)])
    unknown = max(index.idf.values(), default=1.0) * 0.75
    out: list[_Concept] = []
    i = 0
    while i < len(tokens):
        phrase = next(
            (p for p in index.phrases if tuple(tokens[i : i + len(p)]) == p),
            None,
        )
        if phrase is not None:
            term = index.phrases[phrase]
            out.append(_Concept(((term,), phrase), index.idf.get(term, unknown)))
            i += len(phrase)
            continue
        t = tokens[i]
        alts = ((t,), *(tuple(e) for e in index.glossary.get(t, ())))
        out.append(_Concept(alts, index.idf.get(t, unknown)))
        i += 1
    # a word said twice is still one piece of information
    seen: set[tuple[tuple[str, ...], ...]] = set()
    return [c for c in out if not (c.alternatives in seen or seen.add(c.alternatives))]  # type: ignore[func-returns-value]


def _shortlist(concepts: list[_Concept], index: Index) -> list[int]:
    n = len(index.ids)
    if n <= SHORTLIST:
        return list(range(n))
    rough: dict[int, float] = {}
    for c in concepts:
        for alt in c.alternatives:
            for tok in alt:
                for i in index.postings.get(tok, ()):
                    rough[i] = rough.get(i, 0.0) + index.idf.get(tok, 0.0)
    return sorted(rough, key=lambda i: (-rough[i], i))[:SHORTLIST]


def score_all(query: str, index: Index) -> list[tuple[int, float]]:
    """Score every (shortlisted) entry for a query; best first, ties in knowledge-base order."""
    from rapidfuzz import fuzz  # noqa: PLC0415

    concepts = _concepts(query, index)
    total = sum(c.weight for c in concepts)
    if not concepts or total <= 0:
        return []
    query_tokens = {t for c in concepts for alt in c.alternatives for t in alt}
    qplain = " ".join(c.alternatives[0][0] if len(c.alternatives[0]) == 1 else " ".join(c.alternatives[0]) for c in concepts)
    idf = index.idf
    results: list[tuple[int, float]] = []
    for i in _shortlist(concepts, index):
        answer = index.answers[i]
        best = 0.0
        for text, plain in zip(index.texts[i], index.plain[i]):
            tset = set(text)
            covered = 0.0
            for c in concepts:
                sat = 0.0
                for alt in c.alternatives:
                    hit = sum(1 for t in alt if t in tset) / len(alt)
                    if hit < 1.0:
                        hit = max(hit, ANSWER_WEIGHT * sum(1 for t in alt if t in answer) / len(alt))
                    sat = max(sat, hit)
                covered += c.weight * sat
            own = sum(idf.get(t, 0.0) for t in tset)
            precision = sum(idf.get(t, 0.0) for t in tset if t in query_tokens) / own if own else 0.0
            similarity = fuzz.token_sort_ratio(qplain, plain) / 100.0
            s = COVERAGE * covered / total + PRECISION * precision + SIMILARITY * similarity
            best = max(best, s)
        results.append((i, round(best, 4)))
    results.sort(key=lambda r: (-r[1], r[0]))
    return results


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
    explicit = threshold is not None
    threshold = DEFAULT_THRESHOLD if threshold is None else threshold
    ranked = score_all(query, index)
    entries = {e.id: e for e in kb.entries}

    def as_match(i: int, s: float) -> Match:
        return Match(entries[index.ids[i]], min(1.0, max(0.0, s)))

    if not ranked:
        return Answer(query, ())
    best = ranked[0][1]
    second = ranked[1][1] if len(ranked) > 1 else 0.0
    # an explicit threshold is the whole rule: the caller asked for everything scoring at least that
    confident = best >= threshold and (explicit or best - second >= MARGIN or best >= STRONG_THRESHOLD)
    if confident:
        chosen = [as_match(i, s) for i, s in ranked[:top] if s >= threshold]
        return Answer(query, tuple(chosen))
    suggestions = [as_match(i, s) for i, s in ranked[:3] if s >= SUGGESTION_FLOOR]
    return Answer(query, (), tuple(suggestions))


def closest_ids(wanted: str, entries: tuple[Entry, ...], limit: int = 3) -> list[str]:
    """Return the entry ids that look most like a mistyped id."""
    from rapidfuzz import fuzz, process  # noqa: PLC0415

    found = process.extract(wanted.lower(), [e.id for e in entries], scorer=fuzz.WRatio, limit=limit, score_cutoff=70)
    return [f[0] for f in found]
