"""Regenerate README.md from README.in.md, replacing each command marker with the command's real output.

Inside a ```console block, a line `<!-- run: COMMAND -->` becomes `$ COMMAND` and the command's output (stdout and
stderr, as a terminal would show them when piped). `<!-- measured: COMMAND -->` does the same for a measurement
(benchmarks: machine-dependent, and some need the bench extra).

Usage (from the repository root, with icefaq installed):
    python scripts/build_readme.py                  # run everything, measurements included
    python scripts/build_readme.py --keep-measured  # run the commands, keep the measurements README.md has
    python scripts/build_readme.py --check          # exit 1 if README.md is not what --keep-measured would write
"""

from __future__ import annotations

import argparse
import difflib
import os
import re
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
MARKER = re.compile(r"<!-- (run|measured): (.*?) -->")


def run(command: str) -> str:
    env = {**os.environ, "COLUMNS": "72", "NO_COLOR": "1"}
    out = subprocess.run(command, shell=True, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True, cwd=ROOT, env=env)
    text = out.stdout.rstrip("\n")
    return f"$ {command}\n{text}" if text else f"$ {command}"


def recorded(readme: str, command: str) -> str | None:
    """The output README.md already shows for a command: from its `$ COMMAND` line to the end of the block."""
    start = readme.find(f"$ {command}\n")
    if start < 0:
        return None
    end = readme.find("\n```", start)
    return readme[start:end] if end >= 0 else None


def build(template: str, current: str, keep_measured: bool) -> str:
    def replace(m: re.Match[str]) -> str:
        kind, command = m.group(1), m.group(2)
        if kind == "measured" and keep_measured:
            kept = recorded(current, command)
            if kept is not None:
                return kept
        return run(command)

    return MARKER.sub(replace, template)


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--check", action="store_true", help="fail if README.md is stale (measurements are not re-run)")
    ap.add_argument("--keep-measured", action="store_true", help="keep the measurements README.md already has")
    args = ap.parse_args()
    template = (ROOT / "README.in.md").read_text(encoding="utf-8")
    readme_path = ROOT / "README.md"
    current = readme_path.read_text(encoding="utf-8") if readme_path.exists() else ""
    result = build(template, current, keep_measured=args.keep_measured or args.check)
    if args.check:
        if result == current:
            print("README.md is up to date", file=sys.stderr)
            return 0
        diff = difflib.unified_diff(current.splitlines(), result.splitlines(), "README.md", "regenerated", lineterm="", n=1)
        sys.stderr.write("\n".join(list(diff)[:60]) + "\nREADME.md is stale: run python scripts/build_readme.py --keep-measured\n")
        return 1
    readme_path.write_text(result, encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
