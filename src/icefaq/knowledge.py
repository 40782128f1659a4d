"""Load and validate a knowledge base: safe YAML in, a checked model or located problems out.

This is the only module that imports yaml. It never constructs Python objects from tags: it
walks the parser's event stream itself, so that aliases, custom tags, duplicate keys and
absurd nesting are refused with a message that names the file and line, and so that every
value keeps the line it came from.
"""

from __future__ import annotations

import datetime as _dt
import os
import re
from dataclasses import dataclass, field
from typing import Any

from . import citations
from .errors import DataError
from .files import read_text, resolve_path
from .model import SOURCE_KINDS, Entry, KnowledgeBase, Problem, Severity, Source, Topic

SCHEMA_VERSION = 1
MAX_DEPTH = 32
STALE_AFTER_DAYS = 365
DATE_RE = re.compile(r"^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$")
ID_RE = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
# C0 and C1 controls other than tab and newline, which no text in a knowledge base needs.
CONTROL_RE = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")

TOP_KEYS = {"schema": True, "title": True, "topics": True, "glossary": False, "sources": True, "entries": True}
TOPIC_KEYS = {"id": True, "title": True}
SOURCE_KEYS = {"id": True, "title": True, "publisher": True, "kind": False, "url": False, "date": False, "note": False}
ENTRY_KEYS = {
    "id": True,
    "topic": True,
    "question": True,
    "answer": True,
    "sources": True,
    "aliases": False,
    "related": False,
    "reviewed": False,
}


# --------------------------------------------------------------------------- reading


class _Map(dict):  # type: ignore[type-arg]
    """A YAML mapping that remembers where it and each of its keys and values are."""

    line: int
    key_lines: dict[str, int]


class _Seq(list):  # type: ignore[type-arg]
    """A YAML sequence that remembers where it and each of its items are."""

    line: int
    item_lines: list[int]


def parse_yaml(text: str, path: str = "") -> Any:
    """Parse YAML text into plain dicts, lists and scalars, safely, remembering lines.

    Raises:
        DataError: on any syntax error, tab indentation, alias, custom tag, duplicate key,
            nesting deeper than MAX_DEPTH, or a file that holds no document or several.
    """
    import yaml  # noqa: PLC0415  (deferred: loading a cached index never needs it)

    def fail(msg: str, line: int | None) -> DataError:
        return DataError([Problem(Severity.ERROR, msg, path, line)])

    tab = re.search(r"^[ ]*\t", text, re.M)
    if tab:
        raise fail("tab used for indentation; YAML needs spaces", text.count("\n", 0, tab.start()) + 1)
    if not text.strip() or all(not ln.strip() or ln.lstrip().startswith("#") for ln in text.splitlines()):
        raise fail("the file is empty; a knowledge base needs schema, title, topics, sources and entries", 1)

    loader_cls = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
    resolver = yaml.resolver.Resolver()
    stack: list[list[Any]] = []  # frames: [container, pending_key_or_None]
    root: Any = None
    documents = 0
    loader = loader_cls(text)
    try:
        while True:
            event = loader.get_event()
            if event is None:
                break
            line = event.start_mark.line + 1 if event.start_mark else None
            if isinstance(event, yaml.DocumentStartEvent):
                documents += 1
                if documents > 1:
                    raise fail("more than one YAML document ('---'); keep the knowledge base in one", line)
                continue
            if isinstance(event, yaml.AliasEvent):
                raise fail(f"YAML aliases (*{event.anchor}) are not supported; write the value out", line)
            if isinstance(event, (yaml.MappingStartEvent, yaml.SequenceStartEvent)):
                if event.tag and not event.implicit and event.tag not in ("tag:yaml.org,2002:map", "tag:yaml.org,2002:seq"):
                    raise fail(f"YAML tag {event.tag!r} is not allowed", line)
                if len(stack) >= MAX_DEPTH:
                    raise fail(f"nesting deeper than {MAX_DEPTH} levels; a knowledge base needs 4", line)
                node: Any = _Map() if isinstance(event, yaml.MappingStartEvent) else _Seq()
                node.line = line
                if isinstance(node, _Map):
                    node.key_lines = {}
                else:
                    node.item_lines = []
                _attach(stack, node, line, fail)
                if not stack and root is None:
                    root = node
                stack.append([node, None])
                continue
            if isinstance(event, (yaml.MappingEndEvent, yaml.SequenceEndEvent)):
                stack.pop()
                continue
            if isinstance(event, yaml.ScalarEvent):
                value = _scalar(event, resolver, fail, line)
                if not stack:
                    root = value
                else:
                    _attach(stack, value, line, fail)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        msg = " ".join(p for p in (exc.context, exc.problem) if p) or "invalid YAML"
        raise fail(f"YAML syntax error: {msg}", mark.line + 1 if mark else None) from None
    except yaml.YAMLError as exc:
        raise fail(f"YAML error: {exc}", None) from None
    finally:
        loader.dispose()
    if documents == 0:
        raise fail("the file is empty; a knowledge base needs schema, title, topics, sources and entries", 1)
    return root


