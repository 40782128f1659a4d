"""JSON-ready dictionaries: the documented, stable machine contract (see README, 'JSON output')."""

from __future__ import annotations

import json

from .. import citations
from ..model import Answer, Entry, KnowledgeBase, Match, Problem, Source

TYPE_CHECKING = False
if TYPE_CHECKING:
    from collections.abc import Sequence
    from typing import Any

    from ..model import Headline

JSON_SCHEMA_VERSION = 1
# json.dumps escapes C0 controls; DEL and the C1 range (which some terminals obey) it leaves raw.
_C1 = {c: f"\\u{c:04x}" for c in range(0x7F, 0xA0)}


def dumps(value: Any, lines: bool = False) -> str:
    """Serialize for stdout: UTF-8 text, stable key order, every control character escaped."""
    text = json.dumps(value, ensure_ascii=False, indent=None if lines else 2, sort_keys=False)
    return text.translate(_C1)


def source(s: Source) -> dict[str, Any]:
    return {"id": s.id, "title": s.title, "publisher": s.publisher, "kind": s.kind, "url": s.url, "date": s.date}


def entry(e: Entry, kb: KnowledgeBase) -> dict[str, Any]:
    return {
        "id": e.id,
        "topic": e.topic,
        "question": e.question,
        "answer": citations.number(e.answer, e.sources).strip(),
        "citations": citations.citation_map(e.sources),
        "aliases": list(e.aliases),
        "sources": [source(s) for s in kb.sources_of(e)],
        "related": list(e.related),
        "reviewed": e.reviewed,
    }


def result(m: Match, kb: KnowledgeBase) -> dict[str, Any]:
    return {**entry(m.entry, kb), "score": round(m.score, 4)}


def answer(a: Answer, kb: KnowledgeBase) -> dict[str, Any]:
    return {
        "query": a.query,
        "matched": a.matched,
        "results": [result(m, kb) for m in a.matches],
        "suggestions": [{"id": m.entry.id, "question": m.entry.question, "score": round(m.score, 4)} for m in a.suggestions],
    }


def listing(entries: Sequence[Headline]) -> list[dict[str, Any]]:
    return [{"id": e.id, "topic": e.topic, "question": e.question} for e in entries]


def topics(kb: KnowledgeBase) -> list[dict[str, Any]]:
    counts = kb.topic_counts()
    return [{"id": t.id, "title": t.title, "count": counts[t.id]} for t in kb.topics]


def sources(kb: KnowledgeBase) -> list[dict[str, Any]]:
    cited = kb.cited_by()
    return [{**source(s), "cited_by": list(cited.get(s.id, ()))} for s in kb.sources.values()]


def report(path: str, ok: bool, entries: int, problems: tuple[Problem, ...]) -> dict[str, Any]:
    return {
        "ok": ok,
        "path": path,
        "entries": entries,
        "problems": [{"severity": p.severity.value, "line": p.line, "entry": p.entry, "message": p.message} for p in problems],
    }
