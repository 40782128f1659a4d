"""The model's value classes: immutable, compared and hashed by value; the knowledge base compared by content."""

from __future__ import annotations

import pytest

from icefaq.model import Entry, KnowledgeBase, Problem, Record, Severity, Topic


def _entry(**changes: object) -> Entry:
    fields = {"id": "a", "topic": "t", "question": "Q?", "answer": "A.", "sources": ("s",)}
    return Entry(**{**fields, **changes})


def _kb(**changes: object) -> KnowledgeBase:
    fields: dict[str, object] = {
        "title": "T",
        "topics": (Topic("t", "Topic"),),
        "entries": (_entry(),),
        "sources": {},
        "glossary": {"X": "y"},
        "path": "p.yaml",
    }
    return KnowledgeBase(**{**fields, **changes})  # type: ignore[arg-type]


def test_records_cannot_be_changed():
    topic = Topic("t", "Topic")
    with pytest.raises(AttributeError, match="immutable"):
        topic.title = "Other"  # type: ignore[misc]
    with pytest.raises(AttributeError, match="immutable"):
        del topic.title
    with pytest.raises(AttributeError):
        topic.extra = 1  # type: ignore[attr-defined]
    assert topic.title == "Topic"


def test_records_are_equal_and_hashed_by_value():
    assert Topic("t", "x") == Topic("t", "x") and hash(Topic("t", "x")) == hash(Topic("t", "x"))
    assert Topic("t", "x") != Topic("t", "y")
    assert Topic("t", "x") != Topic("u", "x")
    assert len({Topic("t", "x"), Topic("t", "x"), Topic("t", "y")}) == 2
    assert Topic("t", "x") != ("t", "x")  # not a tuple


def test_construction_by_position_keyword_and_default():
    assert Topic(id="t", title="x") == Topic("t", "x") == Topic("t", title="x")
    e = _entry()
    assert (e.aliases, e.related, e.reviewed, e.line) == ((), (), None, None)
    p = Problem(Severity.ERROR, "bad")
    assert (p.path, p.line, p.entry) == ("", None, None)


@pytest.mark.parametrize(
    ("args", "kwargs", "message"),
    [
        (("t", "x", "extra"), {}, "at most 2"),
        (("t",), {}, "missing argument 'title'"),
        (("t", "x"), {"title": "y"}, "unexpected or repeated"),
        ((), {"id": "t", "name": "x"}, "unexpected or repeated"),
    ],
)
def test_bad_construction_is_a_type_error(args, kwargs, message):
    with pytest.raises(TypeError, match=message):
        Topic(*args, **kwargs)


def test_replace_and_repr():
    t = Topic("t", "x")
    r = t.replace(title="y")
    assert r == Topic("t", "y") and t == Topic("t", "x") and type(r) is Topic
    assert repr(t) == "Topic(id='t', title='x')"
    assert t.values() == ("t", "x")


def test_problem_text_names_file_line_and_entry():
    assert str(Problem(Severity.WARNING, "m", "f.yaml", 3, "e1")) == "f.yaml:3: warning (entry e1): m"
    assert str(Problem(Severity.ERROR, "m")) == "<data>: error: m"


def test_every_record_declares_its_fields_once_consistently():
    for cls in Record.__subclasses__():
        assert cls.__slots__ == cls._fields
        assert set(cls._defaults) <= set(cls._fields)
        # optional fields come last, so positional construction stays unambiguous
        required = [f for f in cls._fields if f not in cls._defaults]
        assert list(cls._fields[: len(required)]) == required, cls


def test_knowledge_bases_compare_by_content():
    assert _kb() == _kb()
    for change in (
        {"title": "Other"},
        {"topics": (Topic("t", "Renamed"),)},
        {"entries": (_entry(answer="B."),)},
        {"entries": ()},
        {"sources": {"s": None}},
        {"glossary": {}},
        {"path": "q.yaml"},
    ):
        assert _kb(**change) != _kb(), change
    assert _kb() != "T"
    with pytest.raises(TypeError):
        hash(_kb())


def test_knowledge_base_lookups():
    kb = _kb(entries=(_entry(), _entry(id="b", sources=())))
    assert kb.get("b") == _entry(id="b", sources=()) and kb.get("zz") is None
    assert kb.cited_by() == {"s": ("a",)}
