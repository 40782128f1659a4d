"""Matching quality: floors on the frozen real-question test split and the paraphrase sets.

The floors sit a little under what bench/retrieval.py measures today, so a change that makes
matching worse fails CI. The test split is never used to choose anything (tests/corpus/README.md);
these floors only guard it.
"""

from __future__ import annotations

import sys
from pathlib import Path

import pytest
import yaml

from icefaq import files, knowledge, match
from icefaq.match import decide, weights

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "bench"))

from evalsets import CORPUS, measure, split  # noqa: E402

# (split, accuracy floor, false-abstention ceiling, false-answer ceiling)
FLOORS = {
    "test": (0.77, 0.19, 0.14),
    "queries": (0.94, 0.03, 0.10),  # false answers 6.8% -> 9.5% with the refit of 2026-12-04 (late): 7 of 74
    "heldout": (0.93, 0.03, 0.15),
}


@pytest.fixture(scope="module")
def predict():
    kb = knowledge.load(files.default_path())
    index = match.build_index(kb)

    def run(q: str) -> tuple[list[str], bool]:
        answer = match.ask(q, kb, index)
        ranked = [m.entry.id for m in answer.matches or answer.suggestions]
        return ranked, answer.matched

    return run


@pytest.mark.parametrize("name", sorted(FLOORS))
def test_floor(name, predict):
    cases = split(name)
    got, misses = measure(cases, predict)
    accuracy, abstain, answer = FLOORS[name]
    shown = [(c.query, sorted(c.ids), r, a) for c, r, a in misses][:30]
    assert got.accuracy >= accuracy, shown
    assert got.false_abstain <= abstain, shown
    assert got.false_answer <= answer, shown


def test_every_label_names_an_entry():
    ids = {e.id for e in knowledge.load(files.default_path()).entries}
    for name in ("train", "dev", "test", "queries", "heldout"):
        for case in split(name):
            assert case.ids <= ids, (name, case.query, case.ids - ids)


def test_the_corpus_is_big_varied_and_split_by_page():
    splits = {name: yaml.safe_load((CORPUS / f"{name}.yaml").read_text(encoding="utf-8")) for name in ("train", "dev", "test")}
    everything = [c for cases in splits.values() for c in cases]
    assert len(everything) >= 600
    assert sum(not c["ids"] and not c.get("gap") for c in everything) >= 120  # real questions to refuse
    assert all(str(c["url"]).startswith(("http://", "https://")) for c in everything)
    pages = [{c["url"] for c in cases} for cases in splits.values()]
    assert not (pages[0] & pages[1] or pages[0] & pages[2] or pages[1] & pages[2])


def test_each_model_has_a_probability_threshold_and_one_coefficient_per_term():
    models = ((weights.WITH_EXAMPLES, len(decide.FEATURES)), (weights.WITHOUT_EXAMPLES, len(decide.FEATURES) - 2))
    for model, signals in (*models, (weights.WORDS_ONLY, len(decide.FEATURES) - 2)):
        assert 0.0 < model.threshold < 1.0
        assert len(model.means) == len(model.scales) == len(model.coefficients) == len(decide.terms([0.0] * signals))
        assert all(s > 0 for s in model.scales)
