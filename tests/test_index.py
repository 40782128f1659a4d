"""The compiled-index cache: always the right answer, whatever state the cache is in."""

from __future__ import annotations

import json
import os
import sqlite3
import stat
import subprocess
import sys
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest

from icefaq import index, knowledge, match
from icefaq.errors import DataError

from .conftest import REPO


def cache_files(cache: Path) -> list[Path]:
    return sorted((cache / "icefaq").glob("kb-*.sqlite")) if (cache / "icefaq").exists() else []


def edit_db(f: Path, *statements: str) -> None:
    db = sqlite3.connect(f)
    for sql in statements:
        db.execute(sql)
    db.commit()
    db.close()


def cache_format(f: Path) -> str:
    db = sqlite3.connect(f"file:{f}?mode=ro", uri=True)
    try:
        return db.execute("SELECT value FROM meta WHERE name = 'format'").fetchone()[0]
    finally:
        db.close()


def top_id(kb, ix, q="what does ERO do"):
    return match.ask(q, kb, ix).matches[0].entry.id


def test_first_run_writes_a_private_cache_and_second_run_reads_it(write, mini_text, isolate_env, monkeypatch):
    path = write(mini_text)
    kb1, ix1 = index.load_compiled(path)
    (f,) = cache_files(isolate_env)
    assert stat.S_IMODE(f.stat().st_mode) == 0o600
    assert stat.S_IMODE(f.parent.stat().st_mode) == 0o700
    # a hit must not parse YAML at all
    monkeypatch.setattr(knowledge, "parse_yaml", lambda *a, **k: pytest.fail("parsed YAML on a cache hit"))
    monkeypatch.setattr(knowledge, "load_text", lambda *a, **k: pytest.fail("parsed YAML on a cache hit"))
    kb2, ix2 = index.load_compiled(path)
    assert kb2 == kb1
    assert match.score_all("287g", ix2) == match.score_all("287g", ix1)


def test_edit_is_seen_on_the_next_run(write, mini_text):
    path = write(mini_text)
    kb, _ = index.load_compiled(path)
    write(mini_text.replace("ERO finds, arrests", "ERO locates, arrests"))
    kb, _ = index.load_compiled(path)
    assert kb.get("ero-role").answer.startswith("ERO locates")


def test_an_edit_that_breaks_the_data_is_never_hidden_by_the_cache(write, mini_text):
    path = write(mini_text)
    index.load_compiled(path)
    write(mini_text.replace("sources: [ero-page]", "sources: [nope]"))
    with pytest.raises(DataError, match="unknown source 'nope'"):
        index.load_compiled(path)


@pytest.mark.parametrize(
    "damage",
    [
        lambda f: f.write_text("{not a database"),
        lambda f: f.write_bytes(b"\x00\xff" * 50),
        lambda f: f.write_bytes(b""),
        lambda f: f.write_bytes(f.read_bytes()[:2048]),  # truncated
        lambda f: edit_db(f, "DROP TABLE meta"),
        lambda f: edit_db(f, "UPDATE meta SET value = '0' WHERE name = 'key'"),  # stale
        lambda f: edit_db(f, "UPDATE meta SET value = '1' WHERE name = 'format'"),  # another version
    ],
)
def test_corrupt_or_stale_cache_is_rebuilt(write, mini_text, isolate_env, damage):
    path = write(mini_text)
    kb, ix = index.load_compiled(path)
    (f,) = cache_files(isolate_env)
    damage(f)
    kb2, ix2 = index.load_compiled(path)
    assert kb2 == kb and top_id(kb2, ix2) == "ero-role"
    assert cache_format(f) == index.FORMAT  # and repaired


def test_the_vectors_digest_is_that_of_the_packaged_vectors():
    """New word-piece vectors need a new digest, or old caches would keep vectors from the old ones."""
    import hashlib  # noqa: PLC0415

    from icefaq.match import semantic  # noqa: PLC0415

    with open(semantic.vectors_file(), "rb") as f:
        assert hashlib.sha256(f.read()).hexdigest()[:16] == index.VECTORS_DIGEST


def test_a_cache_built_with_other_vectors_is_rebuilt(write, mini_text, isolate_env, monkeypatch):
    path = write(mini_text)
    index.load_compiled(path)
    (f,) = cache_files(isolate_env)
    monkeypatch.setattr(index, "FORMAT", f"{index.CACHE_FORMAT}.0000000000000000")
    kb, ix = index.load_compiled(path)
    assert top_id(kb, ix) == "ero-role"
    assert cache_format(f) == f"{index.CACHE_FORMAT}.0000000000000000"  # rebuilt, not trusted


