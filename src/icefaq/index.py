"""The compiled, cached form of a knowledge base: checked model plus match index, in SQLite.

On a cache hit nothing parses YAML: the file's bytes are hashed and the database written by
an earlier run is opened read-only. A query then reads only what it needs: the weights and
postings of its own words, the match data of the entries that share a word with it, and the
full text of the entries it shows. So a run costs about the same for a 60-entry knowledge
base as for a 100,000-entry one, once the cache is built.

The cache holds only data (text, numbers and JSON arrays in SQLite tables; never pickle or
marshal, and SQLite is told not to trust the file's schema), so a tampered file can at worst
fail to load or give wrong text. Any failure to read it, at opening or later in the run,
makes the objects fall back to a fresh build from the YAML, which also replaces the file.
The cache lives in $XDG_CACHE_HOME/icefaq (default ~/.cache/icefaq), one file per
knowledge-base path, written to a private temporary file and renamed into place, so readers
see the old file or the new one, never half of one. Any problem with the cache only costs time.
"""

from __future__ import annotations

import json
import os
import sqlite3

from . import __version__
from .errors import DataError
from .files import read_bytes, resolve_path, uri_path
from .files import settled as _settled
from .files import stamp as _stamp
from .match import Index, Parts, _starts, english_source, english_words, make_parts
from .match.examples import Examples, for_knowledge_base
from .model import Entry, Headline, KnowledgeBase, Source, Topic

TYPE_CHECKING = False
if TYPE_CHECKING:
    from collections.abc import Callable, Iterable
    from typing import Any, TypeVar

    _F = TypeVar("_F", bound=Callable[..., Any])

CACHE_FORMAT = 9  # 9: the knowledge base's own misspellings join the words they misspell
# The packaged word-piece vectors (match/semantic.py) that cached entry vectors were encoded with:
# the first 16 hex digits of the SHA-256 of data/wordpieces.sqlite. New vectors must come with a
# new digest (tests/test_index.py checks it), so that no cache pairs old entry vectors with a new
# query encoder.
VECTORS_DIGEST = "76d2da87d3a45f68"
FORMAT = f"{CACHE_FORMAT}.{VECTORS_DIGEST}"  # what a cache file records as its format
_CHUNK = 500  # bound parameters per statement, well under SQLite's limit
_READ_ERRORS = (sqlite3.Error, ValueError, TypeError, KeyError, IndexError, AttributeError)


def cache_dir() -> str | None:
    """Where compiled indexes live, or None when caching is switched off (ICEFAQ_NO_CACHE)."""
    if os.environ.get("ICEFAQ_NO_CACHE", "").strip() not in ("", "0"):
        return None
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    return os.path.join(base, "icefaq")


def _hasher(data: bytes) -> object:
    try:
        from _blake2 import blake2b  # noqa: PLC0415  (what hashlib wraps; skips loading OpenSSL)
    except ImportError:  # pragma: no cover - Python builds without it
        from hashlib import blake2b  # noqa: PLC0415
    return blake2b(data, digest_size=20)


def _key(raw: bytes) -> str:
    h = _hasher(raw)
    h.update(f"|{__version__}|{FORMAT}".encode())  # type: ignore[attr-defined]
    return h.hexdigest()  # type: ignore[attr-defined,no-any-return]


def cache_file(directory: str, path: str) -> str:
    """The cache file for the knowledge base at ``path``."""
    name = _hasher(os.path.abspath(path).encode("utf-8", "surrogateescape")).hexdigest()[:24]  # type: ignore[attr-defined]
    return os.path.join(directory, f"kb-{name}.sqlite")


def load_compiled(path: str | os.PathLike[str] | None = None) -> tuple[KnowledgeBase, Index]:
    """Load a knowledge base and its match index, from the cache when it is fresh.

    Raises:
        DataError: the knowledge base is unusable (the cache never hides a data error).
    """
    p = resolve_path(path)
    directory = cache_dir()
    target = cache_file(directory, p) if directory else None
    if target is not None:
        store = _Store.open(target, p)
        if store is not None:
            return StoredKnowledgeBase(store), StoredIndex(store)  # type: ignore[return-value]
    stamp = _stamp(p)
    raw = read_bytes(p)
    return _build(p, raw, _key(raw), target, stamp)


