"""More loader and validator checks: each bad input yields exactly the right problems.

Every fault is a one-line edit of a small valid knowledge base; the test compares the whole list of
problems (severity, message, line, entry), so a changed word, line or entry id is noticed.
"""

from __future__ import annotations

import datetime as dt

import pytest

from icefaq import knowledge
from icefaq.errors import DataError
from icefaq.model import Entry, KnowledgeBase, Severity, Source, Topic

BASE = """\
schema: 1
title: Test KB
topics:
  - id: basics
    title: Basics
  - id: courts
    title: Courts
glossary:
  ERO: Enforcement and Removal Operations
sources:
  - id: src-a
    title: Source A
    publisher: Pub A
    kind: law
    url: https://example.org/a
    date: 2024-05-01
    note: a note
  - id: src-b
    title: Source B
    publisher: Pub B
entries:
  - id: first
    topic: basics
    question: What is the first thing?
    answer: It is the first [@src-a].
    sources: [src-a]
    aliases: [the first one]
    related: [second]
    reviewed: 2026-01-10
  - id: second
    topic: courts
    question: How does a court hearing work?
    answer: Like this [@src-b].
    sources: [src-b]
    reviewed: 2026-02-01
"""
CASES = [
    ("schema-2", "schema: 1\n", "schema: 2\n"),
    ("schema-text", "schema: 1\n", "schema: '1'\n"),
    ("title-empty", "title: Test KB\n", "title: '  '\n"),
    ("title-null", "title: Test KB\n", "title:\n"),
    ("title-list", "title: Test KB\n", "title: [a]\n"),
    ("title-control", "title: Test KB\n", 'title: "Test\\a KB"\n'),
    ("top-unknown-close", "schema: 1\n", "schema: 1\ntitel: x\n"),
    ("top-missing-entries", "entries:\n", "entrees:\n"),
    ("topics-text", "topics:\n  - id: basics\n    title: Basics\n  - id: courts\n    title: Courts\n", "topics: basics\n"),
    ("topics-null", "topics:\n  - id: basics\n    title: Basics\n  - id: courts\n    title: Courts\n", "topics:\n"),
    ("topic-text", "  - id: courts\n    title: Courts\n", "  - courts\n"),
    ("topic-bad-id", "  - id: courts\n", "  - id: Courts Room\n"),
    ("topic-dup", "  - id: courts\n    title: Courts\n", "  - id: basics\n    title: Courts\n"),
    ("topic-no-title", "    title: Courts\n", ""),
    ("topic-empty-title", "    title: Courts\n", "    title: ''\n"),
    ("topic-id-number", "  - id: courts\n", "  - id: 7\n"),
    ("topic-unknown-key", "    title: Courts\n", "    title: Courts\n    colour: red\n"),
    ("glossary-list", "glossary:\n  ERO: Enforcement and Removal Operations\n", "glossary: [ERO]\n"),
    ("glossary-null-term", "  ERO: Enforcement and Removal Operations\n", "  ERO: Enforcement and Removal Operations\n  HSI:\n"),
    ("glossary-empty-term", "  ERO: Enforcement and Removal Operations\n", "  ERO: ' '\n"),
    ("glossary-null", "glossary:\n  ERO: Enforcement and Removal Operations\n", "glossary:\n"),
    ("sources-map", "sources:\n  - id: src-a\n", "sources:\n  src-a:\n  - id: src-a\n"),
    ("source-text", "  - id: src-b\n    title: Source B\n    publisher: Pub B\n", "  - src-b\n"),
    ("source-bad-id", "  - id: src-b\n", "  - id: Src_B\n"),
    ("source-dup", "  - id: src-b\n", "  - id: src-a\n"),
    ("source-no-id", "  - id: src-b\n    title: Source B\n", "  - title: Source B\n"),
    ("source-no-title", "    title: Source B\n", ""),
    ("source-no-publisher", "    publisher: Pub B\n", ""),
    ("source-url-ftp", "    url: https://example.org/a\n", "    url: ftp://example.org/" + "x" * 70 + "\n"),
    ("source-url-upper", "    url: https://example.org/a\n", "    url: HTTPS://EXAMPLE.ORG/A\n"),
    ("source-bad-date", "    date: 2024-05-01\n", "    date: 2024-02-30\n"),
    ("source-year-date", "    date: 2024-05-01\n", "    date: 2024\n"),
    ("source-kind-close", "    kind: law\n", "    kind: laws\n"),
    ("source-kind-far", "    kind: law\n", "    kind: zzz\n"),
    (
        "source-optional-null",
        "    kind: law\n    url: https://example.org/a\n    date: 2024-05-01\n    note: a note\n",
        "    kind:\n    url:\n    date:\n    note:\n",
    ),
    ("source-note-empty", "    note: a note\n", "    note: ''\n"),
    ("source-key-far", "    note: a note\n", "    note: a note\n    zzzzzz: 1\n"),
    ("entry-text", "  - id: second\n", "  - just text\n  - id: second\n"),
    ("entry-bad-id", "  - id: second\n", "  - id: Second\n"),
    ("entry-dup", "  - id: second\n", "  - id: first\n"),
    ("entry-id-number", "  - id: second\n", "  - id: 12\n"),
    ("entry-id-null", "  - id: second\n", "  - id:\n"),
    ("entry-no-id", "  - id: second\n    topic: courts\n", "  - topic: courts\n"),
    ("entry-topic-close", "    topic: courts\n", "    topic: court\n"),
    ("entry-topic-far", "    topic: courts\n", "    topic: zzz\n"),
    ("entry-sources-number", "    sources: [src-b]\n", "    sources: 5\n"),
    ("entry-sources-items", "    sources: [src-a]\n", "    sources: [src-a, 4]\n"),
    ("entry-related-items", "    related: [second]\n", "    related: [second, 3]\n"),
    ("entry-topic-list", "    topic: courts\n", "    topic: [courts]\n"),
    ("entry-topic-empty", "    topic: courts\n", "    topic: ''\n"),
    ("entry-question-null", "    question: How does a court hearing work?\n", "    question:\n"),
    ("entry-question-empty", "    question: How does a court hearing work?\n", "    question: '   '\n"),
    ("entry-question-control", "    question: How does a court hearing work?\n", '    question: "How\\x01 does it work?"\n'),
    ("entry-key-close", "    question: How does a court hearing work?\n", "    questoin: How does a court hearing work?\n"),
    ("entry-key-far", "    question: How does a court hearing work?\n", "    ques: How does a court hearing work?\n"),
    ("entry-aliases-number", "    aliases: [the first one]\n", "    aliases: 5\n"),
    ("entry-aliases-map", "    aliases: [the first one]\n", "    aliases:\n      a: b\n"),
    ("entry-aliases-items", "    aliases: [the first one]\n", "    aliases:\n      - fine\n      - 7\n      - ''\n      - [x]\n"),
    ("entry-aliases-single", "    aliases: [the first one]\n", "    aliases: the first one\n"),
    ("entry-sources-single-unknown", "    sources: [src-b]\n", "    sources: src-c\n"),
    ("entry-sources-null", "    sources: [src-b]\n", "    sources:\n"),
    ("entry-sources-empty", "    sources: [src-b]\n", "    sources: []\n"),
    ("entry-sources-unknown-far", "    sources: [src-b]\n", "    sources: [src-b, zzz]\n"),
    ("entry-sources-of-bad-source", "  - id: src-b\n", "  - id: Src B\n"),
    ("entry-sources-dup", "    sources: [src-a]\n", "    sources: [src-a, src-a]\n"),
    ("entry-related-self", "    related: [second]\n", "    related: [first]\n"),
    ("entry-related-close", "    related: [second]\n", "    related: [secnd]\n"),
    ("entry-related-far", "    related: [second]\n", "    related: [zzz]\n"),
    ("entry-related-lines", "    related: [second]\n", "    related:\n      - second\n      - nope-one\n"),
    ("entry-reviewed-bad", "    reviewed: 2026-02-01\n", "    reviewed: 2026-02-30\n"),
    ("entry-reviewed-null", "    reviewed: 2026-02-01\n", "    reviewed:\n"),
    ("entry-reviewed-year", "    reviewed: 2026-02-01\n", "    reviewed: 2025\n"),
    ("entry-reviewed-bool", "    reviewed: 2026-02-01\n", "    reviewed: yes\n"),
    ("entry-answer-number", "    answer: Like this [@src-b].\n", "    answer: 42\n"),
    ("marker-unknown-close", "    answer: Like this [@src-b].\n", "    answer: Like this [@src-c].\n"),
    ("marker-unknown-far", "    answer: Like this [@src-b].\n", "    answer: Like this [@zzz].\n"),
    ("marker-unlisted", "    answer: Like this [@src-b].\n", "    answer: Like this [@src-a].\n"),
    ("marker-malformed", "    answer: Like this [@src-b].\n", "    answer: Like this [@src-b]. And [@" + "x" * 60 + "\n"),
    ("marker-unused", "    sources: [src-b]\n", "    sources: [src-b, src-a]\n"),
    (
        "marker-paragraph",
        "    answer: Like this [@src-b].\n",
        "    answer: |\n      Like this [@src-b].\n\n\n      one two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen sixteen seventeen eighteen nineteen\n",
    ),
    (
        "marker-paragraph-12",
        "    answer: Like this [@src-b].\n",
        "    answer: |\n      Like this [@src-b].\n\n      one two three four five six seven eight nine ten eleven twelve\n",
    ),
    (
        "marker-paragraph-13",
        "    answer: Like this [@src-b].\n",
        "    answer: |\n      Like this [@src-b].\n\n      one two three four five six seven eight nine ten eleven twelve thirteen\n",
    ),
    (
        "marker-paragraph-legal",
        "    answer: Like this [@src-b].\n",
        "    answer: |\n      Like this [@src-b].\n\n      This page is general information and not Legal Advice for you, so ask a lawyer about your own case today.\n",
    ),
    (
        "marker-paragraph-lead",
        "    answer: Like this [@src-b].\n",
        "    answer: |\n\n      one two three four five six seven eight nine ten eleven twelve thirteen [@src-b]\n\n      one two three four five six seven eight nine ten eleven twelve thirteen\n",
    ),
    (
        "marker-paragraph-first-lead",
        "    answer: Like this [@src-b].\n",
        "    answer: |\n\n      one two three four five six seven eight nine ten eleven twelve thirteen\n\n      Like this [@src-b].\n",
    ),
    ("source-text-first", "sources:\n  - id: src-a\n", "sources:\n  - 5\n  - id: src-a\n"),
    ("source-no-id-first", "sources:\n  - id: src-a\n", "sources:\n  - title: T\n    publisher: P\n  - id: src-a\n"),
    ("source-dup-middle", "  - id: src-b\n", "  - id: src-a\n    title: T\n    publisher: P\n  - id: src-b\n"),
    ("source-id-number", "  - id: src-b\n", "  - id: 9\n"),
    ("sources-empty", "sources:\n  - id: src-a\n", "sources: []\nx_sources:\n  - id: src-a\n"),
    ("sources-null", "sources:\n  - id: src-a\n", "sources:\nx_sources:\n  - id: src-a\n"),
    ("topic-no-id", "  - id: courts\n", "  - name: courts\n"),
    ("entry-text-first", "entries:\n", "entries:\n  - 5\n"),
    (
        "entry-dup-middle",
        "  - id: second\n",
        "  - id: first\n    topic: basics\n    question: Q?\n    answer: A [@src-a].\n    sources: [src-a]\n  - id: second\n",
    ),
    ("source-bad-id-no-title", "  - id: src-b\n    title: Source B\n", "  - id: Src B\n"),
    ("entries-empty", "entries:\n", "entries: []\nx_entries:\n"),
    ("entries-map", "entries:\n", "entries: {}\nx_entries:\n"),
]

