"""The ``rich`` format: boxed, coloured, linked text for a terminal, written directly as ANSI.

Why not the rich library: importing ``rich.console`` costs about four times Python's own
start-up (measured by bench/startup.py before this module replaced it), more than the rest of an answer. What
this format needs is small: a rounded panel, bold, dim and colour, clickable source links
(OSC 8) and word wrapping that knows wide characters. Data text is never interpreted: it is
cleaned of control characters (see :func:`..clean`), and the only escape sequences in the
output are the ones written here. Colour and links follow the usual conventions: on when
the stream is a terminal or FORCE_COLOR is set, off when NO_COLOR is set or TERM is "dumb".
"""

from __future__ import annotations

import os
import re
import unicodedata

from .. import citations
from ..model import Answer, Entry, KnowledgeBase, Problem, Source
from . import DISCLAIMER, blocks, clean, grouped, one_line, safe_url

TYPE_CHECKING = False
if TYPE_CHECKING:
    from collections.abc import Sequence
    from typing import TextIO

    from ..model import Headline

Span = tuple[str, str, str | None]  # text, SGR codes ("1;36"), link target

BOLD, DIM, ITALIC, UNDERLINE, CYAN = "1", "2", "3", "4", "36"
CITE = "1;36"
MIN_WIDTH = 30


class Term:
    """What the output stream can show: its width in columns, and whether to style it."""

    __slots__ = ("width", "styled")

    def __init__(self, width: int = 80, styled: bool = False) -> None:
        self.width = max(MIN_WIDTH, width)
        self.styled = styled

    @classmethod
    def detect(cls, stream: TextIO) -> Term:
        """COLUMNS, else the terminal's size, else 80; styled per NO_COLOR, FORCE_COLOR, TERM and isatty."""
        import shutil  # noqa: PLC0415  (only this format asks)

        env = os.environ
        try:
            tty = stream.isatty()
        except (AttributeError, ValueError):
            tty = False
        if env.get("NO_COLOR"):
            styled = False
        elif env.get("FORCE_COLOR"):
            styled = True
        else:
            styled = tty and env.get("TERM") != "dumb"
        return cls(shutil.get_terminal_size((80, 24)).columns, styled)

    def paint(self, text: str, codes: str = "", link: str | None = None) -> str:
        if not self.styled or not text:
            return text
        out = f"\x1b[{codes}m{text}\x1b[0m" if codes else text
        return f"\x1b]8;;{link}\x1b\\{out}\x1b]8;;\x1b\\" if link else out


def cells(text: str) -> int:
    """Columns the text takes in a terminal: wide (East Asian) characters two, combining marks none."""
    if text.isascii():
        return len(text)
    n = 0
    for c in text:
        if unicodedata.combining(c):
            continue
        n += 2 if unicodedata.east_asian_width(c) in "WF" else 1
    return n


def _cut(text: str, width: int) -> str:
    """The text shortened to ``width`` columns, with an ellipsis if anything was cut."""
    if cells(text) <= width:
        return text
    out, used = "", 0
    for c in text:
        w = cells(c)
        if used + w > width - 1:
            break
        out, used = out + c, used + w
    return out + "…"


Word = tuple[list[Span], bool, bool]  # its pieces (glued: no space between), a space before it, padding


def _words(spans: Sequence[Span]) -> list[Word]:
    """The spans as words: text between spaces, a word's pieces kept together even across styles (so
    "[1][2]." never starts a line). A span of two or more spaces only is padding, kept as it is."""
    words: list[Word] = []
    space = False
    for text, codes, link in spans:
        if len(text) > 1 and not text.strip(" "):
            words.append(([(text, codes, link)], False, True))
            space = False
            continue
        for k, part in enumerate(text.split(" ")):
            space = space or k > 0
            if not part:
                continue
            if words and not space and not words[-1][2]:
                words[-1][0].append((part, codes, link))
            else:
                words.append(([(part, codes, link)], space, False))
            space = False
    return words


def _take(word: str, room: int) -> str:
    """The longest start of ``word`` that fits in ``room`` columns (at least one character)."""
    out, used = "", 0
    for c in word:
        w = cells(c)
        if used + w > room and out:
            break
        out, used = out + c, used + w
    return out