@pytest.mark.parametrize(
    "damage",
    [
        "UPDATE entries SET record = '{not json' WHERE id = 'ero-role'",
        "UPDATE entries SET match = '[1]'",
        "DROP TABLE terms",
        "UPDATE terms SET postings = 'x'",
        "DROP TABLE sources",
        "UPDATE meta SET value = '[' WHERE name = 'words'",
    ],
)
def test_damage_found_only_later_in_the_run_falls_back_to_the_yaml(write, mini_text, isolate_env, damage):
    path = write(mini_text)
    kb, ix = index.load_compiled(path)
    expected = [match.ask(q, kb, ix) for q in ("what does ERO do", "waht dose hsi do")]
    (f,) = cache_files(isolate_env)
    edit_db(f, damage)
    kb2, ix2 = index.load_compiled(path)
    got = [match.ask(q, kb2, ix2) for q in ("what does ERO do", "waht dose hsi do")]
    assert got == expected
    assert kb2.sources_of(got[0].matches[0].entry) == kb.sources_of(expected[0].matches[0].entry)
    assert kb2 == kb
    kb3, ix3 = index.load_compiled(path)  # the file was replaced by a good one
    assert isinstance(kb3, index.StoredKnowledgeBase) and kb3 == kb


def test_tampered_cache_with_the_right_key_is_only_ever_data(write, mini_text, isolate_env):
    path = write(mini_text)
    index.load_compiled(path)
    (f,) = cache_files(isolate_env)
    db = sqlite3.connect(f)
    (record,) = db.execute("SELECT record FROM entries WHERE id = 'ero-role'").fetchone()
    doc = json.loads(record)
    doc[3] = "__import__('os').system('echo pwned')"
    db.execute("UPDATE entries SET record = ? WHERE id = 'ero-role'", (json.dumps(doc),))
    db.execute("CREATE TRIGGER t AFTER INSERT ON meta BEGIN SELECT 1; END")
    db.commit()
    db.close()
    kb, _ = index.load_compiled(path)
    assert kb.get("ero-role").answer == "__import__('os').system('echo pwned')"  # text, never evaluated


def test_a_hit_reads_only_what_the_query_needs(write, mini_text, isolate_env):
    path = write(mini_text)
    index.load_compiled(path)
    kb, ix = index.load_compiled(path)
    assert isinstance(kb, index.StoredKnowledgeBase)
    match.ask("what does ERO do", kb, ix)
    assert kb._all is None and kb._all_sources is None  # no full load of entries or sources
    assert len(kb.entries) == 3 and len(kb.sources) >= 1  # and everything is there when asked


def test_listing_views_from_the_cache_equal_the_fresh_ones_and_load_no_entry(write, mini_text, isolate_env):
    path = write(mini_text)
    fresh, _ = index.load_compiled(path)
    kb, _ = index.load_compiled(path)
    assert isinstance(kb, index.StoredKnowledgeBase) and not isinstance(fresh, index.StoredKnowledgeBase)
    assert kb.ids() == fresh.ids() == tuple(e.id for e in fresh.entries)
    for prefix in ("", "e", "ero", "ero-role", "zz", "h"):
        assert kb.ids(prefix) == fresh.ids(prefix) == tuple(e.id for e in fresh.entries if e.id.startswith(prefix))
    assert kb.headlines() == fresh.headlines() and len(kb.headlines()) == len(fresh.entries)
    topic = fresh.entries[0].topic
    assert kb.headlines(topic) == fresh.headlines(topic) == tuple(h for h in fresh.headlines() if h.topic == topic)
    assert kb.topic_counts() == fresh.topic_counts() and sum(kb.topic_counts().values()) == len(fresh.entries)
    assert kb.cited_by() == fresh.cited_by() and any(kb.cited_by().values())
    assert kb._all is None  # list, topics, sources and completion never load whole entries


@pytest.mark.parametrize(
    "damage",
    [
        "DROP TABLE headlines",
        "UPDATE meta SET value = '{' WHERE name = 'counts'",
        "UPDATE sources SET cited_by = 'x'",
        "DROP TABLE sources",
    ],
)
def test_damaged_listing_tables_fall_back_to_the_yaml(write, mini_text, isolate_env, damage):
    path = write(mini_text)
    fresh, _ = index.load_compiled(path)
    (f,) = cache_files(isolate_env)
    edit_db(f, damage)
    kb, _ = index.load_compiled(path)
    assert isinstance(kb, index.StoredKnowledgeBase)
    assert (kb.headlines(), kb.topic_counts(), kb.cited_by(), kb.ids()) == (
        fresh.headlines(),
        fresh.topic_counts(),
        fresh.cited_by(),
        fresh.ids(),
    )


def test_tampered_headlines_are_still_only_text(write, mini_text, isolate_env):
    path = write(mini_text)
    index.load_compiled(path)
    (f,) = cache_files(isolate_env)
    edit_db(f, "UPDATE headlines SET question = 42, topic = x'6869' WHERE num = 0")
    kb, _ = index.load_compiled(path)
    first = kb.headlines()[0]
    assert (first.question, first.topic) == ("42", "hi")  # cast to text in SQL: a renderer never gets a number or bytes


def test_unwritable_cache_dir_still_answers(write, mini_text, tmp_path, monkeypatch):
    blocker = tmp_path / "file-not-dir"
    blocker.write_text("")
    monkeypatch.setenv("XDG_CACHE_HOME", str(blocker))  # icefaq/ cannot be created under a file
    kb, ix = index.load_compiled(write(mini_text))
    assert top_id(kb, ix) == "ero-role"


