"""Shell completion: the values (entry ids, topic ids) and a fast answer to the shell's question.

The completion scripts that ``icefaq --install-completion`` installs (typer's) run
``_ICEFAQ_COMPLETE=complete_bash icefaq`` (or ``complete_zsh``) on every TAB. When the word
being completed is a value spec.py marks with ``complete=`` (the id after ``show``, the
topic after ``--topic``), :func:`answer` prints what typer would print without importing
typer; for anything else (command names, options, other shells) it returns None and the
typer app answers.
"""

from __future__ import annotations

import os
import sys

from . import spec

TYPE_CHECKING = False
if TYPE_CHECKING:
    from collections.abc import Callable

    from ..model import KnowledgeBase


def _kb() -> KnowledgeBase | None:
    from ..index import load_compiled

    try:
        kb, _ = load_compiled(os.environ.get("ICEFAQ_DATA") or None)
    except Exception:  # completion must never print a traceback into the shell
        return None
    return kb


def entries(incomplete: str) -> list[str]:
    """Entry ids that start with what has been typed."""
    kb = _kb()
    return list(kb.ids(incomplete)) if kb is not None else []


def topics(incomplete: str) -> list[str]:
    """Topic ids that start with what has been typed."""
    kb = _kb()
    return [t.id for t in (kb.topics if kb is not None else ()) if t.id.startswith(incomplete)]


SOURCES: dict[str, Callable[[str], list[str]]] = {"entries": entries, "topics": topics}


def _words() -> tuple[str, list[str], str] | None:
    """(shell, words before the cursor, the word being completed), per typer's scripts."""
    import shlex

    instruction = os.environ.get(spec.ENV_COMPLETE, "")
    try:
        if instruction == "complete_bash":
            words = shlex.split(os.environ["COMP_WORDS"])
            cword = int(os.environ["COMP_CWORD"])
            return "bash", words[1:cword], words[cword] if cword < len(words) else ""
        if instruction == "complete_zsh":
            line = os.environ.get("_TYPER_COMPLETE_ARGS", "")
            words = shlex.split(line)[1:]
            if words and not line.endswith(" "):
                return "zsh", words[:-1], words[-1]
            return "zsh", words, ""
    except (KeyError, ValueError, IndexError):
        return None
    return None


def _source(args: list[str], incomplete: str) -> str | None:
    """The completion source for the word being completed, if it is a simple, declared case."""
    if incomplete.startswith("-") or not args or args[0] not in spec.BY_NAME:
        return None
    cmd = spec.BY_NAME[args[0]]
    rest = args[1:]
    if any(a == "--" or "=" in a for a in rest):
        return None
    values = {f: o for o in cmd.opts if o.takes_value for f in o.flags}
    if rest and rest[-1] in values:
        return values[rest[-1]].complete
    positional = 0
    skip = False
    for a in rest:
        if skip:
            skip = False
        elif a in values:
            skip = True
        elif a.startswith("-"):
            if a not in {f for o in cmd.opts for f in o.flags} | set(spec.HELP_FLAGS):
                return None
        else:
            positional += 1
    if positional < len(cmd.args) and not cmd.args[positional].many:
        return cmd.args[positional].complete
    return None


def answer() -> str | None:
    """The shell's completion output, or None to let the typer app answer."""
    found = _words()
    if found is None:
        return None
    shell, args, incomplete = found
    name = _source(args, incomplete)
    if name is None:
        return None
    values = SOURCES[name](incomplete)
    if shell == "bash":
        return "\n".join(values)
    if not values:
        return "_files"
    quoted = "\n".join(
        '"' + v.replace('"', '""').replace("'", "''").replace("$", "\\$").replace("`", "\\`").replace(":", r"\\:") + '"' for v in values
    )
    return f"_arguments '*: :(({quoted}))'"


def run() -> int | None:
    """Print the completion answer when the fast path knows it; None otherwise."""
    text = answer()
    if text is None:
        return None
    sys.stdout.write(text + "\n")
    return 0
