"""The command bodies, shared by the typer app (cli.py) and the fast path, plus the entry point.

Each ``run_*`` function takes already-parsed options, prints its result (data to stdout,
messages to stderr) and returns an exit status. The entry point :func:`main` parses the
common invocations itself (``ask``, ``list``, ``show``, ``topics``, ``sources`` with their
usual options), because typer's own start-up and argument coercion cost several times the
whole answer; anything else (help, completion, validation, unusual or invalid arguments)
goes to the typer app in cli.py, which gives the same results and the proper usage errors.
"""

from __future__ import annotations

import os
import sys
from enum import IntEnum, unique

from . import __version__
from .errors import DataError, IcefaqError, QueryError
from .render import Format, resolve_format
from .render import data as jsonview
from .render import text as textview

TYPE_CHECKING = False
if TYPE_CHECKING:
    from collections.abc import Callable
    from typing import Any


@unique
class ExitCode(IntEnum):
    OK = 0
    NOT_FOUND = 1  # no confident match, unknown id, or validate found errors
    USAGE = 2  # bad arguments or an unusable knowledge base
    INTERRUPTED = 130  # 128 + SIGINT
    BROKEN_PIPE = 141  # 128 + SIGPIPE: the reader went away (e.g. `| head -1`)


class CommandExit(Exception):
    """Raised by a command body to stop with an exit status (its message is already printed)."""

    def __init__(self, code: int) -> None:
        super().__init__(code)
        self.code = int(code)


# --------------------------------------------------------------------------- helpers


def err(message: str) -> None:
    sys.stderr.write(f"icefaq: {message}\n")


def fail(message: str, code: ExitCode) -> CommandExit:
    err(message)
    return CommandExit(code)


def out(text: str) -> None:
    sys.stdout.write(text if text.endswith("\n") else text + "\n")


def stdout_is_tty() -> bool:
    try:
        return sys.stdout.isatty()
    except (AttributeError, ValueError):
        return False


def _format(fmt: Format | str, json_: bool) -> Format:
    return Format.JSON if json_ else resolve_format(fmt, stdout_is_tty())


def _print_rich(renderable: Any) -> None:
    from rich.console import Console  # noqa: PLC0415  (only the rich format pays for rich)

    Console(file=sys.stdout, highlight=False, emoji=False, markup=False, soft_wrap=False).print(renderable)


def _style(fmt: Format) -> textview.Style:
    return textview.MARKDOWN if fmt is Format.MARKDOWN else textview.PLAIN


def open_kb(data: str | None) -> Any:
    """Load the selected knowledge base and its index; unusable data exits 2."""
    from .index import load_compiled  # noqa: PLC0415

    try:
        return load_compiled(data)
    except DataError as exc:
        for p in exc.problems[:20]:
            err(textview.one_line(str(p)))
        if len(exc.problems) > 20:
            err(f"... and {len(exc.problems) - 20} more")
        raise fail("the knowledge base cannot be used; run 'icefaq validate' for the full report", ExitCode.USAGE) from None


def _emit(fmt: Format, as_json: Callable[[], Any], as_rich: Callable[[Any], Any], as_text: Callable[[textview.Style], str]) -> None:
    if fmt is Format.JSON:
        out(jsonview.dumps(as_json()))
    elif fmt is Format.RICH:
        from .render import richtext  # noqa: PLC0415

        _print_rich(as_rich(richtext))
    else:
        out(as_text(_style(fmt)))


# --------------------------------------------------------------------------- command bodies


def orientation(data: str | None) -> int:
    kb, _ = open_kb(data)
    lines = [
        f"icefaq {__version__}: {textview.one_line(kb.title)}",
        "Short, cited answers about ICE. General information, not legal advice.",
        "",
        "Ask a question:",
        '  icefaq ask "what does ERO do"',
        '  icefaq ask "how is ICE different from CBP"',
        '  icefaq ask "how can I find someone detained by ICE"',
        "",
        "Topics (icefaq list --topic ID):",
    ]
    counts = {r["id"]: r["count"] for r in jsonview.topics(kb)}
    width = max(len(t.id) for t in kb.topics)
    lines += [f"  {t.id.ljust(width)}  {textview.one_line(t.title)} ({counts[t.id]})" for t in kb.topics]
    lines += ["", "More: icefaq --help, icefaq list, icefaq sources"]
    out("\n".join(lines))
    return ExitCode.OK


