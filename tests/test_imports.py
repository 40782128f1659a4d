"""Architecture: the core imports neither typer nor rich, and the package runs as a module."""

from __future__ import annotations

import subprocess
import sys

from .conftest import REPO

ENV = {"PYTHONPATH": str(REPO / "src")}


def run_py(code: str) -> str:
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=ENV, check=True)
    return out.stdout


def test_core_does_not_import_cli_libraries():
    loaded = run_py(
        "import sys, icefaq, icefaq.match, icefaq.knowledge, icefaq.index, icefaq.render.text, icefaq.render.data;"
        "print(' '.join(sorted(sys.modules)))"
    ).split()
    assert "typer" not in loaded and "rich" not in loaded and "click" not in loaded
    assert "icefaq.cli" not in loaded


def test_model_has_no_third_party_imports():
    loaded = run_py("import sys, icefaq.model; print(' '.join(sorted(sys.modules)))").split()
    assert not {"yaml", "rapidfuzz", "typer", "rich"} & set(loaded)


def test_python_dash_m_help():
    out = subprocess.run([sys.executable, "-m", "icefaq", "--help"], capture_output=True, text=True, env=ENV)
    assert out.returncode == 0 and "ask" in out.stdout


def test_library_api():
    code = "import icefaq; kb = icefaq.load(); a = icefaq.ask('what does ERO do', kb); print(a.matches[0].entry.id)"
    assert run_py(code).strip() == "ero-role"


FAST_ARGVS = [
    ["ask", "what does ERO do"],
    ["ask", "--json", "--top", "3", "--", "what does ERO do"],
    ["--help"],
    ["ask", "--help"],
    ["validate"],
    ["show", "ero-role"],
    ["list", "--topic", "nope"],
    ["ask", "--top", "0", "x"],
    ["bogus"],
    [],
]


def test_every_common_invocation_runs_without_typer_click_or_rich():
    # The reason the fast path exists: typer (with pydantic) costs several times the whole answer.
    code = (
        "import sys, io, contextlib; from icefaq.cli import main\n"
        f"for argv in {FAST_ARGVS!r}:\n"
        "    with contextlib.redirect_stdout(io.StringIO()), contextlib.redirect_stderr(io.StringIO()):\n"
        "        main(argv)\n"
        "print(' '.join(sorted(sys.modules)))"
    )
    loaded = set(run_py(code).split())
    assert not {"typer", "click", "rich", "pydantic"} & loaded, sorted(
        m for m in loaded if m.split(".")[0] in {"typer", "click", "rich", "pydantic"}
    )
    assert "icefaq.cli.typer_app" not in loaded


def test_the_rich_format_needs_neither_rich_nor_typer():
    code = (
        "import sys, io, contextlib; from icefaq.cli import main\n"
        "with contextlib.redirect_stdout(io.StringIO()):\n"
        "    main(['ask', '--format', 'rich', 'what does ERO do'])\n"
        "print(' '.join(sorted(sys.modules)))"
    )
    loaded = set(run_py(code).split())
    assert "icefaq.render.terminal" in loaded and not {"rich", "typer", "click"} & loaded


def _imports(path):
    """The icefaq modules a source file imports (absolute names), at any depth of the file."""
    import ast

    tree = ast.parse(path.read_text(encoding="utf-8"))
    package = ".".join(path.relative_to(REPO / "src").with_suffix("").parts)
    found = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom):
            base = package.split(".")[: -node.level] if node.level else []
            mod = ".".join([*base, *(node.module.split(".") if node.module else [])])
            found.add(mod)
            found.update(f"{mod}.{a.name}" for a in node.names)
        elif isinstance(node, ast.Import):
            found.update(a.name for a in node.names)
    return found


def test_imports_flow_one_way():
    src = REPO / "src" / "icefaq"
    third_party_ui = {"typer", "click"}
    for path in src.rglob("*.py"):
        imported = _imports(path)
        name = ".".join(path.relative_to(REPO / "src").with_suffix("").parts)
        if not name.startswith("icefaq.cli") and name != "icefaq.__main__":
            assert not any(m.startswith("icefaq.cli") for m in imported), f"{name} imports the CLI"
        if name != "icefaq.cli.typer_app":
            assert not {m.split(".")[0] for m in imported} & third_party_ui, f"{name} imports typer/click"
    # Inside the CLI: each module imports only modules listed before it (typer_app last; entry only reaches it lazily).
    order = ["spec", "exits", "helptext", "parse", "reports", "commands", "complete", "typer_app", "entry", "__init__"]
    for i, module in enumerate(order):
        imported = {m.split(".")[2] for m in _imports(src / "cli" / f"{module}.py") if m.startswith("icefaq.cli.")}
        assert imported <= set(order[:i]) | {"spec"} - {module}, (module, imported - set(order[:i]))
