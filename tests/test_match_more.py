"""The matcher's parts, edge by edge: numbers, tokens, typos, the lexical index, the signals and ask()."""

from __future__ import annotations

import importlib.util
import math
import os

import pytest

from icefaq import files, knowledge, match
from icefaq.errors import QueryError
from icefaq.match import decide, lexical, semantic, spelling, text, weights

from .conftest import MINI

HEAD = """schema: 1
title: Inline
topics:
  - {id: t, title: T}
sources:
  - {id: s, title: S, publisher: P, url: "https://example.org/s", date: 2025}
"""


def kb_yaml(entries: list[tuple[str, str, list[str], str]], glossary: dict[str, str] | None = None) -> str:
    out = [HEAD]
    if glossary:
        out.append("glossary:\n" + "".join(f'  "{k}": "{v}"\n' for k, v in glossary.items()))
    out.append("entries:\n")
    for eid, question, aliases, answer in entries:
        al = ", ".join(f'"{a}"' for a in aliases)
        out.append(
            f'  - id: {eid}\n    topic: t\n    question: "{question}"\n    aliases: [{al}]\n'
            f'    answer: "{answer} [@s]"\n    sources: [s]\n    reviewed: 2026-01-01\n'
        )
    return "".join(out)


def build(write, entries, glossary=None, name="kb.yaml"):
    kb = knowledge.load(write(kb_yaml(entries, glossary), name))
    return kb, match.build_index(kb)


@pytest.fixture(scope="module")
def mini():
    kb = knowledge.load(MINI)
    return kb, match.build_index(kb)


@pytest.fixture(scope="module")
def packaged():
    kb = knowledge.load(files.default_path())
    return kb, match.build_index(kb)


# --- text.numbers / text.words_of ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("words", "expected"),
    [
        ("two thousand", "2000"),
        ("two thousand three", "2003"),
        ("twenty thousand", "20000"),
        ("four hundred and five", "405"),
        ("four hundred and twenty", "420"),
        ("four hundred and", "400 and"),
        ("four hundred and cats", "400 and cats"),
        ("the two", "the 2"),
        ("a b three", "a b 3"),
    ],
)
def test_number_words_become_digits(words, expected):
    assert " ".join(match.tokenize(words, stem_words=False)) == expected


@pytest.mark.parametrize(
    ("written", "tokens"),
    [
        ("re-entry", ["reentry"]),  # a two-letter prefix: one token
        ("non-citizen", ["non", "citizen"]),  # a three-letter one: two words
        ("I-9", ["i9"]),
        ("e-verify", ["everify"]),
    ],
)
def test_hyphenated_words(written, tokens):
    words, stemmed = text.words_of(written)
    assert words == tokens
    assert None not in stemmed


# --- spelling.needs_correction / spelling.correct / spelling.english_source ------------------------------------


@pytest.mark.parametrize(
    ("word", "expected"),
    [
        ("about", False),  # a function word
        ("xyz", False),  # too short
        ("wxyz", True),  # four letters: long enough
        ("i247a", False),  # a code, not a word
        ("ero", False),
    ],
)
def test_needs_correction(word, expected):
    assert spelling.needs_correction(word, {"ero": 1.0}) is expected


def test_correct_prefers_the_commoner_of_the_ten_closest():
    vocabulary = [f"abcdef{c}" for c in "hijklmnopqrt"]  # all one edit from 'abcdefg'
    known = {text.stem(w): 5.0 for w in vocabulary}
    known[text.stem(vocabulary[7])] = 2.0  # the commonest among the ten closest
    known[text.stem(vocabulary[10])] = 1.0  # commoner still, but beyond the ten looked at
    assert spelling.correct("abcdefg", vocabulary, known) == vocabulary[7]


def test_correct_treats_an_unweighted_word_as_common():
    assert spelling.correct("abcdefg", ["abcdefh", "abcdefi"], {"abcdefi": 0.5}) == "abcdefh"


def test_english_source_is_pyspellcheckers_word_list(monkeypatch):
    path = match.english_source()
    assert path is not None and os.path.isfile(path)
    assert path.endswith(os.path.join("spellchecker", "resources", "en.json.gz"))
    monkeypatch.setattr(importlib.util, "find_spec", lambda name: None)
    assert match.english_source() is None


# --- lexical._idf / lexical._Concept / lexical._starts / lexical._groups ---------------------------------------


