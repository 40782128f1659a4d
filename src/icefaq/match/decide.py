"""The one decision rule: how likely each entry is to answer the query, and whether to answer.

For every candidate entry the matcher gathers a few signals (:data:`FEATURES`): the lexical
score and its parts (coverage, precision, similarity; see :mod:`.lexical`), the semantic
similarity of the query to the entry's best question or alias (:mod:`.semantic`), each one's
lead over the best other entry, the share of the query's information the knowledge base
knows at all, and the query's length. For the query's :data:`CANDIDATES` best candidates by a
rough score (:func:`shortlist`), a logistic model weighs them (with the example signals, also
two products of them: :func:`terms`) into the probability that the entry answers the query:
that probability is the ``score`` users see, in 0..1, and those entries are ranked by it.
The model's few coefficients and its threshold live in :mod:`.weights`, fitted by
``bench/fit.py`` on the train split of the real-question corpus, the threshold chosen on its
dev split (see tests/corpus/README.md). The rule: answer with the best entry when its
probability reaches the threshold, else abstain and suggest the entries (at most three)
whose probability reaches :data:`SUGGEST`.

The packaged knowledge base also has labelled real questions to learn from (:mod:`.examples`):
two more signals, how near the query is to a question the entry answers and to questions the
tool must refuse, weighed by a model fitted with them (``weights.WITH_EXAMPLES``). Any other
knowledge base is judged by the first nine signals (``weights.WITHOUT_EXAMPLES``). Without word-piece
vectors (a knowledge base over ``semantic.MAX_ENTRIES`` entries, or a missing or damaged vectors
file) the semantic signals are all 0, which a model fitted with them reads as "unlike every
question": so such an index is judged by a model fitted on the word signals alone
(``weights.WORDS_ONLY``, whose semantic coefficients are 0).
"""

from __future__ import annotations

import math
from operator import mul

from . import semantic, weights
from .examples import Examples
from .lexical import DEFAULTS, Index, combine, lexical_features

TYPE_CHECKING = False
if TYPE_CHECKING:
    from collections.abc import Iterable

_OWN = object()  # signals(): use the index's own examples
FEATURES = (
    "lexical",
    "coverage",
    "precision",
    "similarity",
    "semantic",
    "lexical_lead",
    "semantic_lead",
    "known_share",
    "length",
    "answered",  # these two only with examples (see the module docstring)
    "refused",
)
INTERACTIONS = (("refused", "lexical_lead"), ("refused", "semantic_lead"))  # products of signals, as further terms: see terms()
_INDEX = {name: k for k, name in enumerate(FEATURES)}
SUGGEST = 0.05  # a "did you mean" suggestion needs at least this probability (1 in 20)
CANDIDATES = 10  # the model judges (and was fitted on) this many entries per query: see shortlist()
DEEP = 6  # how many entries (best by centroid, and best by lexical score) get the full semantic comparison


def signals(query: str, index: Index, examples: Examples | None | object = _OWN) -> dict[int, list[float]]:
    """Each candidate entry's signals, in :data:`FEATURES` order (the example signals only when
    there are examples: by default the index's own; bench/fit.py passes its own to leave a
    question's page out)."""
    found, length, known_share = lexical_features(query, index)
    lex = {f[0]: (combine(f, DEFAULTS), f[1], f[2], f[3]) for f in found}
    sem: dict[int, float] = {}
    deep: set[int] = set()
    qvec = semantic.encode_query(query) if index.has_vectors() else None
    if qvec is not None:
        scope = range(index.n) if index.n <= semantic.SCAN_ALL else sorted(lex)
        packed = index.entry_vectors(scope)
        sem = {i: semantic.centroid_similarity(qvec, p) for i, p in packed.items()}
        deep = set(sorted(sem, key=lambda i: -sem[i])[:DEEP]) | set(sorted(lex, key=lambda i: -lex[i][0])[:DEEP])
        for i in deep:
            if i in packed:
                sem[i] = max(sem[i], semantic.phrasing_similarity(qvec, packed[i]))
        top_sem = sorted(sem, key=lambda i: -sem[i])[:DEEP]
        for i in top_sem:  # entries that share no word with the query but mean the same
            lex.setdefault(i, (0.0, 0.0, 0.0, 0.0))
    if not lex:
        return {}
    ex = index.examples if examples is _OWN else examples
    learned = ex if isinstance(ex, Examples) and index.has_vectors() else None  # without vectors: the words-only model
    refused = learned.refused_similarity(qvec) if learned is not None and qvec is not None else 0.0
    best_lex = _two_best(v[0] for v in lex.values())
    best_sem = _two_best(sem.get(i, 0.0) for i in lex)
    size = math.log1p(length)
    out = {}
    for i, (score, cov, prec, sim) in lex.items():
        s = sem.get(i, 0.0)
        out[i] = [score, cov, prec, sim, s, _lead(score, best_lex), _lead(s, best_sem), known_share, size]
        if learned is not None:
            near = learned.answered_similarity(qvec, index.entry_id(i)) if qvec is not None and i in deep else 0.0
            out[i] += [near, refused]
    return out


