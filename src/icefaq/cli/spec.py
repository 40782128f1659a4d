"""The command line, declared once: every command, argument and option, with its help.

Everything else is derived from these declarations: the fast parser (:mod:`.parse`), the
help and usage text (:mod:`.helptext`), the shell completion of ids (:mod:`.complete`)
and the typer app that generates completion scripts (:mod:`.typer_app`). A test checks
that the click command typer builds has exactly these options, so to add an option you
declare it here and use it in its command body (:mod:`.commands`), nothing else.

Pure data: no typer, no click, no typing at run time (this module is on every path).
"""

from __future__ import annotations

from ..render import Format

TYPE_CHECKING = False
if TYPE_CHECKING:
    from enum import Enum


class Opt:
    """An option. ``kind`` is one of flag, str, int, float, choice (``choices`` is an Enum).

    ``dest`` is the keyword the command body receives; ``lo``/``hi`` bound numbers;
    ``envvar`` supplies the value when the option is absent; ``complete`` names a
    completion source in :mod:`.complete`; ``typer_only`` options (completion scripts)
    exist only in the typer app, so the fast path hands any use of them to typer.
    """

    __slots__ = ("flags", "dest", "kind", "default", "help", "metavar", "lo", "hi", "choices", "envvar", "complete", "typer_only")

    def __init__(
        self,
        *flags: str,
        dest: str,
        kind: str,
        help: str,
        default: object = None,
        metavar: str | None = None,
        lo: float | None = None,
        hi: float | None = None,
        choices: type[Enum] | None = None,
        envvar: str | None = None,
        complete: str | None = None,
        typer_only: bool = False,
    ) -> None:
        self.flags = flags
        self.dest = dest
        self.kind = kind
        self.default = False if kind == "flag" else default
        self.help = help
        self.metavar = metavar
        self.lo = lo
        self.hi = hi
        self.choices = choices
        self.envvar = envvar
        self.complete = complete
        self.typer_only = typer_only

    @property
    def takes_value(self) -> bool:
        return self.kind != "flag"

    def __repr__(self) -> str:
        return f"Opt({'/'.join(self.flags)})"


class Arg:
    """A positional argument: one value, or every remaining word when ``many``."""

    __slots__ = ("dest", "metavar", "help", "required", "many", "complete")

    def __init__(
        self, dest: str, *, metavar: str, help: str, required: bool = False, many: bool = False, complete: str | None = None
    ) -> None:
        self.dest = dest
        self.metavar = metavar
        self.help = help
        self.required = required
        self.many = many
        self.complete = complete

    def __repr__(self) -> str:
        return f"Arg({self.metavar})"


class Cmd:
    """A command: its name, help (summary line first, then an Example block), arguments and options."""

    __slots__ = ("name", "help", "args", "opts")

    def __init__(self, name: str, help: str, args: tuple[Arg, ...] = (), opts: tuple[Opt, ...] = ()) -> None:
        self.name = name
        self.help = help
        self.args = args
        self.opts = opts

    @property
    def summary(self) -> str:
        return self.help.split("\n", 1)[0]

    def __repr__(self) -> str:
        return f"Cmd({self.name})"


# --------------------------------------------------------------------------- options

DATA = Opt(
    "--data", dest="data", kind="str", metavar="PATH", envvar="ICEFAQ_DATA", help="Knowledge base to use (YAML). Default: the packaged one."
)
VERSION = Opt("--version", dest="version", kind="flag", help="Show the version and exit.")
INSTALL_COMPLETION = Opt(
    "--install-completion", dest="install_completion", kind="flag", typer_only=True, help="Install completion for the current shell."
)
SHOW_COMPLETION = Opt(
    "--show-completion",
    dest="show_completion",
    kind="flag",
    typer_only=True,
    help="Show completion for the current shell, to copy it or customize the installation.",
)