# What each fault yields: whether a model is built, and every problem (severity, message, line, entry).


def src_b_lost(marker_line: int) -> list[tuple[str, str, int, str]]:
    """What follows when source 'src-b' is lost: entry 'second' cites an unknown source, in its marker and its list."""
    return [
        ("error", "unknown source 'src-b'; did you mean 'src-a'?", marker_line + 1, "second"),
        ("error", "citation marker names unknown source 'src-b'; did you mean 'src-a'?", marker_line, "second"),
    ]


EXPECTED = {
    "schema-2": ("bad", [("error", "schema must be 1, found 2", 1, None)]),
    "schema-text": ("bad", [("error", "schema must be 1, found '1'", 1, None)]),
    "title-empty": ("bad", [("error", "the file 'title' is empty", 2, None)]),
    "title-null": ("bad", [("error", "the file 'title' must be text, not nothing (null) (quote it if it is meant as text)", 2, None)]),
    "title-list": ("bad", [("error", "the file 'title' must be text, not a list (quote it if it is meant as text)", 2, None)]),
    "title-control": ("ok", [("warning", "the file 'title' contains control characters; they are removed when shown", 2, None)]),
    "top-unknown-close": ("bad", [("error", "unknown key 'titel' in the file; did you mean 'title'?", 2, None)]),
    "top-missing-entries": (
        "bad",
        [
            ("error", "unknown key 'entrees' in the file; did you mean 'entries'?", 21, None),
            ("error", "the file is missing required key 'entries'", 1, None),
        ],
    ),
    "topics-text": (
        "bad",
        [
            ("error", "'topics' must be a list, not text", 3, None),
            ("error", "unknown topic 'basics'", 19, "first"),
            ("error", "unknown topic 'courts'", 27, "second"),
        ],
    ),
    "topics-null": (
        "bad",
        [
            ("error", "'topics' is empty; a knowledge base needs at least one", 3, None),
            ("error", "unknown topic 'basics'", 19, "first"),
            ("error", "unknown topic 'courts'", 27, "second"),
        ],
    ),
    "topic-text": (
        "bad",
        [("error", "a topic must be a mapping (key: value), not text", 6, None), ("error", "unknown topic 'courts'", 30, "second")],
    ),
    "topic-bad-id": (
        "bad",
        [
            ("error", "topic id 'Courts Room' must be kebab-case (a-z, 0-9, '-')", 6, None),
            ("error", "unknown topic 'courts'", 31, "second"),
        ],
    ),
    "topic-dup": ("bad", [("error", "duplicate topic id 'basics'", 6, None), ("error", "unknown topic 'courts'", 31, "second")]),
    "topic-no-title": (
        "bad",
        [("error", "a topic is missing required key 'title'", 6, None), ("error", "unknown topic 'courts'", 30, "second")],
    ),
    "topic-empty-title": ("bad", [("error", "topic 'title' is empty", 7, None), ("error", "unknown topic 'courts'", 31, "second")]),
    "topic-id-number": (
        "bad",
        [
            ("error", "topic 'id' must be text, not a number (quote it if it is meant as text)", 6, None),
            ("error", "unknown topic 'courts'", 31, "second"),
        ],
    ),
    "topic-unknown-key": ("bad", [("error", "unknown key 'colour' in a topic; allowed: id, title", 8, None)]),
    "glossary-list": ("bad", [("error", "glossary must be a mapping of term: expansion, not a list", 8, None)]),
    "glossary-null-term": ("bad", [("error", "glossary term 'HSI' needs a text expansion", 10, None)]),
    "glossary-empty-term": ("bad", [("error", "glossary term 'ERO' needs a text expansion", 9, None)]),
    "glossary-null": ("ok", []),
    "sources-map": (
        "bad",
        [
            ("error", "'sources' must be a list, not a mapping", 10, None),
            ("error", "unknown source 'src-a'; declare it under sources", 27, "first"),
            ("error", "citation marker names unknown source 'src-a'", 26, "first"),
            ("error", "unknown source 'src-b'; declare it under sources", 35, "second"),
            ("error", "citation marker names unknown source 'src-b'", 34, "second"),
        ],
    ),
    "source-text": (
        "bad",
        [
            ("error", "a source must be a mapping (key: value), not text", 18, None),
            *src_b_lost(31),
        ],
    ),
    "source-bad-id": (
        "bad",
        [
            ("error", "source id 'Src_B' must be kebab-case (a-z, 0-9, '-')", 18, None),
            *src_b_lost(33),
        ],
    ),
    "source-dup": (
        "bad",
        [
            ("error", "duplicate source id 'src-a'", 18, None),
            *src_b_lost(33),
        ],
    ),
    "source-no-id": (
        "bad",
        [
            ("error", "a source is missing required key 'id'", 18, None),
            *src_b_lost(32),
        ],
    ),
    "source-no-title": (
        "bad",
        [
            ("error", "a source is missing required key 'title'", 18, None),
            *src_b_lost(32),
        ],
    ),
    "source-no-publisher": (
        "bad",
        [
            ("error", "a source is missing required key 'publisher'", 18, None),
            *src_b_lost(32),
        ],
    ),
    "source-url-ftp": (
        "ok",
        [
            (
                "warning",
                "source 'src-a' has a URL that is not http(s): 'ftp://example.org/xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx'; it is shown as text only",
                15,
                None,
            )
        ],
    ),
    "source-url-upper": ("ok", []),
    "source-bad-date": ("bad", [("error", "source 'src-a' date '2024-02-30' is not a date: use YYYY, YYYY-MM or YYYY-MM-DD", 16, None)]),
    "source-year-date": ("ok", []),
    "source-kind-close": (
        "bad",
        [
            (
                "error",
                "source 'src-a' has unknown kind 'laws'; use one of: official, law, research, news, advocacy, other (did you mean 'law'?)",
                14,
                None,
            )
        ],
    ),
    "source-kind-far": (
        "bad",
        [("error", "source 'src-a' has unknown kind 'zzz'; use one of: official, law, research, news, advocacy, other", 14, None)],
    ),
    "source-optional-null": ("ok", []),
    "source-note-empty": ("bad", [("error", "source 'note' is empty", 17, "src-a")]),
    "source-key-far": (
        "bad",
        [("error", "unknown key 'zzzzzz' in a source; allowed: id, title, publisher, kind, url, date, note", 18, None)],
    ),
    "entry-text": ("bad", [("error", "an entry must be a mapping (key: value), not text", 30, None)]),
    "entry-bad-id": (
        "bad",
        [
            ("error", "entry id 'Second' must be kebab-case (a-z, 0-9, '-')", 30, "Second"),
            ("error", "unknown related entry 'second'; did you mean 'Second'?", 28, "first"),
        ],
    ),
    "entry-dup": (
        "bad",
        [("error", "duplicate entry id 'first' (first at line 22)", 30, "first"), ("error", "unknown related entry 'second'", 28, "first")],
    ),
    "entry-id-number": (
        "bad",
        [("error", "entry id must be text, not a number", 30, None), ("error", "unknown related entry 'second'", 28, "first")],
    ),
    "entry-id-null": (
        "bad",
        [("error", "entry id must be text, not nothing (null)", 30, None), ("error", "unknown related entry 'second'", 28, "first")],
    ),
    "entry-no-id": (
        "bad",
        [("error", "an entry is missing required key 'id'", 30, None), ("error", "unknown related entry 'second'", 28, "first")],
    ),
    "entry-topic-close": ("bad", [("error", "unknown topic 'court'; did you mean 'courts'?", 31, "second")]),
    "entry-sources-number": (
        "bad",
        [
            ("error", "entry 'sources' must be a list, not a number", 34, "second"),
            ("error", "citation marker names source 'src-b', which the entry does not list under sources", 33, "second"),
        ],
    ),
    "entry-sources-items": ("bad", [("error", "entry 'sources' must hold only non-empty text, found a number", 26, "first")]),
    "entry-related-items": ("bad", [("error", "entry 'related' must hold only non-empty text, found a number", 28, "first")]),
    "entry-topic-list": ("bad", [("error", "entry 'topic' must be text, not a list (quote it if it is meant as text)", 31, "second")]),
    "entry-topic-empty": ("bad", [("error", "entry 'topic' is empty", 31, "second")]),
    "entry-topic-far": ("bad", [("error", "unknown topic 'zzz'", 31, "second")]),
    "entry-question-null": (
        "bad",
        [("error", "entry 'question' must be text, not nothing (null) (quote it if it is meant as text)", 32, "second")],
    ),
    "entry-question-empty": ("bad", [("error", "entry 'question' is empty", 32, "second")]),
    "entry-question-control": (
        "ok",
        [("warning", "entry 'question' contains control characters; they are removed when shown", 32, "second")],
    ),
    "entry-key-close": (
        "bad",
        [
            ("error", "unknown key 'questoin' in an entry; did you mean 'question'?", 32, "second"),
            ("error", "an entry is missing required key 'question'", 30, "second"),
        ],
    ),
    "entry-key-far": (
        "bad",
        [
            (
                "error",
                "unknown key 'ques' in an entry; allowed: id, topic, question, answer, sources, aliases, related, reviewed",
                32,
                "second",
            ),
            ("error", "an entry is missing required key 'question'", 30, "second"),
        ],
    ),
    "entry-aliases-number": ("bad", [("error", "entry 'aliases' must be a list, not a number", 27, "first")]),
    "entry-aliases-map": ("bad", [("error", "entry 'aliases' must be a list, not a mapping", 27, "first")]),
    "entry-aliases-items": (
        "bad",
        [
            ("error", "entry 'aliases' must hold only non-empty text, found a number", 29, "first"),
            ("error", "entry 'aliases' must hold only non-empty text, found text", 30, "first"),
            ("error", "entry 'aliases' must hold only non-empty text, found a list", 31, "first"),
        ],
    ),
    "entry-aliases-single": ("ok", []),
    "entry-sources-single-unknown": (
        "bad",
        [
            ("error", "unknown source 'src-c'; did you mean 'src-b'?", 34, "second"),
            ("error", "citation marker names source 'src-b', which the entry does not list under sources", 33, "second"),
            ("warning", "source 'src-c' is listed but no citation marker in the answer uses it", 33, "second"),
        ],
    ),
    "entry-sources-null": (
        "bad",
        [
            ("error", "an entry needs at least one source", 34, "second"),
            ("error", "citation marker names source 'src-b', which the entry does not list under sources", 33, "second"),
        ],
    ),
    "entry-sources-empty": (
        "bad",
        [
            ("error", "an entry needs at least one source", 34, "second"),
            ("error", "citation marker names source 'src-b', which the entry does not list under sources", 33, "second"),
        ],
    ),
    "entry-sources-unknown-far": (
        "bad",
        [
            ("error", "unknown source 'zzz'; declare it under sources", 34, "second"),
            ("warning", "source 'zzz' is listed but no citation marker in the answer uses it", 33, "second"),
        ],
    ),
    "entry-sources-of-bad-source": (
        "bad",
        [
            ("error", "source id 'Src B' must be kebab-case (a-z, 0-9, '-')", 18, None),
            *src_b_lost(33),
        ],
    ),
    "entry-sources-dup": ("ok", []),
    "entry-related-self": ("bad", [("error", "an entry cannot be related to itself", 28, "first")]),
    "entry-related-close": ("bad", [("error", "unknown related entry 'secnd'; did you mean 'second'?", 28, "first")]),
    "entry-related-far": ("bad", [("error", "unknown related entry 'zzz'", 28, "first")]),
    "entry-related-lines": ("bad", [("error", "unknown related entry 'nope-one'", 30, "first")]),
    "entry-reviewed-bad": ("bad", [("error", "reviewed '2026-02-30' is not a date: use YYYY, YYYY-MM or YYYY-MM-DD", 35, "second")]),
    "entry-reviewed-null": ("ok", []),
    "entry-reviewed-year": ("ok", []),
    "entry-reviewed-bool": (
        "bad",
        [("error", "entry 'reviewed' must be text, not a boolean (quote it if it is meant as text)", 35, "second")],
    ),
    "entry-answer-number": (
        "bad",
        [("error", "entry 'answer' must be text, not a number (quote it if it is meant as text)", 33, "second")],
    ),
    "marker-unknown-close": (
        "bad",
        [
            ("error", "citation marker names unknown source 'src-c'; did you mean 'src-b'?", 33, "second"),
            ("warning", "source 'src-b' is listed but no citation marker in the answer uses it", 33, "second"),
        ],
    ),
    "marker-unknown-far": (
        "bad",
        [
            ("error", "citation marker names unknown source 'zzz'", 33, "second"),
            ("warning", "source 'src-b' is listed but no citation marker in the answer uses it", 33, "second"),
        ],
    ),
    "marker-unlisted": (
        "bad",
        [
            ("error", "citation marker names source 'src-a', which the entry does not list under sources", 33, "second"),
            ("warning", "source 'src-b' is listed but no citation marker in the answer uses it", 33, "second"),
        ],
    ),
    "marker-malformed": (
        "bad",
        [
            (
                "error",
                "malformed citation marker '[@xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx'; write [@source-id] or [@one; @two]",
                33,
                "second",
            )
        ],
    ),
    "marker-unused": ("ok", [("warning", "source 'src-a' is listed but no citation marker in the answer uses it", 33, "second")]),
    "marker-paragraph": (
        "ok",
        [("warning", "paragraph without a citation marker: 'one two three four five six seven eight nine ten e'...", 37, "second")],
    ),
    "marker-paragraph-12": ("ok", []),
    "marker-paragraph-13": (
        "ok",
        [("warning", "paragraph without a citation marker: 'one two three four five six seven eight nine ten e'...", 36, "second")],
    ),
    "marker-paragraph-legal": ("ok", []),
    "marker-paragraph-lead": (
        "ok",
        [("warning", "paragraph without a citation marker: 'one two three four five six seven eight nine ten e'...", 37, "second")],
    ),
    "marker-paragraph-first-lead": (
        "ok",
        [("warning", "paragraph without a citation marker: 'one two three four five six seven eight nine ten e'...", 35, "second")],
    ),
    "source-text-first": ("bad", [("error", "a source must be a mapping (key: value), not a number", 11, None)]),
    "source-no-id-first": ("bad", [("error", "a source is missing required key 'id'", 11, None)]),
    "source-dup-middle": ("bad", [("error", "duplicate source id 'src-a'", 18, None)]),
    "source-id-number": (
        "bad",
        [
            ("error", "source 'id' must be text, not a number (quote it if it is meant as text)", 18, None),
            *src_b_lost(33),
        ],
    ),
    "sources-empty": (
        "bad",
        [
            ("error", "unknown key 'x_sources' in the file; did you mean 'sources'?", 11, None),
            ("error", "unknown source 'src-a'; declare it under sources", 27, "first"),
            ("error", "citation marker names unknown source 'src-a'", 26, "first"),
            ("error", "unknown source 'src-b'; declare it under sources", 35, "second"),
            ("error", "citation marker names unknown source 'src-b'", 34, "second"),
        ],
    ),
    "sources-null": (
        "bad",
        [
            ("error", "unknown key 'x_sources' in the file; did you mean 'sources'?", 11, None),
            ("error", "unknown source 'src-a'; declare it under sources", 27, "first"),
            ("error", "citation marker names unknown source 'src-a'", 26, "first"),
            ("error", "unknown source 'src-b'; declare it under sources", 35, "second"),
            ("error", "citation marker names unknown source 'src-b'", 34, "second"),
        ],
    ),
    "topic-no-id": (
        "bad",
        [
            ("error", "unknown key 'name' in a topic; allowed: id, title", 6, None),
            ("error", "a topic is missing required key 'id'", 6, None),
            ("error", "unknown topic 'courts'", 31, "second"),
        ],
    ),
    "entry-text-first": ("bad", [("error", "an entry must be a mapping (key: value), not a number", 22, None)]),
    "entry-dup-middle": ("bad", [("error", "duplicate entry id 'first' (first at line 22)", 30, "first")]),
    "source-bad-id-no-title": (
        "bad",
        [
            ("error", "a source is missing required key 'title'", 18, None),
            ("error", "source id 'Src B' must be kebab-case (a-z, 0-9, '-')", 18, None),
            *src_b_lost(32),
        ],
    ),
    "entries-empty": (
        "bad",
        [
            ("error", "unknown key 'x_entries' in the file; did you mean 'entries'?", 22, None),
            ("error", "'entries' is empty; a knowledge base needs at least one", 21, None),
        ],
    ),
    "entries-map": (
        "bad",
        [
            ("error", "unknown key 'x_entries' in the file; did you mean 'entries'?", 22, None),
            ("error", "'entries' must be a list, not a mapping", 21, None),
        ],
    ),
}


