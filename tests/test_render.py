"""Renderers: format resolution, and data text that never becomes markup or control codes."""

from __future__ import annotations

import io
import json
import re

import pytest

from icefaq import knowledge
from icefaq.model import Answer, Entry, KnowledgeBase, Match, Source, Topic
from icefaq.render import Format, clean, resolve_format, safe_url, terminal
from icefaq.render import data as jsonview
from icefaq.render import text as textview

from .conftest import DATA, MINI

HOSTILE = "[bold red]x[/] [link=file:///etc/passwd]click[/link] \x1b[2J\x1b]8;;http://evil\x07hi\x1b]8;;\x07 \x9b31m \x07bell *md* <script>"


@pytest.mark.parametrize(
    ("requested", "tty", "expected"),
    [
        ("auto", True, Format.RICH),
        ("auto", False, Format.PLAIN),
        ("plain", True, Format.PLAIN),
        ("rich", False, Format.RICH),
        ("markdown", True, Format.MARKDOWN),
        ("json", True, Format.JSON),
    ],
)
def test_resolve_format(requested, tty, expected):
    assert resolve_format(requested, tty) is expected


def test_clean_removes_controls_and_bidi_but_keeps_text():
    assert clean("a\x1b[31mb\x07c\u202ed\te\r\nf") == "a[31mbcd e\nf"
    assert clean(None) == ""


@pytest.mark.parametrize(
    ("url", "ok"),
    [
        ("https://www.ice.gov/ero", True),
        ("http://x.org", True),
        ("javascript:alert(1)", False),
        ("file:///etc/passwd", False),
        ("https://a b", False),
    ],
)
def test_safe_url(url, ok):
    assert (safe_url(url) == url) is ok


def hostile_kb() -> tuple[KnowledgeBase, Answer]:
    src = Source("s", HOSTILE, HOSTILE, "javascript:alert(1)", "2025")
    e = Entry("e", "t", "Q " + HOSTILE, "A " + HOSTILE, ("s",), related=("f",))
    f = Entry("f", "t", "F " + HOSTILE, "B", ("s",))
    kb = KnowledgeBase("K", (Topic("t", HOSTILE),), (e, f), {"s": src})
    return kb, Answer("q", (Match(e, 0.9),))


CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")


@pytest.mark.parametrize("style", [textview.PLAIN, textview.MARKDOWN])
def test_text_formats_have_no_controls_and_no_live_links(style):
    kb, ans = hostile_kb()
    for out in (textview.answer(ans, kb, style), textview.listing(kb, list(kb.entries), style), textview.sources(kb, style)):
        assert not CONTROL.search(out)
    out = textview.answer(ans, kb, style)
    assert "<javascript:" not in out
    if style is textview.PLAIN:
        assert "[bold red]x[/]" in out  # literal, as written
    else:
        assert "\\[bold red\\]x\\[/\\]" in out and "\\<script\\>" in out


def render_rich(view, *args, width: int = 60, color: bool = True) -> str:
    return getattr(terminal, view)(terminal.Term(width, color), *args)


ESCAPES = re.compile(r"\x1b\[[0-9;]*m|\x1b\]8;[^\x1b]*\x1b\\")


def visible(out: str) -> str:
    return ESCAPES.sub("", out)


def test_rich_keeps_markup_literal_and_strips_controls():
    kb, ans = hostile_kb()
    for out in (render_rich("answer", ans, kb), render_rich("listing", kb, kb.headlines()), render_rich("sources", kb)):
        assert not CONTROL.search(visible(out))  # the only escapes are the renderer's own styles and links
        for forbidden in ("\x1b[2J", "\x1b]8;;http://evil", "\x07", "\x9b"):
            assert forbidden not in out
    out = render_rich("answer", ans, kb, width=200)
    assert "[bold red]x[/]" in visible(out)  # literal, as written
    assert "file:///etc/passwd" in visible(out)  # shown as text...
    assert "\x1b]8;;javascript" not in out and "\x1b]8;;file" not in out  # ...never as a link


def test_rich_links_http_sources():
    kb = knowledge.load(MINI)
    out = render_rich("show", kb.get("ero-role"), kb)
    assert "\x1b]8;;https://example.org/ero\x1b\\" in out and "https://example.org/ero" in visible(out)


@pytest.mark.parametrize("width", [30, 60, 100])
def test_rich_fits_the_terminal_width(width):
    kb = knowledge.load(MINI)
    for out in (render_rich("show", kb.get("ero-role"), kb, width=width), render_rich("listing", kb, kb.headlines(), width=width)):
        assert max(terminal.cells(line) for line in visible(out).splitlines()) <= width
    out = visible(render_rich("show", kb.get("ero-role"), kb, width=width))
    assert "ERO finds, arrests" in " ".join(line.strip("│ ") for line in out.splitlines())


