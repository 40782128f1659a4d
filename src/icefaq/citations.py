"""Inline citation markers in answers: ``[@source-id]`` or ``[@one; @two]``, pandoc's syntax.

An answer names the sources behind each sentence with a marker just before the sentence's
final punctuation. Renderers replace markers by the numbers of the entry's numbered source
list; the matcher and word counts see the text without them. Pure functions, no I/O.
"""

from __future__ import annotations

import re

MARKER = re.compile(r"\s?\[(@[a-z0-9][a-z0-9-]*(?:\s*;\s*@[a-z0-9][a-z0-9-]*)*)\]")
# Anything that starts like a marker; what MARKER does not match here is malformed.
_OPENING = re.compile(r"\[@[^\]\n]{0,120}\]?")


def _ids(group: str) -> list[str]:
    return [part.strip()[1:] for part in group.split(";")]


def cited_ids(text: str) -> list[str]:
    """The source ids the markers name, in order of first use, each once."""
    return list(dict.fromkeys(s for m in MARKER.finditer(text) for s in _ids(m.group(1))))


def malformed(text: str) -> list[str]:
    """Marker-like fragments that are not valid markers (for validation messages)."""
    return _OPENING.findall(MARKER.sub("", text))


def strip(text: str) -> str:
    """The text without its markers (for matching and word counts)."""
    return MARKER.sub("", text)


def number(text: str, order: tuple[str, ...], style: str = "[{}]") -> str:
    """Replace each marker by the numbers of its sources in ``order`` (1-based): ``[1]``, ``[1, 4]``.

    ``style`` formats the comma-joined numbers. A marker naming a source that is not in
    ``order`` (only possible in an unvalidated knowledge base) is dropped.
    """
    position = {s: n for n, s in enumerate(order, 1)}

    def one(m: re.Match[str]) -> str:
        nums = [position[s] for s in dict.fromkeys(_ids(m.group(1))) if s in position]
        return " " + style.format(", ".join(map(str, nums))) if nums else ""

    return MARKER.sub(one, text)


def pieces(text: str, order: tuple[str, ...]) -> list[tuple[str, tuple[int, ...]]]:
    """Split text into (plain text, ()) and ("", numbers) pieces, for renderers that style markers."""
    position = {s: n for n, s in enumerate(order, 1)}
    out: list[tuple[str, tuple[int, ...]]] = []
    last = 0
    for m in MARKER.finditer(text):
        if m.start() > last:
            out.append((text[last : m.start()], ()))
        nums = tuple(position[s] for s in dict.fromkeys(_ids(m.group(1))) if s in position)
        if nums:
            out.append(("", nums))
        last = m.end()
    if last < len(text):
        out.append((text[last:], ()))
    return out


def citation_map(order: tuple[str, ...]) -> dict[str, str]:
    """Citation number (as text, for JSON) to source id."""
    return {str(n): s for n, s in enumerate(order, 1)}
