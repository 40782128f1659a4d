"""The exceptions the core raises; cli/exits.py maps them to messages and exit codes."""

from __future__ import annotations

from .model import Problem


class IcefaqError(Exception):
    """Base class: the message is written for the user and says what to do next."""


class DataError(IcefaqError):
    """A knowledge base cannot be used. Carries every error found, each with file, line and entry."""

    def __init__(self, problems: list[Problem]) -> None:
        self.problems = problems
        first = problems[0] if problems else None
        more = f" (and {len(problems) - 1} more problem(s); run 'icefaq validate' to see all)" if len(problems) > 1 else ""
        super().__init__(f"{first}{more}" if first else "unusable knowledge base")


class QueryError(IcefaqError):
    """A query that cannot be asked, such as an empty one."""
