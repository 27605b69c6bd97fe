"""Instructions per pass of the extractor and each of its stages, counted by callgrind.

    .venv/bin/python bench/extract_instructions.py [STAGE ...]

Timings on a shared machine drift by tens of percent; instruction counts do not (the
same count to a few parts in a thousand, whatever else runs).  Use this to judge a
change to one stage: count before, change, count again, then confirm the time with
bench/pretag.py on an idle machine (an instruction in the regex engine is cheaper than
one in the interpreter, so counts and seconds do not move alike).

Each stage runs once and three times over the Wikinews corpus under
``valgrind --tool=callgrind`` (both processes side by side); half the difference is one
pass, without the imports and the set-up.  Stages: those of bench/pretag.py (trigger
scan, sentences, numbers, quotes, names, speakers, attributions, checkworthiness) and
``extract``.  Needs valgrind (Debian's package).  Prints ``STAGE  N Mir/pass`` and a
FIGURE line per stage (millions of instructions per pass over the 216,109 words).
"""

from __future__ import annotations

import argparse
import re
import shutil
import subprocess
import sys
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))
sys.path.insert(0, str(REPO / "bench"))

_REFS = re.compile(r"refs:\s+([\d,]+)")


def _run_passes(stage: str, passes: int) -> None:
    """The process under callgrind: set up every stage's inputs, then run one stage."""
    from pretag import CORPUS, _stages, load_corpus

    from factcheck.tagging.extract import extract

    texts = load_corpus(CORPUS)
    stages = _stages(texts)
    stages["extract"] = lambda: [extract(t) for t in texts]
    run = stages[stage]
    for _ in range(passes):
        run()


def _instructions(stage: str, passes: int) -> int:
    argv = ["valgrind", "--tool=callgrind", "--callgrind-out-file=/dev/null"]
    argv += [sys.executable, __file__, "--child", stage, str(passes)]
    out = subprocess.run(argv, cwd=REPO, capture_output=True, text=True, check=True).stderr
    found = _REFS.search(out)
    if found is None:
        raise RuntimeError(f"no instruction count in callgrind's output:\n{out[-2000:]}")
    return int(found.group(1).replace(",", ""))


def count_stage(stage: str) -> int:
    """Instructions of one pass of ``stage`` over the corpus."""
    with ThreadPoolExecutor(2) as pool:
        once, thrice = pool.map(lambda n: _instructions(stage, n), (1, 3))
    return (thrice - once) // 2


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("stages", nargs="*", default=["extract"], help="default: extract")
    ap.add_argument("--child", nargs=2, metavar=("STAGE", "PASSES"), help=argparse.SUPPRESS)
    args = ap.parse_args(argv)
    if args.child:
        _run_passes(args.child[0], int(args.child[1]))
        return 0
    if shutil.which("valgrind") is None:
        sys.exit("valgrind not found: apt-get install valgrind")
    for stage in args.stages:
        mir = count_stage(stage) / 1e6
        print(f"{stage:16s} {mir:8.0f} Mir/pass", flush=True)
        name = "instructions_" + stage.replace(" ", "_")
        print(f"FIGURE {name} {mir:.0f} Mir target=none", flush=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
