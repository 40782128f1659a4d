"""Plain and Markdown text: scores, citations, lists, no-match messages and empty views."""

from __future__ import annotations

from icefaq import knowledge
from icefaq.model import Answer, Entry, KnowledgeBase, Match, Source, Topic
from icefaq.render import text as textview

from .conftest import MINI


def test_several_matches_show_their_scores_in_plain_text():
    kb = knowledge.load(MINI)
    two = Answer("q", (Match(kb.get("ero-role"), 0.9), Match(kb.get("hsi-role"), 0.8)))
    out = textview.answer(two, kb, textview.PLAIN)
    assert "(id: ero-role, score 0.90)" in out and "(id: hsi-role, score 0.80)" in out


def test_a_non_http_url_is_shown_as_text():
    s = Source("s", "T", "P", "ftp://example.org/file", "2025")
    assert textview.citation(1, s, textview.PLAIN) == "[1] T. P, 2025. ftp://example.org/file"


def test_a_list_without_a_lead_line_has_no_blank_line_before_it():
    e = Entry("e", "t", "Q?", "- one.\n- two.", ())
    kb = KnowledgeBase("K", (Topic("t", "T"),), (e,), {})
    assert "(id: e)\n\n  - one.\n  - two.\n\nSources:" in textview.show(e, kb, textview.PLAIN)


def test_no_match_lists_suggestions_with_their_show_commands():
    kb = knowledge.load(MINI)
    a = Answer("hsi?", (), (Match(kb.get("hsi-role"), 0.2), Match(kb.get("ero-role"), 0.1)))
    assert textview.no_match(a).splitlines() == [
        "No confident match for 'hsi?'.",
        "Did you mean:",
        "  - What does Homeland Security Investigations (HSI) do?  (icefaq show hsi-role)",
        "  - What does Enforcement and Removal Operations (ERO) do?  (icefaq show ero-role)",
        "See every question with 'icefaq list'.",
    ]


def test_no_match_quotes_at_most_200_characters_of_the_query():
    first = textview.no_match(Answer("a" * 250, ())).splitlines()[0]
    assert first == f"No confident match for {'a' * 200!r}."


def test_sources_mark_the_uncited_ones():
    e = Entry("e", "t", "Q?", "A [@s].", ("s",))
    kb = KnowledgeBase("K", (Topic("t", "T"),), (e,), {"s": Source("s", "T", "P"), "u": Source("u", "U", "P")})
    assert textview.sources(kb, textview.PLAIN).endswith("id: u; kind: unknown; cited by: (not cited)")


def test_empty_listing_and_topics_are_empty():
    kb = knowledge.load(MINI)
    assert textview.listing(kb, [], textview.PLAIN) == ""
    assert textview.topics([], textview.PLAIN) == ""
