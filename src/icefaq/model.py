"""The knowledge-base model: plain, immutable values with no I/O and no third-party imports.

The value types derive from :class:`Record` rather than using the standard library's
dataclasses: the same frozen, slotted, compared-by-value objects, without the several
milliseconds that importing dataclasses (and inspect) adds to every run of the tool.
"""

from __future__ import annotations

from enum import Enum


class Record:
    """An immutable value: fields named in ``_fields`` (its slots), compared and printed by value.

    A subclass sets ``__slots__`` and ``_fields`` to its field names, in order, and
    ``_defaults`` to the values of the optional ones. Positional and keyword arguments
    work as for a dataclass.
    """

    __slots__ = ()
    _fields: tuple[str, ...] = ()
    _defaults: dict[str, object] = {}

    def __init__(self, *args: object, **kwargs: object) -> None:
        fields = self._fields
        if not kwargs and len(args) == len(fields):  # the common case, kept cheap
            for name, value in zip(fields, args):
                object.__setattr__(self, name, value)
            return
        name = type(self).__name__
        if len(args) > len(fields):
            raise TypeError(f"{name}() takes at most {len(fields)} arguments ({len(args)} given)")
        values = dict(zip(fields, args))
        for key, value in kwargs.items():
            if key not in fields or key in values:
                raise TypeError(f"{name}() got an unexpected or repeated argument {key!r}")
            values[key] = value
        for field in fields:
            if field in values:
                object.__setattr__(self, field, values[field])
            elif field in self._defaults:
                object.__setattr__(self, field, self._defaults[field])
            else:
                raise TypeError(f"{name}() missing argument {field!r}")

    def __setattr__(self, name: str, value: object) -> None:
        raise AttributeError(f"{type(self).__name__} is immutable: cannot assign to {name!r}")

    def __delattr__(self, name: str) -> None:
        raise AttributeError(f"{type(self).__name__} is immutable: cannot delete {name!r}")

    def values(self) -> tuple[object, ...]:
        """The field values, in field order."""
        return tuple(getattr(self, f) for f in self._fields)

    def __eq__(self, other: object) -> bool:
        if other.__class__ is not self.__class__:
            return NotImplemented
        return self.values() == other.values()

    def __hash__(self) -> int:
        return hash((self.__class__.__name__, *self.values()))

    def __repr__(self) -> str:
        inner = ", ".join(f"{f}={getattr(self, f)!r}" for f in self._fields)
        return f"{type(self).__name__}({inner})"

    def replace(self, **changes: object) -> Record:
        """A copy with some fields changed."""
        return type(self)(**{**dict(zip(self._fields, self.values())), **changes})


class Topic(Record):
    """A group of entries, shown together by ``list``."""

    __slots__ = _fields = ("id", "title")
    id: str
    title: str


class Source(Record):
    """A citable document: a web page, statute, report or article."""

    __slots__ = _fields = ("id", "title", "publisher", "url", "date", "note", "kind")
    _defaults = {"url": None, "date": None, "note": None, "kind": None}
    id: str
    title: str
    publisher: str
    url: str | None
    date: str | None  # the document's own date: YYYY, YYYY-MM or YYYY-MM-DD
    note: str | None
    kind: str | None  # one of SOURCE_KINDS


# What kind of document a source is, so a reader can weigh it (shown by ``sources`` and in JSON).
SOURCE_KINDS = {
    "official": "an agency's own page, release, memo or filing",
    "law": "statute, regulation, executive order or court text",
    "research": "government or academic research: GAO, CRS, inspectors general, TRAC",
    "news": "news reporting",
    "advocacy": "advocacy or legal-aid group, think tank, or partisan statement: cited only for attributed views",
    "other": "law-firm page, explainer site or unofficial copy",
}


class Entry(Record):
    """One question with its cited answer."""

    __slots__ = _fields = ("id", "topic", "question", "answer", "sources", "aliases", "related", "reviewed", "line")
    _defaults = {"aliases": (), "related": (), "reviewed": None, "line": None}
    id: str
    topic: str
    question: str
    answer: str
    sources: tuple[str, ...]
    aliases: tuple[str, ...]
    related: tuple[str, ...]
    reviewed: str | None
    line: int | None  # where the entry starts in its file, for messages


TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import NamedTuple

    class Headline(NamedTuple):
        id: str
        topic: str
        question: str
