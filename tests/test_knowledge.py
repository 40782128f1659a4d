"""Loading and validation: every problem names the file, the line and the entry."""

from __future__ import annotations

import datetime as dt

import pytest

from icefaq import knowledge
from icefaq.errors import DataError
from icefaq.model import Severity

from .conftest import MINI


def problems_of(write, text: str | bytes):
    report = knowledge.validate(write(text))
    return report, [p for p in report.problems if p.severity is Severity.ERROR]


def test_mini_loads_with_lines_and_resolved_references():
    kb = knowledge.load(MINI)
    assert [e.id for e in kb.entries] == ["ero-role", "hsi-role", "local-police"]
    ero = kb.get("ero-role")
    assert ero is not None and ero.line == line_of(MINI.read_text(), "- id: ero-role")
    assert [s.id for s in kb.sources_of(ero)] == ["ero-page"]
    assert kb.sources["hsi-page"].date == "2024"  # a bare year stays text, never an int
    assert kb.sources["law-book"].url is None
    assert kb.cited_by()["law-book"] == ("hsi-role", "local-police")
    assert kb.glossary["287(g)"].startswith("delegation")


def test_load_uses_icefaq_data_env(monkeypatch):
    monkeypatch.setenv("ICEFAQ_DATA", str(MINI))
    assert knowledge.load().title.startswith("Mini")


def line_of(text: str, needle: str) -> int:
    return text[: text.index(needle)].count("\n") + 1


# Each fault: (text to replace, replacement, the text on the line the message must name, entry, message)
@pytest.mark.parametrize(
    ("old", "new", "at", "entry", "needle"),
    [
        (
            "    topic: basics\n    question: What does Enf",
            "    topic: nowhere\n    question: What does Enf",
            "topic: nowhere",
            "ero-role",
            "unknown topic 'nowhere'",
        ),
        (
            "sources: [ero-page]",
            "sources: [ero-pag]",
            "sources: [ero-pag]",
            "ero-role",
            "unknown source 'ero-pag'; did you mean 'ero-page'?",
        ),
        ("related: [ero-role]\n", "related: [ero-rol]\n", "related: [ero-rol]", "hsi-role", "unknown related entry 'ero-rol'"),
        ("  - id: hsi-role\n", "  - id: ero-role\n    # again\n", "ero-role\n    # again", "ero-role", "duplicate entry id 'ero-role'"),
        (
            "    reviewed: 2026-11-20\n  - id: hsi-role",
            "    reviewed: 2026-13-45\n  - id: hsi-role",
            "2026-13-45",
            "ero-role",
            "not a date",
        ),
        (
            "    aliases: [what is HSI, hsi investigations]\n",
            "    aliases: [what is HSI, hsi investigations]\n    alias: [x]\n",
            "alias: [x]",
            "hsi-role",
            "unknown key 'alias'",
        ),
        ("    question: What is the 287(g) program?\n", "", "- id: local-police", "local-police", "missing required key 'question'"),
        (
            "    sources: [law-book]\n    related: [ero-role, hsi-role]",
            "    sources: []\n    related: [ero-role, hsi-role]",
            "sources: []",
            "local-police",
            "at least one source",
        ),
        ("    question: What is the 287(g) program?", "    question: [a, b]", "question: [a, b]", "local-police", "must be text"),
        ("    answer: |\n      Under", "    answer: 42\n    x_answer: |\n      Under", "answer: 42", "local-police", "must be text"),
        ("    date: 2025-01-10\n", "    date: January 2025\n", "January 2025", None, "not a date"),
        ("  - id: law-book\n", "  - id: Law Book\n", "Law Book", None, "kebab-case"),
        ("schema: 1", "schema: 2", "schema: 2", None, "schema must be 1"),
        (
            "removal [@ero-page].",
            "removal [@ero-pag].",
            "    answer: |\n      ERO finds",
            "ero-role",
            "marker names unknown source 'ero-pag'; did you mean 'ero-page'?",
        ),
        (
            "removal [@ero-page].",
            "removal [@law-book].",
            "    answer: |\n      ERO finds",
            "ero-role",
            "names source 'law-book', which the entry does not list",
        ),
        ("removal [@ero-page].", "removal [@ero-page.", "    answer: |\n      ERO finds", "ero-role", "malformed citation marker"),
        ("removal [@ero-page].", "removal [@Ero Page].", "    answer: |\n      ERO finds", "ero-role", "malformed citation marker"),
        ("    kind: law\n", "    kind: lawbook\n", "kind: lawbook", None, "unknown kind 'lawbook'"),
    ],
)
def test_each_data_fault_is_located(write, mini_text, old, new, at, entry, needle):
    assert old in mini_text
    text = mini_text.replace(old, new, 1)
    report, errors = problems_of(write, text)
    assert not report.ok
    match = [p for p in errors if needle in p.message]
    assert match, [str(p) for p in errors]
    assert match[0].line == line_of(text, at), str(match[0])
    assert match[0].entry == entry
    assert match[0].path.endswith("kb.yaml")
    with pytest.raises(DataError) as exc:
        knowledge.load(report.path)
    assert "kb.yaml" in str(exc.value)