def test_rich_panel_is_closed_and_aligned():
    kb = knowledge.load(MINI)
    lines = visible(render_rich("show", kb.get("ero-role"), kb, width=50)).splitlines()
    box = [line for line in lines if line[:1] in "╭│╰"]
    assert box[0].startswith("╭─ ") and box[0].endswith("╮") and box[-1].startswith("╰") and box[-1].endswith("─╯")
    assert all(line.endswith("│") for line in box[1:-1]) and {len(line) for line in box} == {50}
    assert "ero-role" in box[-1]


def test_wrap_breaks_between_words_and_breaks_only_overlong_ones():
    lines = terminal.wrap([("aaa bbb ccc", "", None)], 7)
    assert ["".join(t for t, _, _ in line) for line in lines] == ["aaa bbb", "ccc"]
    lines = terminal.wrap([("x " + "y" * 12, "", None)], 5, indent=1)
    assert ["".join(t for t, _, _ in line) for line in lines] == ["x", " yyyy", " yyyy", " yyyy"]


def test_wide_characters_take_two_columns():
    assert terminal.cells("abc") == 3 and terminal.cells("移民") == 4 and terminal.cells("e\u0301") == 1
    lines = terminal.wrap([("移民 移民 移民", "", None)], 9)
    assert ["".join(t for t, _, _ in line) for line in lines] == ["移民 移民", "移民"]


def test_bullet_items_stay_items_in_every_format():
    src = Source("s", "T", "P", "https://example.org/s", "2025")
    e = Entry("e", "t", "Q?", "Tips:\n- first tip [@s].\n- second tip,\n  two lines.\n\nAfter.", ("s",))
    kb = KnowledgeBase("K", (Topic("t", "T"),), (e,), {"s": src})
    assert "Tips:\n  - first tip [1].\n  - second tip, two lines.\n\nAfter." in textview.show(e, kb, textview.PLAIN)
    assert "Tips:\n- first tip" in textview.show(e, kb, textview.MARKDOWN)
    rich = [line.strip("│ ") for line in visible(render_rich("show", e, kb)).splitlines()]
    assert rich[2:7] == ["Tips:", "• first tip [1].", "• second tip, two lines.", "", "After."]


@pytest.mark.parametrize(
    ("env", "tty", "styled"),
    [
        ({}, True, True),
        ({}, False, False),
        ({"NO_COLOR": "1"}, True, False),
        ({"FORCE_COLOR": "1"}, False, True),
        ({"NO_COLOR": "1", "FORCE_COLOR": "1"}, True, False),
        ({"TERM": "dumb"}, True, False),
        ({"COLUMNS": "44"}, True, True),
    ],
)
def test_styling_follows_no_color_force_color_term_and_tty(monkeypatch, env, tty, styled):
    for name in ("NO_COLOR", "FORCE_COLOR", "TERM", "COLUMNS"):
        monkeypatch.delenv(name, raising=False)
    for name, value in env.items():
        monkeypatch.setenv(name, value)

    class Stream(io.StringIO):
        def isatty(self):
            return tty

    term = terminal.Term.detect(Stream())
    assert term.styled is styled
    if "COLUMNS" in env:
        assert term.width == 44
    kb = knowledge.load(MINI)
    out = terminal.show(term, kb.get("ero-role"), kb)
    assert ("\x1b[" in out) is styled and ("\x1b]8;" in out) is styled


def test_json_escapes_every_control_character():
    kb, ans = hostile_kb()
    out = jsonview.dumps(jsonview.answer(ans, kb))
    assert not CONTROL.search(out)
    assert json.loads(out)["results"][0]["answer"].endswith(HOSTILE)  # round-trips exactly


def test_plain_golden_output():
    kb = knowledge.load(MINI)
    e = kb.get("hsi-role")
    expected = (DATA / "golden" / "hsi-role.txt").read_text(encoding="utf-8")
    assert textview.show(e, kb, textview.PLAIN) + "\n" == expected


def test_markdown_golden_output():
    kb = knowledge.load(MINI)
    e = kb.get("hsi-role")
    expected = (DATA / "golden" / "hsi-role.md").read_text(encoding="utf-8")
    assert textview.show(e, kb, textview.MARKDOWN) + "\n" == expected


def test_json_numbers_markers_and_maps_numbers_to_source_ids():
    kb = knowledge.load(MINI)
    doc = jsonview.entry(kb.get("hsi-role"), kb)
    assert doc["answer"] == "HSI investigates cross-border crime such as smuggling [1] and trafficking [1, 2]."
    assert doc["citations"] == {"1": "hsi-page", "2": "law-book"}
    assert [s["id"] for s in doc["sources"]] == ["hsi-page", "law-book"]
    assert [s["kind"] for s in doc["sources"]] == [None, "law"]


def test_rich_answer_shows_numbered_citations_linked_to_their_sources():
    kb = knowledge.load(MINI)
    out = render_rich("show", kb.get("hsi-role"), kb, width=100)
    plain = visible(out)
    assert "smuggling [1] and trafficking [1][2]." in plain
    assert "\x1b]8;;https://example.org/hsi\x1b\\\x1b[1;36m[1]" in out  # [1] is a hyperlink to its source
    assert "[@" not in plain