def read_query(words: list[str] | None) -> str:
    if not words or words == ["-"]:
        if words != ["-"] and sys.stdin.isatty():
            raise fail('no question given; try: icefaq ask "what does ERO do"', ExitCode.USAGE)
        return sys.stdin.read().strip()
    return " ".join(words).strip()


def run_ask(data: str | None, query: list[str] | None, top: int, min_score: float | None, batch: bool, fmt: Format | str, json_: bool) -> int:
    from . import match  # noqa: PLC0415

    if batch:
        if query:
            raise fail("--batch reads queries from stdin; do not also give a query", ExitCode.USAGE)
        kb, index = open_kb(data)
        for line in sys.stdin:
            q = line.strip()
            if q:
                try:
                    result = match.ask(q, kb, index, top=top, threshold=min_score)
                except QueryError:
                    result = match.Answer(q, ())  # a line of punctuation: no match, keep one object per line
                out(jsonview.dumps(jsonview.answer(result, kb), lines=True))
                sys.stdout.flush()
        return ExitCode.OK
    text = read_query(query)
    kb, index = open_kb(data)
    try:
        result = match.ask(text, kb, index, top=top, threshold=min_score)
    except QueryError as exc:
        raise fail(str(exc), ExitCode.USAGE) from None
    f = _format(fmt, json_)
    if f is not Format.JSON and not result.matched:
        err(textview.no_match(result))
    else:
        _emit(f, lambda: jsonview.answer(result, kb), lambda r: r.answer(result, kb), lambda st: textview.answer(result, kb, st))
    return ExitCode.OK if result.matched else ExitCode.NOT_FOUND


def run_list(data: str | None, topic: str | None, fmt: Format | str, json_: bool) -> int:
    kb, _ = open_kb(data)
    entries = list(kb.entries)
    if topic is not None:
        if topic not in {t.id for t in kb.topics}:
            raise fail(f"unknown topic {textview.one_line(topic)[:60]!r}; topics: {', '.join(t.id for t in kb.topics)}", ExitCode.USAGE)
        entries = [e for e in entries if e.topic == topic]
    _emit(_format(fmt, json_), lambda: jsonview.listing(entries), lambda r: r.listing(kb, entries), lambda st: textview.listing(kb, entries, st))
    return ExitCode.OK


def run_show(data: str | None, entry_id: str, fmt: Format | str, json_: bool) -> int:
    kb, _ = open_kb(data)
    e = kb.get(entry_id.strip())
    if e is None:
        from .match import closest_ids  # noqa: PLC0415

        close = closest_ids(entry_id, kb.entries)
        hint = f"; did you mean: {', '.join(close)}?" if close else "; see 'icefaq list'"
        raise fail(f"no entry with id {textview.one_line(entry_id)[:80]!r}{hint}", ExitCode.NOT_FOUND)
    _emit(_format(fmt, json_), lambda: jsonview.entry(e, kb), lambda r: r.show(e, kb), lambda st: textview.show(e, kb, st))
    return ExitCode.OK


def run_topics(data: str | None, fmt: Format | str, json_: bool) -> int:
    kb, _ = open_kb(data)
    rows = jsonview.topics(kb)
    _emit(_format(fmt, json_), lambda: rows, lambda r: r.topics(rows), lambda st: textview.topics(rows, st))
    return ExitCode.OK


def run_sources(data: str | None, fmt: Format | str, json_: bool) -> int:
    kb, _ = open_kb(data)
    _emit(_format(fmt, json_), lambda: jsonview.sources(kb), lambda r: r.sources(kb), lambda st: textview.sources(kb, st))
    return ExitCode.OK


def run_validate(path: str | None, fmt: Format | str, json_: bool) -> int:
    from .knowledge import validate  # noqa: PLC0415

    report = validate(path)
    n = len(report.kb.entries) if report.kb else 0
    args = (report.path, report.ok, n, report.problems)
    _emit(_format(fmt, json_), lambda: jsonview.report(*args), lambda r: r.report(*args), lambda st: textview.report(*args))
    return ExitCode.OK if report.ok else ExitCode.NOT_FOUND


# --------------------------------------------------------------------------- entry point


