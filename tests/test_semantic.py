"""The semantic signal: BERT's tokenizer steps, the word-piece encoder and packed vectors."""

from __future__ import annotations

import pytest

from icefaq.match import semantic


@pytest.mark.parametrize(
    ("text", "words"),
    [
        ("What Does HSI Stand For?", ["what", "does", "hsi", "stand", "for", "?"]),
        ("ICE's job", ["ice", "'", "s", "job"]),
        ("Détention\tcafé", ["detention", "cafe"]),
        ("287(g)", ["287", "(", "g", ")"]),
    ],
)
def test_basic_words_lower_strip_accents_and_split_punctuation(text, words):
    assert semantic.basic_words(text) == words


def test_wordpiece_is_greedy_longest_match_first():
    known = dict.fromkeys(["deport", "##ation", "##at", "##ions", "##s"], b"")
    assert semantic._pieces("deportations", known) == ["deport", "##ation", "##s"]
    assert semantic._pieces("xyz", known) == []  # cannot be split: dropped, as BERT's [UNK]
    assert semantic._pieces("deport" * 10, known) == []  # longer than MAX_WORD


def test_pack_round_trips_a_unit_vector():
    v = semantic.unit([float(k % 7 - 3) for k in range(semantic.DIMS)])
    assert v is not None
    packed = semantic.pack(v)
    assert len(packed) == 4 + semantic.DIMS
    assert semantic.similarity(v, packed) == pytest.approx(1.0, abs=0.01)
    other = semantic.pack([-x for x in v])
    assert semantic.best_similarity(v, other + packed) == pytest.approx(1.0, abs=0.01)
    assert semantic.similarity(v, other) == pytest.approx(-1.0, abs=0.01)


@pytest.fixture(scope="module")
def encoder():
    enc = semantic.Encoder()
    assert enc.available, "the packaged word-piece vectors are missing"
    return enc


def cos(encoder, a: str, b: str) -> float:
    va, vb = encoder.encode(a), encoder.encode(b)
    return sum(x * y for x, y in zip(va, vb))


def test_vectors_are_unit_length(encoder):
    v = encoder.encode("who runs deportation flights")
    assert sum(x * x for x in v) == pytest.approx(1.0)


def test_meaning_beats_spelling(encoder):
    assert cos(encoder, "duties of ice", "responsibilities of ice") > cos(encoder, "duties of ice", "glaciers melting")
    assert cos(encoder, "which department houses ice", "ice is part of homeland security") > cos(
        encoder, "which department houses ice", "how to make ice cubes"
    )


def test_nothing_known_encodes_to_none(encoder):
    assert encoder.encode("") is None
    assert encoder.encode("\u2603" * 3) is None


def test_a_missing_or_damaged_file_gives_no_signal(tmp_path):
    assert semantic.Encoder(str(tmp_path / "none.sqlite")).encode("ice") is None
    bad = tmp_path / "bad.sqlite"
    bad.write_bytes(b"not a database")
    enc = semantic.Encoder(str(bad))
    assert enc.encode("ice") is None
    assert not enc.available


def test_entry_vectors_hold_the_centroid_then_each_phrasing(encoder):
    packed = semantic.entry_vectors(encoder, ["What does ERO do?", "deportation officers", "\u2603"])
    assert len(packed) == 3 * (4 + semantic.DIMS)  # centroid + the two phrasings that encode
    q = encoder.encode("deportation officers")
    assert semantic.phrasing_similarity(q, packed) == pytest.approx(1.0, abs=0.01)
    assert semantic.centroid_similarity(q, packed) < semantic.phrasing_similarity(q, packed)


def test_the_vectors_are_tuned_for_the_packaged_wording(encoder):
    """Step 4 of scripts/build_vectors.py tunes the vectors on data/faq.yaml's questions and aliases: a
    phrasing's nearest other phrasing then belongs to the same entry far more often (untuned: 63%)."""
    from operator import mul

    from icefaq import files, knowledge

    vectors, owners = [], []
    for i, e in enumerate(knowledge.load(files.default_path()).entries):
        for text in (e.question, *e.aliases):
            v = encoder.encode(text)
            if v is not None:
                vectors.append(v)
                owners.append(i)
    probes = range(0, len(vectors), 10)
    same = 0
    for p in probes:
        sims = [sum(map(mul, vectors[p], v)) if j != p else -2.0 for j, v in enumerate(vectors)]
        same += owners[max(range(len(sims)), key=sims.__getitem__)] == owners[p]
    assert same / len(probes) >= 0.75
