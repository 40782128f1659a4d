"""The command line: parse arguments with typer, call the core, render, map errors to exit codes.

This is the only module that imports typer, reads the terminal's state or exits.
"""

from __future__ import annotations

import os
import sys
from enum import IntEnum, unique
from typing import Annotated, Any, NoReturn, Optional

import typer

from . import __version__
from .errors import DataError, IcefaqError, QueryError
from .render import Format, resolve_format
from .render import data as jsonview
from .render import text as textview


@unique
class ExitCode(IntEnum):
    OK = 0
    NOT_FOUND = 1  # no confident match, unknown id, or validate found errors
    USAGE = 2  # bad arguments or an unusable knowledge base
    INTERRUPTED = 130  # 128 + SIGINT
    BROKEN_PIPE = 141  # 128 + SIGPIPE: the reader went away (e.g. `| head -1`)


app = typer.Typer(
    name="icefaq",
    help="Cited, neutral answers about what U.S. Immigration and Customs Enforcement (ICE) does. General information, not legal advice.",
    no_args_is_help=False,
    add_completion=True,
    pretty_exceptions_enable=False,
    pretty_exceptions_show_locals=False,
    rich_markup_mode=None,
    context_settings={"help_option_names": ["-h", "--help"]},
)

_state: dict[str, Any] = {"data": None}


# --------------------------------------------------------------------------- helpers


def _err(message: str) -> None:
    sys.stderr.write(f"icefaq: {message}\n")


def _fail(message: str, code: ExitCode) -> NoReturn:
    _err(message)
    raise typer.Exit(int(code))


def _out(text: str) -> None:
    sys.stdout.write(text if text.endswith("\n") else text + "\n")


def _stdout_is_tty() -> bool:
    try:
        return sys.stdout.isatty()
    except (AttributeError, ValueError):
        return False


def _format(fmt: Format, json_: bool) -> Format:
    return Format.JSON if json_ else resolve_format(fmt, _stdout_is_tty())


def _print_rich(renderable: Any) -> None:
    from rich.console import Console  # noqa: PLC0415  (only the rich format pays for rich)

    Console(file=sys.stdout, highlight=False, emoji=False, markup=False, soft_wrap=False).print(renderable)


def _open() -> Any:
    """Load the selected knowledge base and its index; unusable data exits 2."""
    from .index import load_compiled  # noqa: PLC0415

    try:
        return load_compiled(_state["data"])
    except DataError as exc:
        for p in exc.problems[:20]:
            _err(textview.one_line(str(p)))
        if len(exc.problems) > 20:
            _err(f"... and {len(exc.problems) - 20} more")
        _fail("the knowledge base cannot be used; run 'icefaq validate' for the full report", ExitCode.USAGE)


def _complete_ids(incomplete: str) -> list[str]:
    try:
        kb, _ = _open_quiet()
    except Exception:  # completion must never print a traceback into the shell
        return []
    return [e.id for e in kb.entries if e.id.startswith(incomplete)]


def _complete_topics(incomplete: str) -> list[str]:
    try:
        kb, _ = _open_quiet()
    except Exception:
        return []
    return [t.id for t in kb.topics if t.id.startswith(incomplete)]


def _open_quiet() -> Any:
    from .index import load_compiled  # noqa: PLC0415

    return load_compiled(os.environ.get("ICEFAQ_DATA") or None)


FormatOpt = Annotated[Format, typer.Option("--format", "-f", help="Output format; auto is rich on a terminal, plain otherwise.", case_sensitive=False)]
JsonOpt = Annotated[bool, typer.Option("--json", help="Shorthand for --format json.")]


# --------------------------------------------------------------------------- commands


def _version(value: bool) -> None:
    if value:
        _out(f"icefaq {__version__}")
        raise typer.Exit()


@app.callback(invoke_without_command=True)
def main_callback(
    ctx: typer.Context,
    data: Annotated[
        Optional[str],
        typer.Option("--data", envvar="ICEFAQ_DATA", metavar="PATH", help="Knowledge base to use (YAML). Default: the packaged one.", show_envvar=True),
    ] = None,
    version: Annotated[bool, typer.Option("--version", callback=_version, is_eager=True, help="Show the version and exit.")] = False,
) -> None:
    """Cited, neutral answers about what U.S. Immigration and Customs Enforcement (ICE) does.

    Answers are general information, current as of their review date, not legal advice.

    Examples:

        icefaq ask "what does ERO do"

        icefaq ask --json "ice vs cbp" | jq .results[0].answer

        icefaq list --topic hsi

        icefaq show detainee-locator
    """
    _state["data"] = data or None
    if ctx.invoked_subcommand is None:
        _orientation()


