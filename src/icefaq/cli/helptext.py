"""Help and usage text, rendered from spec.py in click's layout (without importing click)."""

from __future__ import annotations

import os

from . import spec

TYPE_CHECKING = False
if TYPE_CHECKING:
    from .spec import Cmd, Opt

MAX_WIDTH = 80


def width() -> int:
    """The text width: the terminal's (or $COLUMNS), at most 80, less a margin, as click does."""
    try:
        columns = int(os.environ.get("COLUMNS", ""))
    except ValueError:
        try:
            columns = os.get_terminal_size(2).columns
        except (OSError, ValueError):
            columns = MAX_WIDTH
    return max(min(columns, MAX_WIDTH) - 2, 50)


def prog(cmd: Cmd) -> str:
    return spec.PROGRAM if cmd is spec.ROOT else f"{spec.PROGRAM} {cmd.name}"


def usage(cmd: Cmd) -> str:
    """The usage line: ``Usage: icefaq ask [OPTIONS] [QUERY]...``."""
    if cmd is spec.ROOT:
        return f"Usage: {spec.PROGRAM} [OPTIONS] COMMAND [ARGS]..."
    parts = [f"Usage: {prog(cmd)} [OPTIONS]"]
    for arg in cmd.args:
        name = arg.metavar if arg.required else f"[{arg.metavar}]"
        parts.append(name + ("..." if arg.many else ""))
    return " ".join(parts)


def try_help(cmd: Cmd) -> str:
    return f"Try '{prog(cmd)} -h' for help."


def _wrap(text: str, indent: int, limit: int) -> list[str]:
    """Greedy word wrap (textwrap's result for plain prose, without importing it)."""
    lines: list[str] = []
    line = ""
    for word in text.split():
        if line and indent + len(line) + 1 + len(word) > limit:
            lines.append(" " * indent + line)
            line = word
        else:
            line = f"{line} {word}" if line else word
    if line:
        lines.append(" " * indent + line)
    return lines


def _paragraphs(text: str, limit: int) -> list[str]:
    """Prose paragraphs re-wrapped; indented ones (examples) kept line for line, as click does."""
    out: list[str] = []
    for block in text.strip("\n").split("\n\n"):
        if out:
            out.append("")
        if block.startswith(" "):
            out += ["  " + line for line in block.split("\n")]
        else:
            out += _wrap(block, 2, limit)
    return out


def _opt_label(opt: Opt) -> str:
    shorts = [f for f in opt.flags if not f.startswith("--")]
    longs = [f for f in opt.flags if f.startswith("--")]
    label = ", ".join(shorts + longs)
    if opt.kind == "choice" and opt.choices is not None:
        label += " [" + "|".join(str(c.value) for c in opt.choices) + "]"
    elif opt.takes_value:
        label += f" {opt.metavar or opt.kind.upper()}"
    return label


def _opt_help(opt: Opt) -> str:
    extra = []
    if opt.envvar:
        extra.append(f"env var: {opt.envvar}")
    if opt.takes_value and opt.default is not None:
        default = getattr(opt.default, "value", opt.default)
        extra.append(f"default: {default}")
    if opt.lo is not None or opt.hi is not None:
        extra.append(bounds(opt, opt.metavar or "x"))
    return opt.help + (f"  [{'; '.join(extra)}]" if extra else "")


def _table(rows: list[tuple[str, str]], limit: int) -> list[str]:
    """Two columns, as click's definition lists: a label column at most 30 wide."""
    first = min(max(len(label) for label, _ in rows), 30)
    out: list[str] = []
    for label, text in rows:
        body = _wrap(text, 0, limit - first - 4) or [""]
        if len(label) > first:
            out.append(f"  {label}")
            out += [" " * (first + 4) + line for line in body]
        else:
            out.append(f"  {label.ljust(first)}  {body[0]}")
            out += [" " * (first + 4) + line for line in body[1:]]
    return out


def render(cmd: Cmd) -> str:
    """The full ``--help`` text of a command (``spec.ROOT`` for the program itself)."""
    limit = width()
    lines = [usage(cmd), ""]
    lines += _paragraphs(cmd.help, limit)
    if cmd.args:
        lines += ["", "Arguments:"]
        lines += _table([(a.metavar + ("..." if a.many else ""), a.help + ("" if a.required else "  [optional]")) for a in cmd.args], limit)
    opts = [(_opt_label(o), _opt_help(o)) for o in cmd.opts]
    opts.append((", ".join(spec.HELP_FLAGS), spec.HELP_TEXT))
    lines += ["", "Options:"]
    lines += _table(opts, limit)
    if cmd is spec.ROOT:
        lines += ["", "Commands:"]
        lines += _table([(c.name, c.summary) for c in spec.COMMANDS], limit)
    return "\n".join(lines) + "\n"


def bounds(opt: Opt, name: str) -> str:
    """An option's range as click writes it: ``x>=1``, ``0.0<=x<=1.0``."""
    if opt.lo is not None and opt.hi is not None:
        return f"{opt.lo}<={name}<={opt.hi}"
    if opt.lo is not None:
        return f"{name}>={opt.lo}"
    return f"{name}<={opt.hi}"
