"""Start-up benchmark: wall time of icefaq commands as a ratio of `python -c pass`.

Usage: python bench/startup.py [--runs 7] [--sizes 10000] [--big 100000]

One run of this script measures everything on one machine, so the ratios compare like with like. Each
command runs --runs times; the median is reported. Also measured: a straightforward typer + rich + yaml +
rapidfuzz script doing the same job (parse YAML, fuzzy-match, print) and, for synthetic knowledge bases
selected by ICEFAQ_DATA, the first run after the data changed (cold cache) against one libyaml parse of
the file, and later runs (warm cache) of every invocation. Each row shows its goal and whether it is met.
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "bench"))
import synth  # noqa: E402

NAIVE = """
import sys, typer, yaml
from rapidfuzz import process, fuzz
from rich.console import Console
app = typer.Typer()
@app.command()
def ask(q: str):
    data = yaml.safe_load(open(sys.argv[1] if False else "%s"))
    texts = [(e["question"], e) for e in data["entries"]]
    best = process.extractOne(q, [t for t, _ in texts], scorer=fuzz.WRatio)
    e = texts[best[2]][1]
    Console().print(e["question"]); Console().print(e["answer"])
app()
"""


def timed(cmd: list[str], env: dict[str, str], runs: int) -> float:
    times = []
    for _ in range(runs):
        t = time.perf_counter()
        subprocess.run(cmd, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=False)
        times.append(time.perf_counter() - t)
    return statistics.median(times)


def _budget(ratio: float, goal: float | None) -> str:
    if goal is None:
        return ""
    return f"≤{goal:g}x {'ok' if ratio <= goal else 'MISSED'}"


def invocations(exe: str, entry: str, query: str) -> list[tuple[str, list[str], dict[str, str], float | None]]:
    """(label, argv, extra environment, goal as a ratio to python -c pass) for every path the goals name."""
    comp = {"_ICEFAQ_COMPLETE": "complete_bash", "COMP_WORDS": f"icefaq show {entry[:3]}", "COMP_CWORD": "2"}
    return [
        (f'ask "{query}" (plain, piped)', [exe, "ask", query], {}, 5),
        (f'ask --format rich "{query}"', [exe, "ask", "--format", "rich", query], {}, 8),
        ("--help", [exe, "--help"], {}, 6),
        ("ask --help", [exe, "ask", "--help"], {}, 6),
        ("validate", [exe, "validate"], {}, 6),
        (f'ask -- "{query}"', [exe, "ask", "--", query], {}, 6),
        (f'ask --top 3 "{query}"', [exe, "ask", "--top", "3", query], {}, 6),
        (f'ask --json "{query}"', [exe, "ask", "--json", query], {}, 6),
        (f"show {entry}", [exe, "show", entry], {}, 6),
        ("list", [exe, "list"], {}, 6),
        ("topics", [exe, "topics"], {}, 6),
        ("sources", [exe, "sources"], {}, 6),
        (f"completion of ids (show {entry[:3]}<TAB>, bash)", [exe], comp, 8),
    ]


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--runs", type=int, default=7)
    ap.add_argument("--sizes", type=int, nargs="*", default=[10000])
    ap.add_argument("--big", type=int, default=0, help="also time a knowledge base this large (e.g. 100000)")
    args = ap.parse_args()
    exe = shutil.which("icefaq") or sys.exit("icefaq is not installed")
    tmp = Path(tempfile.mkdtemp())
    env = {**os.environ, "XDG_CACHE_HOME": str(tmp / "cache")}
    env.pop("ICEFAQ_DATA", None)
    # Measure what an installed tool costs: modules compiled once and read from __pycache__ afterwards
    # (a shell with PYTHONDONTWRITEBYTECODE set would otherwise recompile every module on every run).
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    base = timed([sys.executable, "-c", "pass"], env, args.runs)
    rows = invocations(exe, "ero-role", "what does ERO do")
    for _, cmd, extra, _ in rows:  # the caches and __pycache__
        subprocess.run(cmd, env={**env, **extra}, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=False)
    naive_py = tmp / "naive.py"
    naive_py.write_text(NAIVE % (ROOT / "data" / "faq.yaml"))
    print(f"python -c pass: {base * 1000:.1f} ms (median of {args.runs})\n")
    print("| command | median ms | x python -c pass | goal |\n|---|---:|---:|---|")
    for label, cmd, extra, goal in rows:
        t = timed(cmd, {**env, **extra}, args.runs)
        print(f"| icefaq {label} | {t * 1000:.0f} | {t / base:.1f}x | {_budget(t / base, goal)} |")
    t = timed([sys.executable, str(naive_py), "what does ERO do"], env, args.runs)
    print(f"| straightforward typer+rich+yaml+rapidfuzz script | {t * 1000:.0f} | {t / base:.1f}x | |")
    for n in args.sizes + ([args.big] if args.big else []):
        path = tmp / f"synth-{n}.yaml"
        synth.write(n, str(path))
        once = n > 20000
        parse = timed([sys.executable, "-c", f"import yaml; yaml.load(open('{path}'), Loader=yaml.CSafeLoader)"], env, 1 if once else 3)
        senv = {**env, "ICEFAQ_DATA": str(path)}
        query = f"what is the {synth.keyword(n // 2)} rule"
        colds = []
        for _ in range(1 if once else 3):
            shutil.rmtree(tmp / "cache", ignore_errors=True)
            t = time.perf_counter()
            subprocess.run([exe, "ask", query], env=senv, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=False)
            colds.append(time.perf_counter() - t)
        cold = statistics.median(colds)
        out = subprocess.run([exe, "ask", "--json", query], env=senv, capture_output=True, text=True).stdout
        found = f'"id": "e{n // 2}"' in out
        print(
            f"\n{n} entries ({path.stat().st_size / 1e6:.0f} MB): libyaml parse {parse * 1000:.0f} ms; "
            f"first run {cold * 1000:.0f} ms ({cold / parse:.2f}x the parse; goal ≤1.5x); right entry found: {found}\n"
        )
        print("| later runs | median ms | x python -c pass | goal |\n|---|---:|---:|---|")
        for label, cmd, extra, _ in invocations(exe, f"e{n // 2}", query):
            subprocess.run(cmd, env={**senv, **extra}, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=False)
            t = timed(cmd, {**senv, **extra}, 3 if once else args.runs)
            print(f"| icefaq {label} | {t * 1000:.0f} | {t / base:.1f}x | {_budget(t / base, 5)} |")
    shutil.rmtree(tmp, ignore_errors=True)


if __name__ == "__main__":
    main()