def _build(path: str, raw: bytes, key: str, target: str | None, stamp: str | None) -> tuple[KnowledgeBase, Index]:
    from .files import decode  # noqa: PLC0415
    from .knowledge import load_text  # noqa: PLC0415
    from .match import build_index  # noqa: PLC0415

    kb = load_text(decode(raw, path), path)
    index = build_index(kb, english)
    if target is not None:
        write(target, key, kb, index, stamp)
    return kb, index


# --------------------------------------------------------------------------- writing

_SCHEMA = """
CREATE TABLE meta (name TEXT PRIMARY KEY, value TEXT NOT NULL) WITHOUT ROWID;
CREATE TABLE terms (token TEXT PRIMARY KEY, idf REAL NOT NULL, df INTEGER NOT NULL, postings TEXT NOT NULL) WITHOUT ROWID;
CREATE TABLE entries (num INTEGER PRIMARY KEY, id TEXT NOT NULL UNIQUE, record TEXT NOT NULL, match TEXT NOT NULL);
CREATE TABLE headlines (num INTEGER PRIMARY KEY, id TEXT NOT NULL, topic TEXT NOT NULL, question TEXT NOT NULL);
CREATE TABLE sources (num INTEGER PRIMARY KEY, id TEXT NOT NULL UNIQUE, record TEXT NOT NULL, cited_by TEXT NOT NULL);
CREATE TABLE vectors (num INTEGER PRIMARY KEY, packed BLOB NOT NULL);
"""


def _dumps(value: object) -> str:
    return json.dumps(value, ensure_ascii=False, separators=(",", ":"))


def write(target: str, key: str, kb: KnowledgeBase, index: Index, stamp: str | None = None) -> None:
    """Write the cache file for ``kb`` atomically; any failure just leaves no cache.

    ``stamp`` is the data file's size, modification time and identity from before it was
    read. Later runs trust an unchanged stamp without reading the file, but only when the
    file was last modified well before this write (``_SETTLED_NS``): a second edit within
    the same tick of a coarse file-system clock could otherwise keep the same stamp.
    """
    import time  # noqa: PLC0415  (only a cache miss writes)

    def fill(db: sqlite3.Connection) -> None:
        db.executescript(_SCHEMA)
        meta = {
            "format": FORMAT,
            "key": key,
            "title": kb.title,
            "topics": _dumps([[t.id, t.title] for t in kb.topics]),
            "glossary": _dumps(kb.glossary),
            "groups": _dumps(index.groups),
            "words": _dumps(index.words),
            "count": str(len(kb.entries)),
            "counts": _dumps(kb.topic_counts()),
            "vectors": "1" if index.vectors else "",
            "stamp": stamp if stamp is not None and _settled(stamp, time.time_ns()) else "",
        }
        db.executemany("INSERT INTO meta VALUES (?, ?)", meta.items())
        postings = index.all_postings()
        db.executemany(
            "INSERT INTO terms VALUES (?, ?, ?, ?)",
            ((t, w, len(postings.get(t, ())), _dumps(postings.get(t, []))) for t, w in index.idf.items()),
        )
        db.executemany(
            "INSERT INTO entries VALUES (?, ?, ?, ?)",
            (
                (i, e.id, _dumps(list(e.values())), _dumps([index.texts[i], index.own(i), index.answers[i]]))
                for i, e in enumerate(kb.entries)
            ),
        )
        # What listings and completion read, apart: a narrow table, so they never page through answers.
        db.executemany("INSERT INTO headlines VALUES (?, ?, ?, ?)", ((i, e.id, e.topic, e.question) for i, e in enumerate(kb.entries)))
        cited = kb.cited_by()
        db.executemany(
            "INSERT INTO sources VALUES (?, ?, ?, ?)",
            ((i, s.id, _dumps(list(s.values())), _dumps(cited.get(s.id, ()))) for i, s in enumerate(kb.sources.values())),
        )
        db.executemany("INSERT INTO vectors VALUES (?, ?)", enumerate(index.vectors))

    _write_db(target, fill)


