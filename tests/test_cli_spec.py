"""spec.py is the one declaration: the typer app has exactly its options, and both paths agree on every one."""

from __future__ import annotations

import json
import os
import subprocess
import sys

import pytest
import typer
from typer.testing import CliRunner

from icefaq.cli import main, spec
from icefaq.cli.parse import Call, parse
from icefaq.cli.typer_app import app

from .conftest import MINI, REPO

runner = CliRunner()


@pytest.fixture()
def other_kb(tmp_path):
    """A knowledge base unlike MINI (title and a question differ), to tell --data from ICEFAQ_DATA."""
    path = tmp_path / "other.yaml"
    text = MINI.read_text(encoding="utf-8").replace("Mini: test knowledge base", "Other: a second knowledge base")
    text = text.replace("What is the 287(g) program?", "What is the 287(g) agreement program?")
    assert text != MINI.read_text(encoding="utf-8")
    path.write_text(text, encoding="utf-8")
    return str(path)


# Every declared option and argument is used at least once (test_every_declared_option_has_a_case).
CASES = [
    ["ask", "what", "does", "ERO", "do"],
    ["ask", "--json", "287g"],
    ["ask", "--format=markdown", "hsi"],
    ["ask", "-f", "JSON", "--top", "3", "--min-score", "0", "what does hsi or ero do"],
    ["ask", "-n", "2", "--json", "ero"],
    ["ask", "-n2", "--min-score=0.1", "--json", "ero"],
    ["ask", "ero", "--json", "--top", "2"],
    ["ask", "--", "what does ERO do"],
    ["ask", "--json", "--", "-what", "is", "287g"],
    ["ask", "ice hockey scores"],
    ["ask", "--min-score", "0.99", "--json", "ero investigations"],
    ["ask", "   "],
    ["ask", "--batch", "x"],
    ["list"],
    ["list", "--topic", "work", "--json"],
    ["list", "-t", "basics", "--format", "plain"],
    ["list", "-t", "nope"],
    ["list", "--topic="],
    ["show", "hsi-role"],
    ["show", "hsi-rol"],
    ["show", "--format", "markdown", "local-police"],
    ["show", "--json", "ero-role"],
    ["topics", "--json"],
    ["topics", "-f", "markdown"],
    ["sources"],
    ["sources", "--json"],
    ["validate"],
    ["validate", str(MINI), "--json"],
    ["validate", "-f", "plain", str(MINI)],
    ["--version"],
    [],
    ["--data", "{other}", "list", "--json"],
    ["--data={other}", "ask", "--json", "what is the 287(g) agreement program"],
    ["--data", "{other}"],
    ["--data", "{other}", "validate"],
]

USAGE_ERRORS = [
    ["ask", "--top", "0", "x"],
    ["ask", "--top", "x", "y"],
    ["ask", "--top"],
    ["ask", "--format", "bogus", "x"],
    ["ask", "--min-score", "3", "x"],
    ["ask", "--bogus", "x"],
    ["ask", "--json=yes", "x"],
    ["ask", "--data", "x", "y"],
    ["show"],
    ["show", "a", "b"],
    ["list", "extra"],
    ["validate", "a", "b"],
    ["bogus"],
    ["--bogus"],
    ["--data"],
]

HELP = [
    ["--help"],
    ["-h"],
    *([c.name, flag] for c in spec.COMMANDS for flag in ("-h", "--help")),
    ["ask", "x", "--help"],
    ["--help", "ask"],
]


def _fill(argv: list[str], other: str) -> list[str]:
    return [a.replace("{other}", other) for a in argv]


def _fast(argv, capsys):
    code = main(argv)
    got = capsys.readouterr()
    return code, got.out, got.err


@pytest.mark.parametrize("argv", CASES, ids=lambda a: " ".join(a) or "(none)")
def test_both_paths_give_the_same_results(argv, other_kb, monkeypatch, capsys):
    monkeypatch.setenv("ICEFAQ_DATA", str(MINI))
    argv = _fill(argv, other_kb)
    code, out, err = _fast(argv, capsys)
    slow = runner.invoke(app, argv)
    assert (code, out, err) == (slow.exit_code, slow.stdout, slow.stderr)


def test_data_option_beats_the_environment(other_kb, monkeypatch, capsys):
    monkeypatch.setenv("ICEFAQ_DATA", str(MINI))
    _, from_env, _ = _fast(["list"], capsys)
    _, from_option, _ = _fast(["--data", other_kb, "list"], capsys)
    assert "What is the 287(g) program?" in from_env
    assert "What is the 287(g) agreement program?" in from_option and from_option != from_env
    _, orientation, _ = _fast(["--data", other_kb], capsys)
    assert "Other: a second knowledge base" in orientation