def _orientation() -> None:
    kb, _ = _open()
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
    _out("\n".join(lines))


@app.command()
def ask(
    query: Annotated[Optional[list[str]], typer.Argument(help="Your question; '-' reads it from stdin.", show_default=False)] = None,
    top: Annotated[int, typer.Option("--top", "-n", min=1, help="Show up to N confident matches, best first.")] = 1,
    min_score: Annotated[
        Optional[float], typer.Option("--min-score", min=0.0, max=1.0, help="Confidence threshold in 0..1 (default 0.5).", show_default=False)
    ] = None,
    batch: Annotated[bool, typer.Option("--batch", help="Read one query per stdin line; write one JSON object per line (JSON Lines).")] = False,
    fmt: FormatOpt = Format.AUTO,
    json_: JsonOpt = False,
) -> None:
    """Answer a question with the best-matching entry, its sources and follow-up questions.

    Exit status: 0 answered, 1 no confident match (suggestions go to stderr), 2 usage or data error.

    Examples:

        icefaq ask "what does ERO do"

        icefaq ask ice vs cbp --top 3

        echo "who runs immigration courts" | icefaq ask --json

        printf 'what is 287g\\nwhat is SEVIS\\n' | icefaq ask --batch
    """
    from . import match  # noqa: PLC0415

    if batch:
        if query:
            _fail("--batch reads queries from stdin; do not also give a query", ExitCode.USAGE)
        kb, index = _open()
        for line in sys.stdin:
            q = line.strip()
            if q:
                try:
                    result = match.ask(q, kb, index, top=top, threshold=min_score)
                except QueryError:
                    result = match.Answer(q, ())  # a line of punctuation: no match, keep one object per line
                _out(jsonview.dumps(jsonview.answer(result, kb), lines=True))
                sys.stdout.flush()
        return
    text = _read_query(query)
    kb, index = _open()
    try:
        result = match.ask(text, kb, index, top=top, threshold=min_score)
    except QueryError as exc:
        _fail(str(exc), ExitCode.USAGE)
    fmt = _format(fmt, json_)
    if fmt is Format.JSON:
        _out(jsonview.dumps(jsonview.answer(result, kb)))
    elif not result.matched:
        _err(textview.no_match(result))
    elif fmt is Format.RICH:
        from .render import richtext  # noqa: PLC0415

        _print_rich(richtext.answer(result, kb))
    else:
        _out(textview.answer(result, kb, textview.MARKDOWN if fmt is Format.MARKDOWN else textview.PLAIN))
    if not result.matched:
        raise typer.Exit(int(ExitCode.NOT_FOUND))


def _read_query(words: list[str] | None) -> str:
    if not words or words == ["-"]:
        if words != ["-"] and sys.stdin.isatty():
            _fail('no question given; try: icefaq ask "what does ERO do"', ExitCode.USAGE)
        text = sys.stdin.read()
    else:
        text = " ".join(words)
    return text.strip()


@app.command("list")
def list_(
    topic: Annotated[Optional[str], typer.Option("--topic", "-t", help="Only this topic (see 'icefaq topics').", autocompletion=_complete_topics)] = None,
    fmt: FormatOpt = Format.AUTO,
    json_: JsonOpt = False,
) -> None:
    """List every question with its id, grouped by topic.

    Examples:

        icefaq list

        icefaq list --topic ero

        icefaq list --json | jq -r '.[].id'
    """
    kb, _ = _open()
    entries = list(kb.entries)
    if topic is not None:
        if topic not in {t.id for t in kb.topics}:
            _fail(f"unknown topic {topic!r}; topics: {', '.join(t.id for t in kb.topics)}", ExitCode.USAGE)
        entries = [e for e in entries if e.topic == topic]
    fmt = _format(fmt, json_)
    if fmt is Format.JSON:
        _out(jsonview.dumps(jsonview.listing(entries)))
    elif fmt is Format.RICH:
        from .render import richtext  # noqa: PLC0415

        _print_rich(richtext.listing(kb, entries))
    else:
        _out(textview.listing(kb, entries, textview.MARKDOWN if fmt is Format.MARKDOWN else textview.PLAIN))


