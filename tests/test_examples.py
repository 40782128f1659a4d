"""Examples: labelled real questions stored as vectors, the two signals they give, and where they apply."""

from __future__ import annotations

import shutil
import sqlite3

import pytest

from icefaq import files, index, knowledge, match
from icefaq.match import decide, examples, semantic, weights

from .test_match_more import ENTRIES, build


def vec(text: str) -> semantic.Vector:
    v = semantic.encode_query(text)
    assert v is not None
    return v


def packed(*texts: str) -> bytes:
    return b"".join(semantic.pack(vec(t)) for t in texts)


def test_answered_similarity_is_the_nearest_example_of_that_entry():
    ex = examples.Examples({"bonds": packed("how much is an immigration bond", "who pays for a bond")}, b"")
    q = vec("how much is an immigration bond")
    assert ex.answered_similarity(q, "bonds") == pytest.approx(1.0, abs=0.02)
    assert ex.answered_similarity(q, "bonds") == max(semantic.similarities(q, ex.answered["bonds"]))
    assert ex.answered_similarity(q, "visas") == 0.0  # an entry without examples


def test_refused_similarity_averages_the_nearest_three():
    refused = packed("how do glaciers form", "best wedding customs", "renew a passport", "snow removal cost")
    q = vec("how do glaciers form")
    sims = sorted(semantic.similarities(q, refused), reverse=True)
    assert len(sims) == 4
    assert examples.Examples({}, refused).refused_similarity(q) == pytest.approx(sum(sims[: examples.NEAREST]) / examples.NEAREST)
    assert examples.Examples({}, packed("how do glaciers form")).refused_similarity(q) == pytest.approx(sims[0])
    assert examples.Examples({}, b"").refused_similarity(q) == 0.0


def test_written_examples_load_back(tmp_path):
    path = str(tmp_path / "ex.sqlite")
    ex = examples.Examples({"a": packed("one"), "b": packed("two", "three")}, packed("four"))
    examples.write(path, ex, {"from": "a test"})
    back = examples.load(path)
    assert back is not None
    assert back.answered == ex.answered and back.refused == ex.refused
    examples.write(path, examples.Examples({"c": packed("five")}, b""), {})  # replaces the file whole
    again = examples.load(path)
    assert again is not None and set(again.answered) == {"c"} and again.refused == b""


def test_a_missing_or_damaged_examples_file_gives_none(tmp_path):
    assert examples.load(str(tmp_path / "none.sqlite")) is None
    bad = tmp_path / "bad.sqlite"
    bad.write_bytes(b"not a database at all" * 100)
    assert examples.load(str(bad)) is None
    db = sqlite3.connect(tmp_path / "wrong.sqlite")
    db.execute("CREATE TABLE examples (entry TEXT, packed BLOB)")
    db.execute("INSERT INTO examples VALUES (?, ?)", ("a", "text, not bytes"))
    db.commit()
    db.close()
    assert examples.load(str(tmp_path / "wrong.sqlite")) is None


def test_the_packaged_file_holds_answered_and_refused_examples_of_packaged_entries():
    ex = examples.load()
    assert ex is not None
    ids = set(knowledge.load(files.default_path()).ids())
    assert ex.answered and set(ex.answered) <= ids
    record = 4 + semantic.DIMS
    assert len(ex.refused) >= 50 * record and len(ex.refused) % record == 0
    assert all(len(v) % record == 0 for v in ex.answered.values())


def test_examples_apply_to_the_packaged_knowledge_base_alone(write, tmp_path):
    assert examples.for_knowledge_base(files.default_path()) is not None
    copy = tmp_path / "faq.yaml"
    shutil.copy(files.default_path(), copy)
    assert examples.for_knowledge_base(str(copy)) is None  # the same text elsewhere is a curator's own
    assert examples.for_knowledge_base("") is None
    kb, built = build(write, ENTRIES)
    assert built.examples is None
    assert decide.model(built) is weights.WITHOUT_EXAMPLES
    packaged = match.build_index(knowledge.load(files.default_path()))
    assert packaged.examples is not None
    assert decide.model(packaged) is weights.WITH_EXAMPLES


def test_the_cache_offers_the_examples_for_the_packaged_knowledge_base_only(write):
    index.load_compiled()
    _, stored = index.load_compiled()  # the second run reads the cache
    assert isinstance(stored, index.StoredIndex)
    assert stored.examples is not None
    with open(files.default_path(), encoding="utf-8") as fh:
        other = write(fh.read(), "other.yaml")
    index.load_compiled(other)
    _, copy = index.load_compiled(other)
    assert isinstance(copy, index.StoredIndex)
    assert copy.examples is None


