"""Benchmark the pure pre-tagging extractor over the Wikinews corpus.

    .venv/bin/python bench/pretag.py [--extractor-only] [--pipeline] [--runs 7] [--corpus DIR]

Reads every article of ../shared/corpus/wikinews/*.csv (columns url,date,title,text;
"\\r\\n" read as "\\n", as callers do), then prints, as the median of --runs passes over
the whole corpus:

* words/s and ms per 1,000 words for the whole extractor (``extract``) and per stage
  (trigger scan, sentences, numbers, quotes, names, speakers, attributions,
  check-worthiness scoring);
* the ratio of each to a baseline measured in the same run: one plain regex
  tokenisation pass, ``re.findall(r"\\w+", text)``, over the same texts.

The budget is 2 ms per 1,000 words for the whole extractor.  Words are counted as
``len(text.split())``.

Sections: ``--extractor-only`` (the default) and ``--pipeline``: the pipeline's tagged
articles/s with real Redis, PostgreSQL and a Celery worker with 2 processes (target
>= 200/s).  That section runs bench/pipeline.py, which needs DATABASE_URL and REDIS_URL and
is also run on its own by ``make bench``; give both flags for both sections.
"""

from __future__ import annotations

import argparse
import bisect
import csv
import re
import statistics
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
CORPUS = REPO.parent / "shared" / "corpus" / "wikinews"
sys.path.insert(0, str(REPO))

from factcheck.tagging.extract import TAGGER_VERSION, extract  # noqa: E402
from factcheck.tagging.extract.attributions import find_attributions  # noqa: E402
from factcheck.tagging.extract.names import NameIndex  # noqa: E402
from factcheck.tagging.extract.numbers import find_numbers  # noqa: E402
from factcheck.tagging.extract.quotes import assign_speakers, find_quote_spans  # noqa: E402
from factcheck.tagging.extract.scan import scan  # noqa: E402
from factcheck.tagging.extract.sentences import split_sentences  # noqa: E402

BUDGET_MS_PER_1000_WORDS = 2.0
_WORD = re.compile(r"\w+")


def load_corpus(folder: Path) -> list[str]:
    csv.field_size_limit(1 << 30)
    texts = []
    for path in sorted(folder.glob("*.csv")):
        with path.open(encoding="utf-8", newline="") as fh:
            texts += [row["text"].replace("\r\n", "\n") for row in csv.DictReader(fh)]
    if not texts:
        sys.exit(f"no articles found in {folder}/*.csv")
    return texts


CLOCKS: dict[str, Callable[[], float]] = {
    "process": time.process_time,  # CPU time of this process: steady on a shared machine
    "wall": time.perf_counter,
}
CLOCK = CLOCKS["process"]


def median_seconds(fn: Callable[[], object], runs: int) -> float:
    times = []
    for _ in range(runs):
        t0 = CLOCK()
        fn()
        times.append(CLOCK() - t0)
    return statistics.median(times)


def _stages(texts: list[str]) -> dict[str, Callable[[], object]]:
    """Each stage timed alone, fed from earlier stages computed beforehand, so the
    stages add up to ``extract()`` (which also builds the candidate objects)."""
    scorer: Callable[[list[str]], list[float]] | None
    try:
        from factcheck.tagging.extract.checkworthiness import score_sentences as scorer
    except ImportError:  # the scorer is optional; extract() falls back to a heuristic
        scorer = None
    spans = [split_sentences(t) for t in texts]
    triggers = [scan(t) for t in texts]
    quotes = [find_quote_spans(t) for t in texts]
    outers = [[q.outer for q in qs] for qs in quotes]
    names = [NameIndex(t, o) for t, o in zip(texts, outers, strict=True)]
    sentence_texts = [[t[s:e] for s, e in sp] for t, sp in zip(texts, spans, strict=True)]
    data = list(zip(texts, spans, triggers, quotes, names, strict=True))

    def speakers() -> None:
        for t, sp, tr, qs, nm in data:
            starts = [s for s, _e in sp]

            def sentence_of(pos: int, sp=sp, starts=starts, t=t) -> tuple[int, int]:
                return sp[max(0, bisect.bisect_right(starts, pos) - 1)] if sp else (0, len(t))

            assign_speakers(t, qs, nm, sentence_of, tr.verb)

    stages: dict[str, Callable[[], object]] = {
        "trigger scan": lambda: [scan(t) for t in texts],
        "sentences": lambda: [split_sentences(t) for t in texts],
        "numbers": lambda: [find_numbers(t, tr) for t, _sp, tr, _q, _n in data],
        "quotes": lambda: [find_quote_spans(t) for t in texts],
        "names": lambda: [NameIndex(t, o) for t, o in zip(texts, outers, strict=True)],
        "speakers": speakers,
        "attributions": lambda: [find_attributions(t, n, sp, tr) for t, sp, tr, _q, n in data],
    }
    if scorer is not None:
        score = scorer
        stages["checkworthiness"] = lambda: [score(s) for s in sentence_texts if s]
    return stages


