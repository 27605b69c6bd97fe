"""ClaimBuster loading and the fixed, stratified held-out split (pure Python).

Kept free of scikit-learn/numpy so tests can rebuild the exact held-out split.

Label: ClaimBuster ``Verdict`` 1 = CFS (check-worthy factual sentence) is the
positive class; 0 = UFS and -1 = NFS are negative.

Split: within each (file, verdict) stratum, sentences are ordered by
``sha256(seed|file|Sentence_id)`` and the first ``round(20%)`` are held out.
Any training sentence whose normalised text also occurs in the held-out set is
dropped from training (ClaimBuster has a few repeated sentences), so no
held-out text is ever trained on.
"""

from __future__ import annotations

import csv
import hashlib
import re
from collections import defaultdict
from dataclasses import dataclass
from pathlib import Path

FILES = ("groundtruth.csv", "crowdsourced.csv")
SEED = 20240521
HELDOUT_FRACTION = 0.2

_NORM_RE = re.compile(r"\W+")


@dataclass(frozen=True)
class Example:
    source: str  # "groundtruth" | "crowdsourced"
    sentence_id: str
    text: str
    verdict: int  # 1 CFS, 0 UFS, -1 NFS

    @property
    def label(self) -> int:
        return 1 if self.verdict == 1 else 0


def normalise(text: str) -> str:
    return _NORM_RE.sub(" ", text.lower()).strip()


def load(data_dir: Path) -> list[Example]:
    out: list[Example] = []
    for name in FILES:
        with (data_dir / name).open(encoding="utf-8", newline="") as fh:
            for row in csv.DictReader(fh):
                out.append(
                    Example(
                        source=name.removesuffix(".csv"),
                        sentence_id=row["Sentence_id"],
                        text=row["Text"],
                        verdict=int(row["Verdict"]),
                    )
                )
    return out


def _key(ex: Example, seed: int) -> str:
    return hashlib.sha256(f"{seed}|{ex.source}|{ex.sentence_id}".encode()).hexdigest()


def split(
    examples: list[Example], seed: int = SEED, fraction: float = HELDOUT_FRACTION
) -> tuple[list[Example], list[Example]]:
    """Return ``(train, heldout)``; deterministic and stratified by file and verdict."""
    strata: dict[tuple[str, int], list[Example]] = defaultdict(list)
    for ex in examples:
        strata[(ex.source, ex.verdict)].append(ex)
    heldout: list[Example] = []
    train: list[Example] = []
    for key in sorted(strata):
        items = sorted(strata[key], key=lambda e: _key(e, seed))
        n = round(len(items) * fraction)
        heldout.extend(items[:n])
        train.extend(items[n:])
    held_texts = {normalise(e.text) for e in heldout}
    train = [e for e in train if normalise(e.text) not in held_texts]
    order = {"groundtruth": 0, "crowdsourced": 1}
    train.sort(key=lambda e: (order[e.source], int(e.sentence_id)))
    heldout.sort(key=lambda e: (order[e.source], int(e.sentence_id)))
    return train, heldout


def prf(y_true: list[int], y_pred: list[int]) -> dict[str, float]:
    """Precision/recall/F1 of the positive class."""
    tp = sum(1 for t, p in zip(y_true, y_pred, strict=True) if t and p)
    fp = sum(1 for t, p in zip(y_true, y_pred, strict=True) if not t and p)
    fn = sum(1 for t, p in zip(y_true, y_pred, strict=True) if t and not p)
    precision = tp / (tp + fp) if tp + fp else 0.0
    recall = tp / (tp + fn) if tp + fn else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return {"precision": precision, "recall": recall, "f1": f1, "support": float(tp + fn)}