def _scalar(event: Any, resolver: Any, fail: Any, line: int | None) -> Any:
    import yaml  # noqa: PLC0415

    tag = event.tag
    if tag and tag != "!" and not (event.implicit[0] or event.implicit[1]) and not tag.startswith("tag:yaml.org,2002:"):
        raise fail(f"YAML tag {tag!r} is not allowed", line)
    if tag == "!" or (tag is None and event.style):
        tag = "tag:yaml.org,2002:str"  # quoted, or the non-specific tag `!`: text, by the YAML spec (PyYAML reads `! 5` as 5)
    elif tag is None or event.implicit[0]:
        tag = resolver.resolve(yaml.ScalarNode, event.value, (True, False))
    kind = tag.rsplit(":", 1)[-1]
    value: str = event.value
    if kind == "str":
        return value
    if kind == "null":
        return None
    if kind == "bool":
        return value.lower() in ("true", "yes", "on", "y")
    if kind == "int":
        try:
            return int(value.replace("_", ""))
        except ValueError:
            return value  # hex, octal or sexagesimal forms: no field of ours wants them
    if kind == "float":
        try:
            return float(value.replace("_", ""))
        except ValueError:
            return value
    if kind == "timestamp":
        return value  # dates are validated as text, never converted
    if kind in ("binary", "omap", "pairs", "set", "merge", "value", "yaml"):
        raise fail(f"YAML tag {tag!r} is not allowed", line)
    return value


def _attach(stack: list[list[Any]], value: Any, line: int | None, fail: Any) -> None:
    if not stack:
        return
    frame = stack[-1]
    parent = frame[0]
    if isinstance(parent, _Seq):
        parent.append(value)
        parent.item_lines.append(line or parent.line)
        return
    if frame[1] is None:  # this is a key
        if isinstance(value, (_Map, _Seq)):
            raise fail("a mapping key must be plain text", line)
        key = "" if value is None else str(value)
        if key in parent:
            raise fail(f"duplicate key {key!r} (first at line {parent.key_lines[key]}); YAML would silently keep only one", line)
        frame[1] = (key, line)
        return
    key, key_line = frame[1]
    parent[key] = value
    parent.key_lines[key] = key_line
    frame[1] = None


# --------------------------------------------------------------------------- checking


