"""The shipped knowledge base meets the content standards, checked mechanically."""

from __future__ import annotations

import datetime as dt
import re

import pytest

from icefaq import citations, files, knowledge

REQUIRED = """ice-mission ice-real-job ice-statutes ice-history ice-structure ice-dhs-place ice-vs-cbp ice-vs-uscis ice-size
hsi-role hsi-crimes hsi-vs-ero ice-abroad hsi-local-partners human-trafficking-smuggling child-exploitation
counterfeit-goods cultural-property export-enforcement terrorism-prevention document-fraud worksite-enforcement
customs-trade financial-crime ero-role interior-enforcement detention removal-process detainers 287g
alternatives-to-detention warrants know-your-rights us-citizens sensitive-locations masks-identification
detainee-locator detention-health detention-bond opla immigration-courts sevp opr-misconduct detention-oversight
controversy sanctuary priorities-now priorities-history who-sets-priorities tip-line legal-help""".split()

# Entries about arrests, warrants, detainers, detention and removal must say they are general information.
LEGAL_TOPICS = {
    "ero-role",
    "removal-process",
    "final-order-of-removal",
    "detainers",
    "287g",
    "warrants",
    "detention",
    "detention-bond",
    "alternatives-to-detention",
    "know-your-rights",
    "us-citizens",
    "sensitive-locations",
    "fugitive-operations",
    "detainee-locator",
}
ACRONYM = re.compile(r"\b(?:[A-Z][A-Z0-9&]{1,}[a-z]?|I-\d+[A-Z]?|\d+\([a-z]\))(?!\w)")
# Not domain terms: publishers' names and everyday abbreviations.
NOT_ACRONYMS = {"A", "I", "OK", "U.S", "II", "ABC", "AI", "AIMS", "ASAP", "CBS", "CNN", "GB", "KQED", "NBC", "NYC", "PDF"}
NOT_ACRONYMS |= {"JURIST", "REAL", "RIF", "SFG", "TV", "UPI", "USA", "CRBC", "PIX11", "TAG24", "WMRA", "WTOP", "SUNY"}
NOT_ACRONYMS |= {"THE", "LOST"}  # a phone number spelled in letters (1-800-THE-LOST)
NOT_ACRONYMS |= {"POLICE"}  # a word printed on vests, quoted
NOT_ACRONYMS |= {"NOLA"}  # NOLA.com, a news site (in the glossary as NOLA.com)


@pytest.fixture(scope="module")
def kb():
    return knowledge.load(files.default_path())


def test_validates_without_errors_or_warnings():
    report = knowledge.validate(files.default_path(), today=dt.date(2026, 12, 3))
    assert report.ok, [str(p) for p in report.problems]
    assert report.problems == (), [str(p) for p in report.problems]


def test_required_entries_exist(kb):
    ids = {e.id for e in kb.entries}
    assert not set(REQUIRED) - ids
    assert 60 <= len(kb.entries) <= 120


def test_ids_and_questions_unique(kb):
    assert len({e.id for e in kb.entries}) == len(kb.entries)
    assert len({e.question.lower() for e in kb.entries}) == len(kb.entries)


def test_answer_lengths(kb):
    words = {e.id: len(citations.strip(e.answer).split()) for e in kb.entries}
    assert all(40 <= n <= 300 for n in words.values()), words
    assert sorted(words.values())[len(words) // 2] <= 260, "the median answer should be at most 260 words"


def test_first_sentence_is_an_answer_not_a_preamble(kb):
    for e in kb.entries:
        first = re.split(r"(?<!U\.S\.)(?<=[.!?])\s", e.answer.strip(), maxsplit=1)[0]
        assert 4 <= len(first.split()) <= 60, (e.id, first)


def test_aliases_related_sources_and_review(kb):
    for e in kb.entries:
        assert len(e.aliases) >= 3, e.id
        assert len(e.related) >= 2 and e.id not in e.related, e.id
        sources = kb.sources_of(e)
        assert sources and any((s.url or "").startswith("https://") for s in sources), e.id
        assert e.reviewed and dt.date.fromisoformat(e.reviewed) >= dt.date(2026, 1, 1), e.id


def test_source_urls_are_clean(kb):
    for s in kb.sources.values():
        if s.url:
            assert s.url.startswith(("https://", "http://")), s.id
            assert "?os=" not in s.url and "msclkid" not in s.url and not s.url.endswith("?"), s.id


def test_every_acronym_in_answers_is_in_the_glossary(kb):
    glossary = {k.lower() for k in kb.glossary}
    missing = set()
    for e in kb.entries:
        for a in ACRONYM.findall(e.answer + " " + e.question):
            if a not in NOT_ACRONYMS and a.lower() not in glossary and a.lower().rstrip("s") not in glossary:
                missing.add((e.id, a))
    assert not missing, sorted(missing)


def test_legal_entries_say_general_information_and_point_to_legal_help(kb):
    for eid in LEGAL_TOPICS:
        e = kb.get(eid)
        assert e is not None, eid
        assert "legal-help" in e.related, eid
        text = e.answer.lower()
        assert "legal advice" in text or "general information" in text, eid


def test_no_two_answers_share_a_sentence(kb):
    seen: dict[str, str] = {}
    for e in kb.entries:
        for sentence in re.split(r"(?<=[.!?])\s+", e.answer):
            key = " ".join(sentence.lower().split())
            if len(key) > 40 and "not legal advice" not in key:
                assert key not in seen or seen[key] == e.id, f"{e.id} repeats a sentence of {seen.get(key)}: {sentence}"
                seen[key] = e.id


def test_seed_questions_are_answerable(kb):
    """The explainer's three 'Want to dive deeper?' questions each have an entry."""
    import icefaq

    for question, expected in [
        (
            "How do Homeland Security Investigations and local law enforcement coordinate cross-border criminal investigations?",
            "hsi-local-partners",
        ),
        ("What oversight mechanisms exist for ICE detention facilities and custody management policies?", "detention-oversight"),
        ("How have presidential administrations changed ICE enforcement priorities since 2003?", "priorities-history"),
    ]:
        result = icefaq.ask(question, kb)
        assert result.matched and result.matches[0].entry.id == expected, (question, result)
