"""The compiled, cached form of a knowledge base: checked model plus match index, as JSON.

On a cache hit nothing parses YAML: the file's bytes are hashed and the JSON written by an
earlier run is loaded. The cache is plain JSON (never pickle or marshal), so a tampered
file can at worst fail to load, which makes it a miss. It lives in $XDG_CACHE_HOME/icefaq
(default ~/.cache/icefaq), one file per knowledge-base path, written atomically with private
permissions. Any problem with the cache only costs time: the answer is always rebuilt from
the YAML.
"""

from __future__ import annotations

import hashlib
import json
import os
import tempfile
from pathlib import Path
from typing import Any

from . import __version__
from .knowledge import decode, load_text, read_bytes, resolve_path
from .match import Index, build_index
from .model import Entry, KnowledgeBase, Source, Topic

CACHE_FORMAT = 1


def cache_dir() -> Path | None:
    """Where compiled indexes live, or None when caching is switched off (ICEFAQ_NO_CACHE)."""
    if os.environ.get("ICEFAQ_NO_CACHE", "").strip() not in ("", "0"):
        return None
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    return Path(base) / "icefaq"


def _key(raw: bytes) -> str:
    h = hashlib.blake2b(raw, digest_size=20)
    h.update(f"|{__version__}|{CACHE_FORMAT}".encode())
    return h.hexdigest()


def _cache_file(directory: Path, path: str) -> Path:
    name = hashlib.blake2b(os.path.abspath(path).encode("utf-8", "surrogateescape"), digest_size=12).hexdigest()
    return directory / f"kb-{name}.json"


def load_compiled(path: str | os.PathLike[str] | None = None) -> tuple[KnowledgeBase, Index]:
    """Load a knowledge base and its match index, from the cache when it is fresh.

    Raises:
        DataError: the knowledge base is unusable (the cache never hides a data error).
    """
    p = resolve_path(path)
    raw = read_bytes(p)
    key = _key(raw)
    directory = cache_dir()
    target = _cache_file(directory, p) if directory else None
    if target is not None:
        cached = _read(target, key, p)
        if cached is not None:
            return cached
    kb = load_text(decode(raw, p), p)
    index = build_index(kb)
    if target is not None:
        _write(target, {"format": CACHE_FORMAT, "key": key, "kb": kb_to_json(kb), "index": index.to_json()})
    return kb, index


def _read(target: Path, key: str, path: str) -> tuple[KnowledgeBase, Index] | None:
    try:
        with open(target, "rb") as fh:
            data = json.loads(fh.read())
        if data.get("format") != CACHE_FORMAT or data.get("key") != key:
            return None
        return kb_from_json(data["kb"], path), Index.from_json(data["index"])
    except (OSError, ValueError, KeyError, TypeError, AttributeError):
        return None  # missing, unreadable, corrupt or from another version: rebuild


def _write(target: Path, data: dict[str, Any]) -> None:
    try:
        target.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(prefix=".tmp-", suffix=".json", dir=target.parent)  # created 0600
        try:
            with os.fdopen(fd, "w", encoding="utf-8") as fh:
                json.dump(data, fh, ensure_ascii=False, separators=(",", ":"))
            os.replace(tmp, target)  # atomic: readers see the old file or the new one, never half
        except BaseException:
            os.unlink(tmp)
            raise
    except OSError:
        pass  # read-only home, full disk, impossible path: answer without a cache


def kb_to_json(kb: KnowledgeBase) -> dict[str, Any]:
    """A knowledge base as plain JSON-ready data (the inverse of :func:`kb_from_json`)."""
    return {
        "title": kb.title,
        "topics": [[t.id, t.title] for t in kb.topics],
        "glossary": kb.glossary,
        "sources": [[s.id, s.title, s.publisher, s.url, s.date, s.note] for s in kb.sources.values()],
        "entries": [[e.id, e.topic, e.question, e.answer, list(e.sources), list(e.aliases), list(e.related), e.reviewed, e.line] for e in kb.entries],
    }


def kb_from_json(data: dict[str, Any], path: str) -> KnowledgeBase:
    """Rebuild a knowledge base from :func:`kb_to_json` output."""
    topics = tuple(Topic(str(i), str(t)) for i, t in data["topics"])
    sources = {s[0]: Source(*s) for s in data["sources"]}
    entries = tuple(Entry(e[0], e[1], e[2], e[3], tuple(e[4]), tuple(e[5]), tuple(e[6]), e[7], e[8]) for e in data["entries"])
    return KnowledgeBase(str(data["title"]), topics, entries, sources, dict(data["glossary"]), path)