FORMAT = Opt(
    "--format",
    "-f",
    dest="fmt",
    kind="choice",
    choices=Format,
    default=Format.AUTO,
    help="Output format; auto is rich on a terminal, plain otherwise.",
)
JSON = Opt("--json", dest="json_", kind="flag", help="Shorthand for --format json.")
TOP = Opt(
    "--top", "-n", dest="top", kind="int", default=1, lo=1, metavar="N", help="Show up to N confident matches (at most 10), best first."
)
MIN_SCORE = Opt(
    "--min-score", dest="min_score", kind="float", lo=0.0, hi=1.0, metavar="SCORE", help="Confidence threshold in 0..1 (default 0.5)."
)
BATCH = Opt("--batch", dest="batch", kind="flag", help="Read one query per stdin line; write one JSON object per line (JSON Lines).")
TOPIC = Opt("--topic", "-t", dest="topic", kind="str", metavar="ID", complete="topics", help="Only this topic (see 'icefaq topics').")

HELP_FLAGS = ("-h", "--help")
HELP_TEXT = "Show this message and exit."

# --------------------------------------------------------------------------- commands

PROGRAM = "icefaq"
ENV_COMPLETE = "_ICEFAQ_COMPLETE"  # click's completion protocol: _{PROG}_COMPLETE=complete_{shell}

ROOT = Cmd(
    PROGRAM,
    """Cited, neutral answers about what U.S. Immigration and Customs Enforcement (ICE) does.

Answers are general information, current as of their review date, not legal advice.
With no command, prints a short orientation.

Examples:

    icefaq ask "what does ERO do"

    icefaq ask --json "ice vs cbp" | jq .results[0].answer

    icefaq list --topic hsi

    icefaq show detainee-locator""",
    opts=(DATA, VERSION, INSTALL_COMPLETION, SHOW_COMPLETION),
)

COMMANDS = (
    Cmd(
        "ask",
        """Answer a question with the best-matching entry, its sources and follow-up questions.

Exit status: 0 answered, 1 no confident match (suggestions go to stderr), 2 usage or data error.

Examples:

    icefaq ask "what does ERO do"

    icefaq ask ice vs cbp --top 3

    icefaq ask -- "-what is 287(g)"

    echo "who runs immigration courts" | icefaq ask --json

    printf 'what is 287g\\nwhat is SEVIS\\n' | icefaq ask --batch""",
        args=(Arg("query", metavar="QUERY", many=True, help="Your question; '-' reads it from stdin."),),
        opts=(TOP, MIN_SCORE, BATCH, FORMAT, JSON),
    ),
    Cmd(
        "list",
        """List every question with its id, grouped by topic.

Examples:

    icefaq list

    icefaq list --topic ero

    icefaq list --json | jq -r '.[].id'""",
        opts=(TOPIC, FORMAT, JSON),
    ),
    Cmd(
        "show",
        """Show one entry in full: answer, numbered sources, review date, related questions.

Exit status: 0 shown, 1 no entry with that id.

Examples:

    icefaq show ero-role

    icefaq show 287g --format markdown > 287g.md""",
        args=(Arg("entry_id", metavar="ID", required=True, complete="entries", help="An entry id, as shown by 'icefaq list'."),),
        opts=(FORMAT, JSON),
    ),
    Cmd(
        "topics",
        """List the topics with how many entries each has.

Example:

    icefaq topics""",
        opts=(FORMAT, JSON),
    ),
    Cmd(
        "sources",
        """Print the bibliography: every source, with the entries that cite it.

Examples:

    icefaq sources

    icefaq sources --json | jq -r '.[].url'""",
        opts=(FORMAT, JSON),
    ),
    Cmd(
        "validate",
        """Check a knowledge base and report every error and warning, with file, line and entry.

Exit status: 0 no errors (warnings allowed), 1 errors found.

Examples:

    icefaq validate my-faq.yaml

    icefaq validate --json | jq '.problems[] | select(.severity == "error")'""",
        args=(Arg("path", metavar="PATH", help="The YAML file to check. Default: --data, ICEFAQ_DATA, or the packaged one."),),
        opts=(FORMAT, JSON),
    ),
)

BY_NAME = {c.name: c for c in COMMANDS}
