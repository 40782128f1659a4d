"""Knowledge-base lint: the warnings validate gives about a usable knowledge base."""

from __future__ import annotations

import datetime as dt

import pytest

from icefaq.knowledge import STALE_AFTER_DAYS, lint, load, validate
from icefaq.model import Severity

from .conftest import MINI

REVIEWED = dt.date(2026, 11, 20)  # every entry of mini.yaml


def _messages(problems):
    return [(p.entry, p.message) for p in problems]


def test_mini_is_clean_on_its_review_day():
    assert lint(load(str(MINI)), REVIEWED) == []


@pytest.mark.parametrize(("days", "warned"), [(-2, True), (-30, True), (-1, False), (0, False), (1, False)])
def test_a_review_date_in_the_future_is_a_warning(days, warned):
    problems = lint(load(str(MINI)), REVIEWED + dt.timedelta(days=days))
    future = [p for p in problems if "in the future" in p.message]
    assert bool(future) == warned
    if warned:
        assert len(future) == 3 and all(p.severity is Severity.WARNING for p in future)
        assert {p.entry for p in future} == {"ero-role", "hsi-role", "local-police"}
        assert all(p.line is not None and p.path == str(MINI) for p in future)
        assert future[0].message == "reviewed date 2026-11-20 is in the future"


@pytest.mark.parametrize(("days", "stale"), [(STALE_AFTER_DAYS, False), (STALE_AFTER_DAYS + 1, True)])
def test_a_review_older_than_a_year_is_stale(days, stale):
    problems = lint(load(str(MINI)), REVIEWED + dt.timedelta(days=days))
    found = [p for p in problems if "not reviewed for" in p.message]
    assert bool(found) == stale
    if stale:
        assert found[0].message == f"not reviewed for {days} days (since 2026-11-20); check it against its sources"


def test_missing_review_date_and_uncited_source(write, mini_text):
    text = mini_text.replace("    reviewed: 2026-11-20\n", "", 1).replace("sources: [hsi-page, law-book]", "sources: [law-book]")
    text = text.replace("smuggling [@hsi-page] and trafficking [@hsi-page; @law-book]", "smuggling and trafficking [@law-book]")
    report = validate(write(text), REVIEWED)
    assert report.ok
    msgs = _messages(report.problems)
    assert ("ero-role", "no 'reviewed' date: say when a person last checked the answer") in msgs
    assert (None, "source 'hsi-page' is not cited by any entry") in msgs
    assert all(p.severity is Severity.WARNING for p in report.problems)


@pytest.mark.parametrize(
    ("question", "words"),
    [
        ("What does Enforcement and Removal Operations (ERO) do?", "is the same as one of entry 'ero-role'"),
        ("What does Enforcement and Removal Operations do?", "reads almost like"),
    ],
)
def test_near_duplicate_questions_are_warned(write, mini_text, question, words):
    report = validate(write(mini_text.replace("What is the 287(g) program?", question)), REVIEWED)
    assert report.ok
    (problem,) = report.problems
    assert problem.severity is Severity.WARNING and problem.entry == "local-police" and words in problem.message
