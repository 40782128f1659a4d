"""`icefaq validate`, remembered: a validation report cached under its inputs.

Validating parses the YAML with line numbers and compares every pair of questions, which
costs several times the start-up of the tool; the result depends only on the file's bytes,
on the validator's code and on today's date (for stale and future review dates). So the
report is stored as JSON next to the knowledge-base cache, under a key made of exactly
those, and an unchanged file is reported without parsing it again. The file holds only
data; anything wrong with it (missing, corrupt, unwritable) only costs a fresh validation.
"""

from __future__ import annotations

import datetime as _dt
import json
import os

from .. import __version__
from ..model import Problem, Severity

TYPE_CHECKING = False
if TYPE_CHECKING:
    from collections.abc import Sequence

REPORT_FORMAT = 2
# The modules whose code decides what a report says; an edit to any of them changes the key.
_VALIDATOR = ("knowledge.py", "model.py", "files.py", "errors.py")


class Report:
    """What validate found: the file, whether it is usable, its entry count, every problem."""

    __slots__ = ("path", "ok", "entries", "problems")

    def __init__(self, path: str, ok: bool, entries: int, problems: tuple[Problem, ...]) -> None:
        self.path = path
        self.ok = ok
        self.entries = entries
        self.problems = problems


def validate_cached(path: str | None, today: _dt.date | None = None) -> Report:
    """Validate the knowledge base at ``path`` (None: ICEFAQ_DATA or the packaged one), from the cache when possible.

    As for the knowledge-base cache, an unchanged, settled stamp (size, modification time, identity)
    is trusted without reading the file; otherwise the file's bytes are hashed and compared.
    """
    import time

    from ..files import resolve_path, settled, stamp
    from ..index import cache_dir

    p = resolve_path(path)
    day = (today or _dt.date.today()).isoformat()
    directory = cache_dir()
    if directory is None:
        return _validate(p, day)
    code = _code_key(day)
    target = os.path.join(directory, f"report-{_digest(os.path.abspath(p).encode('utf-8', 'surrogateescape'))[:24]}.json")
    before = stamp(p)
    doc = _read(target, code, p)
    if doc is not None and before is not None and doc[1] == before:
        return doc[0]
    try:
        with open(p, "rb") as fh:
            raw = fh.read()
    except (OSError, ValueError):
        return _validate(p, day)  # the validator words the problem
    content = _digest(raw)
    trusted = before if before is not None and settled(before, time.time_ns()) else ""
    if doc is not None and doc[2] == content:
        if trusted:  # the same bytes, and now settled: later runs need not read the file
            _write(target, code, content, trusted, doc[0])
        return doc[0]
    report = _validate(p, day)
    _write(target, code, content, trusted, report)
    return report


def _validate(path: str, day: str) -> Report:
    from ..knowledge import validate

    r = validate(path, _dt.date.fromisoformat(day))
    return Report(r.path, r.ok, len(r.kb.entries) if r.kb else 0, tuple(r.problems))


def _digest(data: bytes) -> str:
    try:
        from _blake2 import blake2b  # what hashlib wraps, without loading OpenSSL
    except ImportError:  # pragma: no cover - Python builds without it
        from hashlib import blake2b
    return blake2b(data, digest_size=20).hexdigest()


def _code_key(day: str) -> str:
    """What a report depends on besides the file: the version, the report format, the day (stale and
    future review dates) and the validator's code."""
    here = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
    stamps = []
    for name in _VALIDATOR:
        try:
            st = os.stat(os.path.join(here, name))
            stamps.append(f"{st.st_size}:{st.st_mtime_ns}")
        except OSError:
            stamps.append("-")
    return _digest(f"{__version__}|{REPORT_FORMAT}|{day}|{'|'.join(stamps)}".encode())


def _read(target: str, code: str, path: str) -> tuple[Report, str, str] | None:
    """The stored report, its file stamp and content digest, if it was made for this path and code."""
    try:
        with open(target, encoding="utf-8") as fh:
            doc = json.load(fh)
        if doc["code"] != code or doc["path"] != path:
            return None
        problems = tuple(_problem(row) for row in doc["problems"])
        return Report(path, bool(doc["ok"]), int(doc["entries"]), problems), str(doc["stamp"]), str(doc["content"])
    except (OSError, ValueError, KeyError, TypeError, IndexError):
        return None


def _problem(row: Sequence[object]) -> Problem:
    severity, message, where, line, entry = row
    if not isinstance(message, str) or not isinstance(where, str):
        raise TypeError("bad problem row")
    if line is not None and not isinstance(line, int):
        raise TypeError("bad line")
    if entry is not None and not isinstance(entry, str):
        raise TypeError("bad entry")
    return Problem(Severity(severity), message, where, line, entry)


def _write(target: str, code: str, content: str, stamp: str, report: Report) -> None:
    doc = {
        "code": code,
        "content": content,
        "stamp": stamp,
        "path": report.path,
        "ok": report.ok,
        "entries": report.entries,
        "problems": [[p.severity.value, p.message, p.path, p.line, p.entry] for p in report.problems],
    }
    tmp = f"{target}.{os.getpid()}.tmp"
    try:
        os.makedirs(os.path.dirname(target), mode=0o700, exist_ok=True)
        fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        with os.fdopen(fd, "w", encoding="utf-8") as fh:
            json.dump(doc, fh, ensure_ascii=False)
        os.replace(tmp, target)
    except OSError:
        try:
            os.unlink(tmp)
        except OSError:
            pass
