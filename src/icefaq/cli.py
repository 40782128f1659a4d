"""The typer app: arguments, help, completion and usage errors. The only module that imports typer.

Command bodies live in commands.py, shared with the fast path that handles the common
invocations without typer; each command here only collects its options and calls one.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from typing import Annotated, Any

import typer

from . import __version__
from . import commands as cmd
from .commands import ExitCode, main
from .render import Format

__all__ = ["ExitCode", "app", "main", "run_typer"]

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


def _call(body: Callable[[], int]) -> None:
    """Run a command body and turn its status into typer's exit."""
    try:
        code = body()
    except cmd.CommandExit as exc:
        code = exc.code
    if code:
        raise typer.Exit(int(code))


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
        cmd.out(f"icefaq {__version__}")
        raise typer.Exit()


@app.callback(invoke_without_command=True)
def main_callback(
    ctx: typer.Context,
    data: Annotated[
        str | None,
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
        _call(lambda: cmd.orientation(_state["data"]))


@app.command()
def ask(
    query: Annotated[list[str] | None, typer.Argument(help="Your question; '-' reads it from stdin.", show_default=False)] = None,
    top: Annotated[int, typer.Option("--top", "-n", min=1, help="Show up to N confident matches, best first.")] = 1,
    min_score: Annotated[
        float | None, typer.Option("--min-score", min=0.0, max=1.0, help="Confidence threshold in 0..1 (default 0.5).", show_default=False)
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
    _call(lambda: cmd.run_ask(_state["data"], query, top, min_score, batch, fmt, json_))


@app.command("list")
def list_(
    topic: Annotated[str | None, typer.Option("--topic", "-t", help="Only this topic (see 'icefaq topics').", autocompletion=_complete_topics)] = None,
    fmt: FormatOpt = Format.AUTO,
    json_: JsonOpt = False,
) -> None:
    """List every question with its id, grouped by topic.

    Examples:

        icefaq list

        icefaq list --topic ero

        icefaq list --json | jq -r '.[].id'
    """
    _call(lambda: cmd.run_list(_state["data"], topic, fmt, json_))


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
    _call(lambda: cmd.run_show(_state["data"], entry_id, fmt, json_))


@app.command()
def topics(fmt: FormatOpt = Format.AUTO, json_: JsonOpt = False) -> None:
    """List the topics with how many entries each has.

    Example:

        icefaq topics
    """
    _call(lambda: cmd.run_topics(_state["data"], fmt, json_))


@app.command()
def sources(fmt: FormatOpt = Format.AUTO, json_: JsonOpt = False) -> None:
    """Print the bibliography: every source, with the entries that cite it.

    Examples:

        icefaq sources

        icefaq sources --json | jq -r '.[].url'
    """
    _call(lambda: cmd.run_sources(_state["data"], fmt, json_))


@app.command()
def validate(
    path: Annotated[str | None, typer.Argument(metavar="[PATH]", help="The YAML file to check. Default: --data, ICEFAQ_DATA, or the packaged one.", show_default=False)] = None,
    fmt: FormatOpt = Format.AUTO,
    json_: JsonOpt = False,
) -> None:
    """Check a knowledge base and report every error and warning, with file, line and entry.

    Exit status: 0 no errors (warnings allowed), 1 errors found.

    Examples:

        icefaq validate my-faq.yaml

        icefaq validate --json | jq '.problems[] | select(.severity == "error")'
    """
    _call(lambda: cmd.run_validate(path or _state["data"], fmt, json_))


# --------------------------------------------------------------------------- entry point


def run_typer(argv: list[str]) -> int:
    """Parse argv with typer and run the command (commands.main calls this for what the fast path leaves)."""
    app(args=argv, prog_name="icefaq", standalone_mode=True)
    return ExitCode.OK
