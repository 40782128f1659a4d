"""The matcher on its own: normalisation, glossary, typos, ranking and the decision rule."""

from __future__ import annotations

import pytest

from icefaq import knowledge, match
from icefaq.errors import QueryError

from .conftest import MINI


@pytest.fixture(scope="module")
def kb():
    return knowledge.load(MINI)


@pytest.fixture(scope="module")
def index(kb):
    return match.build_index(kb)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("ICE’s “Mission”", 'ice\'s "mission"'),
        ("Détention  CAFÉ", "detention cafe"),
        ("ＥＲＯ", "ero"),
        ("zero\u200bwidth", "zerowidth"),
        ("a\u2014b", "a b"),
    ],
)
def test_normalize(text, expected):
    assert match.normalize(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("What is 287(g)?", ["what", "is", "287g"]),
        ("Form I-9 audits", ["form", "i9", "audit"]),
        ("I-247A detainer", ["i247a", "detainer"]),
        ("U.S. citizens", ["us", "citizen"]),
        ("deported deports deporting", ["deport", "deport", "deport"]),
        ("ICE's agents", ["ice", "agent"]),
        ("responsibilities responsibility responsible", ["respons", "respons", "respons"]),
        ("eligibility eligible", ["elig", "elig"]),
    ],
)
def test_tokenize_keeps_legal_tokens_whole(text, expected):
    assert match.tokenize(text) == expected


def test_glossary_expands_both_ways(kb, index):
    by_acronym = match.ask("ERO", kb, index)
    by_words = match.ask("enforcement and removal operations", kb, index)
    assert by_acronym.matches[0].entry.id == by_words.matches[0].entry.id == "ero-role"


@pytest.mark.parametrize("query", ["287g", "287(g)", "287 g", "what is the 287(g) program"])
def test_legal_tokens_match_in_any_spelling(kb, index, query):
    assert match.ask(query, kb, index).matches[0].entry.id == "local-police"


@pytest.mark.parametrize("query", ["waht does ERO do", "homeland securty investigatoins", "what dose hsi do"])
def test_typos_are_corrected_against_the_vocabulary(kb, index, query):
    result = match.ask(query, kb, index)
    assert result.matched, result
    assert result.matches[0].entry.id in {"ero-role", "hsi-role"}


def test_short_words_are_not_turned_into_other_words(index):
    words, known = index.vocabulary(), index.weights(index.idf)
    assert match._correct("tree", words, known) == "tree"  # one letter from 'free' is not a typo
    assert match._correct("waht", words, known) == "what"  # a swap is


@pytest.mark.parametrize("query", ["ice hockey scores", "how do I make ice cubes", "weather tomorrow", "zzzz qqqq"])
def test_off_topic_gets_no_match(kb, index, query):
    assert not match.ask(query, kb, index).matched


def test_scores_are_in_unit_range_and_deterministic(kb, index):
    first = match.score_all("who carries out deportations of people", index)
    assert first == match.score_all("who carries out deportations of people", index)
    assert all(0.0 <= s <= 1.0 for _, s in first)
    assert [s for _, s in first] == sorted((s for _, s in first), reverse=True)


def test_empty_query_raises(kb, index):
    with pytest.raises(QueryError):
        match.ask(" ?! ", kb, index)


def test_explicit_threshold_returns_everything_above_it(kb, index):
    result = match.ask("what does hsi or ero do under 287(g)", kb, index, top=3, threshold=0.0)
    assert len(result.matches) == 3
    scores = [m.score for m in result.matches]
    assert scores == sorted(scores, reverse=True)


def test_top_returns_only_matches_that_reach_the_bar(kb, index):
    result = match.ask("what does hsi do", kb, index, top=3)
    assert [m.entry.id for m in result.matches] == ["hsi-role"]  # the others are far below the bar


def test_suggestions_when_unsure(kb, index):
    result = match.ask("who investigates smuggling crimes", kb, index, threshold=0.99)
    assert not result.matched
    assert [m.entry.id for m in result.suggestions] == ["hsi-role"]


def test_unlikely_entries_are_not_suggested(kb, index):
    result = match.ask("how do I make ice cubes", kb, index)
    assert not result.matched and not result.suggestions


def test_huge_query_is_bounded(kb, index):
    result = match.ask("what does ERO do " * 20000, kb, index)
    assert result.query.startswith("what does ERO do")


def test_closest_ids():
    kb = knowledge.load(MINI)
    assert match.closest_ids("hsi-rol", kb.ids())[0] == "hsi-role"
    assert match.closest_ids("zzzzzz", kb.ids()) == []


def test_everyday_filler_phrases_are_not_topics(index):
    concepts, _ = match._concepts("who runs ERO right now, in a nutshell", index)
    words = {t for c in concepts for alt in c.alternatives for t in alt}
    assert "right" not in words and "nutshel" not in words and "nutshell" not in words
    assert "run" in words  # only the set phrase goes, not its neighbours
    concepts, _ = match._concepts("what rights do I have", index)
    assert "right" in {t for c in concepts for alt in c.alternatives for t in alt}


def test_real_english_words_are_never_corrected_into_knowledge_base_words():
    kb = knowledge.load_text(
        "schema: 1\ntitle: t\ntopics: [{id: a, title: A}]\nsources: [{id: s, title: S, publisher: P}]\n"
        "entries:\n  - {id: budget, topic: a, question: 'What is the spending on detention?', answer: 'Money.', sources: [s]}\n"
    )
    index = match.build_index(kb)
    concepts, _ = match._concepts("speeding ticket", index)
    words = {t for c in concepts for alt in c.alternatives for t in alt}
    assert "speed" in words and "spend" not in words  # 'speeding' is a word, not a typo of 'spending'
    concepts, _ = match._concepts("detension spendng", index)
    words = {t for c in concepts for alt in c.alternatives for t in alt}
    assert {"detent", "spend"} <= words  # real typos still are corrected


@pytest.mark.parametrize(
    ("text", "tokens"),
    [
        ("more than four hundred federal statutes", ["more", "than", "400", "feder", "statut"]),
        ("twenty five field offices", ["25", "field", "offic"]),
        ("four hundred and twenty", ["420"]),
        ("one of the three four", ["1", "of", "the", "3", "4"]),
        ("a hundred", ["a", "hundr"]),
    ],
)
def test_number_words_become_digits(text, tokens):
    assert match.tokenize(text) == tokens