def problems(text: str, path: str = "kb.yaml") -> tuple[KnowledgeBase | None, list[tuple[str, str, int | None, str | None]]]:
    kb, found = knowledge.build(knowledge.parse_yaml(text, path), path)
    assert all(p.path == path for p in found)
    return kb, [(p.severity.value, p.message, p.line, p.entry) for p in found]  # each problem exactly once


def parse_error(text: str, path: str = "kb.yaml") -> tuple[str, str, int | None]:
    with pytest.raises(DataError) as exc:
        knowledge.parse_yaml(text, path)
    (p,) = exc.value.problems
    assert p.severity is Severity.ERROR and p.entry is None
    return p.message, p.path, p.line


# --------------------------------------------------------------------------- build, _Checker, _items, _check_markers


def test_base_is_clean():
    kb, found = problems(BASE)
    assert kb is not None and found == []


@pytest.mark.parametrize(("name", "old", "new"), CASES, ids=[c[0] for c in CASES])
def test_each_fault_yields_exactly_its_problems(name, old, new):
    assert old in BASE
    kb, found = problems(BASE.replace(old, new, 1))
    want_ok, want = EXPECTED[name]
    assert found == [tuple(p) for p in want]
    assert (kb is not None) == (want_ok == "ok")


def test_citing_a_broken_source_is_not_reported_twice():
    """A source whose own declaration failed is not also an 'unknown source' where it is cited."""
    text = BASE.replace("  - id: src-b\n    title: Source B\n", "  - id: Src B\n").replace(
        "    sources: [src-b]\n", "    sources: [Src B]\n"
    )
    kb, found = problems(text.replace("Like this [@src-b].", "Like this."))
    assert kb is None
    assert found == [
        ("error", "a source is missing required key 'title'", 18, None),
        ("error", "source id 'Src B' must be kebab-case (a-z, 0-9, '-')", 18, None),
        ("warning", "source 'Src B' is listed but no citation marker in the answer uses it", 32, "second"),
    ]