@app.command()
def show(
    entry_id: Annotated[str, typer.Argument(metavar="ID", help="An entry id, as shown by 'icefaq list'.", autocompletion=_complete_ids)],
    fmt: FormatOpt = Format.AUTO,
    json_: JsonOpt = False,
) -> None:
    """Show one entry in full: answer, numbered sources, review date, related questions.

    Examples:

        icefaq show ero-role

        icefaq show 287g --format markdown > 287g.md
    """
    kb, _ = _open()
    e = kb.get(entry_id.strip())
    if e is None:
        from .match import closest_ids  # noqa: PLC0415

        close = closest_ids(entry_id, kb.entries)
        hint = f"; did you mean: {', '.join(close)}?" if close else "; see 'icefaq list'"
        _fail(f"no entry with id {textview.one_line(entry_id)[:80]!r}{hint}", ExitCode.NOT_FOUND)
    fmt = _format(fmt, json_)
    if fmt is Format.JSON:
        _out(jsonview.dumps(jsonview.entry(e, kb)))
    elif fmt is Format.RICH:
        from .render import richtext  # noqa: PLC0415

        _print_rich(richtext.show(e, kb))
    else:
        _out(textview.show(e, kb, textview.MARKDOWN if fmt is Format.MARKDOWN else textview.PLAIN))


@app.command()
def topics(fmt: FormatOpt = Format.AUTO, json_: JsonOpt = False) -> None:
    """List the topics with how many entries each has.

    Example:

        icefaq topics
    """
    kb, _ = _open()
    rows = jsonview.topics(kb)
    fmt = _format(fmt, json_)
    if fmt is Format.JSON:
        _out(jsonview.dumps(rows))
    elif fmt is Format.RICH:
        from .render import richtext  # noqa: PLC0415

        _print_rich(richtext.topics(rows))
    else:
        _out(textview.topics(rows, textview.MARKDOWN if fmt is Format.MARKDOWN else textview.PLAIN))


@app.command()
def sources(fmt: FormatOpt = Format.AUTO, json_: JsonOpt = False) -> None:
    """Print the bibliography: every source, with the entries that cite it.

    Examples:

        icefaq sources

        icefaq sources --json | jq -r '.[].url'
    """
    kb, _ = _open()
    fmt = _format(fmt, json_)
    if fmt is Format.JSON:
        _out(jsonview.dumps(jsonview.sources(kb)))
    elif fmt is Format.RICH:
        from .render import richtext  # noqa: PLC0415

        _print_rich(richtext.sources(kb))
    else:
        _out(textview.sources(kb, textview.MARKDOWN if fmt is Format.MARKDOWN else textview.PLAIN))


@app.command()
def validate(
    path: Annotated[Optional[str], typer.Argument(metavar="[PATH]", help="The YAML file to check. Default: --data, ICEFAQ_DATA, or the packaged one.", show_default=False)] = None,
    fmt: FormatOpt = Format.AUTO,
    json_: JsonOpt = False,
) -> None:
    """Check a knowledge base and report every error and warning, with file, line and entry.

    Exit status: 0 no errors (warnings allowed), 1 errors found.

    Examples:

        icefaq validate my-faq.yaml

        icefaq validate --json | jq '.problems[] | select(.severity == "error")'
    """
    from .knowledge import validate as check  # noqa: PLC0415

    report = check(path or _state["data"])
    n = len(report.kb.entries) if report.kb else 0
    fmt = _format(fmt, json_)
    if fmt is Format.JSON:
        _out(jsonview.dumps(jsonview.report(report.path, report.ok, n, report.problems)))
    elif fmt is Format.RICH:
        from .render import richtext  # noqa: PLC0415

        _print_rich(richtext.report(report.path, report.ok, n, report.problems))
    else:
        _out(textview.report(report.path, report.ok, n, report.problems))
    if not report.ok:
        raise typer.Exit(int(ExitCode.NOT_FOUND))


# --------------------------------------------------------------------------- entry point


def main(argv: list[str] | None = None) -> int:
    """Run the CLI; return the exit status instead of raising (the console script calls this)."""
    for stream in (sys.stdout, sys.stderr):
        if hasattr(stream, "reconfigure"):
            try:
                stream.reconfigure(errors="replace")  # e.g. PYTHONIOENCODING=cp1252: degrade, never crash
            except (ValueError, OSError):
                pass
    try:
        app(args=argv, prog_name="icefaq", standalone_mode=True)
    except SystemExit as exc:
        code = exc.code
        status = code if isinstance(code, int) else (0 if code is None else 1)
    except KeyboardInterrupt:
        sys.stderr.write("\n")
        status = int(ExitCode.INTERRUPTED)
    except BrokenPipeError:
        status = int(ExitCode.BROKEN_PIPE)
    except IcefaqError as exc:  # a core error no command caught: still a clean message
        _err(str(exc))
        status = int(ExitCode.USAGE)
    if status == ExitCode.BROKEN_PIPE or _stdout_closed():
        # Python would complain when it flushes stdout at exit; point it at /dev/null instead.
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
    return status


def _stdout_closed() -> bool:
    try:
        sys.stdout.flush()
    except BrokenPipeError:
        return True
    except (OSError, ValueError):
        return False
    return False