def test_idf_is_bm25s():
    assert lexical._idf(10, 2) == pytest.approx(math.log(1 + 8.5 / 2.5))
    assert lexical._idf(3, 1) == pytest.approx(math.log(1 + 2.5 / 1.5))


def test_concept_satisfaction():
    phrase = lexical._Concept((("a", "b"),), 1.0)
    assert phrase.satisfaction(frozenset({"a"})) == 0.5
    single = lexical._Concept((("a",),), 1.0)
    assert single.satisfaction(frozenset({"b"})) == 0.0
    assert single.satisfaction(frozenset({"a"})) == 1.0


def test_starts_try_the_longest_phrase_first():
    groups = [[("a",), ("x", "y")], [("a", "b"), ("z",)], [("a", "c"), ("w",)]]
    assert lexical._starts(groups)["a"] == [(("a", "b"), 1), (("a", "c"), 2), (("a",), 0)]


def test_groups_merge_pairs_that_share_a_phrase_and_keep_function_word_terms():
    ero = tuple(text.content(text.tokenize("enforcement and removal operations")))
    groups = lexical._groups(
        {
            "ICE": "ice",  # the same phrase twice: no group, and the rest is still read
            "ERO": "enforcement and removal operations",
            "the Removal Office": "ERO",
            "US": "United States",  # a term made of a function word
        }
    )
    assert groups == [
        [("ero",), ero, tuple(text.content(text.tokenize("removal office")))],
        [("us",), tuple(text.content(text.tokenize("united states")))],
    ]


# --- lexical.build_index / Index.entry_vectors ----------------------------------------------------------------


ENTRIES = [
    ("detention", "Where is immigration detention?", [], "In detention centers."),
    ("bonds", "How do detention bonds work?", [], "A bond is money."),
    ("visas", "What is a visa?", ["travel papers"], "A permit to travel."),
]


def test_build_index_weighs_words_by_document_frequency(write):
    _, index = build(write, ENTRIES)
    assert index.idf[text.stem("detention")] == pytest.approx(lexical._idf(3, 2))
    assert index.idf["visa"] == pytest.approx(lexical._idf(3, 1))


def test_build_index_vocabulary_has_the_glossarys_words_as_written(write):
    _, index = build(write, ENTRIES, {"CBP": "Customs and Border Protection"})
    vocabulary = set(index.vocabulary())
    assert {"cbp", "customs", "border", "protection"} <= vocabulary


@pytest.mark.parametrize(("limit", "has_vectors"), [(3, True), (2, False)])
def test_build_index_encodes_up_to_max_entries(write, monkeypatch, limit, has_vectors):
    monkeypatch.setattr(semantic, "MAX_ENTRIES", limit)
    _, index = build(write, ENTRIES)
    assert index.has_vectors() is has_vectors
    assert index.entry_vectors([0, 1, 2]) == ({} if not has_vectors else index.entry_vectors([0, 1, 2]))
    if not has_vectors:
        assert index.entry_vectors([0]) == {}


# --- lexical._shortlist -----------------------------------------------------------------------------------------


class _Postings:
    """A stand-in index: tokens with their entries and weights."""

    def __init__(self, n, postings, weights):
        self.n, self._p, self._w = n, postings, weights

    def frequencies(self, tokens):
        return {t: len(self._p[t]) for t in tokens if t in self._p}

    def weights(self, tokens):
        return {t: self._w[t] for t in tokens if t in self._w}

    def postings(self, tokens):
        return {t: self._p[t] for t in tokens if t in self._p}


def _concepts_of(*tokens):
    return [lexical._Concept(((t,),), 1.0) for t in tokens]


@pytest.mark.parametrize(
    ("common", "included"),
    [
        (400, False),  # more than a quarter of 1200 entries: proposes nothing once 'r' has
        (300, True),  # exactly a quarter: still proposes
        (250, True),
    ],
)
def test_shortlist_drops_very_common_tokens_after_rarer_ones(common, included):
    # 'a' sorts before 'r' by name but comes after it by frequency
    index = _Postings(1200, {"r": [5], "a": list(range(700, 700 + common))}, {"r": 10.0, "a": 1.0})
    got = lexical._shortlist(_concepts_of("a", "r"), index)
    assert got == ([5, *range(700, 899)] if included else [5])


