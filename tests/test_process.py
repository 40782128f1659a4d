"""True subprocess runs: pipes, stdin, exit codes, encodings, terminals and hostile input."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time

import pytest

from .conftest import MINI, REPO

BASE_ENV = {"PATH": os.environ.get("PATH", "/usr/bin:/bin"), "PYTHONPATH": str(REPO / "src"), "HOME": os.environ.get("HOME", "/tmp")}


def icefaq(*args: str, input: bytes | str | None = None, env: dict[str, str] | None = None, timeout: float = 30):
    full_env = {**BASE_ENV, **(env or {})}
    data = input.encode() if isinstance(input, str) else input
    return subprocess.run([sys.executable, "-m", "icefaq", *args], input=data, capture_output=True, env=full_env, timeout=timeout)


@pytest.fixture(autouse=True)
def private_cache(tmp_path, monkeypatch):
    BASE_ENV["XDG_CACHE_HOME"] = str(tmp_path / "cache")


def no_traceback(r) -> None:
    assert b"Traceback" not in r.stderr, r.stderr.decode(errors="replace")


def test_piped_output_is_plain_and_exit_codes_hold():
    r = icefaq("ask", "what does ERO do")
    assert r.returncode == 0 and b"\x1b" not in r.stdout
    assert r.stdout.startswith(b"What does Enforcement and Removal Operations (ERO) do?")
    r = icefaq("ask", "how do i make ice cubes")
    assert r.returncode == 1 and r.stdout == b"" and b"No confident match" in r.stderr
    r = icefaq("ask", "--top", "0", "x")
    assert r.returncode == 2 and r.stdout == b""


def test_stdin_query_and_batch():
    r = icefaq("ask", "--json", input="what is 287(g)?\n")
    assert json.loads(r.stdout)["results"][0]["id"] == "287g"
    r = icefaq("ask", "--batch", input="what does ERO do\n\nice hockey\n")
    lines = r.stdout.decode().splitlines()
    assert r.returncode == 0 and len(lines) == 2
    assert [json.loads(line)["matched"] for line in lines] == [True, False]


def test_closed_pipe_is_quiet():
    env = {**BASE_ENV}
    p = subprocess.run(f"'{sys.executable}' -m icefaq list | head -1", shell=True, capture_output=True, env=env, timeout=30)
    assert p.stdout.count(b"\n") == 1
    assert p.stderr == b"", p.stderr


def test_closed_pipe_on_a_long_batch_is_quiet():
    queries = "what does ERO do\n" * 3000
    p = subprocess.run(
        f"'{sys.executable}' -m icefaq ask --batch | head -c 100",
        shell=True,
        input=queries.encode(),
        capture_output=True,
        env=BASE_ENV,
        timeout=120,
    )
    assert p.stderr == b"", p.stderr


def test_ctrl_c_exits_130_quietly():
    p = subprocess.Popen(
        [sys.executable, "-m", "icefaq", "ask", "--batch"],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        env=BASE_ENV,
    )
    time.sleep(1.5)  # let it start and block on stdin
    p.send_signal(signal.SIGINT)
    out, err = p.communicate(timeout=30)
    assert p.returncode == 130
    assert b"Traceback" not in err and b"KeyboardInterrupt" not in err


@pytest.mark.parametrize(
    "env",
    [
        {"LC_ALL": "C", "LANG": "C"},
        {"PYTHONIOENCODING": "cp1252"},
        {"PYTHONIOENCODING": "ascii"},
        {"TERM": "dumb"},
        {"NO_COLOR": "1", "TERM": "xterm-256color"},
    ],
)
def test_environments_never_crash(env):
    for args in (["show", "sensitive-locations"], ["ask", "--format", "rich", "ice vs cbp"], ["sources"], ["ask", "--json", "détention"]):
        r = icefaq(*args, env=env)
        no_traceback(r)
        assert r.returncode in (0, 1), (args, r.stderr)
        assert r.stdout


def test_non_ascii_degrades_under_cp1252():
    r = icefaq("--data", str(MINI), "ask", "–" * 3 + " what does ERO do ✓", env={"PYTHONIOENCODING": "cp1252"})
    assert r.returncode == 0
    no_traceback(r)


def test_undecodable_bytes_in_argv():
    r = subprocess.run([sys.executable, "-m", "icefaq", "ask", b"what does \xff\xfe ERO do"], capture_output=True, env=BASE_ENV, timeout=30)
    no_traceback(r)
    assert r.returncode in (0, 1, 2)


def test_huge_queries_are_fast_and_clean():
    big = "what does ERO do " * 6000  # about 100 KB in argv
    start = time.perf_counter()
    r = icefaq("ask", "--json", big)
    assert r.returncode in (0, 1) and time.perf_counter() - start < 20
    no_traceback(r)
    r = icefaq("ask", "--json", "-", input="detainer " * 120000)  # about 1 MB on stdin
    assert r.returncode in (0, 1)
    no_traceback(r)


@pytest.mark.parametrize("query", ["🙂🙂", "\u200b\u200b", "?!?!", "   "])
def test_punctuation_emoji_and_invisible_queries_are_usage_errors(query):
    r = icefaq("ask", query)
    assert r.returncode == 2 and b"empty" in r.stderr
    no_traceback(r)


def test_bad_data_is_exit_2_with_location(tmp_path):
    bad = tmp_path / "bad file.yaml"
    bad.write_text("schema: 1\ntitle: x\ntopics:\n\t- id: a\n")
    r = icefaq("--data", str(bad), "ask", "x")
    assert r.returncode == 2 and f"{bad}:4".encode() in r.stderr and b"tab" in r.stderr
    no_traceback(r)


def test_validate_exit_codes(tmp_path):
    assert icefaq("validate", str(MINI)).returncode == 0
    bad = tmp_path / "bad.yaml"
    bad.write_text(MINI.read_text().replace("sources: [ero-page]", "sources: [nope]"))
    r = icefaq("validate", str(bad))
    assert r.returncode == 1 and b"unknown source 'nope'" in r.stdout
