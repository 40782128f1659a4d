"""Labelled query sets and the measures every benchmark reports on them.

Two file formats: the project's paraphrase sets (tests/eval/*.yaml: ``in_scope`` with one
``expect`` id, ``off_topic`` queries) and the real-question corpus (tests/corpus/*.yaml: a
list of ``q``, ``url``, ``ids`` and, for an in-scope question no entry answers, ``gap``).
A gap question is left out of the measures: no answer is right for it yet.
"""

from __future__ import annotations

import copy
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parents[1]
CORPUS = ROOT / "tests" / "corpus"
EVAL = ROOT / "tests" / "eval"


@dataclass(frozen=True)
class Case:
    query: str
    ids: frozenset[str]  # the entries that answer it; empty: it must get no match
    url: str = ""


def load(path: Path) -> list[Case]:
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    if isinstance(data, dict):
        cases = [Case(c["query"], frozenset([c["expect"]])) for c in data["in_scope"]]
        return cases + [Case(q, frozenset()) for q in data["off_topic"]]
    return [Case(c["q"], frozenset(c.get("ids") or ()), c.get("url", "")) for c in data if not c.get("gap")]


def split(name: str) -> list[Case]:
    """A real-question split (train, dev or test) or a paraphrase set (queries, heldout)."""
    path = CORPUS / f"{name}.yaml"
    return load(path if path.exists() else EVAL / f"{name}.yaml")


# A predictor returns the ranked entry ids and whether it answers (its best is confident).
Predictor = Callable[[str], tuple[list[str], bool]]


@dataclass
class Measures:
    n: int
    accuracy: float  # right answer for answerable questions, no match for out-of-scope ones
    top1: float  # answerable: the best-ranked entry is right (whether or not it is confident)
    top3: float
    false_abstain: float  # answerable questions refused
    false_answer: float  # out-of-scope questions answered
    wrong: float  # answerable questions answered with a wrong entry


def measure(cases: list[Case], predict: Predictor) -> tuple[Measures, list[tuple[Case, list[str], bool]]]:
    right = top1 = top3 = refused = answered_out = wrong = 0
    answerable = [c for c in cases if c.ids]
    out_of_scope = len(cases) - len(answerable)
    misses = []
    for c in cases:
        ranked, confident = predict(c.query)
        if c.ids:
            top1 += bool(ranked) and ranked[0] in c.ids
            top3 += any(r in c.ids for r in ranked[:3])
            ok = confident and ranked[0] in c.ids
            refused += not confident
            wrong += confident and ranked[0] not in c.ids
        else:
            ok = not confident
            answered_out += confident
        right += ok
        if not ok:
            misses.append((c, ranked[:3], confident))
    a = max(1, len(answerable))
    return Measures(
        len(cases), right / max(1, len(cases)), top1 / a, top3 / a, refused / a, answered_out / max(1, out_of_scope), wrong / a
    ), misses


def without_vectors(index):  # noqa: ANN001, ANN201
    """The same match index as a knowledge base without word-piece vectors sees it (no semantic
    signal, no examples), so that it is judged by the words-only model."""
    words = copy.copy(index)
    words.vectors, words.examples = [], None
    return words
