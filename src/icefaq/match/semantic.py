"""The semantic signal: how close in meaning a query is to an entry's question and aliases.

Words the aliases never use still meet ("duties" and "responsibilities", "houses" and "part
of"). The vectors are static word-piece embeddings distilled by ``scripts/build_vectors.py``
from the all-MiniLM-L6-v2 sentence model (model2vec, 128 dimensions, int8) and shipped in
``icefaq/data/wordpieces.sqlite``. Encoding a text is pure Python, with no numpy or model
at run time: BERT's basic tokenizer and greedy WordPiece split the text, the pieces' vectors
are averaged and normalised, as model2vec does. Only the pieces a text needs are read from
the file. Without the file (or with a damaged one) every similarity is 0 and matching falls
back to the lexical signal alone.
"""

from __future__ import annotations

import os
import struct
import unicodedata
from array import array
from operator import mul

TYPE_CHECKING = False
if TYPE_CHECKING:
    from ..model import Entry

DIMS = 128
MAX_WORD = 40  # longer "words" (URLs, noise) are unknown pieces, as in BERT (which allows 100)
MAX_WORDS = 256  # a query longer than this is judged by its beginning
_RECORD = 4 + DIMS  # a float32 scale, then DIMS int8 components
_unpack_scale = struct.Struct("<f").unpack_from

Vector = list[float]  # unit length


def _is_punctuation(c: str) -> bool:
    o = ord(c)
    if 33 <= o <= 47 or 58 <= o <= 64 or 91 <= o <= 96 or 123 <= o <= 126:
        return True
    return unicodedata.category(c).startswith("P")


def basic_words(text: str) -> list[str]:
    """BERT's uncased basic tokenizer: lower case, no accents, punctuation split off as words."""
    if not text.isascii():
        text = "".join(c for c in unicodedata.normalize("NFD", text) if unicodedata.category(c) != "Mn")
        text = "".join(" " if unicodedata.category(c)[0] in "CZ" else c for c in text)
    out: list[str] = []
    for chunk in text.lower().split():
        if chunk.isalnum():
            out.append(chunk)
            continue
        word = ""
        for c in chunk:
            if _is_punctuation(c):
                if word:
                    out.append(word)
                    word = ""
                out.append(c)
            else:
                word += c
        if word:
            out.append(word)
    return out


def _candidates(word: str) -> list[str]:
    """Every piece WordPiece could try for a word: its prefixes and its '##' inner substrings."""
    n = len(word)
    return [word[:j] for j in range(1, n + 1)] + ["##" + word[i:j] for i in range(1, n) for j in range(i + 1, n + 1)]


def _pieces(word: str, known: dict[str, bytes]) -> list[str]:
    """Greedy longest-match-first WordPiece; a word that cannot be split is dropped (BERT's [UNK])."""
    if len(word) > MAX_WORD:
        return []
    out: list[str] = []
    start = 0
    while start < len(word):
        end = len(word)
        while end > start:
            piece = word[start:end] if start == 0 else "##" + word[start:end]
            if piece in known:
                out.append(piece)
                break
            end -= 1
        else:
            return []
        start = end
    return out


def unit(vector: list[float]) -> Vector | None:
    norm = sum(x * x for x in vector) ** 0.5
    return [x / norm for x in vector] if norm > 0 else None


def pack(vector: Vector) -> bytes:
    """A unit vector as int8 with one scale (the form entry vectors are stored in)."""
    scale = max(abs(x) for x in vector) / 127 or 1.0
    return struct.pack("<f", scale) + array("b", [max(-127, min(127, round(x / scale))) for x in vector]).tobytes()


def similarity(query: Vector, packed: bytes, offset: int = 0) -> float:
    """Cosine between a unit query vector and one packed unit vector."""
    (scale,) = _unpack_scale(packed, offset)
    ints = array("b", packed[offset + 4 : offset + _RECORD])
    return float(scale * sum(map(mul, query, ints)))


def similarities(query: Vector, packed: bytes) -> list[float]:
    """The cosine between the query and each of the vectors packed one after another."""
    rows = _unpacked(packed)
    if rows is None:
        return [similarity(query, packed, o) for o in range(0, len(packed) - _RECORD + 1, _RECORD)]
    return [float(scale * sum(map(mul, query, ints))) for scale, ints in rows]


KEPT = 1024  # at most this many unpacked blobs are kept (a batch of queries reuses them)
_ROWS: dict[bytes, list[tuple[float, list[float]]]] = {}
_SEEN: set[bytes] = set()


def _unpacked(packed: bytes) -> list[tuple[float, list[float]]] | None:
    """The packed vectors unpacked (scale, components), for a blob this process compared before.

    Unpacking costs more than one comparison, so a blob is unpacked only on its second use: a
    one-question run pays nothing, a batch of questions compares each blob faster from then on.
    The numbers are the same either way (the same products, summed in the same order). The components
    are kept as floats: a float times an int is computed as a float times the int's (exact) float, so
    the products are the same, and multiplying floats is about a quarter faster.
    """
    rows = _ROWS.get(packed)
    if rows is not None:
        return rows
    if packed not in _SEEN:
        if len(_SEEN) >= 4 * KEPT:
            _SEEN.clear()
        _SEEN.add(packed)
        return None
    if len(_ROWS) >= KEPT:
        _ROWS.clear()
    rows = _ROWS[packed] = [
        (_unpack_scale(packed, o)[0], [float(x) for x in array("b", packed[o + 4 : o + _RECORD])])
        for o in range(0, len(packed) - _RECORD + 1, _RECORD)
    ]
    return rows


