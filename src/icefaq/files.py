"""Finding and reading a knowledge-base file: which path, its bytes, its text.

Kept apart from knowledge.py (the YAML loader and validator) so that a run answered from
the cache imports only this.
"""

from __future__ import annotations

import os

from .errors import DataError
from .model import Problem, Severity


def resolve_path(path: str | os.PathLike[str] | None = None) -> str:
    """Return the knowledge base to use: the argument, else $ICEFAQ_DATA, else the packaged one."""
    if path:
        return os.fspath(path)
    return os.environ.get("ICEFAQ_DATA") or default_path()


def default_path() -> str:
    """Return the path of the knowledge base that ships with the package.

    In a wheel the file is package data; in a source checkout (editable install) it is the
    repository's top-level ``data/faq.yaml``.
    """
    # Next to the module rather than importlib.resources: same file, a tenth of the start-up cost.
    here = os.path.dirname(os.path.realpath(__file__))
    packaged = os.path.join(here, "data", "faq.yaml")
    if os.path.isfile(packaged):
        return packaged
    return os.path.join(os.path.dirname(os.path.dirname(here)), "data", "faq.yaml")


def stamp(path: str) -> str | None:
    """The file's size, modification time and identity, or None when it cannot be read."""
    try:
        st = os.stat(path)
    except (OSError, ValueError):
        return None
    return f"{st.st_size}:{st.st_mtime_ns}:{st.st_ino}:{st.st_dev}"


SETTLED_NS = 3_000_000_000  # coarser than any file system's timestamp tick (FAT: 2 s)


def settled(stamp: str, now_ns: int) -> bool:
    """Whether a file with this stamp was last modified long enough before ``now_ns`` that a
    second edit within one tick of a coarse file-system clock is ruled out."""
    return now_ns - int(stamp.split(":")[1]) > SETTLED_NS


def read_bytes(path: str) -> bytes:
    """Read a knowledge-base file's bytes.

    Raises:
        DataError: the path is missing, a directory or unreadable.
    """

    def fail(msg: str) -> DataError:
        return DataError([Problem(Severity.ERROR, msg, path, None)])

    try:
        with open(path, "rb") as fh:
            return fh.read()
    except FileNotFoundError:
        raise fail("no such file; check the path given to --data or ICEFAQ_DATA") from None
    except IsADirectoryError:
        raise fail("this is a directory; give the path of a .yaml file") from None
    except PermissionError:
        raise fail("permission denied; the file cannot be read") from None
    except OSError as exc:
        raise fail(f"cannot read the file: {exc.strerror or exc}") from None


def decode(raw: bytes, path: str) -> str:
    """Decode a knowledge-base file as UTF-8 (a BOM is allowed).

    Raises:
        DataError: the bytes are not UTF-8, naming the line of the first bad byte.
    """
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = raw.count(b"\n", 0, exc.start) + 1
        msg = f"not UTF-8 text (byte 0x{raw[exc.start]:02x} at offset {exc.start}); save the file as UTF-8"
        raise DataError([Problem(Severity.ERROR, msg, path, line)]) from None


def read_text(path: str) -> str:
    """Read a knowledge-base file as UTF-8 text (see :func:`read_bytes` and :func:`decode`)."""
    return decode(read_bytes(path), path)


def uri_path(path: str) -> str:
    """A path as the path part of an SQLite file: URI (every byte but a few safe ones %-escaped)."""
    safe = b"abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789/-_.~"
    raw = os.path.abspath(path).encode("utf-8", "surrogateescape")
    return "".join(chr(b) if b in safe else f"%{b:02X}" for b in raw)
