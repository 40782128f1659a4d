"""Citation markers: parsing, numbering and stripping."""

from __future__ import annotations

import pytest

from icefaq import citations

TEXT = "ICE began in 2003 [@dhs-creation]. It merged two agencies [@uscis; @dhs-creation], mostly."


def test_cited_ids_in_order_of_first_use_each_once():
    assert citations.cited_ids(TEXT) == ["dhs-creation", "uscis"]


def test_number_uses_the_source_list_order():
    assert citations.number(TEXT, ("uscis", "dhs-creation")) == "ICE began in 2003 [2]. It merged two agencies [1, 2], mostly."


def test_number_drops_markers_for_unknown_sources():
    assert citations.number("A fact [@nowhere].", ("uscis",)) == "A fact."


def test_strip_leaves_the_prose():
    assert citations.strip(TEXT) == "ICE began in 2003. It merged two agencies, mostly."


def test_pieces_separate_text_and_numbers():
    assert citations.pieces("A [@b] c [@a; @b].", ("a", "b")) == [("A", ()), ("", (2,)), (" c", ()), ("", (1, 2)), (".", ())]


@pytest.mark.parametrize("bad", ["[@open", "[@Upper Case]", "[@a, @b]", "[@]"])
def test_malformed_markers_are_found(bad):
    assert citations.malformed(f"Text {bad} more.")


@pytest.mark.parametrize("fine", ["[sic]", "[1]", "a [@one-id] b", "[@a; @b]"])
def test_well_formed_or_unrelated_brackets_are_not_malformed(fine):
    assert citations.malformed(fine) == []


def test_citation_map_is_text_keyed_for_json():
    assert citations.citation_map(("a", "b")) == {"1": "a", "2": "b"}
