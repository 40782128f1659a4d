"""The command line, in process: every command, format and exit code, on the mini knowledge base."""

from __future__ import annotations

import json

import pytest
from typer.testing import CliRunner

from icefaq.cli import ExitCode, app

from .conftest import MINI

runner = CliRunner()
ENTRY_KEYS = {"id", "topic", "question", "answer", "citations", "aliases", "sources", "related", "reviewed"}
SOURCE_KEYS = {"id", "title", "publisher", "kind", "url", "date"}


def run(*args: str, input: str | None = None, data: str | None = str(MINI)):
    argv = (["--data", data] if data else []) + list(args)
    return runner.invoke(app, argv, input=input, catch_exceptions=False)


def test_ask_plain_shows_question_answer_sources_and_follow_ups():
    r = run("ask", "what", "does", "ERO", "do")
    assert r.exit_code == ExitCode.OK, r.output
    out = r.stdout
    assert out.startswith("What does Enforcement and Removal Operations (ERO) do?\n(id: ero-role)")
    assert "ERO finds, arrests, detains" in out
    assert "[1] Enforcement and Removal Operations. Example Agency, 2025-01-10. https://example.org/ero" in out
    assert "Want to dive deeper?\n  - What does Homeland Security Investigations (HSI) do? (icefaq show hsi-role)" in out
    assert "not legal advice" in out
    assert "\x1b" not in out
    assert r.stderr == ""


def test_ask_json_contract():
    r = run("ask", "--json", "what does ERO do")
    assert r.exit_code == 0, r.output
    doc = json.loads(r.stdout)
    assert set(doc) == {"query", "matched", "results", "suggestions"}
    assert doc["query"] == "what does ERO do" and doc["matched"] is True
    (res,) = doc["results"]
    assert set(res) == ENTRY_KEYS | {"score"}
    assert res["id"] == "ero-role" and 0 < res["score"] <= 1
    assert all(set(s) == SOURCE_KEYS for s in res["sources"])
    assert res["related"] == ["hsi-role", "local-police"]
    assert res["reviewed"] == "2026-11-20"


def test_format_json_equals_json_flag():
    assert run("ask", "--format", "json", "287g").stdout == run("ask", "--json", "287g").stdout


def test_no_match_exits_1_with_suggestions_on_stderr():
    r = run("ask", "how do I make ice cubes")
    assert r.exit_code == ExitCode.NOT_FOUND
    assert r.stdout == ""
    assert "No confident match" in r.stderr


def test_no_match_json_is_still_a_document():
    r = run("ask", "--json", "--min-score", "0.99", "who investigates smuggling crimes")
    assert r.exit_code == 1
    doc = json.loads(r.stdout)
    assert doc["matched"] is False and doc["results"] == []
    assert doc["suggestions"] and set(doc["suggestions"][0]) == {"id", "question", "score"}


def test_top_ranks_several():
    r = run("ask", "--json", "--top", "3", "--min-score", "0", "what does hsi or ero do")
    ids = [x["id"] for x in json.loads(r.stdout)["results"]]
    assert len(ids) >= 2 and len(set(ids)) == len(ids)
    scores = [x["score"] for x in json.loads(r.stdout)["results"]]
    assert scores == sorted(scores, reverse=True)


@pytest.mark.parametrize("query", ["   ", "?!", "…", "\u200b"])
def test_empty_queries_are_usage_errors(query):
    r = run("ask", query)
    assert r.exit_code == ExitCode.USAGE
    assert "empty" in r.stderr and r.stdout == ""


def test_query_from_stdin_dash_and_implicit():
    assert json.loads(run("ask", "--json", "-", input="what is 287(g)?\n").stdout)["results"][0]["id"] == "local-police"
    assert json.loads(run("ask", "--json", input="what is 287g\n").stdout)["results"][0]["id"] == "local-police"


def test_empty_stdin_is_a_usage_error():
    assert run("ask", input="").exit_code == ExitCode.USAGE


@pytest.mark.parametrize(
    "args",
    [
        ["ask", "--top", "0", "x"],
        ["ask", "--top", "abc", "x"],
        ["ask", "--format", "bogus", "x"],
        ["ask", "--min-score", "2", "x"],
        ["list", "--nope"],
        ["bogus"],
    ],
)
def test_bad_options_are_usage_errors(args):
    r = run(*args)
    assert r.exit_code == ExitCode.USAGE
    assert r.stdout == ""


def test_batch_writes_one_json_line_per_non_empty_line_in_order():
    r = run("ask", "--batch", input="what does ERO do\n\n   \nice hockey scores\n?!\nwhat is hsi\n")
    assert r.exit_code == 0, r.output
    lines = r.stdout.splitlines()
    assert len(lines) == 4
    docs = [json.loads(line) for line in lines]
    assert [d["query"] for d in docs] == ["what does ERO do", "ice hockey scores", "?!", "what is hsi"]
    assert [d["matched"] for d in docs] == [True, False, False, True]
    assert docs[3]["results"][0]["id"] == "hsi-role"


def test_batch_rejects_a_query_argument():
    assert run("ask", "--batch", "x", input="y\n").exit_code == ExitCode.USAGE


def test_list_groups_by_topic_with_ids():
    r = run("list")
    assert r.exit_code == 0
    assert r.stdout.splitlines()[0] == "The basics (basics)"
    assert "  local-police  What is the 287(g) program?" in r.stdout
    r = run("list", "--topic", "work")
    assert "hsi-role" not in r.stdout and "local-police" in r.stdout


