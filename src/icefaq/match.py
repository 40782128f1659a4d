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

score = (COVERAGE * coverage + PRECISION * precision + SIMILARITY * similarity) / their sum,
each part taken at the entry's best question or alias (``Params.union`` can also weigh the
coverage of all of them together; tuning gave it weight 0). Weights are IDF ** 0.5. The decision rule: the best entry is a confident
match when its score is at least ``DEFAULT_THRESHOLD`` and it leads the runner-up by at
least ``MARGIN``, or its score is at least ``STRONG_THRESHOLD`` whatever the margin. A
caller's explicit threshold replaces the rule: every entry scoring at least that matches.
"""

from __future__ import annotations

import functools
import math
import re
import unicodedata
from dataclasses import dataclass, field
from typing import Any

from .errors import QueryError
from .model import Answer, Entry, KnowledgeBase, Match

COVERAGE, PRECISION, SIMILARITY = 0.5, 0.15, 0.25
ANSWER_WEIGHT = 0.45
DEFAULT_THRESHOLD = 0.5
STRONG_THRESHOLD = 0.75
MARGIN = 0.02
SUGGESTION_FLOOR = 0.15
SHORTLIST = 200
INDEX_VERSION = 2

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
    if not text.isascii():  # most text is ASCII: skip the per-character work
        text = unicodedata.normalize("NFKC", text).translate(_TRANSLATE)
        text = "".join(c for c in unicodedata.normalize("NFKD", text) if not unicodedata.combining(c))
    return " ".join(text.casefold().split())


_VOWELS = frozenset("aeiouy")
_STEP2 = (("ational", "ate"), ("ization", "ize"), ("ation", "ate"), ("ator", "ate"), ("ership", "er"), ("fulness", "ful"))
_STEP3 = ("ement", "ment", "ance", "ence", "able", "ible", "ism", "ist", "ity", "ate", "ive", "ize", "ion", "al")


@functools.lru_cache(maxsize=65536)
def stem(word: str) -> str:
    """Strip common English endings so 'deported', 'deportation' and 'deports' meet.

    A small Porter-style stemmer: plurals, then -ed/-ing, then one derivational suffix,
    then a final e, each only when enough of the word remains. Only consistency matters:
    the same function stems the knowledge base and the query.
    """
    if len(word) <= 3 or not word.isalpha():
        return word
    if word.endswith("sses"):
        word = word[:-2]
    elif word.endswith("ies") and len(word) > 4:
        word = word[:-3] + "y"
    elif word.endswith("s") and not word.endswith(("ss", "us", "is")):
        word = word[:-1]
    for suffix in ("ing", "ed"):
        if word.endswith(suffix) and len(word) - len(suffix) >= 3 and _VOWELS & set(word[: -len(suffix)]):
            word = word[: -len(suffix)]
            if word.endswith(("at", "bl", "iz")):
                word += "e"
            elif len(word) > 3 and word[-1] == word[-2] and word[-1] not in "lsz":
                word = word[:-1]  # stopped -> stop
            break
    for suffix, repl in _STEP2:
        if word.endswith(suffix) and len(word) - len(suffix) >= 3:
            word = word[: -len(suffix)] + repl
            break
    for suffix in _STEP3:
        if word.endswith(suffix) and len(word) - len(suffix) >= 4:
            if suffix != "ion" or word[-4] in "st":
                word = word[: -len(suffix)]
            break
    if len(word) > 4 and word.endswith("e"):
        word = word[:-1]
    return word


def tokenize(text: str, stem_words: bool = True) -> list[str]:
    """Split normalized text into (stemmed) tokens; '287(g)', 'I-9' and 'U.S.' stay whole."""
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
            out.extend(p if p in STOPWORDS or not stem_words else stem(p) for p in parts if p)
    return out


def content(tokens: list[str]) -> list[str]:
    return [t for t in tokens if t not in STOPWORDS]


@dataclass(frozen=True)
class Index:
    """The compiled, serializable form of a knowledge base for matching.

    ``texts[i]`` holds the content tokens of entry i's question and of each alias (with
    glossary equivalents added); ``plain[i]`` the same texts as plain strings for fuzzy
    comparison; ``answers[i]`` the answer's tokens; ``groups`` the glossary as groups of
    equivalent phrases (an acronym and its expansion, a word and its synonym).
    """

    ids: list[str]
    texts: list[list[list[str]]]
    plain: list[list[str]]
    answers: list[list[str]]
    idf: dict[str, float]
    groups: list[list[tuple[str, ...]]]
    words: list[str]  # the unstemmed words of the knowledge base, for correcting typos
    # derived from the above, never serialized:
    starts: dict[str, list[tuple[tuple[str, ...], int]]]  # first token -> (phrase, group), longest first
    postings: dict[str, list[int]]
    _memo: dict[int, tuple[list[frozenset[str]], frozenset[str], list[float], frozenset[str]]] = field(default_factory=dict, compare=False, repr=False)

    def parts(self, i: int) -> tuple[list[frozenset[str]], frozenset[str], list[float], frozenset[str]]:
        """Entry i's token sets, their union, their IDF mass, and its answer's tokens (built on first use,
        so that loading a large knowledge base does not pay for entries no query reaches)."""
        got = self._memo.get(i)
        if got is None:
            sets = [frozenset(t) for t in self.texts[i]]
            own = [sum(self.idf.get(t, 0.0) for t in ts) for ts in sets]
            got = (sets, frozenset().union(*sets), own, frozenset(self.answers[i]))
            self._memo[i] = got
        return got

    def to_json(self) -> dict[str, Any]:
        return {
            "version": INDEX_VERSION,
            "ids": self.ids,
            "texts": self.texts,
            "plain": self.plain,
            "answers": self.answers,
            "idf": self.idf,
            "groups": [[list(p) for p in g] for g in self.groups],
            "words": self.words,
            "postings": self.postings,
        }

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> Index:
        if data.get("version") != INDEX_VERSION:
            raise ValueError("index version mismatch")
        groups = [[tuple(str(t) for t in p) for p in g] for g in data["groups"]]
        postings = {str(k): [int(i) for i in v] for k, v in data["postings"].items()}
        return Index(data["ids"], data["texts"], data["plain"], data["answers"], data["idf"], groups, data["words"], _starts(groups), postings)


def _groups(glossary: dict[str, str]) -> list[list[tuple[str, ...]]]:
    """Turn 'term: expansion' pairs into groups of equivalent token phrases."""
    groups: list[list[tuple[str, ...]]] = []
    where: dict[tuple[str, ...], int] = {}
    for term, expansion in glossary.items():
        phrases = [tuple(content(tokenize(term))) or tuple(tokenize(term)), tuple(content(tokenize(expansion)))]
        phrases = [p for p in phrases if p]
        if len(set(phrases)) < 2:
            continue
        known = next((where[p] for p in phrases if p in where), None)
        if known is None:
            known = len(groups)
            groups.append([])
        for p in phrases:
            if p not in groups[known]:
                groups[known].append(p)
                where.setdefault(p, known)
    return groups


def _starts(groups: list[list[tuple[str, ...]]]) -> dict[str, list[tuple[tuple[str, ...], int]]]:
    out: dict[str, list[tuple[tuple[str, ...], int]]] = {}
    for g, phrases in enumerate(groups):
        for p in phrases:
            out.setdefault(p[0], []).append((p, g))
    for lst in out.values():
        lst.sort(key=lambda x: (-len(x[0]), x[1]))
    return out


def _find(tokens: list[str], i: int, starts: dict[str, list[tuple[tuple[str, ...], int]]]) -> tuple[tuple[str, ...], int] | None:
    """The longest glossary phrase starting at tokens[i], with its group."""
    for phrase, g in starts.get(tokens[i], ()):
        if tuple(tokens[i : i + len(phrase)]) == phrase:
            return phrase, g
    return None


def _expand(tokens: list[str], groups: list[list[tuple[str, ...]]], starts: dict[str, list[tuple[tuple[str, ...], int]]]) -> list[str]:
    """Add the tokens of every phrase equivalent to one found in the text."""
    extra: list[str] = []
    for i in range(len(tokens)):
        hit = _find(tokens, i, starts)
        if hit:
            for other in groups[hit[1]]:
                if other != hit[0]:
                    extra.extend(other)
    return tokens + [t for t in dict.fromkeys(extra) if t not in tokens]


def _idf(n: int, df: int) -> float:
    """BM25's inverse document frequency of a word found in df of n entries."""
    return math.log(1 + (n - df + 0.5) / (df + 0.5))