def test_good_base_loads_with_every_value_and_line():
    kb = knowledge.load_text(BASE, "kb.yaml")
    assert kb.title == "Test KB" and kb.path == "kb.yaml"
    assert kb.topics == (Topic("basics", "Basics"), Topic("courts", "Courts"))
    assert kb.glossary == {"ERO": "Enforcement and Removal Operations"}
    assert kb.sources == {
        "src-a": Source("src-a", "Source A", "Pub A", "https://example.org/a", "2024-05-01", "a note", "law"),
        "src-b": Source("src-b", "Source B", "Pub B", None, None, None, None),
    }
    first, second = kb.entries
    assert first == Entry(
        "first",
        "basics",
        "What is the first thing?",
        "It is the first [@src-a].",
        ("src-a",),
        ("the first one",),
        ("second",),
        "2026-01-10",
        22,
    )
    assert (second.id, second.line, second.aliases, second.related, second.reviewed) == ("second", 30, (), (), "2026-02-01")


@pytest.mark.parametrize(
    ("old", "new", "field", "value"),
    [
        ("    reviewed: 2026-02-01\n", "    reviewed: 2025\n", "reviewed", "2025"),  # a bare year read as a number stays text
        ("    reviewed: 2026-02-01\n", "    reviewed:\n", "reviewed", None),
        ("    sources: [src-b]\n", "    sources: src-b\n", "sources", ("src-b",)),  # one id without brackets
        ("    sources: [src-b]\n", "    sources: [src-b, src-b]\n", "sources", ("src-b",)),
        (
            "    answer: Like this [@src-b].\n",
            "    answer: Like [@src-a] and [@src-b].\n    sources: [src-b, src-a]\n",
            "sources",
            ("src-a", "src-b"),
        ),
    ],
)
def test_entry_field_values(old, new, field, value):
    text = BASE.replace(old, new, 1)
    if "sources: [src-b, src-a]" in new:
        text = text.replace("    sources: [src-b]\n", "", 1)
    kb = knowledge.load_text(text)
    assert getattr(kb.get("second"), field) == value