def _write_db(target: str, fill: Callable[[sqlite3.Connection], None]) -> None:
    """Fill a new SQLite file and rename it to ``target``: private (0600 in a 0700 directory) and
    atomic (readers see the old file or the new one, never half). Failing to write only costs time."""
    import tempfile  # noqa: PLC0415  (only a cache miss writes)

    directory = os.path.dirname(target)
    try:
        os.makedirs(directory, mode=0o700, exist_ok=True)
        fd, tmp = tempfile.mkstemp(prefix=".tmp-", suffix=".sqlite", dir=directory)  # created 0600
    except OSError:
        return  # read-only home, full disk, impossible path: answer without a cache
    try:
        os.close(fd)
        db = sqlite3.connect(tmp)
        try:
            db.execute("PRAGMA journal_mode=OFF")
            db.execute("PRAGMA synchronous=OFF")
            fill(db)
            db.commit()
        finally:
            db.close()
        os.replace(tmp, target)
    except (OSError, sqlite3.Error):
        _unlink(tmp)
    except BaseException:
        _unlink(tmp)
        raise


def _open_read_only(target: str) -> sqlite3.Connection:
    """Open a cache file for reading. Immutable: a cache file is never changed in place, only
    replaced, so no locking is needed; and its schema is not trusted to run functions."""
    db = sqlite3.connect(f"file:{uri_path(target)}?mode=ro&immutable=1", uri=True, check_same_thread=False)
    try:
        db.execute("PRAGMA trusted_schema=OFF")
    except sqlite3.Error:
        db.close()
        raise
    return db


def _unlink(path: str) -> None:
    try:
        os.unlink(path)
    except OSError:
        pass


# --------------------------------------------------------------------------- reading


class _Store:
    """An open cache file, and the fresh build that replaces it if reading it ever fails."""

    def __init__(self, db: sqlite3.Connection, meta: dict[str, str], target: str, path: str) -> None:
        self.db, self.meta, self.target, self.path = db, meta, target, path
        self.rebuilt: tuple[KnowledgeBase, Index] | None = None

    @classmethod
    def open(cls, target: str, path: str) -> _Store | None:
        """The cache file for the data file's current content, or None when it is missing,
        unreadable, stale or corrupt (or the data file cannot be read: the caller reports that).

        The content is known to be unchanged when the file's stamp is the one recorded (see
        :func:`write`); otherwise the file is read and its hash compared with the recorded key.
        """
        stamp = _stamp(path)
        if stamp is None or not os.path.isfile(target):
            return None
        try:
            db = _open_read_only(target)
        except sqlite3.Error:
            return None
        try:
            names = "'format', 'key', 'stamp', 'title', 'topics', 'glossary', 'groups', 'count', 'vectors'"
            meta = {str(k): str(v) for k, v in db.execute(f"SELECT name, value FROM meta WHERE name IN ({names})")}
            fresh = meta.get("format") == FORMAT and (meta.get("stamp") == stamp or meta.get("key") == _key(read_bytes(path)))
        except (*_READ_ERRORS, DataError):
            fresh = False
        if not fresh:
            db.close()
            return None
        return cls(db, meta, target, path)

    def rows(self, sql: str, args: Iterable[object] = ()) -> list[tuple[object, ...]]:
        return self.db.execute(sql, tuple(args)).fetchall()

    def rows_in(self, sql: str, values: Iterable[object]) -> list[tuple[object, ...]]:
        """Rows for ``sql`` whose ``IN (%s)`` is each of the values, in chunks."""
        values = list(values)
        out: list[tuple[object, ...]] = []
        for start in range(0, len(values), _CHUNK):
            chunk = values[start : start + _CHUNK]
            out += self.db.execute(sql % ",".join("?" * len(chunk)), chunk).fetchall()
        return out

    def rebuild(self) -> tuple[KnowledgeBase, Index]:
        """Give up on the file: build from the YAML (which replaces the file) and use that."""
        if self.rebuilt is None:
            try:
                self.db.close()
            except sqlite3.Error:
                pass
            _unlink(self.target)
            stamp = _stamp(self.path)
            raw = read_bytes(self.path)
            self.rebuilt = _build(self.path, raw, _key(raw), self.target, stamp)
        return self.rebuilt