def wrap(spans: Sequence[Span], width: int, indent: int = 0) -> list[list[Span]]:
    """Greedy word wrap of styled spans into lines of at most ``width`` columns. Continuation
    lines start with ``indent`` spaces; a word longer than a line is broken."""
    pad: list[Span] = [(" " * indent, "", None)] if indent else []
    lines: list[list[Span]] = [[]]
    used = start = 0
    for pieces, space, padding in _words(spans):
        w = sum(cells(t) for t, _, _ in pieces)
        if padding and used == start:  # padding that opens a line belongs to its start
            lines[-1] += pieces
            used = start = used + w
            continue
        if used > start and used + space + w > width:
            lines.append(list(pad))
            used = start = indent
        if space and used > start:
            lines[-1].append((" ", "", None))
            used += 1
        if used + w <= width:
            lines[-1] += pieces
            used += w
            continue
        for text, codes, link in pieces:  # a word longer than a whole line: break it
            while text:
                if used >= width and used > start:
                    lines.append(list(pad))
                    used = start = indent
                head = _take(text, width - used)
                lines[-1].append((head, codes, link))
                used += cells(head)
                text = text[len(head) :]
    return lines


def _line(term: Term, spans: Sequence[Span]) -> tuple[str, int]:
    return "".join(term.paint(t, c, link) for t, c, link in spans), sum(cells(t) for t, _, _ in spans)


def _paragraph(term: Term, spans: Sequence[Span], width: int, indent: int = 0) -> list[tuple[str, int]]:
    return [_line(term, line) for line in wrap(spans, width, indent)]


def _lines(term: Term, spans: Sequence[Span], width: int, indent: int = 0) -> list[str]:
    """The wrapped lines as text, for views that need no padding to a box edge."""
    return [text for text, _ in _paragraph(term, spans, width, indent)]


def _panel(term: Term, title: str, body: list[tuple[str, int]], subtitle: str) -> str:
    """A rounded box of the terminal's width: bold title in the top edge, dim subtitle in the bottom one."""
    width = term.width
    inner = width - 2
    title = _cut(title, inner - 4)
    top = "╭─" + term.paint(f" {title} ", BOLD) + "─" * max(0, inner - 3 - cells(title)) + "╮"
    subtitle = _cut(subtitle, inner - 4)
    bottom = "╰" + "─" * max(0, inner - 3 - cells(subtitle)) + term.paint(f" {subtitle} ", DIM) + "─╯"
    rows = [top, "│" + " " * inner + "│"]
    for text, used in body:
        rows.append("│  " + text + " " * max(0, inner - 4 - used) + "  │")
    rows += ["│" + " " * inner + "│", bottom]
    return "\n".join(rows)


def _citation(term: Term, n: int, s: Source, width: int) -> list[tuple[str, int]]:
    head: list[Span] = [(f"{n}.", BOLD, None), (" " + one_line(s.title) + ".", BOLD, None), (" " + one_line(s.publisher), "", None)]
    if s.date:
        head.append((f", {s.date}", "", None))
    head.append((".", "", None))
    out = _paragraph(term, head, width, indent=3)
    if s.url:
        url = safe_url(s.url)
        # only http(s) URLs become clickable; anything else is shown as inert text
        link: Span = (url, f"{UNDERLINE};{CYAN}", url) if url else (one_line(s.url), DIM, None)
        out += _paragraph(term, [("   ", "", None), link], width, indent=3)
    return out


def _answer_spans(text: str, e: Entry, urls: list[str | None]) -> list[Span]:
    spans: list[Span] = []
    for piece, nums in citations.pieces(text, e.sources):
        if not nums:
            spans.append((re.sub(r"\s+", " ", piece), "", None))
            continue
        for k, n in enumerate(nums):  # each number styled, and a link to its source where that is safe
            spans.append((" " * (k == 0) + f"[{n}]", CITE, urls[n - 1] if n <= len(urls) else None))
    return spans


def entry(term: Term, e: Entry, kb: KnowledgeBase, score: float | None = None) -> str:
    """A panel: the answer, its numbered sources, the review date and follow-up questions."""
    width = term.width - 6
    sources = kb.sources_of(e)
    urls = [safe_url(s.url) for s in sources]
    body: list[tuple[str, int]] = []
    for lead, items in blocks(clean(e.answer)):
        if lead:
            body += _paragraph(term, _answer_spans(lead, e, urls), width)
        for item in items:
            body += _paragraph(term, [("• ", "", None), *_answer_spans(item, e, urls)], width, indent=2)
        body.append(("", 0))
    body += _paragraph(term, [("Sources", f"{BOLD};{UNDERLINE}", None)], width)
    for n, s in enumerate(sources, 1):
        body += _citation(term, n, s, width)
    if e.reviewed:
        body += _paragraph(term, [(f"Reviewed {e.reviewed}", DIM, None)], width)
    related = [r for r in (kb.get(i) for i in e.related) if r is not None]
    if related:
        body += [("", 0), *_paragraph(term, [("Want to dive deeper?", f"{BOLD};{UNDERLINE}", None)], width)]
        for r in related:
            spans: list[Span] = [("• " + one_line(r.question), "", None), ("  ", "", None), (f"icefaq show {r.id}", DIM, None)]
            body += _paragraph(term, spans, width, indent=2)
    subtitle = e.id + (f" · score {score:.2f}" if score is not None else "")
    return _panel(term, one_line(e.question), body, subtitle)


