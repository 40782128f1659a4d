"""The core's exceptions: messages a user can act on."""

from __future__ import annotations

from icefaq.errors import DataError, IcefaqError, QueryError
from icefaq.model import Problem, Severity


def _problems(n: int) -> list[Problem]:
    return [Problem(Severity.ERROR, f"problem {i}", "kb.yaml", i + 1) for i in range(n)]


def test_one_problem_is_the_message():
    assert str(DataError(_problems(1))) == "kb.yaml:1: error: problem 0"


def test_more_problems_are_counted_and_point_to_validate():
    exc = DataError(_problems(4))
    assert str(exc) == "kb.yaml:1: error: problem 0 (and 3 more problem(s); run 'icefaq validate' to see all)"
    assert len(exc.problems) == 4
    assert "and 1 more problem(s)" in str(DataError(_problems(2)))


def test_no_problems_still_says_something():
    assert str(DataError([])) == "unusable knowledge base"


def test_one_base_class():
    assert issubclass(DataError, IcefaqError) and issubclass(QueryError, IcefaqError)
