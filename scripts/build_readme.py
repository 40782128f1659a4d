"""Regenerate README.md from README.in.md, replacing each `$ icefaq ...` block marker with real output.

A line `<!-- run: COMMAND -->` inside a ```console block is replaced by `$ COMMAND` and the
command's actual output (stdout and stderr, as a terminal would show them when piped).
Usage: python scripts/build_readme.py   (run from the repository root, with icefaq installed)
"""

from __future__ import annotations

import os
import re
import subprocess
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def run(command: str) -> str:
    env = {**os.environ, "COLUMNS": "72", "NO_COLOR": "1"}
    out = subprocess.run(command, shell=True, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True, cwd=ROOT, env=env)
    text = out.stdout.rstrip("\n")
    return f"$ {command}\n{text}" if text else f"$ {command}"


def main() -> None:
    template = (ROOT / "README.in.md").read_text(encoding="utf-8")
    result = re.sub(r"<!-- run: (.*?) -->", lambda m: run(m.group(1)), template)
    (ROOT / "README.md").write_text(result, encoding="utf-8")


if __name__ == "__main__":
    main()
