"""Renderers, edge by edge: text cleaning, blocks, the JSON contract, and the plain and rich views."""

from __future__ import annotations

import json
import re

import pytest

from icefaq import knowledge
from icefaq.model import Answer, Match
from icefaq.render import blocks, data, one_line, safe_url, terminal
from icefaq.render import text as rtext

from .conftest import MINI

ESCAPES = re.compile(r"\x1b\[[0-9;]*m|\x1b\]8;[^\x1b]*\x1b\\")

# The mini knowledge base plus a source no entry cites, and a question that ends in a capital X.
EXTRA = """  - id: uncited
    title: A Book Nobody Cites
    publisher: Nobody
"""


@pytest.fixture(scope="module")
def kb():
    return knowledge.load(MINI)


@pytest.fixture()
def kb_uncited(write, mini_text):
    text = mini_text.replace("entries:\n", EXTRA + "entries:\n", 1)
    return knowledge.load(write(text))


# --- render.one_line / render.safe_url / render.blocks -------------------------------------------------------


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("a  b", "a b"),
        ("a\tb", "a b"),
        ("  a \n b  ", "a b"),
        ("plain", "plain"),
        (None, ""),
    ],
)
def test_one_line_folds_whitespace(raw, expected):
    assert one_line(raw) == expected


@pytest.mark.parametrize(
    ("url", "shown"),
    [
        ("https://example.org/a", True),
        ("HTTPS://EXAMPLE.ORG/A", True),  # the scheme is case-insensitive
        ("ftp://example.org", False),
        ("https://example.org/a b", False),
    ],
)
def test_safe_url(url, shown):
    assert (safe_url(url) == url) is shown


def test_blocks_continue_the_last_item():
    assert blocks("Lead\n- a\n- b\n- c\n  more") == [("Lead", ["a", "b", "c more"])]


# --- data.dumps -----------------------------------------------------------------------------------------------


def test_dumps_keeps_utf8_and_key_order():
    out = data.dumps({"z": "Détention", "a": 1})
    assert "Détention" in out
    assert out.index('"z"') < out.index('"a"')
    assert "\n  " in out  # pretty by default


def test_dumps_lines_is_one_line():
    out = data.dumps({"a": [1, 2], "b": "é"}, lines=True)
    assert "\n" not in out
    assert json.loads(out) == {"a": [1, 2], "b": "é"}


# --- data.answer / data.result ----------------------------------------------------------------------------------


def test_answer_json_fields_and_rounded_scores(kb):
    ero, hsi = kb.get("ero-role"), kb.get("hsi-role")
    matched = data.answer(Answer("q", (Match(ero, 0.123456),)), kb)
    assert matched["results"][0]["score"] == 0.1235
    assert matched["results"][0]["id"] == "ero-role"
    suggested = data.answer(Answer("q", (), (Match(hsi, 0.987654),)), kb)
    assert suggested["suggestions"] == [{"id": "hsi-role", "question": hsi.question, "score": 0.9877}]


# --- data.sources / text.sources / terminal.sources ----------------------------------------------------------


def test_sources_list_an_uncited_source(kb_uncited):
    rows = {r["id"]: r for r in data.sources(kb_uncited)}
    assert rows["uncited"]["cited_by"] == []
    assert "cited by: (not cited)" in rtext.sources(kb_uncited, rtext.PLAIN)
    assert "cited by: (not cited)" in terminal.sources(terminal.Term(), kb_uncited)


# --- terminal.Term ---------------------------------------------------------------------------------------------


def test_term_defaults_and_paint_without_codes():
    term = terminal.Term()
    assert term.width == 80
    assert term.styled is False
    styled = terminal.Term(styled=True)
    assert styled.paint("x") == "x"  # no codes: no escape sequence
    assert styled.paint("x", "1") == "\x1b[1mx\x1b[0m"


# --- terminal.topics ------------------------------------------------------------------------------------------


def test_rich_topics_align_a_wide_count():
    rows = [{"id": "basics", "title": "The basics", "count": 123456789}]
    head, row = terminal.topics(terminal.Term(), rows).split("\n")
    assert head == "id        entries  topic"
    assert row == "basics  123456789  The basics"


# --- terminal.listing -----------------------------------------------------------------------------------------


def test_rich_listing_keeps_the_last_questions_end(write, mini_text):
    kb = knowledge.load(write(mini_text.replace("What is the 287(g) program?", "What is form X")))
    last = kb.entries[-1]
    assert last.question == "What is form X"
    out = terminal.listing(terminal.Term(), kb, kb.entries)
    assert out.endswith("What is form X")