# --------------------------------------------------------------------------- parse_yaml, _attach


@pytest.mark.parametrize(
    ("text", "message", "line"),
    [
        ("\n\tx: 1\n", "tab used for indentation; YAML needs spaces", 2),
        ("a: 1\nb:\n\t- x\n", "tab used for indentation; YAML needs spaces", 3),
        ("", "the file is empty; a knowledge base needs schema, title, topics, sources and entries", 1),
        ("  \n# c\n   # indented\n", "the file is empty; a knowledge base needs schema, title, topics, sources and entries", 1),
        ("\ufeff", "the file is empty; a knowledge base needs schema, title, topics, sources and entries", 1),  # no document
        ("--- {a: 1}\n--- {b: 2}\n", "more than one YAML document ('---'); keep the knowledge base in one", 2),
        ("a: &x [1]\nb: *x\n", "YAML aliases (*x) are not supported; write the value out", 2),
        ("a: 1\nb: !thing {c: 1}\n", "YAML tag '!thing' is not allowed", 2),
        ("a: 1\nb: !thing [1]\n", "YAML tag '!thing' is not allowed", 2),
        ("a: 1\n? [k]\n: 1\n", "a mapping key must be plain text", 2),
        ("a: 1\na: 2\n", "duplicate key 'a' (first at line 1); YAML would silently keep only one", 2),
        ("title: [unclosed\n", "YAML syntax error: while parsing a flow sequence did not find expected ',' or ']'", 2),
        ("a: b: c\n", "YAML syntax error: mapping values are not allowed in this context", 1),
        ("[" * 33 + "]" * 33 + "\n", "nesting deeper than 32 levels; a knowledge base needs 4", 1),
    ],
)
def test_unreadable_yaml_is_one_located_error(text, message, line):
    assert parse_error(text) == (message, "kb.yaml", line)