def _guarded(side: int, attribute: str | None = None) -> Callable[[_F], _F]:
    """Run a stored read; if the file fails us, answer from the fresh build instead (side 0: kb,
    1: index): its method of the same name, or its ``attribute``."""

    def wrap(method: _F) -> _F:
        name = method.__name__

        def run(self: StoredKnowledgeBase | StoredIndex, *args: object) -> object:
            store = self._store
            if store.rebuilt is None:
                try:
                    return method(self, *args)
                except _READ_ERRORS:
                    store.rebuild()
            assert store.rebuilt is not None
            if attribute is not None:
                return getattr(store.rebuilt[side], attribute)
            return getattr(store.rebuilt[side], name)(*args)

        run.__name__ = name
        run.__doc__ = method.__doc__
        return run  # type: ignore[return-value]

    return wrap


def _entry(record: object) -> Entry:
    v = json.loads(str(record))
    return Entry(
        str(v[0]), str(v[1]), str(v[2]), str(v[3]), tuple(map(str, v[4])), tuple(map(str, v[5])), tuple(map(str, v[6])), v[7], v[8]
    )


def _source(record: object) -> Source:
    v = json.loads(str(record))
    return Source(*(None if x is None else str(x) for x in v))


class StoredKnowledgeBase(KnowledgeBase):
    """A knowledge base read from the cache on demand: one entry, or all of them when asked."""

    def __init__(self, store: _Store) -> None:  # noqa: D107 - deliberately not calling the base
        self._store = store
        meta = store.meta
        self.title = meta["title"]
        self.topics = tuple(Topic(str(i), str(t)) for i, t in json.loads(meta["topics"]))
        self.glossary = {str(k): str(v) for k, v in json.loads(meta["glossary"]).items()}
        self.path = store.path
        self._by_id: dict[str, Entry] = {}
        self._all: tuple[Entry, ...] | None = None
        self._sources: dict[str, Source] = {}
        self._all_sources: dict[str, Source] | None = None

    @property
    def entries(self) -> tuple[Entry, ...]:  # type: ignore[override]
        return self._entries()

    @property
    def sources(self) -> dict[str, Source]:  # type: ignore[override]
        return self._source_map()

    @_guarded(0, "entries")
    def _entries(self) -> tuple[Entry, ...]:
        if self._all is None:
            self._all = tuple(_entry(r) for (r,) in self._store.rows("SELECT record FROM entries ORDER BY num"))
            self._by_id.update((e.id, e) for e in self._all)
        return self._all

    @_guarded(0, "sources")
    def _source_map(self) -> dict[str, Source]:
        if self._all_sources is None:
            self._all_sources = {s.id: s for s in (_source(r) for (r,) in self._store.rows("SELECT record FROM sources ORDER BY num"))}
        return self._all_sources

    @_guarded(0)
    def get(self, entry_id: str) -> Entry | None:
        if entry_id not in self._by_id:
            rows = self._store.rows("SELECT record FROM entries WHERE id = ?", (entry_id,))
            if not rows:
                return None
            self._by_id[entry_id] = _entry(rows[0][0])
        return self._by_id[entry_id]

    @_guarded(0)
    def ids(self, prefix: str = "") -> tuple[str, ...]:
        if not prefix:
            return tuple(str(i) for (i,) in self._store.rows("SELECT id FROM headlines ORDER BY num"))
        # a range over the ids' unique index: completion in a 100,000-entry file reads a few rows
        rows = self._store.rows("SELECT id FROM entries WHERE id >= ? AND id < ? ORDER BY num", (prefix, prefix + "\U0010ffff"))
        return tuple(i for i in (str(r[0]) for r in rows) if i.startswith(prefix))

    @_guarded(0)
    def headlines(self, topic: str | None = None) -> tuple[Headline, ...]:
        # Cast in SQL, so that even a tampered file yields text.
        columns = "SELECT ifnull(CAST(id AS TEXT), ''), ifnull(CAST(topic AS TEXT), ''), ifnull(CAST(question AS TEXT), '') FROM headlines"
        if topic is None:
            rows = self._store.rows(f"{columns} ORDER BY num")
        else:
            rows = self._store.rows(f"{columns} WHERE topic = ? ORDER BY num", (topic,))
        return tuple(map(Headline._make, rows))

    @_guarded(0)
    def topic_counts(self) -> dict[str, int]:
        ((counts,),) = self._store.rows("SELECT value FROM meta WHERE name = 'counts'")
        return {str(t): int(n) for t, n in json.loads(str(counts)).items()}

    @_guarded(0)
    def cited_by(self) -> dict[str, tuple[str, ...]]:
        rows = self._store.rows("SELECT id, cited_by FROM sources ORDER BY num")
        return {str(s): tuple(str(e) for e in json.loads(str(by))) for s, by in rows}

    @_guarded(0)
    def sources_of(self, entry: Entry) -> tuple[Source, ...]:
        wanted = [s for s in entry.sources if s not in self._sources]
        for (r,) in self._store.rows_in("SELECT record FROM sources WHERE id IN (%s)", wanted):
            s = _source(r)
            self._sources[s.id] = s
        return tuple(self._sources[s] for s in entry.sources)


