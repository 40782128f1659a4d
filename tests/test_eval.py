"""Matching quality on the labelled query set: a floor that makes regressions fail CI.

The set (tests/eval/queries.yaml) was written from the list of entry topics, without
looking at the entries' aliases. bench/retrieval.py prints the full table.
"""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from icefaq import files, knowledge, match

FLOOR_SECOND = 0.87

QUERIES = Path(__file__).parent / "eval" / "queries.yaml"
HELDOUT = Path(__file__).parent / "eval" / "heldout.yaml"


@pytest.fixture(scope="module")
def compiled():
    kb = knowledge.load(files.default_path())
    return kb, match.build_index(kb)


def run(path: Path, kb, index) -> list[tuple[str, str | None, str | None]]:
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    cases = [(c["query"], c["expect"]) for c in data["in_scope"]] + [(q, None) for q in data["off_topic"]]
    out = []
    for query, expect in cases:
        answer = match.ask(query, kb, index)
        out.append((query, expect, answer.matches[0].entry.id if answer.matched else None))
    return out


@pytest.fixture(scope="module")
def results(compiled):
    return run(QUERIES, *compiled)


def test_every_label_names_an_entry(compiled):
    kb, _ = compiled
    for path in (QUERIES, HELDOUT):
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        assert {c["expect"] for c in data["in_scope"]} <= {e.id for e in kb.entries}, path


def test_second_set_floor(compiled):
    """The second set is harder (longer, more personal questions, written blind to aliases and glossary)."""
    out = run(HELDOUT, *compiled)
    right = sum(got == expect for _, expect, got in out)
    assert right / len(out) >= FLOOR_SECOND, [(q, e, g) for q, e, g in out if g != e][:40]


def test_the_set_is_big_and_varied_enough(results):
    in_scope = [r for r in results if r[1] is not None]
    assert len(in_scope) >= 250
    assert len(results) - len(in_scope) >= 40
    per_entry: dict[str, int] = {}
    for _, expect, _ in in_scope:
        per_entry[expect] = per_entry.get(expect, 0) + 1
    assert min(per_entry.values()) >= 4


def test_accuracy_floor(results):
    right = sum(got == expect for _, expect, got in results)
    misses = [(q, e, g) for q, e, g in results if g != e]
    assert right / len(results) >= 0.93, misses[:40]


def test_false_abstention_ceiling(results):
    in_scope = [r for r in results if r[1] is not None]
    refused = sum(got is None for _, _, got in in_scope)
    assert refused / len(in_scope) <= 0.05


def test_off_topic_is_refused(results):
    off = [r for r in results if r[1] is None]
    wrong = [q for q, _, got in off if got is not None]
    assert len(wrong) / len(off) <= 0.12, wrong
