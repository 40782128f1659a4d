"""The lexical signal: a compiled index of the entries' words, and the coverage, precision and
similarity of a query against each entry's best question or alias.

How a query is scored against an entry (every part is in 0..1):

* coverage: the share of the query's information (IDF-weighted concepts) that the entry's
  question or one alias contains; a concept found only in the answer counts ANSWER_WEIGHT.
  An acronym and its glossary expansion are one concept, satisfied by either form.
* precision: the share of that question's or alias's own information the query mentions.
* similarity: the Dice overlap of the query's words and that question's or alias's words
  (twice the shared words over both counts): high only when the two say nearly the same thing.

score = (COVERAGE * coverage + PRECISION * precision + SIMILARITY * similarity) / their sum,
each part taken at the entry's best question or alias. Weights are IDF ** 0.5. Only entries
that share a token with the query (glossary equivalents and answers included) are scored. The
score and its parts are signals: whether to answer is decided in :mod:`.decide`.
"""

from __future__ import annotations

import math

from .. import citations
from ..model import KnowledgeBase, Record
from . import semantic, spelling
from .examples import Examples, for_knowledge_base
from .spelling import ENGLISH_MIN_LENGTH, english_words, typo_pairs
from .text import MAX_QUERY_CHARS, STOPWORDS, content, drop_fillers, stem, tokenize, words_of

TYPE_CHECKING = False
if TYPE_CHECKING:
    from collections.abc import Callable, Iterable


COVERAGE, PRECISION, SIMILARITY = 0.5, 0.15, 0.25
ANSWER_WEIGHT = 0.45
SHORTLIST = 200


class Index:
    """The compiled form of a knowledge base for matching, held in memory.

    ``texts[i]`` holds the content tokens of entry i's question and of each alias (with
    glossary equivalents added); ``answers[i]`` the answer's tokens; ``groups`` the glossary as groups of
    equivalent phrases (an acronym and its expansion, a word and its synonym); ``words`` the
    unstemmed words of the knowledge base, for correcting typos.

    The matcher reads an index only through ``n``, ``groups``, ``starts``, ``examples``, :meth:`entry_id`,
    :meth:`weights`, :meth:`frequencies`, :meth:`postings`, :meth:`vocabulary`, :meth:`english` and :meth:`parts`, so that the cache
    (index.py) can offer the same members backed by a file it reads piecemeal.
    """

    __slots__ = ("ids", "texts", "answers", "idf", "groups", "words", "starts", "vectors", "examples", "_postings", "_memo")

    def __init__(
        self,
        ids: list[str],
        texts: list[list[list[str]]],
        answers: list[list[str]],
        idf: dict[str, float],
        groups: list[list[tuple[str, ...]]],
        words: list[str],
        vectors: list[bytes] | None = None,
        examples: Examples | None = None,
    ) -> None:
        self.ids, self.texts, self.answers = ids, texts, answers
        self.idf, self.groups, self.words = idf, groups, words
        self.starts = _starts(groups)
        self.vectors = vectors or []  # per entry: packed unit vectors, the centroid first (see semantic)
        self.examples = examples  # labelled real questions to learn from (see examples), or None
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
        """These entries' token sets, their union, the sets' IDF mass and the answer's tokens
        (built on first use, so that entries no query reaches cost nothing)."""
        memo = self._memo
        for i in nums:
            if i not in memo:
                memo[i] = make_parts(self.texts[i], self.own(i), self.answers[i])
        return {i: memo[i] for i in nums}

    def entry_vectors(self, nums: Iterable[int]) -> dict[int, bytes]:
        """These entries' packed vectors (centroid, then each question and alias); empty without vectors."""
        vectors = self.vectors
        return {i: vectors[i] for i in nums if i < len(vectors)}

    def has_vectors(self) -> bool:
        return bool(self.vectors)


Parts = tuple[list[frozenset[str]], frozenset[str], list[float], frozenset[str]]


def make_parts(texts: list[list[str]], own: list[float], answer: list[str]) -> Parts:
    sets = [frozenset(t) for t in texts]
    return (sets, frozenset().union(*sets), own, frozenset(answer))


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


def build_index(kb: KnowledgeBase, english: Callable[[Iterable[str]], set[str]] | None = None) -> Index:
    """Compile a knowledge base for matching: tokens, glossary equivalents and IDF weights.

    ``english`` picks the English words out of a set (see :func:`spelling.typo_pairs`); the cache passes
    one that reads its own copy of the word list.
    """
    fields = [[words_of(f) for f in (e.question, *e.aliases, citations.strip(e.answer))] for e in kb.entries]
    phrasing_words = {w for entry in fields for written, _ in entry[:-1] for w in written if w.isalpha()}
    answer_words = {w for entry in fields for w in entry[-1][0] if w.isalpha()}
    groups = _groups({**typo_pairs(phrasing_words, answer_words, english), **kb.glossary})
    starts = _starts(groups)
    texts, answers = [], []
    for entry in fields:
        tokenized = [content(stemmed) for _, stemmed in entry]
        answer = tokenized.pop()
        texts.append([_expand(t, groups, starts) for t in tokenized])
        answers.append(frozenset(_expand(answer, groups, starts)))
    words = phrasing_words | answer_words
    n = len(kb.entries)
    df: dict[str, int] = {}
    for t_list, a in zip(texts, answers):
        for tok in set(a).union(*map(set, t_list)):
            df[tok] = df.get(tok, 0) + 1
    idf = {t: _idf(n, d) for t, d in sorted(df.items())}
    words |= {w for term, exp in kb.glossary.items() for w in tokenize(term + " " + exp, stem_words=False) if w.isalpha()}
    vectors = semantic.index_vectors(kb.entries) if n <= semantic.MAX_ENTRIES else []
    learned = for_knowledge_base(kb.path) if vectors else None
    ids = [e.id for e in kb.entries]
    return Index(ids, texts, [sorted(a) for a in answers], idf, groups, sorted(words | STOPWORDS), vectors, learned)


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


