"""The fast path parses the common invocations exactly as the typer app would, and leaves the rest to it."""

from __future__ import annotations

import pytest
from typer.testing import CliRunner

from icefaq import commands
from icefaq.cli import app

from .conftest import MINI

runner = CliRunner()

SAME = [
    ["ask", "what", "does", "ERO", "do"],
    ["ask", "--json", "287g"],
    ["ask", "--format=markdown", "hsi"],
    ["ask", "-f", "JSON", "--top", "3", "--min-score", "0", "what does hsi or ero do"],
    ["ask", "-n", "2", "--json", "ero"],
    ["ask", "ice hockey scores"],
    ["list"],
    ["list", "--topic", "work", "--json"],
    ["list", "-t", "nope"],
    ["show", "hsi-role"],
    ["show", "hsi-rol"],
    ["show", "--format", "markdown", "local-police"],
    ["topics", "--json"],
    ["sources"],
    ["--data", str(MINI), "list"],
]


@pytest.mark.parametrize("argv", SAME, ids=lambda a: " ".join(a))
def test_fast_path_matches_typer(argv, monkeypatch, capsys):
    monkeypatch.setenv("ICEFAQ_DATA", str(MINI))
    assert commands.parse_fast(argv) is not None
    code = commands.main(argv)
    fast = capsys.readouterr()
    slow = runner.invoke(app, argv)
    assert code == slow.exit_code
    assert fast.out == slow.stdout
    assert fast.err == slow.stderr


@pytest.mark.parametrize(
    "argv",
    [[], ["--help"], ["ask", "--help"], ["ask", "--top", "0", "x"], ["ask", "--top", "x", "y"], ["ask", "--format", "bogus", "x"],
     ["ask", "--min-score", "3", "x"], ["ask", "--bogus", "x"], ["show"], ["show", "a", "b"], ["list", "extra"], ["validate"],
     ["--version"], ["ask", "--", "-x"], ["ask", "--top"]],
    ids=lambda a: " ".join(a) or "(none)",
)
def test_everything_else_goes_to_typer(argv):
    assert commands.parse_fast(argv) is None