def _two_best(values: Iterable[float]) -> tuple[float, float]:
    top = sorted(values, reverse=True)[:2]
    return (top[0] if top else 0.0, top[1] if len(top) > 1 else 0.0)


def _lead(value: float, best: tuple[float, float]) -> float:
    """How far this entry is ahead of the best other entry (negative when behind)."""
    return value - (best[1] if value >= best[0] else best[0])


def model(index: Index) -> weights.Model:
    """The fitted model for this index: with the example signals when it has examples, with the
    word signals alone when it has no vectors."""
    if not index.has_vectors():
        return weights.WORDS_ONLY
    return weights.WITH_EXAMPLES if index.examples is not None else weights.WITHOUT_EXAMPLES


def terms(x: list[float]) -> list[float]:
    """The model's terms: the signals, then (with the example signals) each product in :data:`INTERACTIONS`.

    With the products, a query close to questions the tool must refuse counts against an entry
    less when that entry leads every other by a wide margin. Cross-validation (bench/cv.py, the
    labels of 2026-12-04 before that day's new entries): 79.4% with the signals alone, 81.0% with
    these products. Products of every pair of signals measured 82.0%, but the fitted model then gave
    a lower probability for a larger lead in about a quarter of the rows (and answered nothing in a
    three-entry knowledge base, whose leads are larger than any it was fitted on). With these two, a
    larger lead still never lowers the probability, unless the query is all but one of the questions
    to refuse (tests/test_decide.py).
    """
    if len(x) < len(FEATURES):
        return x
    return x + [x[_INDEX[a]] * x[_INDEX[b]] for a, b in INTERACTIONS]


def term_names(names: tuple[str, ...]) -> list[str]:
    """The names of :func:`terms` for signals with these names."""
    return [*names, *(f"{a}*{b}" for a, b in INTERACTIONS)] if len(names) == len(FEATURES) else list(names)


def probability(x: list[float], fitted: weights.Model = weights.WITH_EXAMPLES) -> float:
    """The fitted model's probability that an entry with these signals answers the query.

    Raises:
        ValueError: the signals are not the ones the model was fitted on (their number differs).
    """
    constant, per_term = fitted.folded
    t = terms(x)
    if len(t) != len(per_term):
        raise ValueError(f"{len(x)} signals for a model of {len(per_term)} terms")
    z = constant + sum(map(mul, per_term, t))
    return 1.0 / (1.0 + math.exp(-max(-30.0, min(30.0, z))))


def rank(query: str, index: Index) -> list[tuple[int, float]]:
    """The shortlisted entries with their probabilities, most likely first (ties in knowledge-base order)."""
    return ranked(signals(query, index), model(index))


def shortlist(found: dict[int, list[float]]) -> list[int]:
    """The :data:`CANDIDATES` entries the model judges, the same it was fitted on (bench/fit.py).

    They are the best by a rough score, lexical plus semantic, ties in knowledge-base order.
    """
    lexical, semantic_ = _INDEX["lexical"], _INDEX["semantic"]
    return sorted(found, key=lambda i: (-(found[i][lexical] + found[i][semantic_]), i))[:CANDIDATES]


def ranked(found: dict[int, list[float]], fitted: weights.Model) -> list[tuple[int, float]]:
    """The shortlisted entries (:func:`shortlist`) with their probabilities under this model, most likely first."""
    out = [(i, round(probability(found[i], fitted), 4)) for i in shortlist(found)]
    out.sort(key=lambda r: (-r[1], r[0]))
    return out


def threshold(index: Index) -> float:
    """The fitted threshold of this index's model: the least probability of an answer."""
    return model(index).threshold


def confident(ranked: list[tuple[int, float]], bar: float) -> bool:
    """Is the best of these ranked entries a confident answer (its probability at least ``bar``)?"""
    return bool(ranked) and ranked[0][1] >= bar


def suggestions(ranked: list[tuple[int, float]], limit: int = 3) -> list[tuple[int, float]]:
    """The entries worth suggesting when no answer is confident: the likeliest, above :data:`SUGGEST`."""
    return [r for r in ranked[:limit] if r[1] >= SUGGEST]
