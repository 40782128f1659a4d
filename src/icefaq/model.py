"""The knowledge-base model: plain, frozen values with no I/O and no third-party imports."""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import Enum


@dataclass(frozen=True, slots=True)
class Topic:
    """A group of entries, shown together by ``list``."""

    id: str
    title: str


@dataclass(frozen=True, slots=True)
class Source:
    """A citable document: a web page, statute, report or article."""

    id: str
    title: str
    publisher: str
    url: str | None = None
    date: str | None = None  # the document's own date: YYYY, YYYY-MM or YYYY-MM-DD
    note: str | None = None


@dataclass(frozen=True, slots=True)
class Entry:
    """One question with its cited answer."""

    id: str
    topic: str
    question: str
    answer: str
    sources: tuple[str, ...]
    aliases: tuple[str, ...] = ()
    related: tuple[str, ...] = ()
    reviewed: str | None = None
    line: int | None = None  # where the entry starts in its file, for messages


@dataclass(frozen=True, slots=True)
class KnowledgeBase:
    """A validated knowledge base: every reference in it resolves."""

    title: str
    topics: tuple[Topic, ...]
    entries: tuple[Entry, ...]
    sources: dict[str, Source]
    glossary: dict[str, str] = field(default_factory=dict)
    path: str = ""
    _by_id: dict[str, Entry] = field(default_factory=dict, compare=False, repr=False)

    def __post_init__(self) -> None:
        self._by_id.update((e.id, e) for e in self.entries)

    def get(self, entry_id: str) -> Entry | None:
        """Return the entry with this id, or None."""
        return self._by_id.get(entry_id)

    def sources_of(self, entry: Entry) -> tuple[Source, ...]:
        """Return the entry's sources, in the order the entry cites them."""
        return tuple(self.sources[s] for s in entry.sources)

    def topic_title(self, topic_id: str) -> str:
        """Return a topic's title (its id if the topic is unknown)."""
        return next((t.title for t in self.topics if t.id == topic_id), topic_id)

    def cited_by(self) -> dict[str, tuple[str, ...]]:
        """Map each source id to the ids of the entries that cite it."""
        out: dict[str, list[str]] = {s: [] for s in self.sources}
        for e in self.entries:
            for s in e.sources:
                out.setdefault(s, []).append(e.id)
        return {k: tuple(v) for k, v in out.items()}


@dataclass(frozen=True, slots=True)
class Match:
    """An entry with the matcher's confidence score in 0..1."""

    entry: Entry
    score: float


@dataclass(frozen=True, slots=True)
class Answer:
    """What ``ask`` found for one query.

    ``matches`` holds the confident results, best first (empty when nothing matched);
    ``suggestions`` holds the closest entries when nothing matched confidently.
    """

    query: str
    matches: tuple[Match, ...]
    suggestions: tuple[Match, ...] = ()

    @property
    def matched(self) -> bool:
        return bool(self.matches)


class Severity(str, Enum):
    ERROR = "error"
    WARNING = "warning"


@dataclass(frozen=True, slots=True)
class Problem:
    """One thing wrong with a knowledge-base file, located as precisely as possible."""

    severity: Severity
    message: str
    path: str = ""
    line: int | None = None
    entry: str | None = None

    def __str__(self) -> str:
        where = self.path or "<data>"
        if self.line is not None:
            where += f":{self.line}"
        who = f" (entry {self.entry})" if self.entry else ""
        return f"{where}: {self.severity.value}{who}: {self.message}"