def test_parse_error_without_path_names_no_file():
    with pytest.raises(DataError) as exc:
        knowledge.parse_yaml("a: 1\na: 2\n")
    assert exc.value.problems[0].path == ""


def test_reader_error_has_no_line():
    message, path, line = parse_error("a: \x00\n")
    assert message.startswith("YAML error: unacceptable character #x0000")
    assert (path, line) == ("kb.yaml", None)


def test_nesting_up_to_the_limit_is_read():
    want: list = []
    for _ in range(31):
        want = [want]
    assert knowledge.parse_yaml("[" * 32 + "]" * 32 + "\n") == want
    assert knowledge.parse_yaml("a: " + "[" * 31 + "]" * 31 + "\n") == {"a": want[0]}


def test_explicit_core_tags_on_collections_are_allowed():
    assert knowledge.parse_yaml("a: !!map {b: 1}\nc: !!seq [2]\n") == {"a": {"b": 1}, "c": [2]}


def test_lines_of_keys_and_items_are_kept():
    tree = knowledge.parse_yaml("top: 1\nitems:\n  - a: 1\n\n  - b: 2\n  - plain\n")
    assert tree.line == 1 and tree.key_lines == {"top": 1, "items": 2}
    assert tree["items"].line == 3 and tree["items"].item_lines == [3, 5, 6]
    assert tree["items"][1].line == 5 and tree["items"][1].key_lines == {"b": 5}


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("just text\n", "just text"),
        ("~: 1\n", {"": 1}),  # a null key is the empty key
        ("a: ~\nb:\nc: null\n", {"a": None, "b": None, "c": None}),
        ("a: yes\nb: No\nc: ON\nd: True\ne: off\nf: true\n", {"a": True, "b": False, "c": True, "d": True, "e": False, "f": True}),
        ("a: !!bool y\nb: !!bool Y\nc: !!bool n\n", {"a": True, "b": True, "c": False}),
        ("a: 1_000\nb: -7\nc: 0x1F\n", {"a": 1000, "b": -7, "c": "0x1F"}),
        ("a: 1_000.5\nb: .5\nc: .inf\n", {"a": 1000.5, "b": 0.5, "c": ".inf"}),
        (
            "a: 2025-01-10\nb: '5'\nc: \"yes\"\nd: !!str 5\ne: ! hello\nf: ! 5\ng: ! true\n",
            {"a": "2025-01-10", "b": "5", "c": "yes", "d": "5", "e": "hello", "f": "5", "g": "true"},
        ),
        ("a: !!int 12\nb: !!float 2.5\nc: !!null ''\n", {"a": 12, "b": 2.5, "c": None}),
    ],
)
def test_scalars_are_read_as_plain_values(text, value):
    got = knowledge.parse_yaml(text)
    assert got == value
    assert [type(v) for v in (got.values() if isinstance(got, dict) else [got])] == [
        type(v) for v in (value.values() if isinstance(value, dict) else [value])
    ]


