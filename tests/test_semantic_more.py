"""The semantic signal, edge by edge: punctuation, word pieces, packed vectors and the encoder's file reads."""

from __future__ import annotations

import sqlite3
import threading

import pytest

from icefaq.match import semantic

DIMS = semantic.DIMS


def _axis(k: int, sign: float = 1.0) -> list[float]:
    v = [0.0] * DIMS
    v[k] = sign
    return v


def _tiny_db(path, pieces: dict[str, bytes]) -> str:
    db = sqlite3.connect(path)
    db.execute("CREATE TABLE pieces (piece TEXT PRIMARY KEY, vec BLOB NOT NULL) WITHOUT ROWID")
    db.executemany("INSERT INTO pieces VALUES (?, ?)", pieces.items())
    db.commit()
    db.close()
    return str(path)


# --- semantic._is_punctuation ------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("char", "expected"),
    [
        ("!", True),
        ("$", True),  # a symbol (Sc), punctuation for BERT because it is ASCII 33..47
        ("/", True),
        ("0", False),
        ("<", True),  # Sm, in 58..64
        ("@", True),
        ("A", False),
        ("^", True),  # Sk, in 91..96
        ("`", True),
        ("a", False),
        ("|", True),  # Sm, in 123..126
        ("~", True),
        ("\x7f", False),
        ("¡", True),  # non-ASCII: by Unicode category P
        ("«", True),
        ("é", False),
    ],
)
def test_is_punctuation_follows_bert(char, expected):
    assert semantic._is_punctuation(char) is expected


# --- semantic.basic_words ----------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "words"),
    [
        ("ice\u200bagent", ["ice", "agent"]),  # a format character (Cf) separates words
        ("caf\u00e9\u0007bar", ["cafe", "bar"]),  # a control character (Cc) too
    ],
)
def test_basic_words_split_on_invisible_characters(text, words):
    assert semantic.basic_words(text) == words


# --- semantic._candidates / semantic._pieces ---------------------------------------------------------------------


def test_candidates_are_prefixes_and_inner_pieces_exactly():
    assert semantic._candidates("abc") == ["a", "ab", "abc", "##b", "##bc", "##c"]
    assert semantic._candidates("a") == ["a"]


def test_pieces_accept_a_word_of_exactly_max_word_letters():
    known = dict.fromkeys(["a", "##a"], b"")
    assert semantic._pieces("a" * semantic.MAX_WORD, known) == ["a"] + ["##a"] * (semantic.MAX_WORD - 1)
    assert semantic._pieces("a" * (semantic.MAX_WORD + 1), known) == []


# --- semantic.unit / semantic.pack ------------------------------------------------------------------------------


def test_unit_scales_short_vectors_and_refuses_the_zero_vector():
    assert semantic.unit([0.3, 0.4]) == pytest.approx([0.6, 0.8])
    assert semantic.unit([0.0, 0.0, 0.0]) is None


# --- semantic.best_similarity / centroid_similarity / phrasing_similarity ---------------------------------------


def test_similarities_of_an_entry_without_vectors_are_zero():
    q = _axis(0)
    assert semantic.best_similarity(q, b"") == 0.0
    assert semantic.centroid_similarity(q, b"") == 0.0
    assert semantic.phrasing_similarity(q, b"") == 0.0


def test_centroid_and_phrasing_similarity_read_the_right_records():
    q = semantic.unit([1.0, 1.0] + [0.0] * (DIMS - 2))
    centroid, phrasing = semantic.pack(_axis(0)), semantic.pack(q)
    # one record (the centroid alone): both read it
    assert semantic.centroid_similarity(q, centroid) == pytest.approx(0.7071, abs=0.01)
    assert semantic.phrasing_similarity(q, centroid) == pytest.approx(0.7071, abs=0.01)
    # centroid then one phrasing: the phrasing similarity is the phrasing's, not the centroid's
    assert semantic.centroid_similarity(q, centroid + phrasing) == pytest.approx(0.7071, abs=0.01)
    assert semantic.phrasing_similarity(q, centroid + phrasing) == pytest.approx(1.0, abs=0.01)


# --- semantic.entry_vectors -------------------------------------------------------------------------------------


class _Stub:
    def __init__(self, vectors):
        self.vectors = vectors

    def encode(self, text):
        return self.vectors.get(text)


def test_entry_vectors_centroid_first_then_each_phrasing():
    a, b = _axis(0), _axis(1)
    packed = semantic.entry_vectors(_Stub({"a": a, "b": b}), ["a", "b", "unknown"])
    r = semantic._RECORD
    assert len(packed) == 3 * r
    mid = semantic.unit([1.0, 1.0] + [0.0] * (DIMS - 2))
    assert semantic.similarity(mid, packed, 0) == pytest.approx(1.0, abs=0.01)  # the centroid, not 'a'
    assert semantic.similarity(a, packed, r) == pytest.approx(1.0, abs=0.01)
    assert semantic.similarity(b, packed, 2 * r) == pytest.approx(1.0, abs=0.01)


