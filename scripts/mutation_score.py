"""Summarise `mutmut results --all true` (read on stdin) as the share of mutants killed, per module.

Usage: mutmut results --all true | python scripts/mutation_score.py
"""

from __future__ import annotations

import re
import sys
from collections import Counter, defaultdict

LINE = re.compile(r"^\s*(icefaq(?:\.[a-z_]+)*?)\.(?:x_|xǁ)\S*__mutmut_\d+: (.+)$")


def main() -> int:
    counts: dict[str, Counter[str]] = defaultdict(Counter)
    for line in sys.stdin:
        m = LINE.match(line.rstrip("\n"))
        if m:
            counts[m.group(1)][m.group(2).strip()] += 1
    if not counts:
        print("no mutmut results on stdin", file=sys.stderr)
        return 1
    print("| module | killed | survived | other | score |\n|---|---:|---:|---:|---:|")
    total: Counter[str] = Counter()
    for module in sorted(counts):
        c = counts[module]
        total.update(c)
        _row(module, c)
    _row("all", total)
    return 0


def _row(name: str, c: Counter[str]) -> None:
    killed = c["killed"] + c["timeout"]
    survived = c["survived"]
    other = sum(c.values()) - killed - survived
    tried = killed + survived
    score = f"{100 * killed / tried:.1f}%" if tried else "-"
    print(f"| {name} | {killed} | {survived} | {other} | {score} |")


if __name__ == "__main__":
    sys.exit(main())