@pytest.mark.parametrize("kind", ["binary", "omap", "pairs", "set", "merge", "value", "yaml"])
def test_constructing_tags_on_scalars_are_refused(kind):
    assert parse_error(f"a: 1\nb: !!{kind} x\n") == (f"YAML tag 'tag:yaml.org,2002:{kind}' is not allowed", "kb.yaml", 2)


def test_custom_scalar_tag_is_refused():
    assert parse_error("a: !python/name:os.system x\n") == ("YAML tag '!python/name:os.system' is not allowed", "kb.yaml", 1)


@pytest.mark.parametrize(
    ("text", "line", "what"),
    [
        ("just text\n", 1, "text"),
        ("# c\n# c\n- a\n", 3, "a list"),
        ("42\n", 1, "a number"),
        ("true\n", 1, "a boolean"),
        ("~\n", 1, "nothing (null)"),
    ],
)
def test_a_file_that_is_not_a_mapping(text, line, what):
    kb, found = problems(text)
    assert kb is None
    assert found == [("error", f"the file must be a mapping (key: value), not {what}", line, None)]


# --------------------------------------------------------------------------- load_text, validate


def test_load_text_names_its_default_path():
    assert knowledge.load_text(BASE).path == "<text>"
    for text in ("a: 1\na: 2\n", BASE.replace("schema: 1", "schema: 2")):
        with pytest.raises(DataError) as exc:
            knowledge.load_text(text)
        assert [p.path for p in exc.value.problems] == ["<text>"]


