"""Benchmark and validate the check-worthiness scorer.

    .venv/bin/python bench/checkworthiness.py [--data ../shared/datasets] [--repeat 7]

Speed: scores ClaimBuster's 22,501 crowd-sourced sentences in one batch per run on one
core (the process is pinned to a CPU where the OS allows it), median of ``--repeat``
runs in CPU time, beside a baseline measured in the same run (one ``re.findall(r"\\w+")``
pass over the same sentences). Target: at least 1,000 sentences/s.

Quality: F1 of the check-worthy class on the validation sets the model was never trained
on: ClaimBuster's held-out 20% (factcheck/tagging/training/claimbuster.py; the expert
"groundtruth" part also on its own) and the CheckThat! 2024 dev-test file (318 debate
sentences; report only, nothing is tuned on it). The lab's test split is never read.
"""

from __future__ import annotations

import argparse
import csv
import os
import re
import statistics
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from factcheck.tagging.extract.checkworthiness import MODEL_VERSION, score_sentences  # noqa: E402
from factcheck.tagging.training.claimbuster import load, prf, split  # noqa: E402

_WORD = re.compile(r"\w+")
CHECKTHAT = "checkthat2024-devtest/CT24_checkworthy_english_dev-test.tsv"


def _f1(texts: list[str], labels: list[int]) -> dict[str, float]:
    scores = score_sentences(texts)
    return prf(labels, [int(s >= 0.5) for s in scores])


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--data", type=Path, default=REPO.parent / "shared" / "datasets")
    ap.add_argument("--repeat", type=int, default=7)
    args = ap.parse_args()
    if hasattr(os, "sched_setaffinity"):
        os.sched_setaffinity(0, {min(os.sched_getaffinity(0))})  # one core
    examples = load(args.data / "claimbuster")
    sents = [e.text for e in examples if e.source == "crowdsourced"]
    score_sentences(sents[:10])  # load the model outside the timing
    runs, base = [], []
    for _ in range(args.repeat):
        c0 = time.process_time()
        for s in sents:
            _WORD.findall(s)
        c1 = time.process_time()
        score_sentences(sents)
        c2 = time.process_time()
        base.append(c1 - c0)
        runs.append(c2 - c1)
    per_s = len(sents) / statistics.median(runs)
    base_per_s = len(sents) / statistics.median(base)
    words = sum(len(s.split()) for s in sents) / len(sents)
    print(f"model {MODEL_VERSION}: {len(sents)} sentences (avg {words:.1f} words), one core")
    print(f"scorer:   {per_s:,.0f} sentences/s ({1e6 / per_s:.1f} us/sentence), CPU time")
    print(f"baseline: {base_per_s:,.0f} sentences/s (re.findall(r'\\w+'), same run)")
    print(f"FIGURE checkworthiness_sentences_per_s {per_s:.0f} sentences/s target=>=1000")
    print(f"FIGURE checkworthiness_x_baseline {base_per_s / per_s:.2f} x target=none")

    _train, held = split(examples)
    sets = {
        "claimbuster_heldout": held,
        "claimbuster_heldout_groundtruth": [e for e in held if e.source == "groundtruth"],
    }
    for name, exs in sets.items():
        m = _f1([e.text for e in exs], [e.label for e in exs])
        print(f"{name:<34} n={len(exs):>5} P={m['precision']:.3f} R={m['recall']:.3f}")
        print(f"FIGURE checkworthiness_f1_{name} {m['f1']:.3f} F1 target=none")
    path = args.data / CHECKTHAT
    if path.exists():
        with path.open(encoding="utf-8", newline="") as fh:
            rows = list(csv.DictReader(fh, delimiter="\t"))
        m = _f1([r["Text"] for r in rows], [int(r["class_label"] == "Yes") for r in rows])
        name = "checkthat2024_devtest"
        print(f"{name:<34} n={len(rows):>5} P={m['precision']:.3f} R={m['recall']:.3f}")
        print(f"FIGURE checkworthiness_f1_checkthat2024_devtest {m['f1']:.3f} F1 target=>=0.7")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
