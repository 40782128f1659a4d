"""The build script's WordNet reader (scripts/build_vectors.py; the rest needs torch and the teacher)."""

from __future__ import annotations

import importlib.util
from pathlib import Path

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