def test_list_json_and_unknown_topic():
    doc = json.loads(run("list", "--json").stdout)
    assert doc[0] == {"id": "ero-role", "topic": "basics", "question": "What does Enforcement and Removal Operations (ERO) do?"}
    r = run("list", "--topic", "nope")
    assert r.exit_code == ExitCode.USAGE and "basics, work" in r.stderr


def test_show_and_unknown_id():
    r = run("show", "hsi-role")
    assert r.exit_code == 0 and "[2] The Statute Book. Example Congress." in r.stdout
    doc = json.loads(run("show", "--json", "hsi-role").stdout)
    assert set(doc) == ENTRY_KEYS
    r = run("show", "hsi-rol")
    assert r.exit_code == ExitCode.NOT_FOUND
    assert "did you mean: hsi-role" in r.stderr and r.stdout == ""


def test_topics_and_sources():
    assert json.loads(run("topics", "--json").stdout) == [
        {"id": "basics", "title": "The basics", "count": 2},
        {"id": "work", "title": "Day-to-day work", "count": 1},
    ]
    src = json.loads(run("sources", "--json").stdout)
    law = next(s for s in src if s["id"] == "law-book")
    assert set(law) == SOURCE_KEYS | {"cited_by"}
    assert law["cited_by"] == ["hsi-role", "local-police"] and law["url"] is None
    assert "cited by: hsi-role, local-police" in run("sources").stdout


def test_validate_clean_and_broken(write, mini_text):
    r = run("validate", str(MINI), data=None)
    assert r.exit_code == 0 and "OK: 3 entries, 0 error(s)" in r.stdout
    bad = write(mini_text.replace("sources: [ero-page]", "sources: [nope]"))
    r = run("validate", bad, data=None)
    assert r.exit_code == 1
    assert f"{bad}:" in r.stdout and "(entry ero-role): unknown source 'nope'" in r.stdout
    doc = json.loads(run("validate", "--json", bad, data=None).stdout)
    assert set(doc) == {"ok", "path", "entries", "problems"} and doc["ok"] is False
    assert set(doc["problems"][0]) == {"severity", "line", "entry", "message"}


def test_validate_uses_data_option():
    assert "mini.yaml: OK" in run("validate").stdout


@pytest.mark.parametrize("command", [["ask", "x"], ["list"], ["show", "x"], ["topics"], ["sources"], []])
def test_unusable_data_exits_2_with_location_and_no_traceback(write, command):
    bad = write("schema: 1\ntitle: x\ntopics: [\n")
    r = run(*command, data=bad)
    assert r.exit_code == ExitCode.USAGE
    assert f"{bad}:" in r.stderr and "YAML syntax error" in r.stderr
    assert "Traceback" not in r.output and r.stdout == ""


def test_missing_data_file(tmp_path):
    r = run("list", data=str(tmp_path / "nope.yaml"))
    assert r.exit_code == ExitCode.USAGE and "no such file" in r.stderr


def test_icefaq_data_environment_variable(monkeypatch):
    monkeypatch.setenv("ICEFAQ_DATA", str(MINI))
    r = runner.invoke(app, ["list", "--json"])
    assert len(json.loads(r.stdout)) == 3


def test_no_arguments_prints_orientation():
    r = run()
    assert r.exit_code == 0
    assert "Mini: test knowledge base" in r.stdout
    assert 'icefaq ask "what does ERO do"' in r.stdout
    assert "basics" in r.stdout and "work" in r.stdout


def test_version():
    import icefaq

    r = run("--version", data=None)
    assert r.stdout.strip() == f"icefaq {icefaq.__version__}"


@pytest.mark.parametrize("command", ["ask", "list", "show", "topics", "sources", "validate"])
@pytest.mark.parametrize("flag", ["-h", "--help"])
def test_every_command_has_help_with_examples(command, flag):
    r = run(command, flag, data=None)
    assert r.exit_code == 0
    assert "Example" in r.stdout and f"icefaq {command}" in r.stdout


def test_top_level_help_lists_commands():
    r = run("--help", data=None)
    for command in ("ask", "list", "show", "topics", "sources", "validate", "--data", "--install-completion"):
        assert command in r.stdout


@pytest.mark.parametrize("args", [["ask", "what does ERO do"], ["show", "hsi-role"], ["list"], ["topics"], ["sources"], ["validate"]])
def test_rich_and_markdown_formats(args):
    rich = run(*args[:1], "--format", "rich", *args[1:])
    assert rich.exit_code == 0, rich.output
    md = run(*args[:1], "--format", "markdown", *args[1:])
    assert md.exit_code == 0, md.output
    if args[0] in ("ask", "show"):
        assert "╭" in rich.stdout and "Want to dive deeper?" in rich.stdout
        assert md.stdout.startswith("#") and "# Sources\n" in md.stdout and "<https://example.org/" in md.stdout


def test_completion_of_ids_and_topics(monkeypatch):
    from icefaq import cli

    monkeypatch.setenv("ICEFAQ_DATA", str(MINI))
    assert cli._complete_ids("hsi") == ["hsi-role"]
    assert cli._complete_topics("w") == ["work"]
    monkeypatch.setenv("ICEFAQ_DATA", "/nonexistent.yaml")
    assert cli._complete_ids("") == []