@dataclass
class _Checker:
    path: str
    problems: list[Problem] = field(default_factory=list)

    def error(self, msg: str, line: int | None, entry: str | None = None) -> None:
        self.problems.append(Problem(Severity.ERROR, msg, self.path, line, entry))

    def warn(self, msg: str, line: int | None, entry: str | None = None) -> None:
        self.problems.append(Problem(Severity.WARNING, msg, self.path, line, entry))

    def mapping(self, node: Any, keys: dict[str, bool], what: str, line: int | None, entry: str | None = None) -> bool:
        """Check that node is a mapping with only known keys and all required ones."""
        if not isinstance(node, _Map):
            self.error(f"{what} must be a mapping (key: value), not {_kind(node)}", line, entry)
            return False
        for key in node:
            if key not in keys:
                close = _closest(key, keys)
                hint = f"; did you mean {close!r}?" if close else f"; allowed: {', '.join(keys)}"
                self.error(f"unknown key {key!r} in {what}{hint}", node.key_lines.get(key, node.line), entry)
        for key, required in keys.items():
            if required and key not in node:
                self.error(f"{what} is missing required key {key!r}", node.line, entry)
        return True

    def text(self, node: _Map, key: str, what: str, entry: str | None = None, optional: bool = False) -> str | None:
        """Return node[key] as non-empty text, or record why it is not."""
        if key not in node:
            return None
        value, line = node[key], node.key_lines.get(key, node.line)
        if value is None and optional:
            return None
        if key in ("date", "reviewed") and isinstance(value, int) and not isinstance(value, bool):
            value = str(value)  # `date: 2025` is a bare year, read by YAML as a number
        if not isinstance(value, str):
            self.error(f"{what} {key!r} must be text, not {_kind(value)} (quote it if it is meant as text)", line, entry)
            return None
        if not value.strip():
            self.error(f"{what} {key!r} is empty", line, entry)
            return None
        if CONTROL_RE.search(value):
            self.warn(f"{what} {key!r} contains control characters; they are removed when shown", line, entry)
        return value

    def text_list(self, node: _Map, key: str, what: str, entry: str | None) -> tuple[list[str], list[int]]:
        if key not in node or node[key] is None:
            return [], []
        value, line = node[key], node.key_lines.get(key, node.line)
        if isinstance(value, str):  # a single id written without brackets
            return [value], [line]
        if not isinstance(value, _Seq):
            self.error(f"{what} {key!r} must be a list, not {_kind(value)}", line, entry)
            return [], []
        out, lines = [], []
        for item, item_line in zip(value, value.item_lines):
            if not isinstance(item, str) or not item.strip():
                self.error(f"{what} {key!r} must hold only non-empty text, found {_kind(item)}", item_line, entry)
            else:
                out.append(item)
                lines.append(item_line)
        return out, lines

    def date(self, value: str | None, what: str, line: int | None, entry: str | None) -> str | None:
        if value is None:
            return None
        if not _valid_date(value):
            self.error(f"{what} {value!r} is not a date: use YYYY, YYYY-MM or YYYY-MM-DD", line, entry)
            return None
        return value


def _valid_date(value: str) -> bool:
    m = DATE_RE.match(value)
    if not m:
        return False
    year, month, day = int(m[1]), int(m[2] or 1), int(m[3] or 1)
    try:
        _dt.date(year, month, day)
    except ValueError:
        return False
    return True


def _kind(value: Any) -> str:
    if value is None:
        return "nothing (null)"
    if isinstance(value, bool):
        return "a boolean"
    if isinstance(value, (int, float)):
        return "a number"
    if isinstance(value, str):
        return "text"
    if isinstance(value, _Map):
        return "a mapping"
    if isinstance(value, _Seq):
        return "a list"
    return "an unsupported value"


def _closest(word: str, choices: Any) -> str | None:
    import difflib  # noqa: PLC0415

    found = difflib.get_close_matches(word, list(choices), n=1, cutoff=0.75)
    return found[0] if found else None


