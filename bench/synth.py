"""Write a synthetic knowledge base of N entries in the real format (for speed benchmarks).

Usage: python bench/synth.py N OUT.yaml
Entry i has a unique made-up keyword ("zorbbch" for 127) so that benchmarks can check the right entry is still found.
The file validates clean (every paragraph cites its source, questions differ), as a curated knowledge base would.
"""

from __future__ import annotations

import random
import sys

WORDS = (
    "agency officer border customs detention removal court judge warrant program office investigation "
    "fraud trade smuggling policy record report hearing bond appeal visa student employer audit "
    "airport harbor river mountain county city state nation tribe school church hospital market farm factory "
    "truck train ship plane bridge road tunnel station library museum garden forest desert island valley "
    "winter summer autumn spring morning evening payment license permit notice letter form card badge "
    "camera phone computer network signal battery engine window door roof floor kitchen"
).split()


def keyword(i: int) -> str:
    return "zorb" + "".join("abcdefghij"[int(d)] for d in str(i))


def write(n: int, path: str) -> None:
    rnd = random.Random(n)
    out = ["schema: 1", "title: Synthetic", "topics:"]
    out += [f"  - {{id: t{t}, title: Topic {t}}}" for t in range(10)]
    out += ["glossary:", "  XYZ: extra yield zone", "sources:"]
    out += [f"  - {{id: s{s}, title: Source {s}, publisher: Pub, url: 'https://example.org/{s}', date: 2025}}" for s in range(50)]
    out.append("entries:")

    def w() -> str:
        return rnd.choice(WORDS)

    for i in range(n):
        words = " ".join(rnd.choice(WORDS) for _ in range(60))
        out += [
            f"  - id: e{i}",
            f"    topic: t{i % 10}",
            f"    question: What is the {keyword(i)} rule on {w()}, {w()} and {w()} {w()}?",
            f"    aliases: [{keyword(i)} {w()} {w()} {w()}, {w()} {w()} {w()} under {keyword(i)}, how does {keyword(i)} {w()} {w()} {w()} work]",
            "    answer: |",
            f"      The {keyword(i)} rule says {words} [@s{i % 50}].",
            f"    sources: [s{i % 50}]",
            f"    related: [e{(i + 1) % n}, e{(i + 2) % n}]",
            "    reviewed: 2026-11-01",
        ]
    with open(path, "w", encoding="utf-8") as fh:
        fh.write("\n".join(out) + "\n")


if __name__ == "__main__":
    write(int(sys.argv[1]), sys.argv[2])