def build_index(kb: KnowledgeBase) -> Index:
    """Compile a knowledge base for matching: tokens, glossary equivalents and IDF weights."""
    groups = _groups(kb.glossary)
    starts = _starts(groups)
    texts, plain, answers = [], [], []
    for e in kb.entries:
        fields = [e.question, *e.aliases]
        tokenized = [content(tokenize(f)) for f in fields]
        texts.append([_expand(t, groups, starts) for t in tokenized])
        plain.append([" ".join(t) for t in tokenized])
        answers.append(frozenset(_expand(content(tokenize(e.answer)), groups, starts)))
    n = len(kb.entries)
    df: dict[str, int] = {}
    for t_list, a in zip(texts, answers):
        for tok in set(a).union(*map(set, t_list)):
            df[tok] = df.get(tok, 0) + 1
    idf = {t: _idf(n, d) for t, d in sorted(df.items())}
    words = {w for e in kb.entries for f in (e.question, *e.aliases, e.answer) for w in tokenize(f, stem_words=False) if w.isalpha()}
    words |= {w for term, exp in kb.glossary.items() for w in tokenize(term + " " + exp, stem_words=False) if w.isalpha()}
    return _assemble([e.id for e in kb.entries], texts, plain, answers, idf, groups, sorted(words | STOPWORDS))