else:  # the same type without importing typing (a few ms on every run)
    from collections import namedtuple

    Headline = namedtuple("Headline", ("id", "topic", "question"))
    Headline.__doc__ = "What a listing shows of an entry: its id, topic and question (a tuple: listings make thousands)."


class KnowledgeBase:
    """A validated knowledge base: every reference in it resolves.

    Entries are looked up by id with :meth:`get`; a subclass may hold its entries and
    sources elsewhere (the cache does) as long as it keeps these methods' meaning.
    """

    def __init__(
        self,
        title: str,
        topics: tuple[Topic, ...],
        entries: tuple[Entry, ...],
        sources: dict[str, Source],
        glossary: dict[str, str] | None = None,
        path: str = "",
    ) -> None:
        self.title = title
        self.topics = topics
        self.entries = entries
        self.sources = sources
        self.glossary = glossary or {}
        self.path = path
        self._by_id = {e.id: e for e in entries}

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, KnowledgeBase):
            return NotImplemented
        mine = (self.title, self.topics, tuple(self.entries), dict(self.sources), dict(self.glossary), self.path)
        return mine == (other.title, other.topics, tuple(other.entries), dict(other.sources), dict(other.glossary), other.path)

    __hash__ = None  # type: ignore[assignment]

    def __repr__(self) -> str:
        return f"KnowledgeBase(title={self.title!r}, path={self.path!r})"

    def get(self, entry_id: str) -> Entry | None:
        """Return the entry with this id, or None."""
        return self._by_id.get(entry_id)

    def sources_of(self, entry: Entry) -> tuple[Source, ...]:
        """Return the entry's sources, in the order the entry cites them."""
        return tuple(self.sources[s] for s in entry.sources)

    def topic_title(self, topic_id: str) -> str:
        """Return a topic's title (its id if the topic is unknown)."""
        return next((t.title for t in self.topics if t.id == topic_id), topic_id)

    def ids(self, prefix: str = "") -> tuple[str, ...]:
        """Every entry id (that starts with ``prefix``), in file order."""
        return tuple(e.id for e in self.entries if e.id.startswith(prefix))

    def headlines(self, topic: str | None = None) -> tuple[Headline, ...]:
        """Id, topic and question of every entry (of one topic, if given), in file order."""
        return tuple(Headline(e.id, e.topic, e.question) for e in self.entries if topic is None or e.topic == topic)

    def topic_counts(self) -> dict[str, int]:
        """How many entries each topic has, for every topic (zero included), in topic order."""
        counts = {t.id: 0 for t in self.topics}
        for e in self.entries:
            counts[e.topic] = counts.get(e.topic, 0) + 1
        return counts

    def cited_by(self) -> dict[str, tuple[str, ...]]:
        """Map each source id to the ids of the entries that cite it."""
        out: dict[str, list[str]] = {s: [] for s in self.sources}
        for e in self.entries:
            for s in e.sources:
                out.setdefault(s, []).append(e.id)
        return {k: tuple(v) for k, v in out.items()}


class Match(Record):
    """An entry with the matcher's confidence score in 0..1."""

    __slots__ = _fields = ("entry", "score")
    entry: Entry
    score: float


class Answer(Record):
    """What ``ask`` found for one query.

    ``matches`` holds the confident results, best first (empty when nothing matched);
    ``suggestions`` holds the closest entries when nothing matched confidently.
    """

    __slots__ = _fields = ("query", "matches", "suggestions")
    _defaults = {"suggestions": ()}
    query: str
    matches: tuple[Match, ...]
    suggestions: tuple[Match, ...]

    @property
    def matched(self) -> bool:
        return bool(self.matches)


class Severity(str, Enum):
    ERROR = "error"
    WARNING = "warning"


class Problem(Record):
    """One thing wrong with a knowledge-base file, located as precisely as possible."""

    __slots__ = _fields = ("severity", "message", "path", "line", "entry")
    _defaults = {"path": "", "line": None, "entry": None}
    severity: Severity
    message: str
    path: str
    line: int | None
    entry: str | None

    def __str__(self) -> str:
        where = self.path or "<data>"
        if self.line is not None:
            where += f":{self.line}"
        who = f" (entry {self.entry})" if self.entry else ""
        return f"{where}: {self.severity.value}{who}: {self.message}"
