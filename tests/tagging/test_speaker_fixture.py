"""Speaker accuracy on a hand-labelled fixture of Wikinews quotations.

tests/fixtures/tagging/wikinews_speakers.json holds 170 quotations (149 with a named
speaker) from 73 articles of ../shared/corpus that are in no other gold set, labelled
by hand before the extractor ran on them (policy: the file's "policy" and docs/tagger.md).
A predicted speaker is right when it names the labelled speaker: the same words, or one
name's words within the other's ("Erdoğan" for "Recep Tayyip Erdoğan"), or one of the
labelled alternatives ("also").  Run with ``-s`` to print the figures and the misses.
"""

from __future__ import annotations

import json
import re
from functools import cache
from pathlib import Path
from typing import Any

FIXTURE = Path(__file__).resolve().parents[1] / "fixtures" / "tagging" / "wikinews_speakers.json"
FLOOR = 0.85  # named-speaker accuracy; measured figure in docs/tagger.md
_WORD = re.compile(r"[\w’'-]+")


def _words(name: str) -> list[str]:
    words = [w.lower().removesuffix("'s").removesuffix("’s") for w in _WORD.findall(name)]
    return [w for w in words if w not in ("the", "of", "a", "an")]


def same_speaker(got: str | None, want: str, also: list[str]) -> bool:
    if not got:
        return False
    g = _words(got)
    for name in (want, *also):
        w = _words(name)
        if g and w and (set(g) <= set(w) or set(w) <= set(g)):
            return True
    return False


@cache
def _texts() -> list[str]:
    from tests.conftest import shared_path
    from tests.tagging.test_extract_golden import load_articles

    return load_articles(shared_path("corpus", "wikinews"))


def evaluate() -> dict[str, Any]:
    from factcheck.tagging.extract import extract

    quotes = json.loads(FIXTURE.read_text(encoding="utf-8"))["quotes"]
    texts = _texts()
    results: dict[int, Any] = {}
    named = right = null = abstained = found = 0
    misses = []
    for q in quotes:
        text = texts[q["article"]]
        assert text[q["start"] : q["end"]] == q["text"], q
        if q["article"] not in results:
            results[q["article"]] = extract(text)
        cands = [
            c
            for c in results[q["article"]].candidates
            if c.kind == "quote" and c.start < q["end"] and q["start"] < c.end
        ]
        got = cands[0].speaker if cands else None
        found += bool(cands)
        if q["speaker"] is None:
            null += 1
            abstained += got is None
            continue
        named += 1
        if same_speaker(got, q["speaker"], q.get("also", [])):
            right += 1
        else:
            misses.append((q["article"], q["text"][:50], q["speaker"], got))
    return {
        "quotes": len(quotes),
        "found": found,
        "named": named,
        "right": right,
        "accuracy": right / named,
        "null": null,
        "abstained": abstained,
        "misses": misses,
    }


def test_speaker_accuracy_on_the_fixture() -> None:
    r = evaluate()
    print(
        f"\nspeakers: {r['right']}/{r['named']} named right = {r['accuracy']:.3f}; "
        f"quote spans found {r['found']}/{r['quotes']}; "
        f"no speaker given by the article: {r['abstained']}/{r['null']} left null"
    )
    for miss in r["misses"]:
        print("  miss:", miss)
    assert r["quotes"] >= 150 and r["found"] == r["quotes"]
    assert r["accuracy"] >= FLOOR


def test_same_speaker_rule() -> None:
    assert same_speaker("Erdoğan", "Recep Tayyip Erdoğan", [])
    assert same_speaker("Recep Tayyip Erdoğan", "Erdoğan", [])
    assert same_speaker("SDF", "Syrian Democratic Forces", ["SDF"])
    assert not same_speaker("Mike Pence", "Mike Pompeo", [])
    assert not same_speaker(None, "Joe Biden", [])