def test_validate_reports_path_model_and_lint(tmp_path):
    good = tmp_path / "good.yaml"
    good.write_text(BASE.replace("2026-01-10", "2025-01-01").replace("2026-02-01", "2025-02-01"), encoding="utf-8")
    report = knowledge.validate(good, today=dt.date(2025, 6, 1))
    assert report.ok and report.kb is not None and report.kb.get("first") is not None
    assert report.problems == ()  # judged against the given day, not the real one
    bad = tmp_path / "bad.yaml"
    bad.write_text("a: 1\na: 2\n", encoding="utf-8")
    report = knowledge.validate(bad)
    assert report.path == str(bad) and report.kb is None and not report.ok
    assert [(p.message.split(" (")[0], p.path, p.line) for p in report.problems] == [("duplicate key 'a'", str(bad), 2)]


# --------------------------------------------------------------------------- lint


def lint_of(text: str, today: dt.date | None) -> list[tuple[str, str, int | None, str | None]]:
    kb = knowledge.load_text(text, "kb.yaml")
    out = knowledge.lint(kb, today)
    assert all(p.path == "kb.yaml" and p.severity is Severity.WARNING for p in out)
    return [(p.severity.value, p.message, p.line, p.entry) for p in out]


REVIEWED = dt.date(2026, 1, 10)  # the 'first' entry's date; 'second' is 2026-02-01


@pytest.mark.parametrize(
    ("today", "want"),
    [
        (REVIEWED + dt.timedelta(days=365), []),
        (
            REVIEWED + dt.timedelta(days=366),
            [("warning", "not reviewed for 366 days (since 2026-01-10); check it against its sources", 22, "first")],
        ),
        (dt.date(2026, 1, 31), []),  # 'second' is one day ahead: tolerated
        (dt.date(2026, 2, 1), []),
        (dt.date(2026, 1, 30), [("warning", "reviewed date 2026-02-01 is in the future", 30, "second")]),
    ],
)
def test_review_age_thresholds(today, want):
    assert lint_of(BASE, today) == want


@pytest.mark.parametrize(("date", "start"), [("2025", dt.date(2025, 1, 1)), ("2025-03", dt.date(2025, 3, 1))])
def test_partial_review_dates_count_from_their_first_day(date, start):
    text = BASE.replace("reviewed: 2026-01-10", f"reviewed: {date}")
    today = start + dt.timedelta(days=400)
    assert lint_of(text, today)[0] == ("warning", f"not reviewed for 400 days (since {date}); check it against its sources", 22, "first")


def test_missing_review_and_uncited_source():
    text = BASE.replace("    reviewed: 2026-02-01\n", "").replace("    sources: [src-b]\n", "    sources: [src-a]\n")
    text = text.replace("Like this [@src-b].", "Like this [@src-a].")
    assert lint_of(text, dt.date(2026, 2, 1)) == [
        ("warning", "source 'src-b' is not cited by any entry", None, None),
        ("warning", "no 'reviewed' date: say when a person last checked the answer", 30, "second"),
    ]


def test_lint_without_a_day_uses_today():
    text = BASE.replace("reviewed: 2026-01-10", "reviewed: 2000-01-01")
    found = lint_of(text, None)
    assert found[0][1].startswith("not reviewed for ") and found[0][2:] == (22, "first")


# --------------------------------------------------------------------------- _near_duplicates, _pairs


def kb_of(questions: dict[str, tuple[str, ...]]) -> KnowledgeBase:
    src = {"s": Source("s", "S", "P", None, None, None, None)}
    entries = tuple(
        Entry(eid, "t", texts[0], "A [@s].", ("s",), tuple(texts[1:]), (), "2026-01-01", 10 * (n + 1))
        for n, (eid, texts) in enumerate(questions.items())
    )
    return KnowledgeBase("T", (Topic("t", "T"),), entries, src, {}, "kb.yaml")


def dupes(kb: KnowledgeBase) -> list[tuple[str, str, int | None, str | None]]:
    out = knowledge._near_duplicates(kb)
    assert all(p.path == "kb.yaml" and p.severity is Severity.WARNING for p in out)
    return [(p.severity.value, p.message, p.line, p.entry) for p in out]


def test_same_question_is_reported_once_per_pair():
    kb = kb_of({"a": ("What is ERO?", "ero removal"), "b": ("what is ero", "ERO removal!", "ero removals")})
    assert dupes(kb) == [("warning", "question or alias 'what is ero' is the same as one of entry 'a'", 20, "b")]


def test_near_question_is_reported_once_per_pair_with_its_score():
    kb = kb_of(
        {"a": ("How do I renew my work permit?", "renew a work permit"), "b": ("How do I renew my work permits?", "renew a work permits")}
    )
    assert dupes(kb) == [
        (
            "warning",
            "'how do i renew my work permits' reads almost like 'how do i renew my work permit' of entry 'a' (98%); users may get either",
            20,
            "b",
        )
    ]


def test_an_entry_may_repeat_itself_and_unlike_questions_pass():
    kb = kb_of({"a": ("What is the ERO?", "what is ero", "what is ero"), "b": ("Where is the nearest court?",)})
    assert dupes(kb) == []
    # a short question inside a longer one is a different question (plain ratio, not a partial match)
    kb = kb_of({"a": ("Renew a work permit",), "b": ("How do I renew a work permit after it expired?",)})
    assert dupes(kb) == []


def test_every_near_pair_is_found_not_only_the_best_five():
    kb = kb_of({f"e{i}": (f"how do i renew my card number {i}",) for i in range(8)})
    found = dupes(kb)
    assert len(found) == 28  # 8 entries, every pair
    assert {(p[3], p[1].split("of entry ")[1][:4]) for p in found} == {(f"e{j}", f"'e{i}'") for i in range(8) for j in range(i + 1, 8)}


def test_above_5000_texts_only_exact_duplicates_are_reported():
    kb = kb_of({f"e{i}": (f"question {i:05d}",) for i in range(5001)})
    assert dupes(kb) == []
