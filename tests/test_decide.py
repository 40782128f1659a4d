"""Decisions: leads over the other candidates, the confidence bar, suggestions and tie order."""

from __future__ import annotations

import math

from icefaq.match import decide


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


def test_probability_is_the_logistic_of_the_standardised_terms():
    from icefaq.match import weights

    model = weights.Model((0.5, 0.0, 0.1, 0.0, 1.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0), (2.0,) * 13, tuple(range(13)), -1.0, 0.5)
    x = [0.1 * k for k in range(11)]
    z = -1.0 + sum(w * (v - m) / s for w, v, m, s in zip(model.coefficients, decide.terms(x), model.means, model.scales))
    assert abs(decide.probability(x, model) - 1 / (1 + math.exp(-z))) < 1e-12


def test_a_larger_lead_or_a_nearer_answered_question_never_lowers_the_probability():
    """The fitted models are monotone in the signals that say "this entry is the one", for every
    value of the refused signal up to 0.9: the products with it may not turn a lead against an
    entry. (Near 1 the query is all but a question the tool refuses, and leads stop mattering;
    the most seen on dev and the paraphrase sets is 0.92.)"""
    from icefaq.match import weights

    typical = list(weights.WITH_EXAMPLES.means[: len(decide.FEATURES)])
    for model, n in ((weights.WITH_EXAMPLES, len(decide.FEATURES)), (weights.WITHOUT_EXAMPLES, len(decide.FEATURES) - 2)):
        for refused in (0.0, 0.3, 0.6, 0.9):
            base = typical[:n]
            if n == len(decide.FEATURES):
                base[decide.FEATURES.index("refused")] = refused
            for name in ("lexical", "semantic", "lexical_lead", "semantic_lead", "answered")[: 5 if n == len(decide.FEATURES) else 4]:
                k = decide.FEATURES.index(name)
                lower, higher = list(base), list(base)
                lower[k] -= 0.2
                higher[k] += 0.2
                assert decide.probability(higher, model) > decide.probability(lower, model), (name, refused)


def test_the_model_judges_only_the_best_candidates_by_rough_score():
    from icefaq.match import weights

    found = {i: [0.01 * i, 0.0, 0.0, 0.0, 0.01 * i, 0.0, 0.0, 0.0, 0.0] for i in range(3 * decide.CANDIDATES)}
    best = list(range(3 * decide.CANDIDATES - 1, 2 * decide.CANDIDATES - 1, -1))
    assert decide.shortlist(found) == best
    assert sorted(i for i, _ in decide.ranked(found, weights.WITHOUT_EXAMPLES)) == sorted(best)
