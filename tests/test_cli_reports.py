"""`icefaq validate` reports are cached under the file's bytes, the validator's code and the day."""

from __future__ import annotations

import datetime as dt
import glob
import os

from icefaq.cli.reports import validate_cached
from icefaq.knowledge import validate

from .conftest import MINI


def _same(cached, fresh):
    assert (cached.path, cached.ok, cached.entries) == (fresh.path, fresh.ok, len(fresh.kb.entries) if fresh.kb else 0)
    assert cached.problems == tuple(fresh.problems)


def test_cached_report_equals_a_fresh_validation(isolate_env, write, mini_text):
    bad = write(mini_text.replace("reviewed: 2026-11-20", "reviewed: 2099-01-01", 1))
    first = validate_cached(bad)
    assert glob.glob(str(isolate_env / "icefaq" / "report-*.json"))
    second = validate_cached(bad)
    _same(first, validate(bad))
    _same(second, validate(bad))
    assert second.ok and any("future" in p.message for p in second.problems)


def test_an_edit_or_another_day_is_a_new_report(write, mini_text):
    path = write(mini_text)
    assert validate_cached(path).ok
    far = dt.date(2040, 1, 1)
    assert any("not reviewed for" in p.message for p in validate_cached(path, today=far).problems)
    assert not any("not reviewed for" in p.message for p in validate_cached(path).problems)
    with open(path, "w", encoding="utf-8") as fh:
        fh.write(mini_text.replace("sources: [ero-page]", "sources: [nope]"))
    assert not validate_cached(path).ok


def test_a_corrupt_cache_file_only_costs_time(isolate_env):
    validate_cached(str(MINI))
    (target,) = glob.glob(str(isolate_env / "icefaq" / "report-*.json"))
    for junk in ("{", '{"key": 1}', "[]", '{"key": "x", "path": "y"}'):
        with open(target, "w", encoding="utf-8") as fh:
            fh.write(junk)
        _same(validate_cached(str(MINI)), validate(str(MINI)))


def test_missing_file_and_no_cache(tmp_path, monkeypatch):
    r = validate_cached(str(tmp_path / "nope.yaml"))
    assert not r.ok and "no such file" in r.problems[0].message
    monkeypatch.setenv("ICEFAQ_NO_CACHE", "1")
    _same(validate_cached(str(MINI)), validate(str(MINI)))
    assert not os.path.exists(tmp_path / "cache" / "icefaq")


def _age(path, seconds=60):
    st = os.stat(path)
    os.utime(path, ns=(st.st_atime_ns, st.st_mtime_ns - seconds * 1_000_000_000))


def test_an_unchanged_settled_file_is_reported_without_reading_it(write, mini_text, monkeypatch):
    import builtins

    path = write(mini_text)
    _age(path)
    first = validate_cached(path)
    validate_cached(path)  # the same bytes, now settled: the stamp is recorded
    real_open = builtins.open

    def guarded(file, *args, **kwargs):
        assert os.fspath(file) != os.fspath(path), "the data file was read"
        return real_open(file, *args, **kwargs)

    monkeypatch.setattr(builtins, "open", guarded)
    again = validate_cached(path)
    assert (again.ok, again.entries, again.problems) == (first.ok, first.entries, first.problems)


def test_a_fresh_edit_is_checked_by_content_even_with_a_report_on_file(write, mini_text):
    path = write(mini_text)
    _age(path)
    assert validate_cached(path).ok
    size = os.path.getsize(path)
    with open(path, "w", encoding="utf-8") as fh:  # same size, new content, a moment later
        fh.write(mini_text.replace("sources: [ero-page]", "sources: [ero-pag3]"))
    assert os.path.getsize(path) == size
    assert not validate_cached(path).ok
