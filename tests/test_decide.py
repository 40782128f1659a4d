"""Decisions: leads over the other candidates, the confidence bar, suggestions and tie order."""

from __future__ import annotations

import math

import pytest

from icefaq.match import decide, weights


def test_lead_is_measured_against_the_best_other_candidate():
    assert decide._lead(0.4, decide._two_best([0.4])) == 0.4
    assert decide._lead(0.0, decide._two_best([])) == 0.0
    best = decide._two_best([0.1, 0.5, 0.3])
    assert decide._lead(0.5, best) == 0.5 - 0.3
    assert decide._lead(0.3, best) == 0.3 - 0.5


def test_an_answer_exactly_at_the_threshold_is_confident():
    assert decide.confident([(0, 0.5)], 0.5)
    assert not decide.confident([(0, 0.49)], 0.5)
    assert not decide.confident([], 0.0)


def test_suggestions_are_the_three_likeliest_at_or_above_the_floor():
    ranked = [(i, 0.3 - i / 100) for i in range(6)]
    assert [i for i, _ in decide.suggestions(ranked)] == [0, 1, 2]
    assert decide.suggestions([(4, decide.SUGGEST), (5, decide.SUGGEST / 2)]) == [(4, decide.SUGGEST)]


class _NoExamples:
    examples = None

    def has_vectors(self) -> bool:
        return True


def test_equally_likely_entries_are_ranked_in_knowledge_base_order(monkeypatch):
    monkeypatch.setattr(decide, "signals", lambda query, index: {2: [0.0] * 9, 0: [0.0] * 9, 1: [0.0] * 9})
    assert [i for i, _ in decide.rank("q", _NoExamples())] == [0, 1, 2]


def test_terms_are_the_signals_and_with_examples_the_refused_signal_times_each_lead():
    x = [float(k + 1) for k in range(len(decide.FEATURES))]
    t = decide.terms(x)
    assert t[: len(x)] == x
    lex, sem, ref = (x[decide.FEATURES.index(n)] for n in ("lexical_lead", "semantic_lead", "refused"))
    assert t[len(x) :] == [ref * lex, ref * sem]
    assert decide.terms(x[:-2]) == x[:-2]  # without examples: no products
    assert decide.term_names(decide.FEATURES)[-2:] == ["refused*lexical_lead", "refused*semantic_lead"]


def _model(n_terms: int) -> weights.Model:
    means = tuple(0.05 * k for k in range(n_terms))
    scales = tuple(1.0 + 0.1 * k for k in range(n_terms))  # all different: a folding that mixes them up fails
    return weights.Model(means, scales, tuple(0.3 * (k - 5) for k in range(n_terms)), -1.0, 0.5)


def test_probability_is_the_logistic_of_the_standardised_terms():
    model = _model(len(decide.FEATURES) + len(decide.INTERACTIONS))
    x = [0.1 * k for k in range(len(decide.FEATURES))]
    z = -1.0 + sum(w * (v - m) / s for w, v, m, s in zip(model.coefficients, decide.terms(x), model.means, model.scales))
    assert abs(decide.probability(x, model) - 1 / (1 + math.exp(-z))) < 1e-12


def test_signals_that_do_not_fit_the_model_are_an_error_not_a_guess():
    with pytest.raises(ValueError):
        decide.probability([0.5] * (len(decide.FEATURES) - 2), _model(len(decide.FEATURES) + len(decide.INTERACTIONS)))


MODELS = {"with examples": weights.WITH_EXAMPLES, "without examples": weights.WITHOUT_EXAMPLES, "words only": weights.WORDS_ONLY}
ENTRY_SIGNALS = ("lexical", "semantic", "lexical_lead", "semantic_lead", "answered")


@pytest.mark.parametrize("name", sorted(MODELS))
@pytest.mark.parametrize("refused", [0.0, 0.3, 0.6, 0.9, 0.95])
def test_a_larger_lead_or_a_nearer_answered_question_never_lowers_the_probability(name, refused):
    """The fitted models are monotone in the signals that say "this entry is the one", for every
    value of the refused signal up to 0.95, the most seen on train, dev and the paraphrase sets:
    the products with it may not turn a lead against an entry. (Near 1 the query is all but a
    question the tool refuses, and leads stop mattering.)"""
    model = MODELS[name]
    n = len(decide.FEATURES) if model is weights.WITH_EXAMPLES else len(decide.FEATURES) - 2
    base = list(model.means[:n])
    if n == len(decide.FEATURES):
        base[decide.FEATURES.index("refused")] = refused
    for signal in ENTRY_SIGNALS:
        k = decide.FEATURES.index(signal)
        if k >= n or model.coefficients[k] == 0.0:
            continue  # not a signal of this model (words only: no semantic ones)
        lower, higher = list(base), list(base)
        lower[k] -= 0.2
        higher[k] += 0.2
        assert decide.probability(higher, model) > decide.probability(lower, model), signal


def test_the_model_judges_only_the_best_candidates_by_lexical_plus_semantic_score():
    n = 3 * decide.CANDIDATES
    found = {i: [0.01 * i, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0] for i in range(n)}
    for i in (0, 1, 2):  # weak words, strong meaning: in by the sum, out by either score alone
        found[i][decide.FEATURES.index("semantic")] = 0.5
    best = [2, 1, 0, *range(n - 1, n - 1 - (decide.CANDIDATES - 3), -1)]
    assert decide.shortlist(found) == best
    assert sorted(i for i, _ in decide.ranked(found, weights.WITHOUT_EXAMPLES)) == sorted(best)


def test_candidates_tied_at_the_cut_are_taken_in_knowledge_base_order():
    found = {i: [0.1, 0.0, 0.0, 0.0, 0.1, 0.0, 0.0, 0.0, 0.0] for i in reversed(range(2 * decide.CANDIDATES))}
    assert decide.shortlist(found) == list(range(decide.CANDIDATES))