def _disclaimer(term: Term) -> str:
    return "\n".join(_lines(term, [(DISCLAIMER, f"{DIM};{ITALIC}", None)], term.width))


def answer(term: Term, a: Answer, kb: KnowledgeBase) -> str:
    show_score = len(a.matches) > 1
    return "\n".join([*(entry(term, m.entry, kb, m.score if show_score else None) for m in a.matches), _disclaimer(term)])


def show(term: Term, e: Entry, kb: KnowledgeBase) -> str:
    return entry(term, e, kb) + "\n" + _disclaimer(term)


def _rule(term: Term, title: str) -> str:
    title = _cut(title, term.width - 6)
    return "── " + term.paint(title, BOLD) + " " + "─" * max(0, term.width - 4 - cells(title))


def listing(term: Term, kb: KnowledgeBase, entries: Sequence[Headline]) -> str:
    """Questions by topic: a rule per topic, then each id (cyan) and its question, wrapped under itself."""
    out: list[str] = []
    by_topic = grouped(entries)
    for t in kb.topics:
        group = by_topic.get(t.id)
        if not group:
            continue
        id_width = max(cells(h.id) for h in group)
        out.append(_rule(term, f"{one_line(t.title)} ({t.id})"))
        indent = 2 + id_width + 2
        for h in group:
            spans: list[Span] = [
                ("  ", "", None),
                (h.id, CYAN, None),
                (" " * (id_width - cells(h.id) + 2), "", None),
                (one_line(h.question), "", None),
            ]
            out += _lines(term, spans, term.width, indent=indent)
        out.append("")
    return "\n".join(out).rstrip("\n")


def topics(term: Term, rows: list[dict[str, object]]) -> str:
    id_width = max([len("id"), *(cells(str(r["id"])) for r in rows)])
    count_width = max(len("entries"), *(len(str(r["count"])) for r in rows)) if rows else len("entries")
    head = term.paint("id".ljust(id_width), BOLD) + "  " + term.paint("entries".rjust(count_width), BOLD) + "  " + term.paint("topic", BOLD)
    lines = [head]
    for r in rows:
        rid = str(r["id"])
        lines.append(
            term.paint(rid, CYAN)
            + " " * (id_width - cells(rid))
            + "  "
            + str(r["count"]).rjust(count_width)
            + "  "
            + one_line(str(r["title"]))
        )
    return "\n".join(lines)


def sources(term: Term, kb: KnowledgeBase) -> str:
    cited = kb.cited_by()
    out: list[str] = []
    for n, s in enumerate(kb.sources.values(), 1):
        out += [text for text, _ in _citation(term, n, s, term.width)]
        by = ", ".join(cited.get(s.id, ())) or "(not cited)"
        line: list[Span] = [("   ", "", None), (f"id {s.id} · {s.kind or 'unknown'} · cited by: {by}", DIM, None)]
        out += _lines(term, line, term.width, 3)
        out.append("")
    return "\n".join(out).rstrip("\n")


def report(term: Term, path: str, ok: bool, entries: int, problems: tuple[Problem, ...]) -> str:
    lines = []
    for p in problems:
        error = p.severity.value == "error"
        text = term.paint(f"{one_line(p.path)}:{p.line if p.line is not None else '-'}: ", DIM)
        text += term.paint(p.severity.value, "1;31" if error else "33")
        if p.entry:
            text += " " + term.paint(f"({one_line(p.entry)})", CYAN)
        lines.append(text + ": " + one_line(p.message))
    errors = sum(1 for p in problems if p.severity.value == "error")
    verdict = term.paint("OK", "1;32") if ok else term.paint("FAILED", "1;31")
    lines.append(f"{one_line(path)}: {verdict}: {entries} entries, {errors} error(s), {len(problems) - errors} warning(s)")
    return "\n".join(lines)
