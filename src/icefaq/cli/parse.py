"""A generic parser for the command line declared in spec.py, with click's rules.

``icefaq [GLOBAL OPTIONS] COMMAND [OPTIONS AND ARGUMENTS]``: options may come before, between
or after arguments; ``--`` ends the options; ``--opt=value``, ``-nVALUE`` and ``-n VALUE``
all work; the last use of an option wins. Errors are raised as :class:`~.exits.UsageError`
with click's wording. There is no per-command code here, so it cannot drift from spec.py.
"""

from __future__ import annotations

import os

from . import helptext, spec
from .exits import UsageError
from .helptext import bounds

TYPE_CHECKING = False
if TYPE_CHECKING:
    from .spec import Cmd, Opt


class Call:
    """What to run: ``action`` is run (a command, with ``values``), help, version, orientation or typer."""

    __slots__ = ("action", "cmd", "data", "values")

    def __init__(self, action: str, cmd: Cmd, data: str | None = None, values: dict[str, object] | None = None) -> None:
        self.action = action
        self.cmd = cmd
        self.data = data
        self.values = values or {}

    def __repr__(self) -> str:
        return f"Call({self.action!r}, {self.cmd.name!r}, data={self.data!r}, values={self.values!r})"


def _fail(cmd: Cmd, message: str) -> UsageError:
    return UsageError(message, helptext.usage(cmd), helptext.try_help(cmd))


def _scan(cmd: Cmd, args: list[str], stop_at_command: bool) -> tuple[dict[Opt, str | bool], list[str], bool, list[str]]:
    """Split ``args`` into option uses, positional words and whether help was asked.

    With ``stop_at_command`` (the program's own options) scanning stops at the first word,
    the command name, and the rest is returned unparsed.
    """
    table = {flag: opt for opt in cmd.opts for flag in opt.flags}
    used: dict[Opt, str | bool] = {}
    words: list[str] = []
    wants_help = False
    i = 0
    while i < len(args):
        a = args[i]
        i += 1
        if a == "--":
            if stop_at_command:
                return used, args[i : i + 1], wants_help, args[i + 1 :]
            return used, words + args[i:], wants_help, []
        if a in spec.HELP_FLAGS:
            wants_help = True
        elif a.startswith("--"):
            name, eq, value = a.partition("=")
            opt = table.get(name)
            if opt is None:
                raise _fail(cmd, f"No such option: {name}")
            if not opt.takes_value:
                if eq:
                    raise _fail(cmd, f"Option '{name}' does not take a value.")
                used[opt] = True
            elif eq:
                used[opt] = value
            elif i < len(args):
                used[opt] = args[i]
                i += 1
            else:
                raise _fail(cmd, f"Option '{name}' requires an argument.")
        elif a.startswith("-") and a != "-":
            j = 1
            while j < len(a):  # a cluster of short options: -hn3
                flag = "-" + a[j]
                j += 1
                if flag in spec.HELP_FLAGS:
                    wants_help = True
                    continue
                opt = table.get(flag)
                if opt is None:
                    raise _fail(cmd, f"No such option: {flag}")
                if not opt.takes_value:
                    used[opt] = True
                elif j < len(a):
                    used[opt] = a[j:]
                    break
                elif i < len(args):
                    used[opt] = args[i]
                    i += 1
                else:
                    raise _fail(cmd, f"Option '{flag}' requires an argument.")
        else:
            words.append(a)
            if stop_at_command:
                return used, words, wants_help, args[i:]
    return used, words, wants_help, []


def _names(opt: Opt) -> str:
    return " / ".join(f"'{f}'" for f in opt.flags)


def _number(opt: Opt, text: str) -> int | float:
    kind = "integer" if opt.kind == "int" else "float"
    try:
        value: int | float = int(text) if opt.kind == "int" else float(text)
    except ValueError:
        raise ValueError(f"{text!r} is not a valid {kind}.") from None
    if value != value or value in (float("inf"), float("-inf")):
        raise ValueError(f"{text!r} is not a valid {kind}.")
    if (opt.lo is not None and value < opt.lo) or (opt.hi is not None and value > opt.hi):
        raise ValueError(f"{value} is not in the range {bounds(opt, 'x')}.")
    return value


def convert(opt: Opt, raw: str | bool) -> object:
    """Turn an option's text into its value, as its declaration says.

    Raises:
        ValueError: the text does not fit (the message is click's, without the option name).
    """
    if opt.kind == "flag":
        return bool(raw)
    text = str(raw)
    if opt.kind in ("int", "float"):
        return _number(opt, text)
    if opt.kind == "choice" and opt.choices is not None:
        for choice in opt.choices:
            if str(choice.value) == text.lower():
                return choice
        allowed = ", ".join(f"'{c.value}'" for c in opt.choices)
        raise ValueError(f"{text!r} is not one of {allowed}.")
    return text


def _values(cmd: Cmd, used: dict[Opt, str | bool], words: list[str]) -> dict[str, object]:
    values: dict[str, object] = {}
    for opt in cmd.opts:
        raw = used.get(opt)
        if raw is None and opt.envvar:
            raw = os.environ.get(opt.envvar) or None
        if raw is None:
            values[opt.dest] = opt.default
            continue
        try:
            values[opt.dest] = convert(opt, raw)
        except ValueError as exc:
            raise _fail(cmd, f"Invalid value for {_names(opt)}: {exc}") from None
    rest = list(words)
    for arg in cmd.args:
        if arg.many:
            values[arg.dest], rest = (rest or None), []
        elif rest:
            values[arg.dest] = rest.pop(0)
        elif arg.required:
            raise _fail(cmd, f"Missing argument '{arg.metavar}'.")
        else:
            values[arg.dest] = None
    if rest:
        s = "s" if len(rest) > 1 else ""
        raise _fail(cmd, f"Got unexpected extra argument{s} ({' '.join(rest)})")
    return values


def parse(argv: list[str]) -> Call:
    """Parse a command line into the :class:`Call` to make.

    Raises:
        UsageError: the arguments do not fit spec.py.
    """
    used, words, wants_help, rest = _scan(spec.ROOT, list(argv), stop_at_command=True)
    if any(opt.typer_only for opt in used):
        return Call("typer", spec.ROOT)
    if used.get(spec.VERSION):
        return Call("version", spec.ROOT)
    if wants_help:
        return Call("help", spec.ROOT)
    root = _values(spec.ROOT, used, [])
    data = root["data"] if isinstance(root["data"], str) and root["data"] else None
    if not words:
        return Call("orientation", spec.ROOT, data)
    cmd = spec.BY_NAME.get(words[0])
    if cmd is None:
        raise _fail(spec.ROOT, f"No such command '{words[0]}'.")
    used, words, wants_help, _ = _scan(cmd, rest, stop_at_command=False)
    if wants_help:
        return Call("help", cmd, data)
    return Call("run", cmd, data, _values(cmd, used, words))
