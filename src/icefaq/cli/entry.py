"""The entry point: parse with spec.py, run the command, return the exit status.

Everything is served without typer (commands, help, usage errors, completion of ids),
except what only typer does: writing and installing completion scripts and completing
command names and options. Those import :mod:`.typer_app`, the only typer importer.
"""

from __future__ import annotations

import os
import sys

from . import commands, complete, helptext, spec
from .exits import ExitCode, status
from .parse import parse

TYPE_CHECKING = False
if TYPE_CHECKING:
    from .parse import Call


def _typer(argv: list[str]) -> int:
    from . import typer_app

    return typer_app.run(argv)


def dispatch(argv: list[str]) -> int:
    """Parse ``argv`` and run what it asks for (exceptions are left to :func:`~.exits.status`)."""
    if os.environ.get(spec.ENV_COMPLETE):
        code = complete.run()
        return _typer(argv) if code is None else code
    call: Call = parse(argv)
    if call.action == "run":
        return commands.BODIES[call.cmd.name](call.data, **call.values)
    if call.action == "help":
        commands.out(helptext.render(call.cmd))
        return ExitCode.OK
    if call.action == "version":
        return commands.version()
    if call.action == "orientation":
        return commands.orientation(call.data)
    return _typer(argv)


def main(argv: list[str] | None = None) -> int:
    """Run icefaq on ``argv`` (default: the process's arguments); return the exit status."""
    args = sys.argv[1:] if argv is None else list(argv)
    for stream in (sys.stdout, sys.stderr):
        try:
            stream.reconfigure(errors="replace")  # type: ignore[union-attr]  # e.g. PYTHONIOENCODING=cp1252: degrade, never crash
        except (AttributeError, ValueError, OSError):
            pass
    code = status(lambda: dispatch(args))
    if code == ExitCode.BROKEN_PIPE or _stdout_closed():
        # Python would complain when it flushes stdout at exit; point it at /dev/null instead.
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        code = ExitCode.BROKEN_PIPE
    return code


def _stdout_closed() -> bool:
    try:
        sys.stdout.flush()
    except BrokenPipeError:
        return True
    except (OSError, ValueError):
        return False
    return False