def guarded(body: Callable[[], int]) -> int:
    """Run a command body, mapping every way out to an exit status (never a traceback for known faults)."""
    for stream in (sys.stdout, sys.stderr):
        if hasattr(stream, "reconfigure"):
            try:
                stream.reconfigure(errors="replace")  # e.g. PYTHONIOENCODING=cp1252: degrade, never crash
            except (ValueError, OSError):
                pass
    try:
        status = body()
    except CommandExit as exc:
        status = exc.code
    except SystemExit as exc:
        code = exc.code
        status = code if isinstance(code, int) else (0 if code is None else 1)
    except KeyboardInterrupt:
        sys.stderr.write("\n")
        status = ExitCode.INTERRUPTED
    except BrokenPipeError:
        status = ExitCode.BROKEN_PIPE
    except IcefaqError as exc:  # a core error no command caught: still a clean message
        err(str(exc))
        status = ExitCode.USAGE
    if status == ExitCode.BROKEN_PIPE or _stdout_closed():
        # Python would complain when it flushes stdout at exit; point it at /dev/null instead.
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        status = ExitCode.BROKEN_PIPE
    return int(status)


def _stdout_closed() -> bool:
    try:
        sys.stdout.flush()
    except BrokenPipeError:
        return True
    except (OSError, ValueError):
        return False
    return False


_FORMATS = {f.value for f in Format}
_FAST = {"ask", "list", "show", "topics", "sources"}


def parse_fast(argv: list[str]) -> Callable[[], int] | None:
    """Recognize the common invocations; None means 'let typer handle it' (including every error)."""
    data = os.environ.get("ICEFAQ_DATA") or None
    args = list(argv)
    if args and args[0].startswith("--data="):
        data = args.pop(0).split("=", 1)[1] or None
    elif len(args) >= 2 and args[0] == "--data":
        data = args[1] or None
        args = args[2:]
    if not args or args[0] not in _FAST:
        return None
    command, rest = args[0], args[1:]
    opts: dict[str, Any] = {"fmt": "auto", "json_": False}
    words: list[str] = []
    takes = {"--format": "fmt", "-f": "fmt"}
    if command == "ask":
        takes.update({"--top": "top", "-n": "top", "--min-score": "min_score"})
        opts.update(top=1, min_score=None, batch=False)
    if command == "list":
        takes.update({"--topic": "topic", "-t": "topic"})
        opts["topic"] = None
    i = 0
    while i < len(rest):
        a = rest[i]
        if a == "--json":
            opts["json_"] = True
        elif a == "--batch" and command == "ask":
            opts["batch"] = True
        elif a.split("=", 1)[0] in takes and a.startswith("--") and "=" in a:
            key, value = a.split("=", 1)
            opts[takes[key]] = value
        elif a in takes:
            if i + 1 >= len(rest):
                return None
            opts[takes[a]] = rest[i + 1]
            i += 1
        elif a.startswith("-") and a != "-":
            return None  # help, unknown options, '--': typer's job
        else:
            words.append(a)
        i += 1
    fmt = str(opts["fmt"]).lower()
    if fmt not in _FORMATS:
        return None
    opts["fmt"] = Format(fmt)
    if command == "ask":
        try:
            opts["top"] = int(opts["top"])
            opts["min_score"] = None if opts["min_score"] is None else float(opts["min_score"])
        except ValueError:
            return None
        if opts["top"] < 1 or (opts["min_score"] is not None and not 0.0 <= opts["min_score"] <= 1.0):
            return None
        return lambda: run_ask(data, words or None, opts["top"], opts["min_score"], opts["batch"], opts["fmt"], opts["json_"])
    if command == "show":
        if len(words) != 1:
            return None
        return lambda: run_show(data, words[0], opts["fmt"], opts["json_"])
    if words:
        return None
    if command == "list":
        return lambda: run_list(data, opts["topic"], opts["fmt"], opts["json_"])
    if command == "topics":
        return lambda: run_topics(data, opts["fmt"], opts["json_"])
    return lambda: run_sources(data, opts["fmt"], opts["json_"])


def main(argv: list[str] | None = None) -> int:
    """Run icefaq; return the exit status (the console script calls this)."""
    args = sys.argv[1:] if argv is None else list(argv)
    body = None if any(k.startswith("_ICEFAQ_COMPLETE") for k in os.environ) else parse_fast(args)
    if body is not None:
        return guarded(body)
    from .cli import run_typer  # noqa: PLC0415

    return guarded(lambda: run_typer(args))