def english(words: Iterable[str]) -> set[str]:
    """Those of these words that are everyday English words (see :func:`match.english_words`).

    The list is read from its own cache file, shared by every knowledge base and built on
    first use (reading the word list itself takes about 0.1 s); without a usable cache, from
    the word list.
    """
    words = set(words)
    if not words:
        return set()
    directory = cache_dir()
    source = english_source()
    if directory is None or source is None:
        return words & english_words()
    target = os.path.join(directory, f"english-{CACHE_FORMAT}.sqlite")
    stamp = _stamp(source) or ""
    for _ in range(2):
        try:
            db = _open_read_only(target)
            try:
                ((recorded,),) = db.execute("SELECT value FROM meta WHERE name = 'stamp'").fetchall()
                if recorded == stamp:
                    found: set[str] = set()
                    prefixes = sorted({w[:3] for w in words})
                    rows = db.execute(f"SELECT words FROM english WHERE prefix IN ({','.join('?' * len(prefixes))})", prefixes).fetchall()
                    for (bucket,) in rows:
                        found |= words & set(str(bucket).split())
                    return found
            finally:
                db.close()
        except _READ_ERRORS:
            pass
        _write_english(target, stamp)  # missing, stale or corrupt: (re)build it, then read it once more
    return words & english_words()


def _write_english(target: str, stamp: str) -> None:
    buckets: dict[str, list[str]] = {}
    for w in sorted(english_words()):
        buckets.setdefault(w[:3], []).append(w)

    def fill(db: sqlite3.Connection) -> None:
        db.executescript(
            "CREATE TABLE meta (name TEXT PRIMARY KEY, value TEXT NOT NULL); CREATE TABLE english (prefix TEXT PRIMARY KEY, words TEXT NOT NULL);"
        )
        db.execute("INSERT INTO meta VALUES ('stamp', ?)", (stamp,))
        db.executemany("INSERT INTO english VALUES (?, ?)", ((p, " ".join(ws)) for p, ws in buckets.items()))

    _write_db(target, fill)