def build(tree: Any, path: str) -> tuple[KnowledgeBase | None, list[Problem]]:
    """Check a parsed tree against the schema and build the model.

    Returns the knowledge base (None when there are errors) and every problem found.
    """
    c = _Checker(path)
    if not c.mapping(tree, TOP_KEYS, "the file", getattr(tree, "line", 1)):
        return None, c.problems
    top: _Map = tree
    if "schema" in top and top["schema"] != SCHEMA_VERSION:
        c.error(f"schema must be {SCHEMA_VERSION}, found {top['schema']!r}", top.key_lines["schema"])
    title = c.text(top, "title", "the file") or ""

    topics: list[Topic] = []
    for item, line in _items(c, top, "topics"):
        if c.mapping(item, TOPIC_KEYS, "a topic", line):
            tid, ttitle = c.text(item, "id", "topic"), c.text(item, "title", "topic")
            if tid is not None and not ID_RE.match(tid):
                c.error(f"topic id {tid!r} must be kebab-case (a-z, 0-9, '-')", item.key_lines["id"])
            elif tid in {t.id for t in topics}:
                c.error(f"duplicate topic id {tid!r}", item.key_lines["id"])
            elif tid and ttitle:
                topics.append(Topic(tid, ttitle))

    glossary: dict[str, str] = {}
    if top.get("glossary") is not None:
        g = top["glossary"]
        if not isinstance(g, _Map):
            c.error(f"glossary must be a mapping of term: expansion, not {_kind(g)}", top.key_lines["glossary"])
        else:
            for term, expansion in g.items():
                if not isinstance(expansion, str) or not expansion.strip():
                    c.error(f"glossary term {term!r} needs a text expansion", g.key_lines[term])
                else:
                    glossary[term] = expansion

    sources: dict[str, Source] = {}
    for item, line in _items(c, top, "sources", allow_empty=True):
        if not c.mapping(item, SOURCE_KEYS, "a source", line):
            continue
        sid = c.text(item, "id", "source")
        fields = {k: c.text(item, k, "source", sid, optional=k in ("kind", "url", "date", "note")) for k in SOURCE_KEYS if k != "id"}
        if sid is None:
            continue
        if not ID_RE.match(sid):
            c.error(f"source id {sid!r} must be kebab-case (a-z, 0-9, '-')", item.key_lines["id"])
        if sid in sources:
            c.error(f"duplicate source id {sid!r}", item.key_lines["id"])
            continue
        url = fields["url"]
        if url is not None and not re.match(r"^https?://", url, re.I):
            c.warn(f"source {sid!r} has a URL that is not http(s): {url[:60]!r}; it is shown as text only", item.key_lines["url"])
        date = c.date(fields["date"], f"source {sid!r} date", item.key_lines.get("date"), None)
        kind = fields["kind"]
        if kind is not None and kind not in SOURCE_KINDS:
            hint = _closest(kind, SOURCE_KINDS)
            c.error(
                f"source {sid!r} has unknown kind {kind!r}; use one of: {', '.join(SOURCE_KINDS)}"
                + (f" (did you mean {hint!r}?)" if hint else ""),
                item.key_lines["kind"],
            )
            kind = None
        if fields["title"] and fields["publisher"]:
            sources[sid] = Source(sid, fields["title"], fields["publisher"], url, date, fields["note"], kind)

    entries: list[Entry] = []
    seen: dict[str, int] = {}
    pending_refs: list[tuple[str, str, list[str], list[int]]] = []
    topic_ids = {t.id for t in topics}
    for item, line in _items(c, top, "entries"):
        eid = item.get("id") if isinstance(item, _Map) and isinstance(item.get("id"), str) else None
        if not c.mapping(item, ENTRY_KEYS, "an entry", line, eid):
            continue
        if eid is not None and not ID_RE.match(eid):
            c.error(f"entry id {eid!r} must be kebab-case (a-z, 0-9, '-')", item.key_lines["id"], eid)
        elif eid is not None and eid in seen:
            c.error(f"duplicate entry id {eid!r} (first at line {seen[eid]})", item.key_lines["id"], eid)
            continue
        elif "id" in item and eid is None:
            c.error(f"entry id must be text, not {_kind(item['id'])}", item.key_lines["id"])
        if eid is not None:
            seen[eid] = item.key_lines["id"]
        topic = c.text(item, "topic", "entry", eid)
        if topic is not None and topic not in topic_ids:
            hint = _closest(topic, topic_ids)
            c.error(f"unknown topic {topic!r}" + (f"; did you mean {hint!r}?" if hint else ""), item.key_lines["topic"], eid)
        question = c.text(item, "question", "entry", eid)
        answer = c.text(item, "answer", "entry", eid)
        aliases, _ = c.text_list(item, "aliases", "entry", eid)
        cites, cite_lines = c.text_list(item, "sources", "entry", eid)
        if "sources" in item and (item["sources"] is None or item["sources"] == []):
            c.error("an entry needs at least one source", item.key_lines["sources"], eid)
        related, related_lines = c.text_list(item, "related", "entry", eid)
        reviewed = c.date(c.text(item, "reviewed", "entry", eid, optional=True), "reviewed", item.key_lines.get("reviewed"), eid)
        for s, s_line in zip(cites, cite_lines):
            if s not in sources and not any(p.severity is Severity.ERROR and f"source id {s!r}" in p.message for p in c.problems):
                hint = _closest(s, sources)
                c.error(f"unknown source {s!r}" + (f"; did you mean {hint!r}?" if hint else "; declare it under sources"), s_line, eid)
        if answer:
            cites = _check_markers(c, answer, cites, sources, item.key_lines["answer"], eid)
        if eid:
            pending_refs.append((eid, "related", related, related_lines))
        if eid and topic in topic_ids and question and answer and cites and all(s in sources for s in cites):
            entries.append(Entry(eid, topic, question, answer, tuple(dict.fromkeys(cites)), tuple(aliases), tuple(related), reviewed, line))

    for eid, _, related, lines in pending_refs:
        for r, r_line in zip(related, lines):
            if r == eid:
                c.error("an entry cannot be related to itself", r_line, eid)
            elif r not in seen:
                hint = _closest(r, seen)
                c.error(f"unknown related entry {r!r}" + (f"; did you mean {hint!r}?" if hint else ""), r_line, eid)

    if any(p.severity is Severity.ERROR for p in c.problems):
        return None, c.problems
    kb = KnowledgeBase(title, tuple(topics), tuple(entries), sources, glossary, path)
    return kb, c.problems


