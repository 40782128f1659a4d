"""Shared fixtures: every test runs with its own cache directory and no ambient configuration."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from hypothesis import settings

settings.register_profile("ci", max_examples=200, derandomize=True)
settings.register_profile("fuzz", max_examples=int(os.environ.get("ICEFAQ_FUZZ_EXAMPLES", "25000")))
settings.load_profile("fuzz" if os.environ.get("ICEFAQ_FUZZ") else "ci")

DATA = Path(__file__).parent / "data"
MINI = DATA / "mini.yaml"
REPO = Path(__file__).resolve().parents[1]


@pytest.fixture(autouse=True)
def isolate_env(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    cache = tmp_path / "cache"
    monkeypatch.setenv("XDG_CACHE_HOME", str(cache))
    for var in ("ICEFAQ_DATA", "ICEFAQ_NO_CACHE", "NO_COLOR", "FORCE_COLOR"):
        monkeypatch.delenv(var, raising=False)
    monkeypatch.setenv("COLUMNS", "80")
    return cache


@pytest.fixture()
def mini_text() -> str:
    return MINI.read_text(encoding="utf-8")


@pytest.fixture()
def write(tmp_path: Path):
    """Write text (or bytes) to a file in tmp_path and return its path as str."""

    def _write(content: str | bytes, name: str = "kb.yaml") -> str:
        p = tmp_path / name
        if isinstance(content, bytes):
            p.write_bytes(content)
        else:
            p.write_text(content, encoding="utf-8")
        return str(p)

    return _write