def test_every_declared_option_has_a_case():
    used = {a.split("=")[0] for argv in CASES for a in argv}
    for cmd in (spec.ROOT, *spec.COMMANDS):
        for opt in cmd.opts:
            if not opt.typer_only:
                assert used & set(opt.flags), f"{cmd.name} {opt.flags} has no case in CASES"
                for flag in opt.flags:  # and each spelling, somewhere
                    assert any(
                        a == flag or a.startswith(flag + "=") or (len(flag) == 2 and a.startswith(flag)) for argv in CASES for a in argv
                    ), flag
        assert any(argv[:1] == [cmd.name] for argv in CASES) or cmd is spec.ROOT


@pytest.mark.parametrize("argv", USAGE_ERRORS, ids=" ".join)
def test_usage_errors_exit_2_on_both_paths(argv, monkeypatch, capsys):
    monkeypatch.setenv("ICEFAQ_DATA", str(MINI))
    code, out, err = _fast(argv, capsys)
    slow = runner.invoke(app, argv)
    assert code == slow.exit_code == 2, (err, slow.output)
    assert out == slow.stdout == ""
    assert err.startswith("Usage: icefaq") and "\nError: " in err
    assert "Error: " in slow.stderr


@pytest.mark.parametrize("argv", HELP, ids=" ".join)
def test_help_on_both_paths_names_the_same_options(argv, capsys):
    code, out, err = _fast(argv, capsys)
    slow = runner.invoke(app, argv)
    assert code == slow.exit_code == 0 and err == ""
    cmd = spec.BY_NAME.get(argv[0], spec.ROOT)
    for flag in [f for o in cmd.opts for f in o.flags] + list(spec.HELP_FLAGS):
        assert flag in out and flag in slow.stdout, flag
    assert out.splitlines()[0].split()[:3] == slow.stdout.splitlines()[0].split()[:3]  # Usage: icefaq [COMMAND]
    assert "Example" in out


@pytest.mark.parametrize(
    ("argv", "expected"),
    [
        (["ask", "a", "-n", "3", "b"], {"query": ["a", "b"], "top": 3}),
        (["ask", "-n3", "--", "-x", "--json"], {"query": ["-x", "--json"], "top": 3, "json_": False}),
        (["ask", "--top", "1", "--top", "2", "q"], {"top": 2}),
        (["ask", "-", "--min-score", "0.25"], {"query": ["-"], "min_score": 0.25}),
        (["ask"], {"query": None, "batch": False}),
        (["list", "-tbasics"], {"topic": "basics"}),
        (["show", "--format", "RICH", "x"], {"entry_id": "x", "fmt": spec.FORMAT.choices("rich")}),
        (["validate"], {"path": None}),
    ],
)
def test_parse_table(argv, expected):
    call = parse(argv)
    assert call.action == "run"
    for key, value in expected.items():
        assert call.values[key] == value, key


def test_parse_actions(monkeypatch):
    monkeypatch.setenv("ICEFAQ_DATA", "/from/env.yaml")
    assert parse([]).action == "orientation" and parse([]).data == "/from/env.yaml"
    assert parse(["--data", "/x.yaml", "list"]).data == "/x.yaml"
    assert parse(["--data", "", "list"]).data is None
    assert parse(["--version", "bogus"]).action == "version"
    assert parse(["ask", "x", "-h"]).action == "help"
    assert parse(["--install-completion"]).action == "typer"
    assert parse(["--show-completion", "bash"]).action == "typer"
    assert isinstance(parse(["sources"]), Call)


# --------------------------------------------------------------------------- the typer app is spec


def _params(command: object) -> tuple[dict[tuple[str, ...], object], list[object]]:
    params = getattr(command, "params", [])
    options = {tuple(sorted(p.opts + p.secondary_opts)): p for p in params if p.param_type_name == "option"}
    arguments = [p for p in params if p.param_type_name == "argument"]
    return options, arguments


def _bounds_and_choices(param: object) -> tuple[object, object, object]:
    """(min, max, choices) of a parameter, from typer's type descriptor (typer >= 0.29) or click's type."""
    desc = getattr(param, "type_descriptor", None)
    if desc is not None:
        info = desc.parameter_info
        return info.min, info.max, tuple(desc.choices) if desc.choices else None
    kind = param.type  # click-based typer
    choices = getattr(kind, "choices", None)
    return getattr(kind, "min", None), getattr(kind, "max", None), tuple(choices) if choices else None


