"""The command bodies: read options, call the core, render, return an exit status.

Each body takes the knowledge-base path (``data``) and the options its command declares
in spec.py, as keywords named by their ``dest``. Data goes to stdout; a user error is
raised as :class:`~.exits.CliError` and printed by :func:`~.exits.status`. The fast path
and the typer app call the same bodies, so they give the same results.

Never import typer or click here (tests/test_imports.py checks it): this module is on
the path of every common invocation.
"""

from __future__ import annotations

import sys

from .. import __version__
from ..render import Format, one_line, resolve_format
from ..render import data as jsonview
from ..render import text as textview
from .exits import CliError, ExitCode

TYPE_CHECKING = False
if TYPE_CHECKING:
    from collections.abc import Callable
    from typing import Any

    from ..model import KnowledgeBase


def out(text: str) -> None:
    """Write data to stdout, ending with one newline."""
    sys.stdout.write(text if text.endswith("\n") else text + "\n")


def stdout_is_tty() -> bool:
    """Whether stdout is a terminal (the one place the CLI asks)."""
    try:
        return sys.stdout.isatty()
    except (AttributeError, ValueError):
        return False


def _format(fmt: Format | str, json_: bool) -> Format:
    return Format.JSON if json_ else resolve_format(fmt, stdout_is_tty())


def _emit(fmt: Format, as_json: Callable[[], Any], as_rich: Callable[[Any, Any], str], as_text: Callable[[textview.Style], str]) -> None:
    if fmt is Format.JSON:
        out(jsonview.dumps(as_json()))
    elif fmt is Format.RICH:
        from ..render import terminal

        out(as_rich(terminal, terminal.Term.detect(sys.stdout)))
    else:
        out(as_text(textview.MARKDOWN if fmt is Format.MARKDOWN else textview.PLAIN))


def open_kb(data: str | None) -> tuple[KnowledgeBase, Any]:
    """Load the selected knowledge base and its index (a DataError means exit 2)."""
    from ..index import load_compiled

    return load_compiled(data)


# --------------------------------------------------------------------------- bodies


def orientation(data: str | None) -> int:
    """What `icefaq` with no command prints: a few example questions and the topics."""
    kb, _ = open_kb(data)
    lines = [
        f"icefaq {__version__}: {one_line(kb.title)}",
        "Short, cited answers about ICE. General information, not legal advice.",
        "",
        "Ask a question:",
        '  icefaq ask "what does ERO do"',
        '  icefaq ask "how is ICE different from CBP"',
        '  icefaq ask "how can I find someone detained by ICE"',
        "",
        "Topics (icefaq list --topic ID):",
    ]
    counts = kb.topic_counts()
    width = max(len(t.id) for t in kb.topics)
    lines += [f"  {t.id.ljust(width)}  {one_line(t.title)} ({counts[t.id]})" for t in kb.topics]
    lines += ["", "More: icefaq --help, icefaq list, icefaq sources"]
    out("\n".join(lines))
    return ExitCode.OK


def version() -> int:
    out(f"icefaq {__version__}")
    return ExitCode.OK


def _read_query(words: list[str] | None) -> str:
    if not words or words == ["-"]:
        if words != ["-"] and sys.stdin.isatty():
            raise CliError('no question given; try: icefaq ask "what does ERO do"', ExitCode.USAGE)
        return sys.stdin.read().strip()
    return " ".join(words).strip()


def ask(data: str | None, query: list[str] | None, top: int, min_score: float | None, batch: bool, fmt: Format, json_: bool) -> int:
    from .. import match
    from ..errors import QueryError
    from ..model import Answer

    if batch:
        if query:
            raise CliError("--batch reads queries from stdin; do not also give a query", ExitCode.USAGE)
        kb, index = open_kb(data)
        for line in sys.stdin:
            q = line.strip()
            if q:
                try:
                    result = match.ask(q, kb, index, top=top, threshold=min_score)
                except QueryError:
                    result = Answer(q, ())  # a line of punctuation: no match, keep one object per line
                out(jsonview.dumps(jsonview.answer(result, kb), lines=True))
                sys.stdout.flush()
        return ExitCode.OK
    text = _read_query(query)
    kb, index = open_kb(data)
    result = match.ask(text, kb, index, top=top, threshold=min_score)  # QueryError: exit 2
    chosen = _format(fmt, json_)
    if chosen is not Format.JSON and not result.matched:
        sys.stderr.write(f"icefaq: {textview.no_match(result)}\n")
    else:
        _emit(chosen, lambda: jsonview.answer(result, kb), lambda r, t: r.answer(t, result, kb), lambda st: textview.answer(result, kb, st))
    return ExitCode.OK if result.matched else ExitCode.NOT_FOUND


def list_(data: str | None, topic: str | None, fmt: Format, json_: bool) -> int:
    kb, _ = open_kb(data)
    if topic is not None and topic not in {t.id for t in kb.topics}:
        raise CliError(f"unknown topic {one_line(topic)[:60]!r}; topics: {', '.join(t.id for t in kb.topics)}", ExitCode.USAGE)
    entries = kb.headlines(topic)
    _emit(
        _format(fmt, json_),
        lambda: jsonview.listing(entries),
        lambda r, t: r.listing(t, kb, entries),
        lambda st: textview.listing(kb, entries, st),
    )
    return ExitCode.OK


def show(data: str | None, entry_id: str, fmt: Format, json_: bool) -> int:
    kb, _ = open_kb(data)
    entry = kb.get(entry_id.strip())
    if entry is None:
        from ..match import closest_ids

        close = closest_ids(entry_id, kb.ids())
        hint = f"; did you mean: {', '.join(close)}?" if close else "; see 'icefaq list'"
        raise CliError(f"no entry with id {one_line(entry_id)[:80]!r}{hint}", ExitCode.NOT_FOUND)
    _emit(
        _format(fmt, json_), lambda: jsonview.entry(entry, kb), lambda r, t: r.show(t, entry, kb), lambda st: textview.show(entry, kb, st)
    )
    return ExitCode.OK


def topics(data: str | None, fmt: Format, json_: bool) -> int:
    kb, _ = open_kb(data)
    rows = jsonview.topics(kb)
    _emit(_format(fmt, json_), lambda: rows, lambda r, t: r.topics(t, rows), lambda st: textview.topics(rows, st))
    return ExitCode.OK


def sources(data: str | None, fmt: Format, json_: bool) -> int:
    kb, _ = open_kb(data)
    _emit(_format(fmt, json_), lambda: jsonview.sources(kb), lambda r, t: r.sources(t, kb), lambda st: textview.sources(kb, st))
    return ExitCode.OK


def validate(data: str | None, path: str | None, fmt: Format, json_: bool) -> int:
    from .reports import validate_cached

    report = validate_cached(path or data)
    args = (report.path, report.ok, report.entries, report.problems)
    _emit(_format(fmt, json_), lambda: jsonview.report(*args), lambda r, t: r.report(t, *args), lambda st: textview.report(*args))
    return ExitCode.OK if report.ok else ExitCode.NOT_FOUND


BODIES: dict[str, Callable[..., int]] = {
    "ask": ask,
    "list": list_,
    "show": show,
    "topics": topics,
    "sources": sources,
    "validate": validate,
}