def _assemble(
    ids: list[str], texts: list[Any], plain: list[Any], answers: list[frozenset[str]], idf: dict[str, float], groups: list[list[tuple[str, ...]]], words: list[str]
) -> Index:
    postings: dict[str, list[int]] = {}
    for i, (tl, a) in enumerate(zip(texts, answers)):
        for tok in set(a).union(*map(set, tl)):
            postings.setdefault(tok, []).append(i)
    return Index(ids, texts, plain, [sorted(a) for a in answers], idf, groups, words, _starts(groups), postings)


# --------------------------------------------------------------------------- queries


@dataclass(frozen=True)
class _Concept:
    alternatives: tuple[tuple[str, ...], ...]  # any one of these token groups satisfies it
    weight: float

    @property
    def singles(self) -> frozenset[str]:
        return frozenset(a[0] for a in self.alternatives if len(a) == 1)

    @property
    def multis(self) -> tuple[tuple[str, ...], ...]:
        return tuple(a for a in self.alternatives if len(a) > 1)


def _satisfaction(singles: frozenset[str], multis: tuple[tuple[str, ...], ...], tokens: frozenset[str]) -> float:
    """1.0 when a one-word alternative is present, else the best share of a phrase's words present."""
    if not singles.isdisjoint(tokens):
        return 1.0
    return max((sum(1 for t in m if t in tokens) / len(m) for m in multis), default=0.0)


def _max_edits(token: str) -> int:
    return 0 if len(token) <= 5 else 1 if len(token) <= 8 else 2


def _correct(word: str, index: Index, cache: dict[str, str]) -> str:
    """Replace an unknown word by the closest word of the knowledge base, if it is close.

    Short words are corrected only for a swap of two letters ('waht'), since one changed
    letter turns most short words into other real words ('black' is not a typo of 'block').
    """
    if word in STOPWORDS or len(word) < 4 or not word.isalpha() or stem(word) in index.idf:
        return word
    if word in cache:
        return cache[word]
    from rapidfuzz import process  # noqa: PLC0415
    from rapidfuzz.distance import OSA  # noqa: PLC0415

    limit = max(1, _max_edits(word))
    best = word
    found = process.extract(word, index.words, scorer=OSA.distance, score_cutoff=limit, limit=10)
    if len(word) <= 5:  # short words: only a swap of letters counts as a typo
        found = [f for f in found if sorted(f[0]) == sorted(word)]
    if found:
        low = min(d for _, d, _ in found)
        # among equally close words, prefer function words, then the more common (lower IDF)
        best = min((w for w, d, _ in found if d == low), key=lambda w: (w not in STOPWORDS, index.idf.get(stem(w), 0.0), w))
    cache[word] = best
    return best


def _concepts(query: str, index: Index, params: Params | None = None) -> list[_Concept]:
    params = params or DEFAULTS
    raw = tokenize(query[:MAX_QUERY_CHARS], stem_words=False)
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
    corrected = [_correct(t, index, cache) for t in joined]
    tokens = [stem(w) for w in content(corrected)]
    unknown = _idf(len(index.ids), 1) * params.unknown  # an unseen word is at least as telling as the rarest
    power = params.idf_power
    out: list[_Concept] = []
    i = 0
    while i < len(tokens):
        hit = _find(tokens, i, index.starts)
        if hit is not None:
            phrase, g = hit
            weight = max(index.idf.get(t, unknown) for t in phrase)
            out.append(_Concept(tuple(index.groups[g]), weight**power))
            i += len(phrase)
            continue
        out.append(_Concept(((tokens[i],),), index.idf.get(tokens[i], unknown) ** power))
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


