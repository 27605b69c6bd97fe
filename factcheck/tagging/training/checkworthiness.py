"""Train the check-worthiness scorer and export it to compact JSON.

Usage (``make train-checkworthiness``)::

    python -m factcheck.tagging.training.checkworthiness \\
        --data ../shared/datasets/claimbuster --corpus ../shared/corpus/wikinews \\
        --validation "$CT24" \\
        --out factcheck/tagging/extract/checkworthiness_model.json

where ``$CT24`` is the CheckThat! 2024 dev-test TSV in
../shared/datasets/checkthat2024-devtest/ (the Makefile target spells it out).

Steps (all deterministic, fixed seed):

1. Load ClaimBuster ``groundtruth.csv`` + ``crowdsourced.csv``; positive class
   is CFS (Verdict 1).  Hold out a stratified 20% of each file
   (:func:`factcheck.tagging.training.claimbuster.split`); never trained on.
2. Binary features from :func:`factcheck.tagging.extract.checkworthiness.features`
   (the exact run-time feature extractor), pruned to those seen in at least
   ``--min-df`` training sentences; plus the sentence's summed static word vector
   (wordllama's Llama 2 token embeddings, :mod:`.embeddings`), standardised. The word
   table covers the training words, the Wikinews corpus's words and the tokenizer's
   whole words, so words unseen in training (new debates, news prose) still count.
3. L2 logistic regression; ``C`` and the decision threshold are chosen by
   5-fold stratified cross-validation on the training part only (max OOF F1).
4. Refit on the whole training part, fold the threshold into the intercept
   (so 0.5 is the operating point), drop near-zero weights, round. The embedding
   weights are folded into one number per word (its subword vectors' sum dotted with
   the weights over the standard deviations): the run-time scorer adds it to the word's
   unigram weight, with no vectors and no numpy.
5. Evaluate the *exported* model with the run-time pure-Python scorer on the
   held-out split and on the CheckThat! 2024 dev-test file (validation only: nothing
   is chosen on it), print P/R/F1 and store them in the JSON.
"""

from __future__ import annotations

import argparse
import csv
import hashlib
import json
import math
import sys
from pathlib import Path
from typing import Any

import numpy as np
from scipy import sparse
from sklearn.linear_model import LogisticRegression
from sklearn.model_selection import StratifiedKFold

from factcheck.tagging.extract.checkworthiness import features, score_with, tokens
from factcheck.tagging.training import embeddings
from factcheck.tagging.training.claimbuster import (
    HELDOUT_FRACTION,
    SEED,
    Example,
    load,
    prf,
    split,
)

C_GRID = (0.05, 0.1, 0.2, 0.5)
THRESHOLDS = tuple(round(0.2 + 0.01 * i, 2) for i in range(51))  # 0.20 .. 0.70
ROUND = 4
PRUNE = 0.05
# Domain priors for hand features, applied after fitting as (min, max) clamps.
# ClaimBuster is debate transcripts, where quote marks mostly wrap titles or
# mocked phrases (learned weight ~ -0.3); in the articles the extractor reads,
# quoted speech is where claims live, so a quote mark must never count against
# a sentence.
WEIGHT_CLAMPS: dict[str, tuple[float, float]] = {"f:quote": (0.0, math.inf)}


def _matrix(feats: list[dict[str, float]], vocab: dict[str, int]) -> sparse.csr_matrix:
    indptr = [0]
    indices: list[int] = []
    values: list[float] = []
    for fs in feats:
        cols = sorted((vocab[f], v) for f, v in fs.items() if f in vocab)
        indices.extend(c for c, _ in cols)
        values.extend(v for _, v in cols)
        indptr.append(len(indices))
    data = np.array(values, dtype=np.float64)
    return sparse.csr_matrix((data, indices, indptr), shape=(len(feats), len(vocab)))


def _best_threshold(y: np.ndarray, p: np.ndarray) -> tuple[float, float]:
    best = (0.0, 0.5)
    for t in THRESHOLDS:
        m = prf(y.tolist(), (p >= t).astype(int).tolist())
        if m["f1"] > best[0] + 1e-12:
            best = (m["f1"], t)
    return best