class StoredIndex:
    """The match index read from the cache on demand (the members :class:`match.Index` documents)."""

    def __init__(self, store: _Store) -> None:
        self._store = store
        self.groups = [[tuple(str(t) for t in p) for p in g] for g in json.loads(store.meta["groups"])]
        self.starts = _starts(self.groups)
        self.n = int(store.meta["count"])
        self._terms: dict[str, tuple[float, int] | None] = {}
        self._postings: dict[str, list[int]] = {}
        self._ids: dict[int, str] = {}
        self._parts: dict[int, Parts] = {}
        self._vocabulary: list[str] | None = None
        self._vectors: dict[int, bytes] = {}
        self._examples: tuple[Examples | None] | None = None

    @property
    def examples(self) -> Examples | None:
        """The labelled examples for the packaged knowledge base (read on first use), else None."""
        if self._examples is None:
            self._examples = (for_knowledge_base(self._store.path) if self.has_vectors() else None,)
        return self._examples[0]

    @_guarded(1)
    def entry_id(self, i: int) -> str:
        if i not in self._ids:
            ((entry_id,),) = self._store.rows("SELECT id FROM entries WHERE num = ?", (i,))
            self._ids[i] = str(entry_id)
        return self._ids[i]

    def _lookup(self, tokens: Iterable[str]) -> dict[str, tuple[float, int] | None]:
        terms = self._terms
        missing = [t for t in set(tokens) if t not in terms]
        if missing:
            terms.update(dict.fromkeys(missing))
            for token, idf, df in self._store.rows_in("SELECT token, idf, df FROM terms WHERE token IN (%s)", missing):
                terms[str(token)] = (float(idf), int(df))  # type: ignore[arg-type, call-overload]
        return terms

    @_guarded(1)
    def weights(self, tokens: Iterable[str]) -> dict[str, float]:
        tokens = list(tokens)
        terms = self._lookup(tokens)
        return {t: hit[0] for t in tokens if (hit := terms[t]) is not None}

    @_guarded(1)
    def frequencies(self, tokens: Iterable[str]) -> dict[str, int]:
        tokens = list(tokens)
        terms = self._lookup(tokens)
        return {t: hit[1] for t in tokens if (hit := terms[t]) is not None}

    @_guarded(1)
    def postings(self, tokens: Iterable[str]) -> dict[str, list[int]]:
        wanted = [t for t in tokens if t not in self._postings]
        for token, postings in self._store.rows_in("SELECT token, postings FROM terms WHERE token IN (%s)", wanted):
            self._postings[str(token)] = [int(i) for i in json.loads(str(postings))]
        return {t: self._postings[t] for t in tokens if t in self._postings}

    @_guarded(1)
    def vocabulary(self) -> list[str]:
        if self._vocabulary is None:
            ((words,),) = self._store.rows("SELECT value FROM meta WHERE name = 'words'")
            self._vocabulary = [str(w) for w in json.loads(str(words))]
        return self._vocabulary

    def english(self, words: Iterable[str]) -> set[str]:
        return english(words)

    def has_vectors(self) -> bool:
        return bool(self._store.meta.get("vectors"))

    @_guarded(1)
    def entry_vectors(self, nums: Iterable[int]) -> dict[int, bytes]:
        memo = self._vectors
        wanted = [i for i in nums if i not in memo]
        if wanted and self.has_vectors():
            for num, packed in self._store.rows_in("SELECT num, packed FROM vectors WHERE num IN (%s)", wanted):
                if not isinstance(packed, bytes):
                    raise TypeError("a vectors row is not a blob")
                memo[int(num)] = packed  # type: ignore[call-overload]
        return {i: memo[i] for i in nums if i in memo}

    @_guarded(1)
    def parts(self, nums: Iterable[int]) -> dict[int, Parts]:
        nums = list(nums)
        memo = self._parts
        for num, data in self._store.rows_in("SELECT num, match FROM entries WHERE num IN (%s)", [i for i in nums if i not in memo]):
            texts, own, answer = json.loads(str(data))
            memo[int(num)] = make_parts(texts, [float(x) for x in own], answer)  # type: ignore[call-overload]
        return {i: memo[i] for i in nums}