def test_validate_reports_all_problems_at_once(write, mini_text):
    text = mini_text.replace("sources: [ero-page]", "sources: [nope]").replace("related: [ero-role]\n", "related: [gone]\n")
    _, errors = problems_of(write, text)
    assert {"unknown source 'nope'", "unknown related entry 'gone'"} <= {p.message.split(";")[0] for p in errors}


@pytest.mark.parametrize(
    ("content", "line", "needle"),
    [
        ("schema: 1\ntitle: x\ntopics:\n\t- id: a\n", 4, "tab"),
        ("schema: 1\ntitle: [unclosed\n", 3, "YAML syntax error"),
        ("", 1, "empty"),
        ("# only a comment\n", 1, "empty"),
        ("schema: 1\nschema: 1\n", 2, "duplicate key 'schema'"),
        ("a: &x [1]\nb: *x\n", 2, "aliases"),
        ("x: !!python/object/apply:os.system ['echo hacked']\n", 1, "tag"),
        ("x: !custom 3\n", 1, "tag"),
        ("x: " + "[" * 100 + "]" * 100 + "\n", 1, "nesting"),
        ("--- {a: 1}\n--- {b: 2}\n", 2, "more than one"),
        (b"schema: 1\ntitle: caf\xe9\n", 2, "not UTF-8"),
    ],
)
def test_unusable_files(write, content, line, needle):
    report, errors = problems_of(write, content)
    assert not report.ok and report.kb is None
    assert len(errors) == 1
    assert needle in errors[0].message
    assert errors[0].line == line


def test_hostile_tag_is_never_executed(write, tmp_path):
    marker = tmp_path / "pwned"
    text = f"x: !!python/object/apply:os.system ['touch {marker}']\n"
    with pytest.raises(DataError):
        knowledge.load(write(text))
    assert not marker.exists()


def test_billion_laughs_is_refused_quickly(write):
    lines = ['a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]']
    for i in range(1, 10):
        prev, cur = chr(ord("a") + i - 1), chr(ord("a") + i)
        lines.append(f"{cur}: &{cur} [" + ",".join([f"*{prev}"] * 9) + "]")
    with pytest.raises(DataError, match="aliases"):
        knowledge.load(write("\n".join(lines) + "\n"))


def test_deep_nesting_is_a_data_error_not_recursion(write):
    deep = "x:\n" + "".join("  " * (i + 1) + f"k{i}:\n" for i in range(3000)) + "  " * 3001 + "v\n"
    with pytest.raises(DataError, match="nesting"):
        knowledge.load(write(deep))


