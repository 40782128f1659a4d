"""Turn answers and knowledge-base views into text: plain, markdown, JSON or rich.

Renderers are pure: model objects in, a string out. Text from the data is never
interpreted: control characters are removed and markup stays literal. The ``rich`` format
(boxes, colour, links) is written by :mod:`icefaq.render.terminal` without the rich library.
"""

from __future__ import annotations

import re
from enum import Enum

TYPE_CHECKING = False
if TYPE_CHECKING:
    from collections.abc import Iterable

    from ..model import Headline


class Format(str, Enum):
    AUTO = "auto"
    RICH = "rich"
    PLAIN = "plain"
    MARKDOWN = "markdown"
    JSON = "json"


def resolve_format(requested: Format | str, stdout_is_tty: bool) -> Format:
    """Resolve ``auto`` to rich on a terminal and plain otherwise; any explicit choice wins."""
    fmt = Format(requested)
    if fmt is Format.AUTO:
        return Format.RICH if stdout_is_tty else Format.PLAIN
    return fmt


# C0 and C1 controls (tab and newline are handled apart), DEL, and the bidirectional
# overrides that can make text display in another order than it reads.
_CONTROLS = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u200e\u200f\u202a-\u202e\u2066-\u2069]")


def clean(text: str | None) -> str:
    """Make data text safe for a terminal: no control or bidi characters; tabs become spaces."""
    if not text:
        return ""
    return _CONTROLS.sub("", text.replace("\r\n", "\n").replace("\t", " "))


def one_line(text: str | None) -> str:
    """Clean text and fold it onto one line."""
    if text and text.isprintable() and "  " not in text:
        return text.strip()  # the common case, kept cheap: nothing to remove, no run of spaces to fold
    return " ".join(clean(text).split())


def safe_url(url: str | None) -> str | None:
    """Return the URL if it may be shown as a link (http or https, no spaces), else None."""
    if url and re.match(r"^https?://[^\s<>\"]+$", url, re.I):
        return url
    return None


def _fold(lines: list[str]) -> str:
    return " ".join(" ".join(lines).split())


def blocks(text: str) -> list[tuple[str, list[str]]]:
    """An answer's paragraphs, each as (its text, its bullet items): a line starting with "- "
    starts an item; other lines continue the text or item before them. Whitespace is folded."""
    out: list[tuple[str, list[str]]] = []
    for para in re.split(r"\n\s*\n", text.strip()):
        lead: list[str] = []
        items: list[list[str]] = []
        for line in para.split("\n"):
            line = line.strip()
            if line.startswith("- "):
                items.append([line[2:]])
            elif items:
                items[-1].append(line)
            else:
                lead.append(line)
        if lead or items:
            out.append((_fold(lead), [_fold(i) for i in items]))
    return out


def grouped(entries: Iterable[Headline]) -> dict[str, list[Headline]]:
    """Entries by topic id, each list in the order given."""
    out: dict[str, list[Headline]] = {}
    for e in entries:
        out.setdefault(e.topic, []).append(e)
    return out


DISCLAIMER = "General information, not legal advice. For help with a case: icefaq show legal-help"
