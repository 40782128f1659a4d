"""The rich format written as ANSI: widths, cuts, wrapping, panels, listings and sources."""

from __future__ import annotations

import io
import re

from icefaq import knowledge
from icefaq.model import Answer, Entry, KnowledgeBase, Match, Source, Topic
from icefaq.render import terminal

from .conftest import MINI

ESCAPES = re.compile(r"\x1b\[[0-9;]*m|\x1b\]8;[^\x1b]*\x1b\\")


def visible(out: str) -> str:
    return ESCAPES.sub("", out)


def plain(width: int) -> terminal.Term:
    return terminal.Term(width, False)


def words(lines):
    return ["".join(t for t, _, _ in line) for line in lines]


def test_combining_marks_take_no_columns_anywhere_in_the_text():
    assert terminal.cells("e\u0301x") == 2
    assert terminal.cells("cafe\u0301 au lait") == 12


def test_cut_keeps_text_that_fits_and_fills_the_width_when_cutting():
    assert terminal._cut("abcde", 5) == "abcde"
    assert terminal._cut("abcdef", 5) == "abcd…"
    assert terminal.cells(terminal._cut("x" * 50, 12)) == 12


def test_a_single_space_span_separates_words_rather_than_padding():
    lines = terminal.wrap([("a", "", None), (" ", "", None), ("b", "", None)], 2)
    assert words(lines) == ["a", "b"]


def test_a_word_longer_than_the_line_is_broken_without_a_blank_line_first():
    assert words(terminal.wrap([("abcdefghij", "", None)], 5)) == ["abcde", "fghij"]


def test_a_word_that_does_not_fit_moves_whole_to_the_next_line():
    assert words(terminal.wrap([("XX yyyy", "", None)], 5)) == ["XX", "yyyy"]


def one_entry_kb(question="Q?", answer="A.", eid="e", source=None):
    src = source or Source("s", "T", "P", "https://example.org/s", "2025")
    e = Entry(eid, "t", question, answer, ("s",))
    return KnowledgeBase("K", (Topic("t", "Topic"),), (e,), {"s": src}), e


def test_panel_title_and_subtitle_use_all_the_room_of_the_edges():
    kb, e = one_entry_kb(question="How long " * 10 + "?", eid="a-very-long-entry-identifier-that-overflows")
    lines = visible(terminal.show(plain(40), e, kb)).splitlines()
    top = next(line for line in lines if line.startswith("╭"))
    bottom = next(line for line in lines if line.startswith("╰"))
    assert terminal.cells(top) == 40 and terminal.cells(bottom) == 40
    assert top.endswith("… ─╮")
    assert bottom.startswith("╰─ a-very") and bottom.endswith("… ─╯")


def test_answer_text_fills_the_panel_to_its_inner_margin():
    kb, e = one_entry_kb(answer="a" * 11 + " " + "b" * 12)
    lines = visible(terminal.show(plain(30), e, kb)).splitlines()
    assert "│  " + "a" * 11 + " " + "b" * 12 + "  │" in lines


def test_wrapped_bullet_items_continue_under_their_text():
    kb, e = one_entry_kb(answer="Tips:\n- alpha beta gamma delta epsilon zeta eta theta iota kappa.")
    lines = [line[1:-1] for line in visible(terminal.show(plain(30), e, kb)).splitlines() if line.startswith("│")]
    start = next(k for k, line in enumerate(lines) if line.startswith("  • alpha"))
    assert re.match(r"^    [a-z]", lines[start + 1])


def test_several_matches_show_their_scores_one_does_not():
    kb = knowledge.load(MINI)
    two = Answer("q", (Match(kb.get("ero-role"), 0.9), Match(kb.get("hsi-role"), 0.8)))
    one = Answer("q", (Match(kb.get("ero-role"), 0.9),))
    assert "ero-role · score 0.90" in terminal.answer(plain(80), two, kb)
    assert "score" not in terminal.answer(plain(80), one, kb)


def test_listing_wraps_questions_under_themselves():
    kb = knowledge.load(MINI)
    out = terminal.listing(plain(36), kb, kb.headlines())
    lines = out.splitlines()
    first = next(k for k, line in enumerate(lines) if line.startswith("  ero-role"))
    column = lines[first].index("What")
    assert lines[first + 1].startswith(" " * column) and lines[first + 1][column] != " "
    assert not out.endswith("\n") and not out.startswith("\n")


def test_listing_rule_cuts_a_long_topic_title_to_the_width():
    e = Entry("e", "t", "Q?", "A.", ())
    kb = KnowledgeBase("K", (Topic("t", "A topic title far too long for a narrow terminal"),), (e,), {})
    rule = terminal.listing(plain(30), kb, kb.headlines()).splitlines()[0]
    assert terminal.cells(rule) == 30
    assert rule.startswith("── A topic") and rule.endswith("… ──")


def test_sources_mark_uncited_sources_and_wrap_under_the_number():
    src = Source(
        "u", "A long source title that has to wrap", "Some publisher", "ftp://example.org/a/long/path/to/the/file.pdf", "2025", kind="law"
    )
    e = Entry("e", "t", "Q?", "A [@s].", ("s",))
    kb = KnowledgeBase("K", (Topic("t", "T"),), (e,), {"s": Source("s", "T", "P", None, None), "u": src})
    out = terminal.sources(terminal.Term(30, True), kb)
    lines = visible(out).splitlines()
    assert "cited by: (not cited)" in " ".join(line.strip() for line in lines)
    assert "ftp://example.org/a/long" in visible(out) and "\x1b]8;;ftp" not in out
    start = lines.index(next(line for line in lines if line.startswith("2. ")))
    for line in lines[start + 1 :]:
        if line and not line.startswith("id u"):  # the id line opens flush left, its continuation is indented
            assert line.startswith("   ") and line[3] != " "
    assert len(lines) - start > 5
    assert not out.endswith("\n") and not out.startswith("\n")


def test_sources_show_who_cites_them():
    kb = knowledge.load(MINI)
    out = " ".join(line.strip() for line in terminal.sources(plain(100), kb).splitlines())
    assert "id law-book · law · cited by: hsi-role, local-police" in out


def test_topics_table_without_rows_is_just_its_header():
    assert terminal.topics(plain(80), []) == "id  entries  topic"


def test_stream_without_isatty_is_not_styled_and_width_falls_back_to_80(monkeypatch):
    monkeypatch.delenv("COLUMNS", raising=False)
    monkeypatch.delenv("TERM", raising=False)
    term = terminal.Term.detect(object())
    assert not term.styled
    assert terminal.Term.detect(io.StringIO()).width == 80


def test_citation_numbers_and_punctuation_stay_on_the_line_of_their_word():
    spans = [("aaaa bbbb", "", None), (" [1]", "1;36", "https://x.org"), ("[2]", "1;36", None), (".", "", None)]
    got = words(terminal.wrap(spans, 12))
    assert got == ["aaaa bbbb", "[1][2]."]  # "[2]" and "." never start a line apart from "[1]"
    assert words(terminal.wrap([("a " + "b" * 6, "", None), (",", "", None), (" 2025.", "", None)], 8)) == ["a", "bbbbbb,", "2025."]


def test_sources_id_line_is_indented_under_the_citation():
    kb = knowledge.load(MINI)
    lines = visible(terminal.sources(plain(40), kb)).splitlines()
    ids = [line for line in lines if "cited by" in line]
    assert ids and all(line.startswith("   id ") for line in ids)
