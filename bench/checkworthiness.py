"""Micro-benchmark for the check-worthiness scorer.

    python bench/checkworthiness.py [--data /work/shared/datasets/claimbuster]

Reports microseconds per sentence and per 50-sentence batch (the extractor's
~1,000-word budget is 2 ms in total).
"""

from __future__ import annotations

import argparse
import csv
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from factcheck.tagging.extract.checkworthiness import MODEL_VERSION, score_sentences

FALLBACK = [
    "Unemployment fell to 3.5% in 2019.",
    "Thank you very much, everyone.",
    "What do you think?",
    "I think he's a great guy.",
    'The minister said "crime rose 20 percent last year."',
    "The company reported revenue of $4.2 billion in the third quarter, up from a year earlier.",
]


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument(
        "--data",
        type=Path,
        default=Path(__file__).resolve().parents[1] / ".." / "shared" / "datasets" / "claimbuster",
    )
    ap.add_argument("--repeat", type=int, default=7)
    args = ap.parse_args()
    path = args.data / "crowdsourced.csv"
    if path.exists():
        with path.open(encoding="utf-8", newline="") as fh:
            sents = [r["Text"] for r in csv.DictReader(fh)]
    else:
        sents = FALLBACK * 1000
    score_sentences(sents[:10])  # load model outside the timing
    runs = []
    cpu = []
    for _ in range(args.repeat):
        t0, c0 = time.perf_counter(), time.process_time()
        score_sentences(sents)
        runs.append(time.perf_counter() - t0)
        cpu.append(time.process_time() - c0)
    words = sum(len(s.split()) for s in sents) / len(sents)
    print(f"model {MODEL_VERSION}: {len(sents)} sentences (avg {words:.1f} words)")
    for name, t in (
        ("best", min(runs)),
        ("median", statistics.median(runs)),
        ("cpu", min(cpu)),  # process CPU time: robust when the machine is busy
    ):
        per = t / len(sents) * 1e6
        print(f"{name:<6} {per:.2f} us/sentence, {per * 50 / 1000:.3f} ms per 50 sentences")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
