"""Plain text (for pipes, grep and less) and Markdown (for pasting into a page).

Both are built by the same functions from a :class:`Style`, so they always show the same
things in the same order.
"""

from __future__ import annotations

import re

from .. import citations
from ..model import Answer, Entry, KnowledgeBase, Problem, Record, Source
from . import DISCLAIMER, blocks, clean, grouped, one_line, safe_url

TYPE_CHECKING = False
if TYPE_CHECKING:
    from collections.abc import Callable, Sequence

    from ..model import Headline

_MD_SPECIAL = re.compile(r"([\\`*_{}\[\]<>#|~&])")


def _md_escape(text: str) -> str:
    return _MD_SPECIAL.sub(r"\\\1", text)


class Style(Record):
    """How one text format spells headings, links, code and bullets."""

    __slots__ = _fields = ("heading", "escape", "link", "code", "bullet")
    heading: Callable[[str, int], str]
    escape: Callable[[str], str]
    link: Callable[[str], str]
    code: Callable[[str], str]
    bullet: str


PLAIN = Style(
    heading=lambda text, level: text,
    escape=lambda text: text,
    link=lambda url: url,
    code=lambda text: text,
    bullet="  - ",
)
MARKDOWN = Style(
    heading=lambda text, level: "#" * level + " " + text,
    escape=_md_escape,
    link=lambda url: f"<{url}>",
    code=lambda text: f"`{text}`",
    bullet="- ",
)


def _paragraphs(e: Entry, kb: KnowledgeBase, st: Style) -> str:
    """The answer, its citation markers numbered as the source list is: plain ``[1]``, Markdown
    ``[\\[1\\]][id-1]`` reference links (defined under the source list)."""
    linked = {n for n, s in enumerate(kb.sources_of(e), 1) if safe_url(s.url)}

    def numbered(text: str) -> str:
        out = []
        for piece, nums in citations.pieces(text, e.sources):
            if not nums:
                out.append(st.escape(piece))
            elif st is MARKDOWN:
                out.append(" " + "".join(f"[\\[{n}\\]][{e.id}-{n}]" if n in linked else f"\\[{n}\\]" for n in nums))
            else:
                out.append(" [" + ", ".join(map(str, nums)) + "]")
        return " ".join("".join(out).split())

    paras = []
    for lead, items in blocks(clean(e.answer)):
        lines = [numbered(lead)] if lead else []
        lines += [st.bullet + numbered(item) for item in items]
        paras.append("\n".join(lines))
    return "\n\n".join(paras)


def _link_definitions(e: Entry, kb: KnowledgeBase) -> list[str]:
    """Markdown link definitions for the citation numbers (invisible when rendered)."""
    defs = []
    for n, s in enumerate(kb.sources_of(e), 1):
        url = safe_url(s.url)
        if url:
            defs.append(f"[{e.id}-{n}]: <{url}>")
    return defs


def citation(n: int, s: Source, st: Style) -> str:
    """'[1] Title. Publisher, 2025-01-10. https://...' (URLs that are not http(s) stay text)."""
    parts = [st.escape(one_line(s.title)) + "."]
    pub = st.escape(one_line(s.publisher))
    parts.append(f"{pub}, {st.escape(s.date)}." if s.date else f"{pub}.")
    if s.url:
        url = safe_url(s.url)
        parts.append(st.link(url) if url else st.escape(one_line(s.url)))
    label = f"{n}." if st is MARKDOWN else f"[{n}]"
    return f"{label} " + " ".join(parts)


def entry(e: Entry, kb: KnowledgeBase, st: Style, score: float | None = None, level: int = 2) -> str:
    """One entry: question, answer, numbered sources, review date, follow-up questions."""
    head = st.escape(one_line(e.question))
    meta = f"id: {e.id}" + (f", score {score:.2f}" if score is not None else "")
    lines = [st.heading(head, level), f"({meta})" if st is PLAIN else f"*{st.escape(meta)}*", "", _paragraphs(e, kb, st), ""]
    lines.append(st.heading("Sources", level + 1) if st is MARKDOWN else "Sources:")
    if st is MARKDOWN:
        lines.append("")
    for n, s in enumerate(kb.sources_of(e), 1):
        lines.append(("  " if st is PLAIN else "") + citation(n, s, st))
    if st is MARKDOWN:
        defs = _link_definitions(e, kb)
        if defs:
            lines += ["", *defs]
    if e.reviewed:
        lines += ["", f"Reviewed: {e.reviewed}" if st is PLAIN else f"*Reviewed: {e.reviewed}*"]
    related = [r for r in (kb.get(i) for i in e.related) if r is not None]
    if related:
        lines += ["", st.heading("Want to dive deeper?", level + 1) if st is MARKDOWN else "Want to dive deeper?"]
        if st is MARKDOWN:
            lines.append("")
        for r in related:
            lines.append(f"{st.bullet}{st.escape(one_line(r.question))} ({st.code('icefaq show ' + r.id)})")
    return "\n".join(lines)