def test_signals_carry_the_example_signals_only_with_examples(write):
    _, built = build(write, ENTRIES)
    plain = decide.signals("detention bonds", built)
    assert all(len(x) == len(decide.FEATURES) - 2 for x in plain.values())
    ex = examples.Examples({"bonds": packed("detention bonds")}, packed("ice skating rinks", "ice hockey", "ice cream"))
    learned = decide.signals("detention bonds", built, ex)
    q = vec("detention bonds")
    refused = ex.refused_similarity(q)
    for i, x in learned.items():
        assert len(x) == len(decide.FEATURES)
        assert x[:-2] == plain[i]
        assert x[-1] == refused  # one value for every candidate: it is about the query
    bonds = built.ids.index("bonds")
    assert learned[bonds][-2] == pytest.approx(1.0, abs=0.02)
    assert all(x[-2] == 0.0 for i, x in learned.items() if i != bonds)
    assert decide.signals("detention bonds", built, None) == plain


def test_answered_examples_count_only_for_the_entries_compared_closely(write, monkeypatch):
    _, built = build(write, ENTRIES)
    ex = examples.Examples({e[0]: packed(e[1]) for e in ENTRIES}, b"")
    monkeypatch.setattr(decide, "DEEP", 1)
    sig = decide.signals("Where is immigration detention?", built, ex)
    near = {built.ids[i]: x[-2] for i, x in sig.items()}
    assert near["detention"] > 0.9
    assert sum(v > 0 for v in near.values()) <= 2  # the best by meaning and the best by words


def test_a_near_answered_example_raises_and_a_near_refused_one_lowers_the_probability(write):
    _, built = build(write, ENTRIES)
    query = "how much money is a detention bond"
    bonds = built.ids.index("bonds")
    near = decide.signals(query, built, examples.Examples({"bonds": packed(query)}, b""))[bonds]
    far = decide.signals(query, built, examples.Examples({"bonds": packed("wedding customs in india")}, b""))[bonds]
    assert decide.probability(near) > decide.probability(far)
    refused = decide.signals(query, built, examples.Examples({}, packed(query, query, query)))[bonds]
    none = decide.signals(query, built, examples.Examples({}, b""))[bonds]
    assert decide.probability(refused) < decide.probability(none)


def test_the_packaged_examples_lower_an_everyday_question_below_the_bar():
    kb = knowledge.load(files.default_path())
    learned = match.build_index(kb)
    words_only = match.build_index(kb)
    words_only.examples = None
    query = "Can I cash a savings bond at any bank?"  # 'bond' alone points at detention bonds
    with_examples, without = decide.rank(query, learned)[0], decide.rank(query, words_only)[0]
    assert with_examples[1] < without[1]
    assert not match.ask(query, kb, learned).matched
    assert match.ask("how much is a bond for someone held by ICE", kb, learned).matches[0].entry.id == "detention-bond"


def test_gather_files_each_question_under_every_entry_it_answers_or_as_refused():
    a, b, c = packed("one"), packed("two"), packed("three")
    ex = examples.gather([(["x", "y"], a), ([], b), (["y", "y"], c)])
    assert ex.answered == {"x": a, "y": a + c}
    assert ex.refused == b


def test_fit_gives_a_training_question_only_the_examples_of_other_pages():
    pytest.importorskip("numpy")
    import sys
    from pathlib import Path

    sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "bench"))
    import fit
    from evalsets import Case

    kb = knowledge.load(files.default_path())
    built = match.build_index(kb)
    same = Case("how do I post an immigration bond", frozenset({"detention-bond"}), "https://a.example/1")
    other = Case("how do I pay an immigration bond", frozenset({"detention-bond"}), "https://b.example/2")
    items = fit.labelled([same, other])
    (sig,) = fit.training_signals([same], built, items, True)
    bond = built.ids.index("detention-bond")
    near = sig[bond][decide.FEATURES.index("answered")]
    assert near == pytest.approx(semantic.similarities(vec(same.query), semantic.pack(vec(other.query)))[0], abs=1e-6)
    assert near < 0.99  # its own vector (similarity 1) was left out
    (plain,) = fit.training_signals([same], built, items, False)
    assert len(plain[bond]) == len(decide.FEATURES) - 2


def test_the_packaged_examples_were_encoded_with_the_packaged_vectors():
    """New word-piece vectors need refitted examples (bench/fit.py --write), or the example signals
    would compare vectors from two different encoders."""
    from pathlib import Path  # noqa: PLC0415

    import yaml  # noqa: PLC0415

    ex = examples.load()
    assert ex is not None
    train = yaml.safe_load((Path(__file__).parent / "corpus" / "train.yaml").read_text(encoding="utf-8"))
    answered = [(q["q"], q["ids"][0]) for q in train if q["ids"]][:20]
    assert len(answered) == 20
    for question, entry in answered:
        assert semantic.best_similarity(vec(question), ex.answered[entry]) > 0.99, question  # int8 rounding costs about 0.001