def _check_markers(c: _Checker, answer: str, cites: list[str], sources: dict[str, Source], line: int, eid: str | None) -> list[str]:
    """Check an answer's citation markers against its sources; return the sources in citation order.

    Errors: a malformed marker, or one naming a source that is unknown or not in the entry's
    list. Warnings: a listed source no marker uses, a paragraph that states something without
    a marker. The numbered source list follows the order of first citation in the text.
    """
    for bad in citations.malformed(answer):
        c.error(f"malformed citation marker {bad[:40]!r}; write [@source-id] or [@one; @two]", line, eid)
    used = citations.cited_ids(answer)
    for s in used:
        if s not in sources:
            hint = _closest(s, sources)
            c.error(f"citation marker names unknown source {s!r}" + (f"; did you mean {hint!r}?" if hint else ""), line, eid)
        elif s not in cites:
            c.error(f"citation marker names source {s!r}, which the entry does not list under sources", line, eid)
    for s in cites:
        if s not in used:
            c.warn(f"source {s!r} is listed but no citation marker in the answer uses it", line, eid)
    offset = 1  # a block scalar's text starts on the line after 'answer: |'
    for para in re.split(r"(\n\s*\n)", answer):
        if para.strip() and not citations.MARKER.search(para) and _states_facts(para):
            c.warn(f"paragraph without a citation marker: {' '.join(para.split())[:50]!r}...", line + offset + _lead(para), eid)
        offset += para.count("\n")
    return [s for s in used if s in cites] + [s for s in cites if s not in used]


def _lead(para: str) -> int:
    return len(para) - len(para.lstrip("\n")) if para.startswith("\n") else 0


def _states_facts(para: str) -> bool:
    """A paragraph needs a marker unless it is a short pointer or the not-legal-advice line."""
    words = para.split()
    return len(words) > 12 and "legal advice" not in para.lower()


def _items(c: _Checker, top: _Map, key: str, allow_empty: bool = False) -> list[tuple[Any, int]]:
    if key not in top:
        return []
    value, line = top[key], top.key_lines[key]
    if value is None:
        value = _Seq()
        value.item_lines = []
    if not isinstance(value, _Seq):
        c.error(f"{key!r} must be a list, not {_kind(value)}", line)
        return []
    if not value and not allow_empty:
        c.error(f"{key!r} is empty; a knowledge base needs at least one", line)
    return list(zip(value, value.item_lines))


# --------------------------------------------------------------------------- public API


def load(path: str | os.PathLike[str] | None = None) -> KnowledgeBase:
    """Load and validate a knowledge base.

    Args:
        path: a YAML file; by default $ICEFAQ_DATA, else the packaged knowledge base.

    Raises:
        DataError: the file is unusable; every error is listed with file, line and entry.
    """
    p = resolve_path(path)
    return load_text(read_text(p), p)


def load_text(text: str, path: str = "<text>") -> KnowledgeBase:
    """Load a knowledge base from YAML text (see :func:`load`)."""
    kb, problems = build(parse_yaml(text, path), path)
    if kb is None:
        raise DataError([p for p in problems if p.severity is Severity.ERROR])
    return kb