def answer(a: Answer, kb: KnowledgeBase, st: Style) -> str:
    """The confident matches of an answer (see :func:`no_match` for the other case)."""
    show_score = len(a.matches) > 1
    blocks = [entry(m.entry, kb, st, m.score if show_score else None) for m in a.matches]
    sep = "\n\n---\n\n" if st is MARKDOWN else "\n\n"
    return sep.join(blocks) + "\n\n" + (f"*{st.escape(DISCLAIMER)}*" if st is MARKDOWN else DISCLAIMER)


def no_match(a: Answer) -> str:
    """What to say when nothing matched confidently (written to stderr in text formats)."""
    lines = [f"No confident match for {one_line(a.query)[:200]!r}."]
    if a.suggestions:
        lines.append("Did you mean:")
        lines += [f"  - {one_line(m.entry.question)}  (icefaq show {m.entry.id})" for m in a.suggestions]
    lines.append("See every question with 'icefaq list'.")
    return "\n".join(lines)


def show(e: Entry, kb: KnowledgeBase, st: Style) -> str:
    return entry(e, kb, st, level=1 if st is MARKDOWN else 2) + "\n\n" + (f"*{st.escape(DISCLAIMER)}*" if st is MARKDOWN else DISCLAIMER)


def listing(kb: KnowledgeBase, entries: Sequence[Headline], st: Style) -> str:
    """The questions, grouped by topic in the knowledge base's order, with their ids."""
    out: list[str] = []
    width = max((len(e.id) for e in entries), default=0)
    by_topic = grouped(entries)
    for t in kb.topics:
        group = by_topic.get(t.id)
        if not group:
            continue
        if out:
            out.append("")
        out.append(st.heading(f"{st.escape(one_line(t.title))} ({t.id})", 2) if st is MARKDOWN else f"{one_line(t.title)} ({t.id})")
        if st is MARKDOWN:
            out.append("")
        for e in group:
            q = st.escape(one_line(e.question))
            out.append(f"- {st.code(e.id)}: {q}" if st is MARKDOWN else f"  {e.id.ljust(width)}  {q}")
    return "\n".join(out)


def topics(rows: list[dict[str, object]], st: Style) -> str:
    if st is MARKDOWN:
        head = ["| id | topic | entries |", "|---|---|---|"]
        return "\n".join(head + [f"| {r['id']} | {st.escape(one_line(str(r['title'])))} | {r['count']} |" for r in rows])
    width = max((len(str(r["id"])) for r in rows), default=0)
    return "\n".join(f"{str(r['id']).ljust(width)}  {r['count']:>3}  {one_line(str(r['title']))}" for r in rows)


def sources(kb: KnowledgeBase, st: Style) -> str:
    """The bibliography: each source with the entries that cite it."""
    cited = kb.cited_by()
    out: list[str] = []
    for n, s in enumerate(kb.sources.values(), 1):
        by = ", ".join(cited.get(s.id, ())) or "(not cited)"
        kind = s.kind or "unknown"
        if st is MARKDOWN:
            out.append(f"{citation(n, s, st)}  \n   id {st.code(s.id)}; kind: {kind}; cited by: {st.escape(by)}")
        else:
            out.append(f"{citation(n, s, st)}\n    id: {s.id}; kind: {kind}; cited by: {by}")
    return "\n".join(out)


def report(path: str, ok: bool, entries: int, problems: tuple[Problem, ...]) -> str:
    """Validation results, one problem a line, compiler style (path:line: severity (entry ...): message)."""
    lines = [one_line(str(p)) for p in problems]
    errors = sum(1 for p in problems if p.severity.value == "error")
    warnings = len(problems) - errors
    verdict = "OK" if ok else "FAILED"
    lines.append(f"{one_line(path)}: {verdict}: {entries} entries, {errors} error(s), {warnings} warning(s)")
    return "\n".join(lines)
