"""Every view in every format, byte for byte, through the real entry point, on the mini knowledge base.

Rich output is rendered with colour forced on, so styles are part of what is compared. To regenerate on purpose
(after a deliberate change of the output): ICEFAQ_REGOLD=1 pytest tests/test_golden.py, then review the diff.
"""

from __future__ import annotations

import os

import pytest

from icefaq.cli import main
from icefaq.model import Problem, Severity
from icefaq.render import data as jsonview
from icefaq.render import text as textview

from .conftest import DATA, MINI

GOLDEN = DATA / "golden" / "views"
REGOLD = bool(os.environ.get("ICEFAQ_REGOLD"))

VIEWS = {
    "ask": ["ask", "what does ERO do"],
    "ask-top": ["ask", "--top", "3", "--min-score", "0", "what does hsi or ero do"],
    "show": ["show", "hsi-role"],
    "show-local-police": ["show", "local-police"],
    "list": ["list"],
    "list-topic": ["list", "--topic", "work"],
    "topics": ["topics"],
    "sources": ["sources"],
}
FORMATS = {"plain": "txt", "markdown": "md", "json": "json", "rich": "ansi"}


@pytest.fixture()
def terminal(monkeypatch):
    monkeypatch.setenv("ICEFAQ_DATA", str(MINI))
    monkeypatch.setenv("COLUMNS", "80")
    monkeypatch.setenv("LINES", "40")
    monkeypatch.setenv("FORCE_COLOR", "1")
    monkeypatch.setenv("TERM", "xterm-256color")
    monkeypatch.delenv("COLORTERM", raising=False)


def _compare(name: str, got: str) -> None:
    path = GOLDEN / name
    if REGOLD:
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(got, encoding="utf-8")
    assert path.exists(), f"no golden file {path}; run ICEFAQ_REGOLD=1 pytest {__file__}"
    assert got == path.read_text(encoding="utf-8"), f"{name} changed; if on purpose, regenerate (see module docstring)"


@pytest.mark.parametrize("fmt", FORMATS)
@pytest.mark.parametrize("view", VIEWS)
def test_view(view, fmt, terminal, capsys):
    argv = VIEWS[view]
    assert main([argv[0], "--format", fmt, *argv[1:]]) == 0
    got = capsys.readouterr()
    assert got.err == ""
    _compare(f"{view}.{FORMATS[fmt]}", got.out)


def test_no_match_goes_to_stderr(terminal, capsys):
    assert main(["ask", "how do I make ice cubes"]) == 1
    got = capsys.readouterr()
    assert got.out == ""
    _compare("no-match.stderr.txt", got.err)


PROBLEMS = (
    Problem(Severity.ERROR, "unknown source 'nope'", "kb.yaml", 12, "ero-role"),
    Problem(Severity.WARNING, "source 'x' is not cited by any entry", "kb.yaml"),
    Problem(Severity.WARNING, "reviewed date 2099-01-01 is in the future", "kb.yaml", 30, "hsi-role"),
)


@pytest.mark.parametrize("ok", [True, False])
def test_report(ok):
    problems = PROBLEMS[1:] if ok else PROBLEMS
    _compare(f"report-{ok}.txt", textview.report("kb.yaml", ok, 3, problems) + "\n")
    _compare(f"report-{ok}.json", jsonview.dumps(jsonview.report("kb.yaml", ok, 3, problems)) + "\n")
    from icefaq.render import terminal

    _compare(f"report-{ok}.ansi", terminal.report(terminal.Term(80, True), "kb.yaml", ok, 3, problems) + "\n")