def _concepts(query: str, index: Index, params: Params | None = None) -> tuple[list[_Concept], dict[str, float]]:
    """The query's concepts, weighted, and the IDF of every token they mention that the index knows."""
    params = params or DEFAULTS
    raw = drop_fillers(tokenize(query[:MAX_QUERY_CHARS], stem_words=False))
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
    unknown_words = {w for w in joined if spelling.needs_correction(w, known)}
    long_ones = [w for w in unknown_words if len(w) >= ENGLISH_MIN_LENGTH]
    if long_ones:
        unknown_words -= index.english(long_ones)
    if unknown_words:
        vocabulary = index.vocabulary()
        fixes = {w: spelling.correct(w, vocabulary, known) for w in sorted(unknown_words)}
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
    )
    _defaults = {
        "coverage": COVERAGE,
        "precision": PRECISION,
        "similarity": SIMILARITY,
        "answer_weight": ANSWER_WEIGHT,
        "unknown": 1.0,
        "idf_power": 0.5,  # square-rooted IDF: one rare word must not outweigh the rest of the query
    }
    coverage: float
    precision: float
    similarity: float
    answer_weight: float
    unknown: float
    idf_power: float


DEFAULTS = Params()


def features(query: str, index: Index, params: Params = DEFAULTS) -> list[tuple[int, float, float, float]]:
    """For each entry that shares a word with the query: (entry number, coverage by its best
    question or alias, best precision, best similarity), each in 0..1."""
    return _features(query, index, params)[0]


def _features(query: str, index: Index, params: Params) -> tuple[list[tuple[int, float, float, float]], int]:
    found, length, _ = lexical_features(query, index, params)
    return found, length


def lexical_features(query: str, index: Index, params: Params = DEFAULTS) -> tuple[list[tuple[int, float, float, float]], int, float]:
    """The per-entry lexical features (see :func:`features`), the query's number of concepts, and the
    share of its information (IDF mass) made of words the knowledge base knows."""
    concepts, known = _concepts(query, index, params)
    total = sum(c.weight for c in concepts)
    if not concepts or total <= 0:
        return [], len(concepts), 0.0
    qset = frozenset(t for c in concepts for alt in c.alternatives for t in alt)
    qwords = frozenset(t for c in concepts for t in c.alternatives[0])  # the query's own words
    alpha = params.answer_weight
    nums = _shortlist(concepts, index)
    # which concepts each query token can satisfy: a text only changes the concepts it shares a token with
    by_token: dict[str, set[int]] = {}
    for k, c in enumerate(concepts):
        for alt in c.alternatives:
            for t in alt:
                by_token.setdefault(t, set()).add(k)
    # what a text's overlap with the query gives, by overlap (many texts share one: "ice", "detention"):
    # each touched concept with its weight and satisfaction, the overlap's IDF mass, its own words
    gives: dict[frozenset[str], tuple[list[tuple[int, float, float]], float, int]] = {}
    out = []
    for i, (sets, union, owns, answer) in index.parts(nums).items():
        # a concept found only in the answer counts alpha; in a question or alias, fully
        in_answer = [0.0] * len(concepts)
        for k in {k for t in answer & qset for k in by_token[t]}:
            in_answer[k] = alpha * concepts[k].satisfaction(answer)
        floor = sum(c.weight * a for c, a in zip(concepts, in_answer))
        best_cov = floor
        best_prec = best_sim = 0.0
        if not union.isdisjoint(qset):
            # texts with the same overlap differ only in size: the smallest gives the best precision and similarity
            smallest: dict[frozenset[str], tuple[float, int]] = {}
            for tset, own in zip(sets, owns):
                if tset.isdisjoint(qset):  # most texts share nothing: cheaper than building an empty set
                    continue
                shared = tset & qset
                least = smallest.get(shared)
                smallest[shared] = (own, len(tset)) if least is None else (min(least[0], own), min(least[1], len(tset)))
            for shared, (own, size) in smallest.items():
                given = gives.get(shared)
                if given is None:
                    touched = sorted({k for t in shared for k in by_token[t]})
                    sat = [(k, concepts[k].weight, concepts[k].satisfaction(shared)) for k in touched]
                    given = gives[shared] = (sat, sum(known.get(t, 0.0) for t in shared), len(shared & qwords))
                sat, mass, mine = given
                cov = floor + sum(w * max(0.0, v - in_answer[k]) for k, w, v in sat)
                best_cov = max(best_cov, cov)
                if own:
                    best_prec = max(best_prec, mass / own)
                best_sim = max(best_sim, 2 * mine / (size + len(qwords)))
        out.append((i, best_cov / total, best_prec, best_sim))
    known_mass = sum(c.weight for c in concepts if any(t in known for alt in c.alternatives for t in alt))
    return out, len(concepts), known_mass / total


def combine(f: tuple[int, float, float, float], params: Params = DEFAULTS) -> float:
    """Weigh an entry's features into its score in 0..1."""
    _, cov, prec, sim = f
    total = params.coverage + params.precision + params.similarity
    return (params.coverage * cov + params.precision * prec + params.similarity * sim) / total