def test_entry_vectors_opposite_phrasings_fall_back_to_the_first():
    a, minus_a = _axis(0), _axis(0, -1.0)
    packed = semantic.entry_vectors(_Stub({"a": a, "-a": minus_a}), ["a", "-a"])
    assert semantic.similarity(a, packed, 0) == pytest.approx(1.0, abs=0.01)


def test_entry_vectors_nothing_encodable_is_empty():
    assert semantic.entry_vectors(_Stub({}), ["x", "y"]) == b""


# --- semantic.Encoder (the real vectors file) ------------------------------------------------------------------


def test_encoder_reads_the_packaged_file_and_encodes_edge_words():
    enc = semantic.Encoder()
    assert enc.available
    assert enc.encode("a") is not None  # one candidate piece only: it must still be read
    assert enc.encode("a" * semantic.MAX_WORD) is not None
    assert enc.encode("a" * (semantic.MAX_WORD + 1)) is None  # too long: an unknown word


def test_encoder_reads_every_piece_asked_for_in_large_batches():
    db = sqlite3.connect(semantic.vectors_file())
    pieces = {p for (p,) in db.execute("SELECT piece FROM pieces LIMIT 1234")}
    db.close()
    enc = semantic.Encoder()
    enc._lookup(pieces)
    assert pieces <= set(enc._known)


def test_encoder_works_from_another_thread():
    enc = semantic.Encoder()
    assert enc.encode("detention") is not None  # opens the file in this thread
    out = []
    t = threading.Thread(target=lambda: out.append(enc.encode("removal officers")))
    t.start()
    t.join()
    assert out[0] is not None
    assert enc.available


def test_encode_query_keeps_one_encoder(monkeypatch):
    monkeypatch.setattr(semantic, "_QUERY_ENCODER", None)
    v = semantic.encode_query("what does ERO do")
    assert v is not None
    first = semantic._QUERY_ENCODER
    assert first is not None
    semantic.encode_query("deportation")
    assert semantic._QUERY_ENCODER is first


# --- semantic.Encoder (a small hand-made file) ----------------------------------------------------------------


def test_encoder_vector_points_the_way_of_its_pieces(tmp_path):
    path = _tiny_db(tmp_path / "v.sqlite", {"ice": semantic.pack(_axis(0)), "agent": semantic.pack(_axis(1))})
    v = semantic.Encoder(path).encode("ice")
    assert v is not None
    assert v[0] == pytest.approx(1.0, abs=0.01)


def test_encoder_ignores_damaged_records(tmp_path):
    good = {"agent": semantic.pack(_axis(1))}
    damaged = _tiny_db(tmp_path / "d.sqlite", {**good, "ice": b"\x00\x00\x80?" + b"\x05" * 10})
    clean = _tiny_db(tmp_path / "c.sqlite", good)
    assert semantic.Encoder(damaged).encode("ice agent") == semantic.Encoder(clean).encode("ice agent")


def test_similarities_match_one_at_a_time_and_follow_the_packed_order():
    q = semantic.unit([1.0] + [0.0] * (semantic.DIMS - 1))
    assert q is not None
    vectors = [semantic.unit([float(k == j) for k in range(semantic.DIMS)]) for j in range(3)]
    blob = b"".join(semantic.pack(v) for v in vectors if v is not None)
    got = semantic.similarities(q, blob)
    assert got == pytest.approx([semantic.similarity(q, blob, o) for o in range(0, len(blob), 4 + semantic.DIMS)])
    assert got == pytest.approx([1.0, 0.0, 0.0])
    assert semantic.similarities(q, b"") == []


def test_similarities_are_the_same_before_and_after_a_blob_is_unpacked(monkeypatch):
    monkeypatch.setattr(semantic, "_ROWS", {})
    monkeypatch.setattr(semantic, "_SEEN", set())
    q = semantic.encode_query("who runs immigration detention")
    assert q is not None
    blob = b"".join(semantic.pack(v) for v in map(semantic.encode_query, ["detention centers", "ice skating", "bond hearing"]) if v)
    first = semantic.similarities(q, blob)
    assert blob not in semantic._ROWS  # the first use compares in place
    second = semantic.similarities(q, blob)
    assert blob in semantic._ROWS  # the second use unpacks, for the uses after it
    assert first == second == semantic.similarities(q, blob)
    assert first == [semantic.similarity(q, blob, o) for o in range(0, len(blob), 4 + semantic.DIMS)]


def test_unpacked_blobs_are_bounded(monkeypatch):
    monkeypatch.setattr(semantic, "_ROWS", {})
    monkeypatch.setattr(semantic, "_SEEN", set())
    monkeypatch.setattr(semantic, "KEPT", 2)
    q = [1.0] + [0.0] * (semantic.DIMS - 1)
    blobs = [semantic.pack(semantic.unit([1.0] * (k + 1) + [0.0] * (semantic.DIMS - k - 1))) for k in range(5)]
    for b in blobs:
        semantic.similarities(q, b)
        semantic.similarities(q, b)
    assert 0 < len(semantic._ROWS) <= 2
    assert len(semantic._SEEN) <= 8