@dataclass(frozen=True)
class Report:
    """The result of validating a file: every problem, and the model when it is usable."""

    path: str
    problems: tuple[Problem, ...]
    kb: KnowledgeBase | None

    @property
    def ok(self) -> bool:
        return not any(p.severity is Severity.ERROR for p in self.problems)


def validate(path: str | os.PathLike[str] | None = None, today: _dt.date | None = None) -> Report:
    """Check a knowledge base and report every error and warning at once (never raises DataError)."""
    p = resolve_path(path)
    try:
        kb, problems = build(parse_yaml(read_text(p), p), p)
    except DataError as exc:
        return Report(p, tuple(exc.problems), None)
    if kb is not None:
        problems = problems + lint(kb, today)
    return Report(p, tuple(problems), kb)


def lint(kb: KnowledgeBase, today: _dt.date | None = None) -> list[Problem]:
    """Warnings about a valid knowledge base: uncited sources, stale reviews, near-duplicate questions."""
    today = today or _dt.date.today()
    out: list[Problem] = []
    cited = kb.cited_by()
    for sid, by in cited.items():
        if not by:
            out.append(Problem(Severity.WARNING, f"source {sid!r} is not cited by any entry", kb.path))
    for e in kb.entries:
        if e.reviewed is None:
            out.append(Problem(Severity.WARNING, "no 'reviewed' date: say when a person last checked the answer", kb.path, e.line, e.id))
        else:
            y, m, d = (int(x) for x in (e.reviewed.split("-") + ["1", "1"])[:3])
            age = (today - _dt.date(y, m, d)).days
            if age > STALE_AFTER_DAYS:
                out.append(
                    Problem(
                        Severity.WARNING,
                        f"not reviewed for {age} days (since {e.reviewed}); check it against its sources",
                        kb.path,
                        e.line,
                        e.id,
                    )
                )
            elif age < -1:
                out.append(Problem(Severity.WARNING, f"reviewed date {e.reviewed} is in the future", kb.path, e.line, e.id))
    out.extend(_near_duplicates(kb))
    return out


def _near_duplicates(kb: KnowledgeBase, cutoff: float = 88.0) -> list[Problem]:
    """Warn where two different entries have questions or aliases that read almost the same."""
    from rapidfuzz import fuzz, process  # noqa: PLC0415
    from rapidfuzz.utils import default_process  # noqa: PLC0415

    texts: list[str] = []
    owners: list[Entry] = []
    for e in kb.entries:
        for t in (e.question, *e.aliases):
            texts.append(default_process(t))
            owners.append(e)
    out: list[Problem] = []
    reported: set[tuple[str, str]] = set()
    by_text: dict[str, int] = {}
    for i, t in enumerate(texts):
        if t in by_text and owners[by_text[t]].id != owners[i].id:
            a, b = owners[by_text[t]], owners[i]
            if (a.id, b.id) not in reported:
                reported.add((a.id, b.id))
                out.append(
                    Problem(Severity.WARNING, f"question or alias {t!r} is the same as one of entry {a.id!r}", kb.path, b.line, b.id)
                )
        by_text.setdefault(t, i)
    if len(texts) > 5000:  # pairwise comparison grows quadratically; exact duplicates above still count
        return out
    for i, j, score in _pairs(process, fuzz, texts, cutoff):
        a, b = owners[i], owners[j]
        if a.id != b.id and (a.id, b.id) not in reported and texts[i] != texts[j]:
            reported.add((a.id, b.id))
            out.append(
                Problem(
                    Severity.WARNING,
                    f"{texts[j]!r} reads almost like {texts[i]!r} of entry {a.id!r} ({score:.0f}%); users may get either",
                    kb.path,
                    b.line,
                    b.id,
                )
            )
    return out


def _pairs(process: Any, fuzz: Any, texts: list[str], cutoff: float) -> list[tuple[int, int, float]]:
    out = []
    for i, t in enumerate(texts):
        for _, score, j in process.extract(t, texts[i + 1 :], scorer=fuzz.ratio, score_cutoff=cutoff, limit=None):
            out.append((i, i + 1 + j, score))
    return out
