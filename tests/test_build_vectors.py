"""The build script (scripts/build_vectors.py): its WordNet reader, its knowledge-base reader and, where torch is
installed (the build virtualenv, not CI), its tuning step; distilling needs the teacher too."""

from __future__ import annotations

import importlib.util
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent


def load_script():  # noqa: ANN201
    spec = importlib.util.spec_from_file_location("build_vectors", ROOT / "scripts" / "build_vectors.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_wordnet_glosses_and_examples_become_sentences(tmp_path):
    (tmp_path / "data.noun").write_text(
        "  1 This software and database is being provided to you, the LICENSEE, by\n"
        "07553301 04 n 02 deportation 0 expatriation 0 001 @ 07552367 n 0000 | the act of expelling a person"
        ' from their native land; "the deportation of aliens"; "he was sent home"\n'
        "00001740 03 n 0b entity 0 a 0 b 0 c 0 d 0 e 0 f 0 g 0 h 0 i 0 j 0 000 | that which exists\n",
        encoding="latin-1",
    )
    for pos in ("verb", "adj", "adv"):
        (tmp_path / f"data.{pos}").write_text("", encoding="latin-1")
    sentences = load_script().wordnet_sentences(str(tmp_path))
    assert sentences == [
        "deportation, expatriation: the act of expelling a person from their native land",
        "the act of expelling a person from their native land",
        "the deportation of aliens",
        "he was sent home",
        "entity, a, b: that which exists",  # the word count is hexadecimal (0b = 11 words)
        "that which exists",
    ]


def test_phrasings_are_each_entrys_question_and_aliases():
    groups = load_script().phrasings(str(ROOT / "tests" / "data" / "mini.yaml"))
    assert groups[:2] == [
        ["What does Enforcement and Removal Operations (ERO) do?", "what does ERO do", "who carries out deportations", "ero job"],
        ["What does Homeland Security Investigations (HSI) do?", "what is HSI", "hsi investigations"],
    ]


class _Encoding:
    def __init__(self, ids: list[int]) -> None:
        self.ids = ids


class _Tokenizer:
    """Each word of a text is one piece; [UNK] is a special piece the tuning must skip."""

    def __init__(self, vocab: list[str]) -> None:
        self.vocab = {p: i for i, p in enumerate(vocab)}

    def get_vocab(self) -> dict[str, int]:
        return self.vocab

    def encode_batch(self, texts: list[str], add_special_tokens: bool = False) -> list[_Encoding]:
        return [_Encoding([self.vocab.get(w, self.vocab["[UNK]"]) for w in t.split()]) for t in texts]


def test_tuning_brings_one_entrys_phrasings_together():
    np = pytest.importorskip("numpy")
    pytest.importorskip("torch")
    script = load_script()
    vocab = ["[UNK]", "deport", "removal", "flight", "glacier", "melt", "frozen"]
    rng = np.random.default_rng(0)

    class Model:
        tokenizer = _Tokenizer(vocab)
        embedding = rng.normal(size=(len(vocab), 8)).astype(np.float32)

    before = Model.embedding.copy()
    groups = [["deport flight", "removal flight", "removal"], ["glacier melt", "frozen glacier", "melt frozen"]]
    after = script.tune(Model, groups)

    def cos(table, a: str, b: str) -> float:
        va, vb = (table[[Model.tokenizer.vocab[w] for w in t.split()]].sum(0) for t in (a, b))
        return float(va @ vb / np.linalg.norm(va) / np.linalg.norm(vb))

    assert cos(after, "deport", "removal") > cos(before, "deport", "removal")
    assert cos(after, "deport", "glacier") < cos(before, "deport", "glacier")
    assert np.array_equal(after[0], before[0])  # a special piece is never trained