def test_shortlist_keeps_the_best_by_summed_weight():
    index = _Postings(
        1200,
        {"z": list(range(100)), "x": list(range(1000, 1150)), "y": list(range(1050, 1200))},
        {"z": 1.8, "x": 2.0, "y": 1.5},
    )
    # 1050..1149 have x and y (3.5), 1000..1049 x alone (2.0), then z (1.8) fills the rest by entry order
    assert lexical._shortlist(_concepts_of("x", "y", "z"), index) == [*range(50), *range(1000, 1150)]


# --- lexical._concepts / lexical.lexical_features ---------------------------------------------------------------


def test_concepts_weigh_known_and_unknown_words(mini):
    _, index = mini
    concepts, known = lexical._concepts("ero qqqqzzzz ero", index, lexical.Params(unknown=2.0))
    assert [c.alternatives[0] for c in concepts] == [("ero",), ("qqqqzzzz",)]  # 'ero' twice is one concept
    assert concepts[0].weight == pytest.approx(known["ero"] ** 0.5)
    assert concepts[1].weight == pytest.approx((lexical._idf(index.n, 1) * 2.0) ** 0.5)
    assert len(lexical._concepts("ero ero hsi ero", index)[0]) == 2  # a repeat does not end the query


def test_concepts_rejoin_a_split_code(write):
    _, index = build(write, [("detainer", "What is an I-247A?", [], "A detainer request.")] + ENTRIES[1:])
    concepts, _ = lexical._concepts("i 247a", index)
    assert [c.alternatives[0] for c in concepts] == [("i247a",)]


def test_concepts_leave_six_letter_english_words_alone(write):
    _, index = build(write, [("state", "Which state runs this?", [], "Each state does.")] + ENTRIES[1:])
    concepts, _ = lexical._concepts("estate", index)
    assert concepts[0].alternatives[0] == (text.stem("estate"),)


def test_lexical_features_of_a_query_of_function_words(mini):
    _, index = mini
    assert lexical.lexical_features("what is the", index) == ([], 0, 0.0)


def test_lexical_features_use_the_params_given(mini):
    _, index = mini
    _, _, share = lexical.lexical_features("ero qqqqzzzz", index)
    _, _, share_heavy = lexical.lexical_features("ero qqqqzzzz", index, lexical.Params(unknown=3.0))
    assert share_heavy < share < 1.0


def test_lexical_features_find_an_alias_after_a_question_that_shares_nothing(write):
    _, index = build(write, [("role", "Who runs detention?", ["ero job"], "It does.")] + ENTRIES[1:])
    found = {f[0]: f for f in lexical.lexical_features("ero job", index)[0]}
    assert found[0][1] == pytest.approx(1.0)  # full coverage, from the alias


def test_lexical_features_part_of_a_phrase_in_the_answer(write):
    glossary = {"ERO": "enforcement and removal operations"}
    _, index = build(write, [("a", "Who pays?", [], "Removal is costly.")] + ENTRIES[1:], glossary)
    found = {f[0]: f for f in lexical.lexical_features("ERO", index)[0]}
    assert found[0][1] == pytest.approx(lexical.ANSWER_WEIGHT / 3)  # one word of three, in the answer only


# --- decide.signals / decide.rank -------------------------------------------------------------------------------


def test_signals_without_vectors_have_no_semantic_part(write, monkeypatch):
    monkeypatch.setattr(semantic, "MAX_ENTRIES", 0)
    _, index = build(write, ENTRIES)
    sig = decide.signals("detention bonds", index)
    assert sig
    for x in sig.values():
        assert x[decide.FEATURES.index("semantic")] == 0.0
        assert x[decide.FEATURES.index("semantic_lead")] == 0.0


def test_an_index_without_vectors_is_judged_by_the_words_only_model(write, monkeypatch):
    monkeypatch.setattr(semantic, "MAX_ENTRIES", 0)
    _, index = build(write, ENTRIES)
    assert decide.model(index) is weights.WORDS_ONLY
    for name in ("semantic", "semantic_lead"):  # always 0 without vectors: they must weigh nothing
        assert weights.WORDS_ONLY.coefficients[decide.FEATURES.index(name)] == 0.0


