"""Split harvested real questions into the corpus's train, dev and test files, by source page.

    python scripts/split_corpus.py [--add] HARVEST.yaml [HARVEST.yaml ...]

Each harvest file is a YAML list of ``q`` (verbatim), ``url`` (the page it came from), ``ids``
(every entry that answers it; empty: it must be refused) and, for an in-scope question no
entry answers yet, ``gap``. Every question of one page goes to the same split, chosen by a
hash of the page's URL (60% train, 20% dev, 20% test), so the assignment of a page never
depends on which other pages were harvested: adding pages later cannot move a frozen test
question into train. Duplicate questions (same words, any case) are kept once. Writes
tests/corpus/{train,dev,test}.yaml; tests/corpus/README.md says how the corpus was made.
``--add`` keeps the questions already in those files and adds the harvests' new ones (a later
harvest: its pages must be new, and a question already in the corpus is not added again).
"""

from __future__ import annotations

import hashlib
import sys
from pathlib import Path

import yaml

CORPUS = Path(__file__).resolve().parents[1] / "tests" / "corpus"
SPLITS = ("train",) * 6 + ("dev",) * 2 + ("test",) * 2


def split_of(url: str) -> str:
    """The split every question from this page belongs to."""
    page = url.strip().rstrip("/").removeprefix("https://").removeprefix("http://").removeprefix("www.")
    return SPLITS[int(hashlib.sha256(page.encode()).hexdigest(), 16) % len(SPLITS)]


def dump(items: list[dict[str, object]]) -> str:
    out = []
    for it in items:
        out.append(f"- q: {yaml.safe_dump(it['q'], allow_unicode=True, width=10**6).removesuffix(chr(10)).removesuffix('...').strip()}")
        out.append(f"  url: {it['url']}")
        out.append(f"  ids: [{', '.join(it['ids'])}]")  # type: ignore[arg-type]
        if it.get("gap"):
            out.append(f"  gap: {yaml.safe_dump(it['gap'], width=10**6).removesuffix(chr(10)).removesuffix('...').strip()}")
    return "\n".join(out) + "\n"


def key_of(question: object) -> str:
    return " ".join(str(question).lower().split())


def main(paths: list[str], add: bool = False) -> None:
    seen: set[str] = set()
    splits: dict[str, list[dict[str, object]]] = {"train": [], "dev": [], "test": []}
    if add:
        for name, items in splits.items():
            items += yaml.safe_load((CORPUS / f"{name}.yaml").read_text(encoding="utf-8")) or []
            seen.update(key_of(it["q"]) for it in items)
        old_pages = {it["url"] for items in splits.values() for it in items}
    for path in paths:
        for it in yaml.safe_load(Path(path).read_text(encoding="utf-8")):
            key = key_of(it["q"])
            if add and it["url"] in old_pages:
                raise SystemExit(f"{path}: page {it['url']} is already in the corpus")
            if key in seen:
                continue
            seen.add(key)
            item = {"q": str(it["q"]), "url": str(it["url"]), "ids": list(it.get("ids") or [])}
            if it.get("gap"):
                item["gap"] = str(it["gap"])
            splits[split_of(item["url"])].append(item)  # type: ignore[arg-type]
    CORPUS.mkdir(parents=True, exist_ok=True)
    for name, items in splits.items():
        items.sort(key=lambda it: (str(it["url"]), str(it["q"])))
        (CORPUS / f"{name}.yaml").write_text(dump(items), encoding="utf-8")
        pages = len({it["url"] for it in items})
        print(f"{name}: {len(items)} questions from {pages} pages")


if __name__ == "__main__":
    args = sys.argv[1:]
    if {"-h", "--help"} & set(args):
        print(__doc__)
        raise SystemExit(0)
    if not [a for a in args if a != "--add"]:
        raise SystemExit("usage: python scripts/split_corpus.py [--add] HARVEST.yaml [HARVEST.yaml ...]")
    main([a for a in args if a != "--add"], add="--add" in args)
