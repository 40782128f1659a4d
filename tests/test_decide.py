"""Decisions: leads over the other candidates, the confidence bar, suggestions and tie order."""

from __future__ import annotations

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
