"""The real entry point, in process: every way out of a command becomes the documented exit status."""

from __future__ import annotations

import json

import pytest

import icefaq.match
from icefaq.cli import ExitCode, main
from icefaq.errors import DataError, IcefaqError, QueryError
from icefaq.model import Problem, Severity

from .conftest import MINI


@pytest.fixture(autouse=True)
def mini(monkeypatch):
    monkeypatch.setenv("ICEFAQ_DATA", str(MINI))


def _raise(exc: BaseException):
    def body(*args, **kwargs):
        raise exc

    return body


@pytest.mark.parametrize(
    ("exc", "code", "stderr"),
    [
        (IcefaqError("the core gave up; try again"), ExitCode.USAGE, "icefaq: the core gave up; try again\n"),
        (QueryError("the question is empty"), ExitCode.USAGE, "icefaq: the question is empty\n"),
        (KeyboardInterrupt(), ExitCode.INTERRUPTED, "\n"),
        (DataError([Problem(Severity.ERROR, "broken", "kb.yaml", 3)]), ExitCode.USAGE, "icefaq: kb.yaml:3: error: broken\n"),
    ],
    ids=["IcefaqError", "QueryError", "KeyboardInterrupt", "DataError"],
)
def test_a_stray_exception_from_the_core_becomes_its_exit_status(exc, code, stderr, monkeypatch, capsys):
    monkeypatch.setattr(icefaq.match, "ask", _raise(exc))
    assert main(["ask", "what does ERO do"]) == code
    got = capsys.readouterr()
    assert got.out == ""
    assert got.err.startswith(stderr)


def test_an_unusable_knowledge_base_lists_at_most_20_problems(monkeypatch, capsys):
    problems = [Problem(Severity.ERROR, f"p{i}", "kb.yaml", i) for i in range(25)]
    monkeypatch.setattr("icefaq.index.load_compiled", _raise(DataError(problems)))
    assert main(["list"]) == ExitCode.USAGE
    err = capsys.readouterr().err.splitlines()
    assert err[0] == "icefaq: kb.yaml:0: error: p0" and err[19] == "icefaq: kb.yaml:19: error: p19"
    assert err[20] == "icefaq: ... and 5 more"
    assert err[21] == "icefaq: the knowledge base cannot be used; run 'icefaq validate' for the full report"


def test_bugs_are_not_hidden(monkeypatch):
    monkeypatch.setattr(icefaq.match, "ask", _raise(ZeroDivisionError("a bug")))
    with pytest.raises(ZeroDivisionError):
        main(["ask", "x"])


@pytest.mark.parametrize(
    ("argv", "code"),
    [
        (["ask", "what does ERO do"], ExitCode.OK),
        (["ask", "how do I make ice cubes"], ExitCode.NOT_FOUND),
        (["show", "nope"], ExitCode.NOT_FOUND),
        (["list", "--topic", "nope"], ExitCode.USAGE),
        (["ask", "--top", "0", "x"], ExitCode.USAGE),
        (["validate", "/nonexistent.yaml"], ExitCode.NOT_FOUND),
        (["--version"], ExitCode.OK),
        (["--help"], ExitCode.OK),
    ],
)
def test_exit_statuses(argv, code, capsys):
    assert main(argv) == code


def test_top_never_returns_matches_below_the_bar(capsys):
    # The other entries score far below the bar: shown with --min-score 0, never by --top alone.
    assert main(["ask", "--json", "--top", "3", "--min-score", "0", "who carries out deportations"]) == 0
    everything = json.loads(capsys.readouterr().out)["results"]
    assert [r["id"] for r in everything][0] == "ero-role" and len(everything) == 3 and everything[1]["score"] < 0.4
    assert main(["ask", "--json", "--top", "3", "who carries out deportations"]) == 0
    confident = json.loads(capsys.readouterr().out)["results"]
    assert [r["id"] for r in confident] == ["ero-role"]


def test_top_keeps_every_confident_match_in_order(capsys):
    assert main(["ask", "--json", "--top", "3", "--min-score", "0", "what does hsi or ero do"]) == 0
    results = json.loads(capsys.readouterr().out)["results"]
    scores = [r["score"] for r in results]
    assert len(results) >= 2 and scores == sorted(scores, reverse=True)
    assert main(["ask", "--json", "--top", "1", "--min-score", "0", "what does hsi or ero do"]) == 0
    assert [r["id"] for r in json.loads(capsys.readouterr().out)["results"]] == [results[0]["id"]]