@pytest.mark.parametrize("kind", ["missing", "directory"])
def test_bad_paths(tmp_path, kind):
    path = tmp_path / "nothing.yaml"
    if kind == "directory":
        path.mkdir()
    with pytest.raises(DataError) as exc:
        knowledge.load(path)
    assert str(path) in str(exc.value)
    assert ("no such file" if kind == "missing" else "directory") in str(exc.value)


def test_crlf_bom_and_spaces_in_path_work(tmp_path, mini_text):
    path = tmp_path / "my data" / "f a q.yaml"
    path.parent.mkdir()
    path.write_bytes(b"\xef\xbb\xbf" + mini_text.replace("\n", "\r\n").encode())
    kb = knowledge.load(path)
    assert kb.get("ero-role") is not None
    assert "\r" not in kb.entries[0].answer


def test_empty_entry_list_is_an_error(write, mini_text):
    head = mini_text.split("entries:")[0]
    _, errors = problems_of(write, head + "entries: []\n")
    assert any("'entries' is empty" in p.message for p in errors)


def test_wrong_top_level_type(write):
    _, errors = problems_of(write, "- just\n- a list\n")
    assert "must be a mapping" in errors[0].message


def test_warnings_do_not_fail_validation(write, mini_text):
    text = mini_text.replace("    url: https://example.org/hsi\n", "    url: javascript:alert(1)\n")
    text = text.replace("  - id: law-book\n", "  - id: unused\n    title: U\n    publisher: P\n  - id: law-book\n")
    text = text.replace("reviewed: 2026-11-20\n  - id: hsi-role", "reviewed: 2020-01-01\n  - id: hsi-role")
    text = text.replace("aliases: [what is HSI, hsi investigations]", "aliases: [what is HSI, what does ERO do]")
    report = knowledge.validate(write(text), today=dt.date(2026, 11, 23))
    assert report.ok
    messages = " | ".join(p.message for p in report.problems)
    assert "not http(s)" in messages
    assert "'unused' is not cited" in messages
    assert "not reviewed for" in messages
    assert "is the same as one of entry 'ero-role'" in messages
    assert all(p.severity is Severity.WARNING for p in report.problems)


def test_near_duplicate_questions_warn(write, mini_text):
    text = mini_text.replace("aliases: [what is HSI, hsi investigations]", "aliases: [what is HSI, what does the ERO do]")
    report = knowledge.validate(write(text), today=dt.date(2026, 11, 23))
    assert any("reads almost like" in p.message and p.entry == "hsi-role" for p in report.problems)


def test_mini_validates_clean():
    report = knowledge.validate(MINI, today=dt.date(2026, 11, 23))
    assert report.ok and report.problems == ()


def test_citation_warnings(write, mini_text):
    """A listed source no marker uses, and a paragraph of facts without a marker, are warnings."""
    text = mini_text.replace(
        "such as smuggling [@hsi-page] and trafficking [@hsi-page; @law-book].", "such as smuggling [@hsi-page] and trafficking."
    )
    text = text.replace(
        "It runs detention and transport [@ero-page].",
        "It runs detention and transport, and it also runs the alternatives to detention program.",
    )
    report = knowledge.validate(write(text), today=dt.date(2026, 11, 23))
    assert report.ok
    unused = [p for p in report.problems if "'law-book' is listed but no citation marker" in p.message]
    assert [p.entry for p in unused] == ["hsi-role"]
    bare = [p for p in report.problems if "paragraph without a citation marker" in p.message]
    assert [p.entry for p in bare] == ["ero-role"]
    assert bare[0].line == line_of(text, "It runs detention")  # the paragraph's own line


def test_sources_are_numbered_in_order_of_first_citation(write, mini_text):
    text = mini_text.replace(
        "such as smuggling [@hsi-page] and trafficking [@hsi-page; @law-book].",
        "such as smuggling [@law-book] and trafficking [@hsi-page].",
    )
    kb = knowledge.load(write(text))
    assert kb.get("hsi-role").sources == ("law-book", "hsi-page")  # the list says hsi-page first
    assert kb.sources["law-book"].kind == "law" and kb.sources["hsi-page"].kind is None
