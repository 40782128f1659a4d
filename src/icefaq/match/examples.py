"""Labelled real questions the matcher learns from: the nearest answered and refused examples.

The corpus's train split (tests/corpus/train.yaml) holds real questions, each labelled with the
entries that answer it or with none (a question the tool must refuse). ``bench/fit.py --write``
encodes them with the query encoder (:mod:`.semantic`) and stores their vectors in
``data/examples.sqlite``, which ships in the wheel: per entry, the vectors of the questions that
entry answers; and the vectors of the questions to refuse. Two signals come from them (see :mod:`.decide`):

* answered: the cosine of the query and the nearest example question the entry answers;
* refused: the mean cosine of the query and its :data:`NEAREST` nearest questions to refuse.

The labels name entries of the packaged knowledge base, so the examples are used for it alone
(:func:`for_knowledge_base`); any other knowledge base gets neither signal, and the decision
model fitted without them (:mod:`.weights`).
"""

from __future__ import annotations

import os

from .semantic import similarities

TYPE_CHECKING = False
if TYPE_CHECKING:
    from collections.abc import Iterable

    from .semantic import Vector

NEAREST = 3  # the refused signal averages this many nearest questions to refuse
REFUSED = ""  # the entry column of a question to refuse


class Examples:
    """Packed example vectors: ``answered[entry id]`` and ``refused`` (see the module docstring)."""

    __slots__ = ("answered", "refused")

    def __init__(self, answered: dict[str, bytes], refused: bytes) -> None:
        self.answered = answered
        self.refused = refused

    def answered_similarity(self, query: Vector, entry_id: str) -> float:
        """The cosine of the query and the nearest example question this entry answers (0 without one)."""
        return max(similarities(query, self.answered.get(entry_id, b"")), default=0.0)

    def refused_similarity(self, query: Vector) -> float:
        """The mean cosine of the query and its NEAREST nearest questions to refuse (0 without any)."""
        near = sorted(similarities(query, self.refused), reverse=True)[:NEAREST]
        return sum(near) / len(near) if near else 0.0


def gather(labelled: Iterable[tuple[Iterable[str], bytes]]) -> Examples:
    """Examples from labelled questions: each question's entry ids (none: to refuse) and packed vector."""
    answered: dict[str, list[bytes]] = {}
    refused: list[bytes] = []
    for ids, packed in labelled:
        ids = sorted(set(ids))
        if not ids:
            refused.append(packed)
        for entry in ids:
            answered.setdefault(entry, []).append(packed)
    return Examples({e: b"".join(v) for e, v in sorted(answered.items())}, b"".join(refused))


def examples_file() -> str:
    return os.path.join(os.path.dirname(os.path.dirname(os.path.abspath(__file__))), "data", "examples.sqlite")


def load(path: str | None = None) -> Examples | None:
    """The stored examples, or None when the file is missing or unreadable (never a failure)."""
    import sqlite3  # noqa: PLC0415

    from ..files import uri_path  # noqa: PLC0415

    path = path or examples_file()
    if not os.path.isfile(path):
        return None
    answered: dict[str, bytes] = {}
    refused = b""
    try:
        db = sqlite3.connect(f"file:{uri_path(path)}?mode=ro&immutable=1", uri=True)
        try:
            rows = db.execute("SELECT entry, packed FROM examples").fetchall()
        finally:
            db.close()
    except sqlite3.Error:
        return None
    for entry, packed in rows:
        if not isinstance(entry, str) or not isinstance(packed, bytes):
            return None
        if entry == REFUSED:
            refused = packed
        else:
            answered[entry] = packed
    return Examples(answered, refused)


def write(path: str, examples: Examples, about: dict[str, str]) -> None:
    """Store examples (and ``about``: where they came from) where :func:`load` reads them."""
    import sqlite3  # noqa: PLC0415

    tmp = path + ".tmp"
    if os.path.exists(tmp):
        os.remove(tmp)
    db = sqlite3.connect(tmp)
    try:
        db.executescript(
            "CREATE TABLE meta (name TEXT PRIMARY KEY, value TEXT NOT NULL) WITHOUT ROWID;"
            "CREATE TABLE examples (entry TEXT PRIMARY KEY, packed BLOB NOT NULL) WITHOUT ROWID;"
        )
        db.executemany("INSERT INTO meta VALUES (?, ?)", sorted(about.items()))
        rows = sorted(examples.answered.items()) + [(REFUSED, examples.refused)]
        db.executemany("INSERT INTO examples VALUES (?, ?)", rows)
        db.commit()
        db.execute("VACUUM")
    finally:
        db.close()
    os.replace(tmp, path)


def for_knowledge_base(path: str) -> Examples | None:
    """The examples, when ``path`` is the packaged knowledge base their labels name; else None."""
    from ..files import default_path  # noqa: PLC0415

    if not path or os.path.realpath(path) != os.path.realpath(default_path()):
        return None
    return load()
