"""Start-up benchmark: wall time of icefaq commands as a ratio of `python -c pass`.

Usage: python bench/startup.py [--runs 7] [--sizes 10000] [--big 100000]

One run of this script measures everything on one machine, so the ratios compare like with like. Each
command runs --runs times; the median is reported. Also measured: a straightforward typer + rich + yaml +
rapidfuzz script doing the same job (parse YAML, fuzzy-match, print) and, for synthetic knowledge bases
selected by ICEFAQ_DATA, the first run after the data changed (cold cache) against one libyaml parse of
the file, and later runs (warm cache).
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

NAIVE = '''
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
'''


def timed(cmd: list[str], env: dict[str, str], runs: int) -> float:
    times = []
    for _ in range(runs):
        t = time.perf_counter()
        subprocess.run(cmd, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=False)
        times.append(time.perf_counter() - t)
    return statistics.median(times)


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
    for warm in (["list"], ["ask", "x"], ["--help"], ["ask", "--format", "rich", "what does ERO do"]):  # the cache and __pycache__
        subprocess.run([exe, *warm], env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=False)
    naive_py = tmp / "naive.py"
    naive_py.write_text(NAIVE % (ROOT / "data" / "faq.yaml"))
    rows = [("python -c pass", base)]
    for label, cmd in [
        ('icefaq ask "what does ERO do" (plain, piped)', [exe, "ask", "what does ERO do"]),
        ('icefaq ask --format rich "what does ERO do"', [exe, "ask", "--format", "rich", "what does ERO do"]),
        ("icefaq --help", [exe, "--help"]),
        ("icefaq list", [exe, "list"]),
        ("icefaq show ero-role", [exe, "show", "ero-role"]),
        ("straightforward typer+rich+yaml+rapidfuzz script", [sys.executable, str(naive_py), "what does ERO do"]),
    ]:
        rows.append((label, timed(cmd, env, args.runs)))
    print("| command | median ms | x python -c pass |\n|---|---:|---:|")
    for label, t in rows:
        print(f"| {label} | {t * 1000:.0f} | {t / base:.1f}x |")
    for n in args.sizes + ([args.big] if args.big else []):
        path = tmp / f"synth-{n}.yaml"
        synth.write(n, str(path))
        parse = timed([sys.executable, "-c", f"import yaml; yaml.load(open('{path}'), Loader=yaml.CSafeLoader)"], env, 1 if n > 20000 else 3)
        senv = {**env, "ICEFAQ_DATA": str(path)}
        query = f"what is the {synth.keyword(n // 2)} rule"
        colds = []
        for _ in range(1 if n > 20000 else 3):
            shutil.rmtree(tmp / "cache", ignore_errors=True)
            t = time.perf_counter()
            subprocess.run([exe, "ask", query], env=senv, stdout=subprocess.DEVNULL, check=False)
            colds.append(time.perf_counter() - t)
        warm = timed([exe, "ask", query], senv, args.runs)
        out = subprocess.run([exe, "ask", "--json", query], env=senv, capture_output=True, text=True).stdout
        found = f'"id": "e{n // 2}"' in out
        cold = statistics.median(colds)
        print(f"\n{n} entries: libyaml parse {parse * 1000:.0f} ms; first run {cold * 1000:.0f} ms ({cold / parse:.2f}x the parse); "
              f"later runs {warm * 1000:.0f} ms ({warm / base:.1f}x python -c pass); right entry found: {found}")
    shutil.rmtree(tmp, ignore_errors=True)


if __name__ == "__main__":
    main()
