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