@pytest.mark.parametrize("cmd", [spec.ROOT, *spec.COMMANDS], ids=lambda c: c.name)
def test_typer_command_has_exactly_the_spec_options(cmd):
    group = typer.main.get_command(app)
    assert list(group.commands) == [c.name for c in spec.COMMANDS]
    command = group if cmd is spec.ROOT else group.commands[cmd.name]
    options, arguments = _params(command)
    declared = {tuple(sorted(o.flags)): o for o in cmd.opts}
    assert set(options) == set(declared)
    assert group.context_settings["help_option_names"] == list(spec.HELP_FLAGS)
    for flags, opt in declared.items():
        param = options[flags]
        assert param.name == opt.dest
        assert bool(param.is_flag) == (opt.kind == "flag")
        assert param.envvar == opt.envvar
        assert param.help == opt.help
        if opt.kind != "flag":
            assert param.default == opt.default
        lo, hi, choices = _bounds_and_choices(param)
        assert (lo, hi) == (opt.lo, opt.hi)
        if opt.kind == "choice":
            assert [getattr(c, "value", c) for c in choices] == [c.value for c in opt.choices]
    assert [a.name for a in arguments] == [a.dest for a in cmd.args]
    for param, arg in zip(arguments, cmd.args):
        assert param.required == arg.required
        assert param.nargs == (-1 if arg.many else 1)
        assert param.help == arg.help


def test_every_command_and_option_has_help():
    for cmd in (spec.ROOT, *spec.COMMANDS):
        assert "Example" in cmd.help and cmd.summary.endswith(".")
        assert all(o.help for o in cmd.opts) and all(a.help for a in cmd.args)


# --------------------------------------------------------------------------- completion


def _complete(env: dict[str, str], fast: bool) -> str:
    code = (
        "import sys; from icefaq.cli import main; sys.exit(main())"
        if fast
        else "from icefaq.cli.typer_app import app; app(prog_name='icefaq')"
    )
    full = {**os.environ, "PYTHONPATH": str(REPO / "src"), "ICEFAQ_DATA": str(MINI), **env}
    r = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=full, timeout=60)
    assert r.stderr == ""
    return r.stdout


@pytest.mark.parametrize(
    "env",
    [
        {"_ICEFAQ_COMPLETE": "complete_bash", "COMP_WORDS": "icefaq show hs", "COMP_CWORD": "2"},
        {"_ICEFAQ_COMPLETE": "complete_bash", "COMP_WORDS": "icefaq show ", "COMP_CWORD": "2"},
        {"_ICEFAQ_COMPLETE": "complete_bash", "COMP_WORDS": "icefaq show --json l", "COMP_CWORD": "3"},
        {"_ICEFAQ_COMPLETE": "complete_bash", "COMP_WORDS": "icefaq list --topic w", "COMP_CWORD": "3"},
        {"_ICEFAQ_COMPLETE": "complete_bash", "COMP_WORDS": "icefaq show zz", "COMP_CWORD": "2"},
        {"_ICEFAQ_COMPLETE": "complete_bash", "COMP_WORDS": "icefaq sh", "COMP_CWORD": "1"},
        {"_ICEFAQ_COMPLETE": "complete_bash", "COMP_WORDS": "icefaq ask --", "COMP_CWORD": "2"},
        {"_ICEFAQ_COMPLETE": "complete_zsh", "_TYPER_COMPLETE_ARGS": "icefaq show h"},
        {"_ICEFAQ_COMPLETE": "complete_zsh", "_TYPER_COMPLETE_ARGS": "icefaq show "},
        {"_ICEFAQ_COMPLETE": "complete_zsh", "_TYPER_COMPLETE_ARGS": "icefaq show zz"},
    ],
    ids=lambda e: e.get("COMP_WORDS") or e.get("_TYPER_COMPLETE_ARGS"),
)
def test_completion_matches_typer(env):
    assert _complete(env, fast=True) == _complete(env, fast=False)


def test_completion_of_ids_is_served_without_typer():
    env = {**os.environ, "PYTHONPATH": str(REPO / "src"), "ICEFAQ_DATA": str(MINI)}
    env.update({"_ICEFAQ_COMPLETE": "complete_bash", "COMP_WORDS": "icefaq show hs", "COMP_CWORD": "2"})
    code = "import sys; from icefaq.cli import main; main(); print(); print(sorted(m for m in sys.modules if m.split('.')[0] in ('typer', 'click', 'rich')))"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=env, timeout=60).stdout
    assert out.splitlines()[0] == "hsi-role"
    assert out.splitlines()[-1] == "[]"


def test_json_on_the_typer_path_is_json(monkeypatch):
    monkeypatch.setenv("ICEFAQ_DATA", str(MINI))
    assert json.loads(runner.invoke(app, ["topics", "--json"]).stdout)[0]["id"] == "basics"
