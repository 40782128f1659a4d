"""The typer app, built from spec.py: the only module that imports typer.

Typer reads a command's parameters from its function's signature, so each command's
function gets a signature made from its declaration (``Annotated[type, typer.Option(...)]``
per option). The bodies are the ones the fast path runs, through the same
:func:`~.exits.status`. The entry point uses this app only for what only typer does
(writing and installing completion scripts, completing command names and options); tests
use it to check that both paths give the same results.
"""

from __future__ import annotations

import inspect
from typing import Annotated, Any

import typer

from . import commands, complete, spec
from .exits import ExitCode, status
from .spec import Arg, Cmd, Opt

_TYPES: dict[str, Any] = {"flag": bool, "str": str, "int": int, "float": float}


def _annotation(opt: Opt) -> Any:
    base: Any = opt.choices if opt.kind == "choice" else _TYPES[opt.kind]
    return base if opt.default is not None else base | None


def _option(opt: Opt) -> Any:
    kwargs: dict[str, Any] = {"help": opt.help}
    if opt.kind == "choice":
        kwargs["case_sensitive"] = False
    if opt.lo is not None:
        kwargs["min"] = opt.lo
    if opt.hi is not None:
        kwargs["max"] = opt.hi
    if opt.metavar:
        kwargs["metavar"] = opt.metavar
    if opt.envvar:
        kwargs.update(envvar=opt.envvar, show_envvar=True)
    if opt.complete:
        kwargs["autocompletion"] = complete.SOURCES[opt.complete]
    if opt.default is None:
        kwargs["show_default"] = False
    return Annotated[_annotation(opt), typer.Option(*opt.flags, **kwargs)]


def _argument(arg: Arg) -> tuple[Any, Any]:
    kwargs: dict[str, Any] = {"help": arg.help, "metavar": arg.metavar, "show_default": False}
    if arg.complete:
        kwargs["autocompletion"] = complete.SOURCES[arg.complete]
    if arg.many:
        return Annotated[list[str] | None, typer.Argument(**kwargs)], None
    if arg.required:
        return Annotated[str, typer.Argument(**kwargs)], inspect.Parameter.empty
    return Annotated[str | None, typer.Argument(**kwargs)], None


def _signature(cmd: Cmd, *, context: bool = False) -> inspect.Signature:
    kw = inspect.Parameter.KEYWORD_ONLY
    params = [inspect.Parameter("ctx", inspect.Parameter.POSITIONAL_OR_KEYWORD, annotation=typer.Context)] if context else []
    for arg in cmd.args:
        annotation, default = _argument(arg)
        params.append(inspect.Parameter(arg.dest, kw, annotation=annotation, default=default))
    for opt in cmd.opts:
        if not opt.typer_only:
            params.append(inspect.Parameter(opt.dest, kw, annotation=_option(opt), default=opt.default))
    return inspect.Signature(params)


def _finish(code: int) -> None:
    if code:
        raise typer.Exit(code)


def _command(cmd: Cmd) -> Any:
    body = commands.BODIES[cmd.name]
    many = {a.dest for a in cmd.args if a.many}

    def callback(ctx: typer.Context, **values: Any) -> None:
        for dest in many:
            values[dest] = list(values[dest]) if values[dest] else None
        data = ctx.obj.get("data") if isinstance(ctx.obj, dict) else None
        _finish(status(lambda: body(data, **values)))

    callback.__signature__ = _signature(cmd, context=True)  # type: ignore[attr-defined]
    callback.__annotations__ = {p.name: p.annotation for p in callback.__signature__.parameters.values()}  # type: ignore[attr-defined]
    callback.__name__ = cmd.name
    return callback


def _root(ctx: typer.Context, **values: Any) -> None:
    ctx.obj = {"data": values.get("data") or None}
    if ctx.invoked_subcommand is None:
        _finish(status(lambda: commands.orientation(ctx.obj["data"])))


def _version(value: bool) -> None:
    if value:
        commands.version()
        raise typer.Exit()


def build() -> typer.Typer:
    """A typer app with exactly the commands and options of spec.py."""
    app = typer.Typer(
        name=spec.PROGRAM,
        help=spec.ROOT.help,
        add_completion=True,  # spec.INSTALL_COMPLETION and spec.SHOW_COMPLETION
        pretty_exceptions_enable=False,
        pretty_exceptions_show_locals=False,
        rich_markup_mode=None,
        context_settings={"help_option_names": list(spec.HELP_FLAGS)},
    )
    root = _signature(spec.ROOT, context=True)
    params = [
        p.replace(annotation=Annotated[bool, typer.Option(*spec.VERSION.flags, help=spec.VERSION.help, callback=_version, is_eager=True)])
        if p.name == spec.VERSION.dest
        else p
        for p in root.parameters.values()
    ]
    _root.__signature__ = root.replace(parameters=params)  # type: ignore[attr-defined]
    _root.__annotations__ = {p.name: p.annotation for p in params}
    app.callback(invoke_without_command=True, help=spec.ROOT.help)(_root)
    for cmd in spec.COMMANDS:
        app.command(cmd.name, help=cmd.help)(_command(cmd))
    return app


app = build()


def run(argv: list[str]) -> int:
    """Run the typer app on ``argv`` (it always ends with SystemExit, mapped by exits.status)."""
    app(args=argv, prog_name=spec.PROGRAM, standalone_mode=True)
    return ExitCode.OK