def train(
    examples: list[Example],
    *,
    min_df: int,
    gt_weight: float,
    seed: int,
    prune: float = PRUNE,
    corpus: list[str] | None = None,
    validation: list[tuple[str, int]] | None = None,
) -> dict[str, Any]:
    train_ex, held_ex = split(examples, seed=seed)
    feats = [features(e.text) for e in train_ex]
    y = np.array([e.label for e in train_ex])
    sw = np.array([gt_weight if e.source == "groundtruth" else 1.0 for e in train_ex])

    df: dict[str, int] = {}
    for fs in feats:
        for f in fs:
            df[f] = df.get(f, 0) + 1
    vocab_list = sorted(f for f, n in df.items() if n >= min_df or f.startswith("f:"))
    vocab = {f: i for i, f in enumerate(vocab_list)}

    matrix, tokenizer = embeddings.load()
    train_tokens = [tokens(e.text) for e in train_ex]
    words = {t for toks in train_tokens for t in toks}
    for text in corpus or []:
        words.update(tokens(text))
    words |= embeddings.vocabulary_words(tokenizer)
    table = embeddings.word_table((w for w in words if w[:1].isalpha()), matrix, tokenizer)
    emb = embeddings.sum_vectors(train_tokens, table)
    mu, sd = emb.mean(axis=0), emb.std(axis=0) + 1e-6
    n_sparse = len(vocab_list)
    X = sparse.hstack([_matrix(feats, vocab), sparse.csr_matrix((emb - mu) / sd)]).tocsr()

    skf = StratifiedKFold(n_splits=5, shuffle=True, random_state=seed)
    folds = list(skf.split(np.zeros(len(y)), y))
    cv: list[dict[str, float]] = []
    best: tuple[float, float, float] = (-1.0, 1.0, 0.5)  # f1, C, threshold
    for c in C_GRID:
        oof = np.zeros(len(y))
        for tr, va in folds:
            clf = LogisticRegression(C=c, max_iter=2000, solver="lbfgs")
            clf.fit(X[tr], y[tr], sample_weight=sw[tr])
            oof[va] = clf.predict_proba(X[va])[:, 1]
        f1, t = _best_threshold(y, oof)
        cv.append({"C": c, "oof_f1": round(f1, 4), "threshold": t})
        print(f"  cv C={c:<4} oof F1={f1:.4f} at threshold {t:.2f}", file=sys.stderr)
        if f1 > best[0] + 1e-9:
            best = (f1, c, t)
    cv_f1, c_best, thr = best

    clf = LogisticRegression(C=c_best, max_iter=2000, solver="lbfgs")
    clf.fit(X, y, sample_weight=sw)
    coef = clf.coef_[0][:n_sparse]
    w_emb = clf.coef_[0][n_sparse:] / sd
    shift = math.log(thr / (1.0 - thr))
    intercept = round(float(clf.intercept_[0]) - shift - float(w_emb @ mu), ROUND)
    emb_words = {w: round(float(w_emb @ vec), ROUND) for w, (vec, _n) in sorted(table.items())}
    weights: dict[str, float] = {}
    for f, w in zip(vocab_list, coef, strict=True):
        lo, hi = WEIGHT_CLAMPS.get(f, (-math.inf, math.inf))
        w = min(max(float(w), lo), hi)
        if abs(w) >= prune:
            weights[f] = round(w, ROUND)

    def evaluate_pairs(pairs: list[tuple[str, int]]) -> dict[str, float]:
        scores = score_with(weights, intercept, [t for t, _ in pairs], emb_words)
        m = prf([y for _, y in pairs], [int(s >= 0.5) for s in scores])
        m["n"] = float(len(pairs))
        return {k: round(v, 4) for k, v in m.items()}

    def evaluate(exs: list[Example]) -> dict[str, float]:
        return evaluate_pairs([(e.text, e.label) for e in exs])

    metrics: dict[str, Any] = {
        "heldout": evaluate(held_ex),
        "heldout_groundtruth": evaluate([e for e in held_ex if e.source == "groundtruth"]),
        "heldout_crowdsourced": evaluate([e for e in held_ex if e.source == "crowdsourced"]),
        "train": evaluate(train_ex),
        "cv_oof_f1": round(cv_f1, 4),
    }
    if validation:
        metrics["checkthat2024_devtest"] = evaluate_pairs(validation)
    body = {
        "intercept": intercept,
        "weights": dict(sorted(weights.items())),
        "embedding": emb_words,
    }
    digest = hashlib.sha256(
        json.dumps(body, sort_keys=True, separators=(",", ":")).encode()
    ).hexdigest()[:12]
    return {
        "format": "factcheck.checkworthiness.linear/2",
        "version": f"cw-lr-{digest}",
        "positive_class": "ClaimBuster CFS (Verdict == 1); UFS (0) and NFS (-1) are negative",
        "trained_on": {
            "dataset": "ClaimBuster (Arslan et al., ICWSM 2020): groundtruth.csv, crowdsourced.csv",
            "n_train": len(train_ex),
            "n_heldout": len(held_ex),
            "heldout_split": (
                f"stratified by (file, verdict), {HELDOUT_FRACTION:.0%} of each stratum, "
                f"ordered by sha256(seed|file|Sentence_id), seed={seed}; training "
                "sentences whose normalised text occurs in the held-out set are dropped; "
                "see factcheck/tagging/training/claimbuster.py"
            ),
            "groundtruth_sample_weight": gt_weight,
        },
        "hyperparameters": {
            "model": (
                "sklearn LogisticRegression (L2, lbfgs); n-gram counts, binary hand features, "
                "standardised summed static word vector (folded into one number per word)"
            ),
            "embedding_source": embeddings.SOURCE,
            "embedding_words": len(emb_words),
            "C": c_best,
            "threshold": thr,
            "threshold_folded_into_intercept": True,
            "min_df": min_df,
            "prune_abs_weight_below": prune,
            "weight_clamps": {
                k: [v[0], None if math.isinf(v[1]) else v[1]] for k, v in WEIGHT_CLAMPS.items()
            },
            "cv": cv,
        },
        "metrics": metrics,
        "intercept": intercept,
        "n_weights": len(weights),
        "weights": body["weights"],
        "embedding": {"source": embeddings.SOURCE, "words": emb_words},
    }


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--data", type=Path, required=True, help="ClaimBuster directory")
    ap.add_argument("--out", type=Path, required=True, help="model JSON to write")
    ap.add_argument("--min-df", type=int, default=10)
    ap.add_argument("--gt-weight", type=float, default=2.0)
    ap.add_argument("--seed", type=int, default=SEED)
    ap.add_argument("--prune", type=float, default=PRUNE, help="drop |weight| below this")
    ap.add_argument("--corpus", type=Path, help="Wikinews CSV folder: words for the word table")
    ap.add_argument("--validation", type=Path, help="CheckThat! 2024 dev-test TSV (report only)")
    args = ap.parse_args(argv)

    model = train(
        load(args.data),
        min_df=args.min_df,
        gt_weight=args.gt_weight,
        seed=args.seed,
        prune=args.prune,
        corpus=_corpus(args.corpus) if args.corpus else None,
        validation=_checkthat(args.validation) if args.validation else None,
    )
    # the word table on one line per entry would double the file: compact JSON there
    words = model["embedding"].pop("words")
    text = json.dumps(model, indent=1, sort_keys=False, ensure_ascii=False)
    packed = json.dumps(words, ensure_ascii=False, separators=(",", ":"))
    text = text[: text.rindex("}")].rstrip().rstrip("}").rstrip()
    text += f',\n  "words": {packed}\n }}\n}}\n'
    json.loads(text)  # still one JSON document
    args.out.write_text(text, encoding="utf-8")

    print(f"wrote {args.out} ({len(text.encode()) / 1024:.0f} KiB, {model['n_weights']} weights)")
    print(
        f"version {model['version']}  C={model['hyperparameters']['C']}  "
        f"threshold={model['hyperparameters']['threshold']}"
    )
    for name, m in model["metrics"].items():
        if isinstance(m, dict):
            print(
                f"{name:<22} n={int(m['n']):>6}  P={m['precision']:.4f}  "
                f"R={m['recall']:.4f}  F1={m['f1']:.4f}  (positives {int(m['support'])})"
            )
    print(f"{'cv_oof_f1':<22} {model['metrics']['cv_oof_f1']:.4f}")
    return 0


def _corpus(folder: Path) -> list[str]:
    csv.field_size_limit(1 << 30)
    texts: list[str] = []
    for path in sorted(folder.glob("*.csv")):
        with path.open(encoding="utf-8", newline="") as fh:
            texts += [row["text"] for row in csv.DictReader(fh)]
    return texts


def _checkthat(path: Path) -> list[tuple[str, int]]:
    with path.open(encoding="utf-8", newline="") as fh:
        rows = csv.DictReader(fh, delimiter="\t")
        return [(r["Text"], int(r["class_label"] == "Yes")) for r in rows]


if __name__ == "__main__":
    raise SystemExit(main())
