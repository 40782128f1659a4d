"""Rich renderables for a terminal. Data text is always wrapped in ``Text``, never parsed as markup."""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import Any

from rich.console import Group
from rich.panel import Panel
from rich.style import Style
from rich.text import Text

from .. import citations
from ..model import Answer, Entry, Headline, KnowledgeBase, Problem, Source
from . import DISCLAIMER, clean, grouped, one_line, safe_url


def _citation(n: int, s: Source) -> Text:
    t = Text(f"{n}. ", style="bold")
    t.append(one_line(s.title), style="bold")
    t.append(". " + one_line(s.publisher))
    if s.date:
        t.append(f", {s.date}")
    t.append(".")
    if s.url:
        url = safe_url(s.url)
        t.append("\n   ")
        # only http(s) URLs become clickable; anything else is shown as inert text
        t.append(url, style=Style(color="cyan", underline=True, link=url)) if url else t.append(one_line(s.url), style="dim")
    return t


def entry(e: Entry, kb: KnowledgeBase, score: float | None = None) -> Panel:
    """A panel: the answer, its numbered sources, the review date and follow-up questions."""
    parts: list[Any] = []
    urls = [safe_url(s.url) for s in kb.sources_of(e)]
    for para in re.split(r"\n\s*\n", clean(e.answer).strip()):
        t = Text()
        for text, nums in citations.pieces(para, e.sources):
            if not nums:
                t.append(re.sub(r"\s+", " ", text))
                continue
            t.append(" ")
            for n in nums:  # each number styled, and a link to its source where that is safe
                url = urls[n - 1] if n <= len(urls) else None
                t.append(f"[{n}]", style=Style(color="cyan", bold=True, link=url) if url else Style(color="cyan", bold=True))
        parts += [t, Text("")]
    parts.append(Text("Sources", style="bold underline"))
    parts += [_citation(n, s) for n, s in enumerate(kb.sources_of(e), 1)]
    if e.reviewed:
        parts.append(Text(f"Reviewed {e.reviewed}", style="dim"))
    related = [r for r in (kb.get(i) for i in e.related) if r is not None]
    if related:
        parts += [Text(""), Text("Want to dive deeper?", style="bold underline")]
        for r in related:
            line = Text("• " + one_line(r.question))
            line.append(f"  icefaq show {r.id}", style="dim")
            parts.append(line)
    subtitle = Text(e.id + (f" · score {score:.2f}" if score is not None else ""), style="dim")
    return Panel(
        Group(*parts),
        title=Text(one_line(e.question), style="bold"),
        title_align="left",
        subtitle=subtitle,
        subtitle_align="right",
        padding=(1, 2),
    )


def answer(a: Answer, kb: KnowledgeBase) -> Group:
    show_score = len(a.matches) > 1
    return Group(*(entry(m.entry, kb, m.score if show_score else None) for m in a.matches), Text(DISCLAIMER, style="dim italic"))


def show(e: Entry, kb: KnowledgeBase) -> Group:
    return Group(entry(e, kb), Text(DISCLAIMER, style="dim italic"))


def listing(kb: KnowledgeBase, entries: Sequence[Headline]) -> Group:
    from rich.padding import Padding  # noqa: PLC0415  (tables and rules: only the views that use them pay)
    from rich.rule import Rule  # noqa: PLC0415
    from rich.table import Table  # noqa: PLC0415

    parts: list[Any] = []
    by_topic = grouped(entries)
    for t in kb.topics:
        group = by_topic.get(t.id)
        if not group:
            continue
        parts.append(Rule(Text(f"{one_line(t.title)} ({t.id})", style="bold"), align="left"))
        table = Table(show_header=False, box=None, padding=(0, 1), expand=False)
        table.add_column(style="cyan", no_wrap=True)
        table.add_column()
        for e in group:
            table.add_row(Text(e.id), Text(one_line(e.question)))
        parts.append(Padding(table, (0, 0, 1, 1)))
    return Group(*parts)


def topics(rows: list[dict[str, Any]]) -> Any:
    from rich.table import Table  # noqa: PLC0415

    table = Table(box=None, header_style="bold")
    table.add_column("id", style="cyan")
    table.add_column("entries", justify="right")
    table.add_column("topic")
    for r in rows:
        table.add_row(Text(str(r["id"])), Text(str(r["count"])), Text(one_line(str(r["title"]))))
    return table


def sources(kb: KnowledgeBase) -> Group:
    cited = kb.cited_by()
    parts: list[Any] = []
    for n, s in enumerate(kb.sources.values(), 1):
        parts.append(_citation(n, s))
        parts.append(
            Text(f"   id {s.id} · {s.kind or 'unknown'} · cited by: {', '.join(cited.get(s.id, ())) or '(not cited)'}\n", style="dim")
        )
    return Group(*parts)


def report(path: str, ok: bool, entries: int, problems: tuple[Problem, ...]) -> Group:
    parts: list[Any] = []
    for p in problems:
        t = Text(f"{one_line(p.path)}:{p.line if p.line is not None else '-'}: ", style="dim")
        t.append(p.severity.value, style="bold red" if p.severity.value == "error" else "yellow")
        if p.entry:
            t.append(f" ({p.entry})", style="cyan")
        t.append(": " + one_line(p.message))
        parts.append(t)
    errors = sum(1 for p in problems if p.severity.value == "error")
    verdict = Text("OK" if ok else "FAILED", style="bold green" if ok else "bold red")
    parts.append(
        Text.assemble(one_line(path), ": ", verdict, f": {entries} entries, {errors} error(s), {len(problems) - errors} warning(s)")
    )
    return Group(*parts)
