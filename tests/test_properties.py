"""Property-based tests: any query, any mutation of the data, any string in any format."""

from __future__ import annotations

import json
import re

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from icefaq import knowledge, match
from icefaq.errors import DataError, QueryError
from icefaq.model import Answer, Entry, KnowledgeBase, Match, Source, Topic
from icefaq.render import data as jsonview
from icefaq.render import terminal
from icefaq.render import text as textview

from .conftest import MINI

KB = knowledge.load(MINI)
INDEX = match.build_index(KB)
MINI_TEXT = MINI.read_text(encoding="utf-8")
CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")
# Example counts come from the hypothesis profile (tests/conftest.py): 200 in CI, far more with
# ICEFAQ_FUZZ=1 for the long fuzzing run described in the README.
SETTINGS = settings(deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture])


@SETTINGS
@given(st.text(max_size=300))
def test_any_query_gives_a_well_formed_answer_or_a_query_error(query):
    try:
        answer = match.ask(query, KB, INDEX, top=3)
    except QueryError:
        assert not any(c.isalnum() for c in query)
        return
    assert isinstance(answer, Answer)
    assert not (answer.matches and answer.suggestions)
    for m in (*answer.matches, *answer.suggestions):
        assert 0.0 <= m.score <= 1.0 and KB.get(m.entry.id) is m.entry
    assert len(answer.matches) <= 3 and len(answer.suggestions) <= 3


_WORDS = st.sampled_from(
    "what does ero hsi ice do detainer 287(g) i-9 four hundred twenty right now deportaion speeding estate the of and who runs cbp uscis".split()
)


@pytest.fixture(scope="module")
def stored(tmp_path_factory):
    import os

    from icefaq import index

    folder = tmp_path_factory.mktemp("stored")
    path = folder / "kb.yaml"
    path.write_text(MINI_TEXT, encoding="utf-8")
    old = os.environ.get("XDG_CACHE_HOME")
    os.environ["XDG_CACHE_HOME"] = str(folder / "cache")
    try:
        index.load_compiled(str(path))  # builds the cache
        kb, ix = index.load_compiled(str(path))  # reads it
    finally:
        if old is None:
            del os.environ["XDG_CACHE_HOME"]
        else:
            os.environ["XDG_CACHE_HOME"] = old
    assert isinstance(ix, index.StoredIndex)
    return kb, ix


@SETTINGS
@given(st.one_of(st.text(max_size=120), st.lists(_WORDS, max_size=12).map(" ".join)))
def test_the_cache_scores_any_query_exactly_as_the_index_in_memory(stored, query):
    _, ix = stored
    assert match.score_all(query, ix) == match.score_all(query, INDEX)


def _mutations():
    lines = MINI_TEXT.splitlines(keepends=True)
    line_no = st.integers(0, len(lines) - 1)
    junk = st.sampled_from(
        [
            ":",
            "- ",
            "[",
            "]",
            "{",
            "}",
            "\t",
            "&a ",
            "*a",
            "!!python/object:os.system ",
            "'",
            '"',
            "#",
            "?",
            "|",
            ">",
            "\x00",
            "\x1b",
            "\ufeff",
            "   ",
            "\n",
            "- id: x\n",
            "null",
            "~",
            "1",
            "true",
            "2024-13-99",
        ]
    )

    @st.composite
    def mutate(draw):
        out = list(lines)
        for _ in range(draw(st.integers(1, 4))):
            kind = draw(st.integers(0, 3))
            i = draw(line_no) % len(out)
            if kind == 0:
                del out[i]
                if not out:
                    out = ["\n"]
            elif kind == 1:
                out.insert(i, out[draw(line_no) % len(out)])
            elif kind == 2:
                pos = draw(st.integers(0, len(out[i])))
                out[i] = out[i][:pos] + draw(junk) + out[i][pos:]
            else:
                out[i] = draw(st.text(max_size=30)) + "\n"
        return "".join(out)

    return mutate()


@SETTINGS
@given(_mutations())
def test_mutated_knowledge_base_loads_or_raises_data_error(text):
    try:
        kb = knowledge.load_text(text, "mutated.yaml")
    except DataError as exc:
        assert exc.problems and all(p.path == "mutated.yaml" for p in exc.problems)
        return
    assert kb.entries  # a mutation that keeps the file valid must still load a usable model
    match.ask("what does ERO do", kb)


@SETTINGS
@given(st.binary(max_size=400))
def test_random_bytes_never_crash_the_loader(tmp_path_factory, raw):
    path = tmp_path_factory.mktemp("b") / "kb.yaml"
    path.write_bytes(raw)
    with pytest.raises(DataError):
        knowledge.load(path)


def _kb_with(text: str) -> tuple[KnowledgeBase, Answer]:
    src = Source("s", text or "t", text or "p", text or None, None)
    e = Entry("e", "t", text or "q", text or "a", ("s",), (text,), ("f",), "2026-01-01")
    f = Entry("f", "t", "F" + text, "B", ("s",))
    kb = KnowledgeBase(text or "k", (Topic("t", text or "t"),), (e, f), {"s": src})
    return kb, Answer(text, (Match(e, 0.5),), ())


@SETTINGS
@given(st.text(max_size=200))
def test_rendering_any_string_never_emits_a_control_character(text):
    kb, answer = _kb_with(text)
    for style in (textview.PLAIN, textview.MARKDOWN):
        out = textview.answer(answer, kb, style) + textview.sources(kb, style) + textview.listing(kb, list(kb.entries), style)
        assert not CONTROL.search(out)
    out = jsonview.dumps(jsonview.answer(answer, kb))
    assert not CONTROL.search(out)
    assert json.loads(out)["results"][0]["question"] == (text or "q")


@SETTINGS
@given(st.text(alphabet=st.sampled_from("[]/=abc \\:;\x1b\x07"), max_size=60))
def test_rich_keeps_markup_literal(text):
    kb, answer = _kb_with(text)
    for styled in (False, True):
        out = terminal.answer(terminal.Term(200, styled), answer, kb)
        assert "\x07" not in out
        visible = re.sub(r"\x1b\[[0-9;]*m|\x1b\]8;[^\x1b]*\x1b\\", "", out)
        assert "\x1b" not in visible  # every escape is one of the renderer's own
        cleaned = text.replace("\x1b", "").replace("\x07", "")
        if cleaned.strip() and len(cleaned) < 60:
            assert " ".join(cleaned.split()) in " ".join(visible.replace("│", " ").split())
