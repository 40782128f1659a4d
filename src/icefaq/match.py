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
each part taken at the entry's best question or alias. Weights are IDF ** 0.5. Only entries
that share a token with the query (glossary equivalents and answers included) are scored: the
others could reach at most SIMILARITY / the sum, far below any threshold. The decision rule: the best entry is a confident
match when its score reaches the bar and it leads the runner-up by at least ``MARGIN``, or
its score is at least ``STRONG_THRESHOLD`` whatever the margin. The bar is
``DEFAULT_THRESHOLD`` for a query of up to ``LENGTH_FREE`` concepts, lowered by
``LENGTH_STEP`` for each concept beyond, down to ``LOWEST_BAR``: in a long question ("my dad
was picked up this morning and nobody will tell us where they took him, how do we find
him") no single question or alias can cover more than a small share of the words, though
the right entry still stands out. A caller's explicit threshold replaces the rule: every
entry scoring at least that matches.
"""

from __future__ import annotations

import functools
import math
import re
import unicodedata

from . import citations
from .errors import QueryError
from .model import Answer, Entry, KnowledgeBase, Match, Record

TYPE_CHECKING = False
if TYPE_CHECKING:
    from collections.abc import Iterable

COVERAGE, PRECISION, SIMILARITY = 0.5, 0.15, 0.25
ANSWER_WEIGHT = 0.45
DEFAULT_THRESHOLD = 0.5
STRONG_THRESHOLD = 0.75
LENGTH_FREE, LENGTH_STEP, LOWEST_BAR = 3, 0.01, 0.4
MARGIN = 0.02
SUGGESTION_FLOOR = 0.15
SHORTLIST = 200

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

# Set phrases of everyday English that say nothing about the topic ("who runs ICE right now" is not
# about rights). Dropped from queries before matching, like function words. Written as the tokenizer
# gives them (number words become digits).
FILLER_PHRASES = (
    ("right", "now"),
    ("right", "away"),
    ("these", "days"),
    ("this", "day"),
    ("at", "the", "moment"),
    ("in", "a", "nutshell"),
    ("bottom", "line"),
    ("short", "version"),
    ("long", "story", "short"),
    ("by", "the", "way"),
    ("of", "course"),
    ("kind", "of"),
    ("sort", "of"),
    ("a", "lot"),
    ("for", "real"),
    ("in", "general"),
    ("like", "im", "5"),
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
    words, stemmed = _words(text)
    return stemmed if stem_words else words


_UNITS = {w: n for n, w in enumerate("zero one two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen sixteen seventeen eighteen nineteen".split())}
_TENS = {w: 10 * n for n, w in enumerate("twenty thirty forty fifty sixty seventy eighty ninety".split(), start=2)}
_SCALES = {"hundred": 100, "thousand": 1000, "million": 1_000_000, "billion": 1_000_000_000}


def _numbers(words: list[str]) -> list[tuple[int, int, str]]:
    """Runs of number words ('four hundred', 'twenty five'), as (start, end, digits)."""
    runs = []
    i = 0
    while i < len(words):
        j, total, current, last = i, 0, 0, ""  # last: what the previous word was (unit, tens, scale)
        while j < len(words):
            w = words[j]
            if w in _UNITS and last in ("", "tens", "scale"):
                current += _UNITS[w]
                last = "unit"
            elif w in _TENS and last in ("", "scale"):
                current += _TENS[w]
                last = "tens"
            elif w in _SCALES and last in ("unit", "tens"):
                if _SCALES[w] == 100:
                    current *= 100
                else:
                    total, current = total + current * _SCALES[w], 0
                last = "scale"
            elif w == "and" and last == "scale" and j + 1 < len(words) and (words[j + 1] in _UNITS or words[j + 1] in _TENS):
                pass  # 'four hundred and twenty'
            else:
                break
            j += 1
        if j > i:
            runs.append((i, j, str(total + current)))
            i = j
        else:
            i += 1
    return runs


def _words(text: str) -> tuple[list[str], list[str]]:
    """The text's tokens as written, and the same tokens stemmed (function words and codes are left alone)."""
    words: list[str] = []
    stemmed: list[str] = []
    for raw in _TOKEN_RE.findall(normalize(text)):
        if "(" in raw or "." in raw:
            token = raw.replace("(", "").replace(")", "").replace(".", "")
            words.append(token)
            stemmed.append(token)
            continue
        raw = raw.replace("'", "")
        parts = raw.split("-")
        if len(parts) > 1 and (len(parts[0]) <= 2 or any(p.isdigit() for p in parts)):
            token = "".join(parts)  # i-9, e-verify, i-247a: one token
            words.append(token)
            stemmed.append(token)
        else:
            for p in parts:
                if p:
                    words.append(p)
                    stemmed.append(p if p in STOPWORDS else stem(p))
    for start, end, digits in reversed(_numbers(words)):  # 'four hundred' and '400' are one token
        words[start:end] = [digits]
        stemmed[start:end] = [digits]
    return words, stemmed


def content(tokens: list[str]) -> list[str]:
    return [t for t in tokens if t not in STOPWORDS]


class Index:
    """The compiled form of a knowledge base for matching, held in memory.

    ``texts[i]`` holds the content tokens of entry i's question and of each alias (with
    glossary equivalents added); ``plain[i]`` the same texts as plain strings for fuzzy
    comparison; ``answers[i]`` the answer's tokens; ``groups`` the glossary as groups of
    equivalent phrases (an acronym and its expansion, a word and its synonym); ``words`` the
    unstemmed words of the knowledge base, for correcting typos.

    The matcher reads an index only through ``n``, ``groups``, ``starts``, :meth:`entry_id`,
    :meth:`weights`, :meth:`frequencies`, :meth:`postings`, :meth:`vocabulary`, :meth:`english` and :meth:`parts`, so that the cache
    (index.py) can offer the same members backed by a file it reads piecemeal.
    """

    __slots__ = ("ids", "texts", "plain", "answers", "idf", "groups", "words", "starts", "_postings", "_memo")

    def __init__(
        self,
        ids: list[str],
        texts: list[list[list[str]]],
        plain: list[list[str]],
        answers: list[list[str]],
        idf: dict[str, float],
        groups: list[list[tuple[str, ...]]],
        words: list[str],
    ) -> None:
        self.ids, self.texts, self.plain, self.answers = ids, texts, plain, answers
        self.idf, self.groups, self.words = idf, groups, words
        self.starts = _starts(groups)
        self._postings: dict[str, list[int]] | None = None
        self._memo: dict[int, Parts] = {}

    @property
    def n(self) -> int:
        return len(self.ids)

    def entry_id(self, i: int) -> str:
        return self.ids[i]

    def weights(self, tokens: Iterable[str]) -> dict[str, float]:
        """The IDF weight of each of these tokens that the knowledge base contains."""
        idf = self.idf
        return {t: idf[t] for t in tokens if t in idf}

    def all_postings(self) -> dict[str, list[int]]:
        """Every token, with the entries (by number, ascending) whose texts or answer contain it."""
        if self._postings is None:
            postings: dict[str, list[int]] = {}
            for i, (tl, a) in enumerate(zip(self.texts, self.answers)):
                for tok in set(a).union(*map(set, tl)):
                    postings.setdefault(tok, []).append(i)
            self._postings = postings
        return self._postings

    def postings(self, tokens: Iterable[str]) -> dict[str, list[int]]:
        """For each of these tokens the knowledge base contains, the entries that contain it."""
        everything = self.all_postings()
        return {t: everything[t] for t in tokens if t in everything}

    def frequencies(self, tokens: Iterable[str]) -> dict[str, int]:
        """For each of these tokens the knowledge base contains, how many entries contain it."""
        everything = self.all_postings()
        return {t: len(everything[t]) for t in tokens if t in everything}

    def vocabulary(self) -> list[str]:
        return self.words

    def english(self, words: Iterable[str]) -> set[str]:
        """Those of these words that are everyday English words (see :func:`english_words`)."""
        return set(words) & english_words()

    def own(self, i: int) -> list[float]:
        """The IDF mass of each of entry i's texts (question, then aliases)."""
        idf = self.idf
        return [sum(idf.get(t, 0.0) for t in set(ts)) for ts in self.texts[i]]

    def parts(self, nums: Iterable[int]) -> dict[int, Parts]:
        """These entries' token sets, their union, the sets' IDF mass, the answer's tokens and the
        plain texts (built on first use, so that entries no query reaches cost nothing)."""
        memo = self._memo
        for i in nums:
            if i not in memo:
                memo[i] = make_parts(self.texts[i], self.own(i), self.answers[i], self.plain[i])
        return {i: memo[i] for i in nums}


Parts = tuple  # (list[frozenset[str]], frozenset[str], list[float], frozenset[str], list[str])


def make_parts(texts: list[list[str]], own: list[float], answer: list[str], plain: list[str]) -> Parts:
    sets = [frozenset(t) for t in texts]
    return (sets, frozenset().union(*sets), own, frozenset(answer), plain)


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
    words: set[str] = set()
    for e in kb.entries:
        tokenized = []
        for f in (e.question, *e.aliases, citations.strip(e.answer)):
            written, stemmed = _words(f)
            words.update(w for w in written if w.isalpha())
            tokenized.append(content(stemmed))
        answer = tokenized.pop()
        texts.append([_expand(t, groups, starts) for t in tokenized])
        plain.append([" ".join(t) for t in tokenized])
        answers.append(frozenset(_expand(answer, groups, starts)))
    n = len(kb.entries)
    df: dict[str, int] = {}
    for t_list, a in zip(texts, answers):
        for tok in set(a).union(*map(set, t_list)):
            df[tok] = df.get(tok, 0) + 1
    idf = {t: _idf(n, d) for t, d in sorted(df.items())}
    words |= {w for term, exp in kb.glossary.items() for w in tokenize(term + " " + exp, stem_words=False) if w.isalpha()}
    return Index([e.id for e in kb.entries], texts, plain, [sorted(a) for a in answers], idf, groups, sorted(words | STOPWORDS))


# --------------------------------------------------------------------------- queries


class _Concept:
    """One piece of the query's information: any one of ``alternatives`` (token groups) satisfies it."""

    __slots__ = ("alternatives", "weight", "singles", "multis")

    def __init__(self, alternatives: tuple[tuple[str, ...], ...], weight: float) -> None:
        self.alternatives = alternatives
        self.weight = weight
        self.singles = frozenset(a[0] for a in alternatives if len(a) == 1)
        self.multis = tuple(a for a in alternatives if len(a) > 1)

    def satisfaction(self, tokens: frozenset[str]) -> float:
        """1.0 when a one-word alternative is present, else the best share of a phrase's words present."""
        if not self.singles.isdisjoint(tokens):
            return 1.0
        return max((sum(1 for t in m if t in tokens) / len(m) for m in self.multis), default=0.0)


def _max_edits(token: str) -> int:
    return 0 if len(token) <= 5 else 1 if len(token) <= 8 else 2


def _correct(word: str, vocabulary: list[str], known: dict[str, float]) -> str:
    """Replace an unknown word by the closest word of the knowledge base, if it is close.

    Short words are corrected only for a swap of two letters ('waht'), since one changed
    letter turns most short words into other real words ('black' is not a typo of 'block').
    ``known`` holds the IDF of the words' stems, to prefer the more common of two candidates.
    """
    from rapidfuzz import process  # noqa: PLC0415
    from rapidfuzz.distance import OSA  # noqa: PLC0415

    limit = max(1, _max_edits(word))
    found = process.extract(word, vocabulary, scorer=OSA.distance, score_cutoff=limit, limit=10)
    if len(word) <= 5:  # short words: only a swap of letters counts as a typo
        found = [f for f in found if sorted(f[0]) == sorted(word)]
    if not found:
        return word
    low = min(d for _, d, _ in found)
    # among equally close words, prefer function words, then the more common (lower IDF)
    return min((w for w, d, _ in found if d == low), key=lambda w: (w not in STOPWORDS, known.get(stem(w), 0.0), w))


def _drop_fillers(words: list[str]) -> list[str]:
    out: list[str] = []
    i = 0
    while i < len(words):
        hit = next((p for p in FILLER_PHRASES if tuple(words[i : i + len(p)]) == p), None)
        if hit is None:
            out.append(words[i])
            i += 1
        else:
            i += len(hit)
    return out


def _needs_correction(word: str, known: dict[str, float]) -> bool:
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


def _concepts(query: str, index: Index, params: Params | None = None) -> tuple[list[_Concept], dict[str, float]]:
    """The query's concepts, weighted, and the IDF of every token they mention that the index knows."""
    params = params or DEFAULTS
    raw = _drop_fillers(tokenize(query[:MAX_QUERY_CHARS], stem_words=False))
    # "287 g", "i 9": pieces a tokenizer split are rejoined when the joined form is a known word
    pairs = [raw[i] + raw[i + 1] for i in range(len(raw) - 1) if len(raw[i]) == 1 or len(raw[i + 1]) == 1]
    known = index.weights({*map(stem, raw), *pairs})
    joined: list[str] = []
    i = 0
    while i < len(raw):
        if i + 1 < len(raw) and (raw[i] + raw[i + 1]) in known and (len(raw[i]) == 1 or len(raw[i + 1]) == 1):
            joined.append(raw[i] + raw[i + 1])
            i += 2
        else:
            joined.append(raw[i])
            i += 1
    unknown_words = {w for w in joined if _needs_correction(w, known)}
    long_ones = [w for w in unknown_words if len(w) >= ENGLISH_MIN_LENGTH]
    if long_ones:
        unknown_words -= index.english(long_ones)
    if unknown_words:
        vocabulary = index.vocabulary()
        fixes = {w: _correct(w, vocabulary, known) for w in sorted(unknown_words)}
        joined = [fixes.get(w, w) for w in joined]
    tokens = [stem(w) for w in content(joined)]
    hits: list[tuple[tuple[tuple[str, ...], ...], tuple[str, ...]]] = []  # (alternatives, the query's own words)
    i = 0
    while i < len(tokens):
        hit = _find(tokens, i, index.starts)
        if hit is not None:
            phrase, g = hit
            hits.append((tuple(index.groups[g]), phrase))
            i += len(phrase)
        else:
            hits.append((((tokens[i],),), (tokens[i],)))
            i += 1
    wanted = {t for alternatives, _ in hits for alt in alternatives for t in alt}
    known.update(index.weights(wanted - known.keys()))
    unknown = _idf(index.n, 1) * params.unknown  # an unseen word is at least as telling as the rarest
    power = params.idf_power
    out: list[_Concept] = []
    seen: set[tuple[tuple[str, ...], ...]] = set()
    for alternatives, own_words in hits:
        if alternatives in seen:  # a word said twice is still one piece of information
            continue
        seen.add(alternatives)
        out.append(_Concept(alternatives, max(known.get(t, unknown) for t in own_words) ** power))
    return out, known


def _shortlist(concepts: list[_Concept], index: Index) -> list[int]:
    """The entries that share a token with the query, the most promising first (at most SHORTLIST).

    In a knowledge base larger than SHORTLIST, a token found in more than a quarter of the
    entries (and more than SHORTLIST of them) proposes no candidates once rarer tokens have
    proposed some: like a function word, it would only add thousands of weak ones.
    """
    tokens = {t for c in concepts for alt in c.alternatives for t in alt}
    counts = index.frequencies(tokens)
    weights = index.weights(counts)
    common = max(SHORTLIST, index.n // 4)
    rough: dict[int, float] = {}
    for tok in sorted(counts, key=lambda t: (counts[t], t)):
        if rough and counts[tok] > common:
            break
        w = weights.get(tok, 0.0)
        for i in index.postings([tok])[tok]:
            rough[i] = rough.get(i, 0.0) + w
    if len(rough) <= SHORTLIST:
        return sorted(rough)
    return sorted(sorted(rough, key=lambda i: (-rough[i], i))[:SHORTLIST])


class Params(Record):
    """The matcher's global knobs (never per entry or per query); see the module docstring."""

    __slots__ = _fields = (
        "coverage",
        "precision",
        "similarity",
        "answer_weight",
        "unknown",
        "idf_power",
        "threshold",
        "margin",
        "strong",
        "length_free",
        "length_step",
        "lowest_bar",
    )
    _defaults = {
        "coverage": COVERAGE,
        "precision": PRECISION,
        "similarity": SIMILARITY,
        "answer_weight": ANSWER_WEIGHT,
        "unknown": 1.0,
        "idf_power": 0.5,  # square-rooted IDF: one rare word must not outweigh the rest of the query
        "threshold": DEFAULT_THRESHOLD,
        "margin": MARGIN,
        "strong": STRONG_THRESHOLD,
        "length_free": LENGTH_FREE,
        "length_step": LENGTH_STEP,
        "lowest_bar": LOWEST_BAR,
    }
    coverage: float
    precision: float
    similarity: float
    answer_weight: float
    unknown: float
    idf_power: float
    threshold: float
    margin: float
    strong: float
    length_free: int
    length_step: float
    lowest_bar: float

    def bar(self, length: int) -> float:
        """The score a confident match needs, for a query of ``length`` concepts."""
        return max(min(self.lowest_bar, self.threshold), self.threshold - self.length_step * max(0, length - self.length_free))


DEFAULTS = Params()


def features(query: str, index: Index, params: Params = DEFAULTS) -> list[tuple[int, float, float, float]]:
    """For each entry that shares a word with the query: (entry number, coverage by its best
    question or alias, best precision, best similarity), each in 0..1."""
    return _features(query, index, params)[0]


def _features(query: str, index: Index, params: Params) -> tuple[list[tuple[int, float, float, float]], int]:
    concepts, known = _concepts(query, index, params)
    total = sum(c.weight for c in concepts)
    if not concepts or total <= 0:
        return [], len(concepts)
    from rapidfuzz import fuzz, process  # noqa: PLC0415

    qset = frozenset(t for c in concepts for alt in c.alternatives for t in alt)
    qplain = " ".join(" ".join(c.alternatives[0]) for c in concepts)
    alpha = params.answer_weight
    nums = _shortlist(concepts, index)
    out = []
    for i, (sets, union, owns, answer, plain) in index.parts(nums).items():
        # a concept found only in the answer counts alpha; in a question or alias, fully
        in_answer = [alpha * c.satisfaction(answer) for c in concepts]
        floor = sum(c.weight * a for c, a in zip(concepts, in_answer))
        best_cov = floor
        best_prec = 0.0
        if not union.isdisjoint(qset):
            for tset, own in zip(sets, owns):
                if tset.isdisjoint(qset):
                    continue
                cov = sum(c.weight * max(c.satisfaction(tset), a) for c, a in zip(concepts, in_answer))
                best_cov = max(best_cov, cov)
                if own:
                    best_prec = max(best_prec, sum(known.get(t, 0.0) for t in tset & qset) / own)
        best = process.extractOne(qplain, plain, scorer=fuzz.token_sort_ratio)
        out.append((i, best_cov / total, best_prec, best[1] / 100.0 if best else 0.0))
    return out, len(concepts)


def combine(f: tuple[int, float, float, float], params: Params = DEFAULTS) -> float:
    """Weigh an entry's features into its score in 0..1."""
    _, cov, prec, sim = f
    total = params.coverage + params.precision + params.similarity
    return (params.coverage * cov + params.precision * prec + params.similarity * sim) / total


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