@pytest.mark.skipif(os.geteuid() == 0, reason="root ignores directory permissions")
def test_read_only_cache_dir_still_answers(write, mini_text, isolate_env):
    isolate_env.mkdir()
    isolate_env.chmod(0o500)
    try:
        kb, ix = index.load_compiled(write(mini_text))
        assert top_id(kb, ix) == "ero-role"
    finally:
        isolate_env.chmod(0o700)


def test_no_cache_env_writes_nothing(write, mini_text, isolate_env, monkeypatch):
    monkeypatch.setenv("ICEFAQ_NO_CACHE", "1")
    kb, ix = index.load_compiled(write(mini_text))
    assert top_id(kb, ix) == "ero-role"
    assert cache_files(isolate_env) == []


def test_same_answers_with_and_without_cache(write, mini_text, monkeypatch):
    path = write(mini_text)
    queries = ["what does ERO do", "287 g", "hsi", "ice hockey", "waht dose hsi do"]
    cold = [match.ask(q, *index.load_compiled(path)) for q in queries]
    warm = [match.ask(q, *index.load_compiled(path)) for q in queries]
    monkeypatch.setenv("ICEFAQ_NO_CACHE", "1")
    none = [match.ask(q, *index.load_compiled(path)) for q in queries]
    assert cold == warm == none


def test_stored_index_scores_exactly_like_the_one_in_memory(write, mini_text):
    path = write(mini_text)
    _, built = index.load_compiled(path)
    _, stored = index.load_compiled(path)
    assert isinstance(stored, index.StoredIndex) and not isinstance(built, index.StoredIndex)
    for q in ("what does ERO do", "287 g", "i 9 audit", "hsi vs ero", "waht dose homland securty do", "ice hockey", "zzz"):
        assert match.score_all(q, stored) == match.score_all(q, built), q


def test_concurrent_first_runs_in_threads(write, mini_text):
    path = write(mini_text)
    with ThreadPoolExecutor(8) as pool:
        results = list(pool.map(lambda _: top_id(*index.load_compiled(path)), range(8)))
    assert results == ["ero-role"] * 8


def test_eight_concurrent_first_runs_as_processes(write, mini_text, isolate_env):
    path = write(mini_text)
    env = {**os.environ, "XDG_CACHE_HOME": str(isolate_env), "PYTHONPATH": str(REPO / "src")}
    cmd = [sys.executable, "-m", "icefaq", "--data", path, "ask", "--json", "what does ERO do"]
    procs = [subprocess.Popen(cmd, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE) for _ in range(8)]
    outs = [p.communicate(timeout=60) for p in procs]
    assert [p.returncode for p in procs] == [0] * 8, [o[1] for o in outs]
    assert {json.loads(o[0])["results"][0]["id"] for o in outs} == {"ero-role"}
    assert len(cache_files(isolate_env)) == 1
    assert not list((isolate_env / "icefaq").glob(".tmp-*"))  # no temporary files left behind


def _age(path: str, seconds: int = 3600) -> None:
    st = os.stat(path)
    os.utime(path, ns=(st.st_atime_ns, st.st_mtime_ns - seconds * 1_000_000_000))


def test_an_unchanged_settled_file_is_not_even_read_on_a_hit(write, mini_text, monkeypatch):
    path = write(mini_text)
    _age(path)  # last modified an hour ago: its size and time identify its content
    kb, _ = index.load_compiled(path)
    monkeypatch.setattr(index, "read_bytes", lambda *a: pytest.fail("read the data file although its stamp was unchanged"))
    kb2, ix2 = index.load_compiled(path)
    assert isinstance(kb2, index.StoredKnowledgeBase) and kb2 == kb and top_id(kb2, ix2) == "ero-role"


def test_a_same_size_edit_of_a_settled_file_is_seen(write, mini_text):
    path = write(mini_text)
    _age(path)
    index.load_compiled(path)
    write(mini_text.replace("ERO finds, arrests", "ERO Finds, arrests"))  # same size, new modification time
    kb, _ = index.load_compiled(path)
    assert "ERO Finds" in kb.get("ero-role").answer


def test_a_freshly_written_file_is_checked_by_content(write, mini_text, monkeypatch):
    path = write(mini_text)  # modified just now: a second edit in the same clock tick could keep its stamp
    index.load_compiled(path)
    reads = []
    real = index.read_bytes
    monkeypatch.setattr(index, "read_bytes", lambda p: reads.append(p) or real(p))
    kb, _ = index.load_compiled(path)
    assert reads == [path] and isinstance(kb, index.StoredKnowledgeBase)


def test_the_shared_english_list_gives_the_same_answers_and_survives_damage(isolate_env):
    words = ["speeding", "estate", "deportaion", "skates", "zzzzzzz"]
    expected = set(words) & match.english_words()
    assert expected == {"speeding", "estate", "skates"}
    assert index.english(words) == expected  # built on first use
    (f,) = (isolate_env / "icefaq").glob("english-*.sqlite")
    assert index.english(words) == expected  # read from the file
    f.write_bytes(b"garbage")
    assert index.english(words) == expected  # rebuilt
    assert index.english(words) == expected
