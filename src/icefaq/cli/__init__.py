"""The command line. ``main`` is the entry point (``icefaq = "icefaq.cli:main"``).

Modules, importing one way (``entry -> parse, commands, complete, helptext -> spec, exits``;
``typer_app`` only on demand):

- ``spec``: every command, argument and option, declared once;
- ``parse``: the generic parser for that declaration; ``helptext``: help and usage from it;
- ``commands``: the command bodies; ``exits``: exit codes and the one exception-to-status mapping;
- ``complete``: shell completion of ids; ``reports``: cached validation reports;
- ``typer_app``: the typer app built from spec (completion scripts), the only typer importer;
- ``entry``: ``main``.

``app`` (the typer app) is imported on first use, so that ``import icefaq.cli`` stays cheap.
"""

from __future__ import annotations

from .entry import main
from .exits import ExitCode

__all__ = ["ExitCode", "app", "main"]


def __getattr__(name: str) -> object:
    if name == "app":
        from .typer_app import app

        return app
    if name in ("_complete_ids", "_complete_topics"):  # the completion sources, under their old names
        from . import complete

        return complete.entries if name == "_complete_ids" else complete.topics
    raise AttributeError(f"module 'icefaq.cli' has no attribute {name!r}")
