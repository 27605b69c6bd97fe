"""Benchmark re-anchoring 1,000 claims on a revised 20,000-word article.

    .venv/bin/python bench/reanchor.py [--runs 7] [--seed 20240501]

Generates a deterministic article from a built-in word list, 1,000 anchors on it, and a
revision that inserts paragraphs, and in ~5% of paragraphs inserts or deletes a sentence,
edits words or empties the paragraph (some claims' text is deleted). Prints the median
time of ``reanchor_many`` with and without the old text, the counts by status, and the
ratio to a naive baseline measured in the same run (``str.find`` of every quote).
Target: <= 500 ms for ``reanchor_many``.
"""

from __future__ import annotations

import argparse
import random
import statistics
import sys
import time
from collections import Counter
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from factcheck.claims.anchoring import Anchor, describe, reanchor_many

_WORD_TEXT = """
government minister president council committee officials report statement percent
million billion economy growth inflation unemployment rate market prices budget deficit
taxes spending health hospital patients doctors vaccine cases deaths outbreak region
city village residents police court judge trial lawyer evidence investigation election
voters campaign party candidate parliament law bill vote support opposition protest
climate emissions energy coal wind solar power water drought flood storm temperature
school students teachers university research study scientists data survey analysis
company workers jobs wages industry trade exports imports tariffs agreement talks deal
country nation border security military army attack peace ceasefire refugees aid said
told announced reported claimed according added warned denied confirmed estimated
increased decreased rose fell doubled tripled reached exceeded remained dropped grew
year month week day since during after before while although however because despite the
a an of to in for on with by at from as about than more less most least over under new
old first last major minor local national global public private federal regional high
low large small early late recent previous current annual monthly weekly daily people
children families women men officials experts analysts critics supporters their its his
her our this that these those which who whom whose what where when
"""
WORDS = _WORD_TEXT.split()
NAMES = ["Ana Souza", "Chen Wei", "Olúwaseun Adé", "Zoë Müller", "José Álvarez", "Priya Nair"]
NUMBERS = ["4.2%", "$3 billion", "1,200", "17", "ten", "65 percent", "€40m", "2019", "3.5 million"]


def sentence(rng: random.Random) -> str:
    words = [rng.choice(WORDS) for _ in range(rng.randint(8, 24))]
    if rng.random() < 0.5:
        words.insert(rng.randrange(len(words)), rng.choice(NUMBERS))
    if rng.random() < 0.3:
        words.insert(0, rng.choice(NAMES) + " said")
    if rng.random() < 0.02:
        words.append("👍🏽")
    text = " ".join(words)
    return text[0].upper() + text[1:] + "."


def article(rng: random.Random, n_words: int) -> list[list[str]]:
    paragraphs, count = [], 0
    while count < n_words:
        para = [sentence(rng) for _ in range(rng.randint(3, 7))]
        count += sum(len(s.split()) for s in para)
        paragraphs.append(para)
    return paragraphs


def join(paragraphs: list[list[str]]) -> str:
    return "\n".join(" ".join(para) for para in paragraphs)


def make_anchors(rng: random.Random, text: str, n: int) -> list[Anchor]:
    spaces = [i for i, c in enumerate(text) if c in " \n"]
    anchors = []
    for _ in range(n):
        k = rng.randrange(len(spaces) - 30)
        start, end = spaces[k] + 1, spaces[k + rng.randint(4, 20)]
        anchors.append(describe(text, start, end))
    return anchors


def revise(rng: random.Random, paragraphs: list[list[str]]) -> list[list[str]]:
    revised = [list(p) for p in paragraphs]
    for index in rng.sample(range(len(revised)), max(1, len(revised) // 20)):
        para = revised[index]
        kind = rng.choice(["insert", "delete", "edit", "edit", "empty"])
        if kind == "insert":
            para.insert(rng.randint(0, len(para)), sentence(rng))
        elif kind == "delete" and len(para) > 1:
            del para[rng.randrange(len(para))]
        elif kind == "edit":
            i = rng.randrange(len(para))
            words = para[i].split(" ")
            for _ in range(rng.randint(1, 3)):
                words[rng.randrange(len(words))] = rng.choice(WORDS)
            para[i] = " ".join(words)
        else:
            para.clear()
    for at in (0, len(revised) // 2):  # new paragraphs shift everything after them
        revised.insert(at, [sentence(rng) for _ in range(3)])
    return revised


def median_ms(fn: Callable[[], object], runs: int) -> float:
    times = []
    for _ in range(runs):
        t0 = time.perf_counter()
        fn()
        times.append((time.perf_counter() - t0) * 1000)
    return statistics.median(times)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--runs", type=int, default=7)
    parser.add_argument("--seed", type=int, default=20240501)
    args = parser.parse_args()
    rng = random.Random(args.seed)
    paragraphs = article(rng, 20_000)
    old = join(paragraphs)
    anchors = make_anchors(rng, old, 1_000)
    new = join(revise(rng, paragraphs))
    surviving = sum(a.exact in new for a in anchors)
    print(
        f"article: {len(old.split())} words, {len(old)} code points, {len(paragraphs)} "
        f"paragraphs; revised: {len(new)} code points; {len(anchors)} anchors, "
        f"{surviving} of whose quotes survive verbatim"
    )

    def baseline() -> list[int]:
        return [new.find(a.exact) for a in anchors]

    base = median_ms(baseline, args.runs)
    print(f"baseline (str.find of every quote): {base:.1f} ms median of {args.runs}")
    for label, kwargs in (("with old_text", {"old_text": old}), ("without old_text", {})):
        results = reanchor_many(new, anchors, **kwargs)
        for r in results:  # every placed quote is the new text there; orphans keep theirs
            assert r.anchor.exact == (
                new[r.anchor.start : r.anchor.end] if r.placed else r.original.exact
            )
            assert r.status == "fuzzy" or not r.placed or r.anchor.exact == r.original.exact
        lost = sum(
            1 for r in results if r.original.exact in new and r.status not in ("exact", "moved")
        )
        ms = median_ms(lambda kw=kwargs: reanchor_many(new, anchors, **kw), args.runs)
        counts = Counter(r.status for r in results)
        status = ", ".join(f"{s} {counts[s]}" for s in ("exact", "moved", "fuzzy", "orphaned"))
        verdict = "OK" if ms <= 500 else "OVER the 500 ms target"
        print(
            f"reanchor_many {label}: {ms:.1f} ms median of {args.runs} "
            f"({ms / base:.1f}x baseline) [{verdict}]; {status}; surviving quotes not found: {lost}"
        )


if __name__ == "__main__":
    main()