def best_similarity(query: Vector, packed: bytes) -> float:
    """The highest cosine between the query and any of the vectors packed one after another."""
    return max(similarities(query, packed), default=0.0)


def vectors_file() -> str:
    return os.path.join(os.path.dirname(os.path.dirname(os.path.abspath(__file__))), "data", "wordpieces.sqlite")


class Encoder:
    """Encodes texts into unit vectors, reading the pieces they need from the vectors file."""

    def __init__(self, path: str | None = None) -> None:
        self.path = path or vectors_file()
        self._db: object = None
        self._known: dict[str, bytes] = {}
        self._missing: set[str] = set()
        self.available = os.path.isfile(self.path)

    def _lookup(self, pieces: set[str]) -> None:
        wanted = [p for p in pieces if p not in self._known and p not in self._missing]
        if not wanted or not self.available:
            return
        import sqlite3  # noqa: PLC0415

        try:
            if self._db is None:
                from ..files import uri_path  # noqa: PLC0415

                self._db = sqlite3.connect(f"file:{uri_path(self.path)}?mode=ro&immutable=1", uri=True, check_same_thread=False)
            db: sqlite3.Connection = self._db  # type: ignore[assignment]
            for start in range(0, len(wanted), 500):
                chunk = wanted[start : start + 500]
                for piece, vec in db.execute(f"SELECT piece, vec FROM pieces WHERE piece IN ({','.join('?' * len(chunk))})", chunk):
                    if isinstance(vec, bytes) and len(vec) == _RECORD:
                        self._known[str(piece)] = vec
        except sqlite3.Error:
            self.available = False  # a damaged file: no semantic signal, never a failure
            return
        self._missing.update(p for p in wanted if p not in self._known)

    def prepare(self, texts: list[str]) -> None:
        """Read, in one pass, every piece these texts may need (for encoding many texts)."""
        words = {w for t in texts for w in basic_words(t)[:MAX_WORDS] if len(w) <= MAX_WORD}
        self._lookup({c for w in words for c in _candidates(w)})

    def encode(self, text: str) -> Vector | None:
        """The text's unit vector, or None when none of its pieces is known (or there is no file)."""
        words = [w for w in basic_words(text)[:MAX_WORDS] if len(w) <= MAX_WORD]
        self._lookup({c for w in words for c in _candidates(w)})
        known = self._known
        total = [0.0] * DIMS
        count = 0
        for w in words:
            for piece in _pieces(w, known):
                packed = known[piece]
                (scale,) = _unpack_scale(packed, 0)
                for k, x in enumerate(array("b", packed[4:])):
                    total[k] += scale * x
                count += 1
        return unit(total) if count else None


MAX_ENTRIES = 2000  # larger knowledge bases are matched by words alone: encoding them would slow the first run
SCAN_ALL = 400  # up to this many entries, every entry's centroid is compared with the query


def entry_vectors(encoder: Encoder, phrasings: list[str]) -> bytes:
    """An entry's stored vectors: the centroid of its phrasings, then each phrasing (question,
    aliases), packed one after another; empty when no phrasing can be encoded."""
    vectors = [v for v in map(encoder.encode, phrasings) if v is not None]
    if not vectors:
        return b""
    centroid = unit([sum(col) for col in zip(*vectors)])
    return b"".join(pack(v) for v in [centroid or vectors[0], *vectors])


def index_vectors(entries: tuple[Entry, ...] | list[Entry]) -> list[bytes]:
    """Every entry's stored vectors (see :func:`entry_vectors`), or [] when there is no vectors file."""
    encoder = Encoder()
    if not encoder.available:
        return []
    phrasings = [[e.question, *e.aliases] for e in entries]
    encoder.prepare([p for ps in phrasings for p in ps])
    return [entry_vectors(encoder, ps) for ps in phrasings]


_QUERY_ENCODER: Encoder | None = None


def encode_query(text: str) -> Vector | None:
    """The query's unit vector (one encoder, and one open vectors file, per process)."""
    global _QUERY_ENCODER
    if _QUERY_ENCODER is None:
        _QUERY_ENCODER = Encoder()
    return _QUERY_ENCODER.encode(text)


def centroid_similarity(query: Vector, packed: bytes) -> float:
    """The cosine between the query and the entry's centroid (the first of its packed vectors)."""
    return similarities(query, packed[:_RECORD])[0] if len(packed) >= _RECORD else 0.0


def phrasing_similarity(query: Vector, packed: bytes) -> float:
    """The best cosine between the query and any of the entry's questions and aliases."""
    return best_similarity(query, packed[_RECORD:]) if len(packed) >= 2 * _RECORD else centroid_similarity(query, packed)
