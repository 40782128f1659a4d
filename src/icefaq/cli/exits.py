"""Exit statuses, and the one place that maps exceptions to them.

Command bodies return an :class:`ExitCode` or raise: :class:`CliError` for a user error
they detected, :class:`UsageError` for bad arguments, or a core error
(:class:`~icefaq.errors.IcefaqError`). :func:`status` prints the message once, on
stderr, and returns the status; the entry point and the typer app both go through it.
"""

from __future__ import annotations

import sys
from enum import IntEnum, unique

from ..errors import DataError, IcefaqError
from ..render import one_line

TYPE_CHECKING = False
if TYPE_CHECKING:
    from collections.abc import Callable

MAX_PROBLEMS_SHOWN = 20


@unique
class ExitCode(IntEnum):
    OK = 0
    NOT_FOUND = 1  # no confident match, unknown id, or validate found errors
    USAGE = 2  # bad arguments or an unusable knowledge base
    INTERRUPTED = 130  # 128 + SIGINT
    BROKEN_PIPE = 141  # 128 + SIGPIPE: the reader went away (e.g. `| head -1`)


class CliError(Exception):
    """A user error found by a command body: the message says what to do next."""

    def __init__(self, message: str, code: ExitCode) -> None:
        super().__init__(message)
        self.message = message
        self.code = code


class UsageError(Exception):
    """Arguments that do not fit the declaration in spec.py (exit 2, click's layout)."""

    def __init__(self, message: str, usage: str, hint: str) -> None:
        super().__init__(message)
        self.message = message
        self.usage = usage
        self.hint = hint


def err(message: str) -> None:
    """Write a diagnostic to stderr, prefixed with the program name."""
    sys.stderr.write(f"icefaq: {message}\n")


def status(body: Callable[[], int]) -> int:
    """Run ``body`` and return its exit status, turning every known way out into one.

    Unexpected exceptions are bugs and propagate with their traceback.
    """
    try:
        return int(body())
    except CliError as exc:
        err(exc.message)
        return int(exc.code)
    except UsageError as exc:
        sys.stderr.write(f"{exc.usage}\n{exc.hint}\n\nError: {exc.message}\n")
        return int(ExitCode.USAGE)
    except DataError as exc:
        for problem in exc.problems[:MAX_PROBLEMS_SHOWN]:
            err(one_line(str(problem)))
        if len(exc.problems) > MAX_PROBLEMS_SHOWN:
            err(f"... and {len(exc.problems) - MAX_PROBLEMS_SHOWN} more")
        err("the knowledge base cannot be used; run 'icefaq validate' for the full report")
        return int(ExitCode.USAGE)
    except IcefaqError as exc:  # e.g. QueryError (an empty query): the message is for the user
        err(str(exc))
        return int(ExitCode.USAGE)
    except SystemExit as exc:  # typer/click in standalone mode
        code = exc.code
        return code if isinstance(code, int) else (0 if code is None else 1)
    except KeyboardInterrupt:
        sys.stderr.write("\n")
        return int(ExitCode.INTERRUPTED)
    except BrokenPipeError:
        return int(ExitCode.BROKEN_PIPE)