@dataclass(frozen=True)
class Params:
    """The matcher's global knobs (never per entry or per query); see the module docstring."""

    coverage: float = COVERAGE
    union: float = 0.0
    precision: float = PRECISION
    similarity: float = SIMILARITY
    answer_weight: float = ANSWER_WEIGHT
    unknown: float = 1.0
    idf_power: float = 0.5  # square-rooted IDF: one rare word must not outweigh the rest of the query
    threshold: float = DEFAULT_THRESHOLD
    margin: float = MARGIN
    strong: float = STRONG_THRESHOLD


DEFAULTS = Params()


def features(query: str, index: Index, params: Params = DEFAULTS) -> list[tuple[int, float, float, float, float]]:
    """For each shortlisted entry: (entry number, coverage by its best question or alias,
    coverage by all of them together, best precision, best similarity), each in 0..1."""
    from rapidfuzz import fuzz  # noqa: PLC0415

    concepts = _concepts(query, index, params)
    total = sum(c.weight for c in concepts)
    if not concepts or total <= 0:
        return []
    query_tokens = {t for c in concepts for alt in c.alternatives for t in alt}
    qplain = " ".join(" ".join(c.alternatives[0]) for c in concepts)
    alpha = params.answer_weight
    parts = [(c.weight, c.singles, c.multis) for c in concepts]
    idf = index.idf
    out = []
    for i in _shortlist(concepts, index):
        sets, union, owns, answer = index.parts(i)
        # per concept: how well the answer alone, and all questions and aliases together, satisfy it
        ans_sat = [alpha * _satisfaction(s, m, answer) for _, s, m in parts]
        uni = sum(w * max(_satisfaction(s, m, union), a) for (w, s, m), a in zip(parts, ans_sat))
        best_cov = best_prec = best_sim = 0.0
        for tset, own, plain in zip(sets, owns, index.plain[i]):
            cov = sum(w * max(_satisfaction(s, m, tset), a) for (w, s, m), a in zip(parts, ans_sat))
            best_cov = max(best_cov, cov)
            if own:
                best_prec = max(best_prec, sum(idf.get(t, 0.0) for t in tset if t in query_tokens) / own)
            best_sim = max(best_sim, fuzz.token_sort_ratio(qplain, plain) / 100.0)
        out.append((i, best_cov / total, uni / total, best_prec, best_sim))
    return out


def combine(f: tuple[int, float, float, float, float], params: Params = DEFAULTS) -> float:
    """Weigh an entry's features into its score in 0..1."""
    _, cov, uni, prec, sim = f
    total = params.coverage + params.union + params.precision + params.similarity
    return (params.coverage * cov + params.union * uni + params.precision * prec + params.similarity * sim) / total


def score_all(query: str, index: Index, params: Params = DEFAULTS) -> list[tuple[int, float]]:
    """Score every (shortlisted) entry for a query; best first, ties in knowledge-base order."""
    results = [(f[0], round(combine(f, params), 4)) for f in features(query, index, params)]
    results.sort(key=lambda r: (-r[1], r[0]))
    return results


def decide(ranked: list[tuple[int, float]], threshold: float | None = None, params: Params = DEFAULTS) -> bool:
    """The decision rule: is the best of these ranked scores a confident match? (See the module docstring.)"""
    if not ranked:
        return False
    best = ranked[0][1]
    if threshold is not None:  # an explicit threshold is the whole rule
        return best >= threshold
    second = ranked[1][1] if len(ranked) > 1 else 0.0
    return best >= params.threshold and (best - second >= params.margin or best >= params.strong)


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
    ranked = score_all(query, index)

    def as_match(i: int, s: float) -> Match:
        entry = kb.get(index.ids[i])
        assert entry is not None  # the index was built from this knowledge base
        return Match(entry, min(1.0, max(0.0, s)))

    if decide(ranked, threshold):
        floor = DEFAULTS.threshold if threshold is None else threshold
        return Answer(query, tuple(as_match(i, s) for i, s in ranked[:top] if s >= floor))
    suggestions = [as_match(i, s) for i, s in ranked[:3] if s >= SUGGESTION_FLOOR]
    return Answer(query, (), tuple(suggestions))


def closest_ids(wanted: str, entries: tuple[Entry, ...], limit: int = 3) -> list[str]:
    """Return the entry ids that look most like a mistyped id."""
    from rapidfuzz import fuzz, process  # noqa: PLC0415

    found = process.extract(wanted.lower(), [e.id for e in entries], scorer=fuzz.WRatio, limit=limit, score_cutoff=70)
    return [f[0] for f in found]