def extractor_section(texts: list[str], runs: int) -> None:
    words = sum(len(t.split()) for t in texts)
    print(f"pretag benchmark, tagger {TAGGER_VERSION}: {len(texts)} articles, {words:,} words")
    clock = "CPU time" if CLOCK is time.process_time else "wall time"
    print(f"median of {runs} runs over the whole corpus ({clock})")
    print("baseline: re.findall(r'\\w+', text) over the same texts, same run\n")
    # The first pass over the corpus, apart: the extractor's caches (names' prepared runs)
    # are empty then, as for a stream of new articles; the model file is loaded first.
    extract("Warm up the scorer's model.")
    first = median_seconds(lambda: [extract(t) for t in texts], 1)
    # Baseline and extractor alternate, run by run, so a machine whose speed drifts (a
    # shared host) slows both alike and their ratio stays put.
    pairs = [
        (median_seconds(lambda: [_WORD.findall(t) for t in texts], 1),
         median_seconds(lambda: [extract(t) for t in texts], 1))
        for _ in range(runs)
    ]  # fmt: skip
    baseline = statistics.median(b for b, _ in pairs)
    ratio = statistics.median(e / b for b, e in pairs)
    rows = [("baseline (\\w+ findall)", baseline)]
    rows.append(("extract() total", statistics.median(e for _, e in pairs)))
    rows += [(f"  {name}", median_seconds(fn, runs)) for name, fn in _stages(texts).items()]
    print(f"{'stage':26s} {'words/s':>12s} {'ms/1k words':>12s} {'x baseline':>11s}")
    for name, secs in rows:
        per_k = secs * 1000 / words * 1000
        print(f"{name:26s} {words / secs:12,.0f} {per_k:12.3f} {secs / baseline:11.1f}")
    total = dict(rows)["extract() total"] * 1000 / words * 1000
    verdict = "within" if total <= BUDGET_MS_PER_1000_WORDS else "OVER"
    budget = BUDGET_MS_PER_1000_WORDS
    print(f"\nwhole extractor: {total:.3f} ms per 1,000 words ({verdict} the {budget} ms "
          f"budget); x{ratio:.1f} the baseline, run by run")  # fmt: skip
    base_k = baseline * 1000 / words * 1000
    first_k = first * 1000 / words * 1000
    print(f"first pass (cold caches): {first_k:.3f} ms per 1,000 words")
    print(f"FIGURE extractor_ms_per_1k_words {total:.3f} ms target=<={BUDGET_MS_PER_1000_WORDS:g}")
    print(f"FIGURE extractor_x_baseline {ratio:.2f} x target=none")
    print(f"FIGURE extractor_first_pass_ms_per_1k_words {first_k:.3f} ms target=none")
    print(f"FIGURE baseline_findall_ms_per_1k_words {base_k:.3f} ms target=none")


def pipeline_section(texts: list[str], runs: int) -> None:
    """Tagged articles/s through the real pipeline (bench/pipeline.py, its own process:
    it sets up Django, its own database and a worker)."""
    print("\npipeline: bench/pipeline.py (real PostgreSQL, Redis, 2 worker processes)", flush=True)
    argv = [sys.executable, str(REPO / "bench" / "pipeline.py"), "--runs", str(min(runs, 3))]
    code = subprocess.run(argv, cwd=REPO, check=False).returncode
    if code:
        sys.exit(f"bench/pipeline.py failed (exit {code})")


SECTIONS: dict[str, Callable[[list[str], int], None]] = {
    "extractor_only": extractor_section,
    "pipeline": pipeline_section,
}


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument(
        "--extractor-only",
        dest="sections",
        action="append_const",
        const="extractor_only",
        help="time the pure extractor and its stages (the default)",
    )
    ap.add_argument(
        "--pipeline",
        dest="sections",
        action="append_const",
        const="pipeline",
        help="tagged articles/s through Celery, PostgreSQL and Redis (bench/pipeline.py)",
    )
    ap.add_argument("--runs", type=int, default=7, help="passes per measurement (median)")
    ap.add_argument("--corpus", type=Path, default=CORPUS, help="folder of Wikinews CSV files")
    ap.add_argument(
        "--clock",
        choices=sorted(CLOCKS),
        default="process",
        help="process: CPU time of this process (default; steady when other jobs share the "
        "machine); wall: elapsed time",
    )
    args = ap.parse_args(argv)
    global CLOCK
    CLOCK = CLOCKS[args.clock]
    if args.runs < 1:
        ap.error("--runs must be at least 1")
    texts = load_corpus(args.corpus)
    for name in args.sections or ["extractor_only"]:
        SECTIONS[name](texts, args.runs)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
