"""Lexical matching: rejoined split tokens, glossary groups and concept satisfaction."""

from __future__ import annotations

import pytest

from icefaq import knowledge, match
from icefaq.match import lexical, spelling

from .conftest import MINI


@pytest.fixture(scope="module")
def index():
    return match.build_index(knowledge.load(MINI))


def concepts(query, index):
    return {c.alternatives: round(c.weight, 6) for c in lexical._concepts(query, index)[0]}


@pytest.mark.parametrize("query", ["287 g program", "program 287 g", "the program of 287 g"])
def test_split_legal_tokens_are_rejoined_anywhere_in_the_query(index, query):
    assert concepts(query, index) == concepts("287g program", index)


def test_a_phrase_concept_is_partly_satisfied_by_some_of_its_words():
    c = lexical._Concept((("ero",), ("enforc", "remov", "oper")), 1.0)
    assert c.satisfaction(frozenset({"ero"})) == 1.0
    assert c.satisfaction(frozenset({"remov", "oper"})) == pytest.approx(2 / 3)
    assert c.satisfaction(frozenset({"other"})) == 0.0


def test_the_knowledge_bases_own_misspellings_join_the_words_they_misspell():
    pairs = spelling.typo_pairs(
        {"deportaton", "totals", "defunding", "detaner", "anumber", "reposts"},
        {"deportation", "totals", "detainer", "defending", "defunding", "number", "reports", "reposts"},
    )
    assert pairs == {"deportaton": "deportation", "detaner": "detainer"}
    # "defunding" is no typo of "defending" only because no answer uses it: here one does
    assert spelling.typo_pairs({"defunding"}, {"defending"}) == {"defunding": "defending"}
    assert spelling.typo_pairs({"defunding"}, {"defending", "defunding"}) == {}
    assert spelling.typo_pairs({"anumber"}, {"number"}) == {}  # another first letter


def test_a_misspelling_an_alias_knows_still_meets_the_right_spelling(write):
    from .test_match_more import build  # noqa: PLC0415

    entries = [
        ("stats", "How many people does ICE deport?", ["deportaton totals per year"], "ICE reports removals each year."),
        ("process", "How does the deportation process work?", ["deportation process steps"], "A judge orders deportation."),
    ]
    kb, index = build(write, entries)
    answer = match.ask("deportaton process", kb, index)
    assert (answer.matches or answer.suggestions)[0].entry.id == "process"