def test_the_packaged_knowledge_base_still_answers_without_its_vectors(monkeypatch):
    """A missing or damaged vectors file leaves the word signals; a model fitted with the semantic
    signals would read their zeros as 'unlike every question' and refuse nearly everything."""
    monkeypatch.setattr(semantic, "vectors_file", lambda: "/nonexistent/wordpieces.sqlite")
    monkeypatch.setattr(semantic, "_QUERY_ENCODER", None)
    kb = knowledge.load(files.default_path())
    index = match.build_index(kb)
    assert not index.has_vectors()
    for query, expected in [("what does ERO do", "ero-role"), ("what is an ice detainer", "detainers"), ("who runs ICE", "ice-leadership")]:
        answer = match.ask(query, kb, index)
        assert answer.matched and answer.matches[0].entry.id == expected, query
    assert not match.ask("how do I make ice cubes", kb, index).matched


def test_signals_add_entries_that_share_only_meaning(write):
    _, index = build(write, ENTRIES)
    sig = decide.signals("detention", index)
    assert set(sig) == {0, 1, 2}  # 'visas' shares no word but is compared by meaning
    assert sig[2][1:4] == [0.0, 0.0, 0.0]  # no coverage, precision or similarity


def test_signals_scan_every_entry_up_to_scan_all(write, monkeypatch):
    _, index = build(write, ENTRIES)
    monkeypatch.setattr(semantic, "SCAN_ALL", index.n)
    assert 2 in decide.signals("detention", index)
    monkeypatch.setattr(semantic, "SCAN_ALL", index.n - 1)
    assert set(decide.signals("detention", index)) == {0, 1}  # only the entries that share a word


@pytest.mark.parametrize("query", ["who carries out deportations", "bond hearing"])
def test_signals_deepen_the_best_entries(packaged, query):
    _, index = packaged
    sig = decide.signals(query, index)
    qvec = semantic.encode_query(query)
    packed = index.entry_vectors(range(index.n))
    cen = {i: semantic.centroid_similarity(qvec, p) for i, p in packed.items()}
    deep = {i: max(cen[i], semantic.phrasing_similarity(qvec, packed[i])) for i in packed}
    by_cen = sorted(cen, key=lambda i: -cen[i])[: decide.DEEP]
    by_lex = sorted((i for i in sig if sig[i][1] > 0), key=lambda i: -sig[i][0])[: decide.DEEP]
    for i in {*by_cen, *by_lex} & set(sig):
        assert sig[i][4] == pytest.approx(deep[i])
    found = {f[0]: f for f in lexical.lexical_features(query, index)[0]}
    lex_best = sorted(found, key=lambda i: -lexical.combine(found[i]))[: decide.DEEP]
    sem = {i: deep[i] if i in {*by_cen, *lex_best} else cen[i] for i in cen}
    top_sem = sorted(sem, key=lambda i: -sem[i])[: decide.DEEP]
    assert set(sig) == set(found) | set(top_sem)  # the lexical candidates and the six closest in meaning


def test_rank_rounds_probabilities_to_four_places(packaged):
    _, index = packaged
    ranked = decide.rank("what does ERO do", index)
    assert ranked
    assert all(s == round(s, 4) for _, s in ranked)


# --- match.ask / match.closest_ids ------------------------------------------------------------------------------


def test_ask_builds_its_own_index_and_returns_one_match_by_default(mini):
    kb, _ = mini
    answer = match.ask("what does ERO do", kb, threshold=0.0)
    assert [m.entry.id for m in answer.matches] == ["ero-role"]


def test_ask_without_a_match_has_empty_matches(mini):
    kb, index = mini
    answer = match.ask("zzzz qqqq", kb, index)
    assert answer.matches == ()


def test_ask_empty_question_says_how_to_ask(mini):
    kb, index = mini
    with pytest.raises(QueryError) as err:
        match.ask("?!", kb, index)
    assert str(err.value) == 'the question is empty; try: icefaq ask "what does ERO do"'


def test_closest_ids_are_the_three_best_at_70_or_more():
    ids = [f"ero-role-{k}" for k in range(6)]
    assert len(match.closest_ids("ero-role", ids)) == 3
    assert match.closest_ids("abcdefghij", ["abcdefgxyz", "zzzz"]) == ["abcdefgxyz"]  # a score of exactly 70


def test_a_scale_after_hundred_multiplies_the_hundreds():
    from icefaq.match.text import numbers

    assert numbers("four hundred thousand".split()) == [(0, 3, "400000")]
    assert numbers("five hundred million people".split()) == [(0, 3, "500000000")]
    assert numbers("two thousand four hundred and twenty".split()) == [(0, 6, "2420")]
    assert numbers("hundred".split()) == [] and numbers("four hundred hundred".split())[0][2] == "400"
