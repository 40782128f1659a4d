"""Renderers: format resolution, and data text that never becomes markup or control codes."""

from __future__ import annotations

import io
import json
import re

import pytest
from rich.console import Console

from icefaq import knowledge
from icefaq.model import Answer, Entry, KnowledgeBase, Match, Source, Topic
from icefaq.render import Format, clean, resolve_format, richtext, safe_url
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


def render_rich(renderable, color: bool = True) -> str:
    buf = io.StringIO()
    Console(file=buf, width=60, force_terminal=color, color_system="truecolor" if color else None).print(renderable)
    return buf.getvalue()


def test_rich_keeps_markup_literal_and_strips_controls():
    kb, ans = hostile_kb()
    out = render_rich(richtext.answer(ans, kb))
    plain = re.sub(r"\x1b\[[0-9;]*m", "", out)
    assert "[bold red]x[/]" in plain.replace("\n", "").replace("│", "").replace(" ", "") or "[bold" in plain
    # rich may emit its own SGR colour codes, but no screen clearing, no hyperlinks, no bells
    for forbidden in ("\x1b[2J", "\x1b]8;;http://evil", "\x07", "\x9b"):
        assert forbidden not in out
    assert "file:///etc/passwd" in plain  # shown as text...
    assert "\x1b]8;;javascript" not in out and "\x1b]8;;file" not in out  # ...never as a link


def test_rich_links_http_sources():
    kb = knowledge.load(MINI)
    e = kb.get("ero-role")
    out = render_rich(richtext.show(e, kb))
    assert "\x1b]8;" in out and "https://example.org/ero" in out


def test_rich_is_readable_at_60_columns():
    kb = knowledge.load(MINI)
    out = render_rich(richtext.show(kb.get("ero-role"), kb), color=False)
    assert max(len(line) for line in out.splitlines()) <= 60
    assert "ERO finds, arrests" in out


def test_no_color_means_no_colour_codes(monkeypatch):
    monkeypatch.setenv("NO_COLOR", "1")
    kb = knowledge.load(MINI)
    buf = io.StringIO()
    Console(file=buf, width=80, force_terminal=True).print(richtext.show(kb.get("ero-role"), kb))
    params = [p for sgr in re.findall(r"\x1b\[([0-9;]*)m", buf.getvalue()) for p in sgr.split(";") if p]
    assert params  # bold and underline remain...
    assert not [p for p in params if 30 <= int(p) <= 49 or 90 <= int(p) <= 107]  # ...colours do not


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
    console = Console(file=io.StringIO(), width=100, force_terminal=True, color_system="truecolor")
    console.print(richtext.show(kb.get("hsi-role"), kb))
    out = console.file.getvalue()
    plain = re.sub(r"\x1b\[[0-9;]*m|\x1b\]8;[^\x1b]*\x1b\\", "", out)
    assert "smuggling [1] and trafficking [1][2]." in plain
    assert "\x1b]8;" in out and "https://example.org/hsi" in out  # [1] is a hyperlink to its source
    assert "[@" not in plain
