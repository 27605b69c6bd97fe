"""Golden output of ``extract`` over the 295 Wikinews articles of ../shared/corpus.

tests/fixtures/tagging/golden_wikinews.jsonl.gz holds, one line per article (in the
order of ``sorted(glob("*.csv"))`` then row order), every candidate (all fields,
``extra`` included) and every sentence span with its check-worthiness score, as the
extractor of TAGGER_VERSION produced them.  Any change of output fails here: a
performance change must keep it green; a rule change must bump TAGGER_VERSION and
regenerate the fixture:

    .venv/bin/python tests/tagging/test_extract_golden.py --write
"""

from __future__ import annotations

import csv
import gzip
import json
import math
import sys
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parents[2]
GOLDEN = REPO / "tests" / "fixtures" / "tagging" / "golden_wikinews.jsonl.gz"
SCORE_TOLERANCE = 1e-9
CANDIDATE_FIELDS = (
    "kind", "start", "end", "text", "value", "unit", "qualifier", "speaker", "source",
    "score", "sentence", "extra", "checkable",
)  # fmt: skip


def load_articles(folder: Path) -> list[str]:
    csv.field_size_limit(1 << 30)
    texts: list[str] = []
    for path in sorted(folder.glob("*.csv")):
        with path.open(encoding="utf-8", newline="") as fh:
            texts += [row["text"].replace("\r\n", "\n") for row in csv.DictReader(fh)]
    return texts


def record(text: str) -> dict[str, Any]:
    from factcheck.tagging.extract import TAGGER_VERSION, extract

    ex = extract(text)
    cands = [[getattr(c, f) for f in CANDIDATE_FIELDS] for c in ex.candidates]
    sents = [[s.start, s.end, s.score] for s in ex.sentences]
    # round-trip through JSON so live and stored records compare alike
    return json.loads(
        json.dumps({"version": TAGGER_VERSION, "candidates": cands, "sentences": sents})
    )


def _diff(i: int, want: dict[str, Any], got: dict[str, Any]) -> list[str]:
    errors: list[str] = []
    if want["version"] != got["version"]:
        errors.append(f"article {i}: TAGGER_VERSION {got['version']} != {want['version']}")
    if want["candidates"] != got["candidates"]:
        w = {json.dumps(c) for c in want["candidates"]}
        g = {json.dumps(c) for c in got["candidates"]}
        errors.append(
            f"article {i}: candidates differ; missing {sorted(w - g)[:3]}, "
            f"unexpected {sorted(g - w)[:3]}"
        )
    ws, gs = want["sentences"], got["sentences"]
    if [s[:2] for s in ws] != [s[:2] for s in gs]:
        errors.append(f"article {i}: sentence spans differ")
    else:
        for (s, e, a), (_s, _e, b) in zip(ws, gs, strict=True):
            if not math.isclose(a, b, rel_tol=0.0, abs_tol=SCORE_TOLERANCE):
                errors.append(f"article {i}: sentence {s}-{e} score {b!r} != {a!r}")
                break
    return errors


def test_extract_matches_golden_output() -> None:
    import pytest

    from tests.conftest import shared_path

    folder = shared_path("corpus", "wikinews")
    texts = load_articles(folder)
    if not GOLDEN.exists():
        pytest.fail(f"{GOLDEN} is missing: run this file with --write")
    with gzip.open(GOLDEN, "rt", encoding="utf-8") as fh:
        golden = [json.loads(line) for line in fh]
    assert len(golden) == len(texts) == 295
    errors: list[str] = []
    for i, (text, want) in enumerate(zip(texts, golden, strict=True)):
        errors += _diff(i, want, record(text))
    assert not errors, "\n".join(errors[:20])


def test_fast_candidate_constructor_matches_the_dataclass() -> None:
    from dataclasses import fields

    from factcheck.tagging.extract import Candidate, Sentence, _candidate, _sentence

    values = ("number", 1, 5, "four", 4.0, "percent", "about", None, None, 0.9, 2, {"k": 1})
    fast, slow = _candidate(*values), Candidate(*values)
    assert fast == slow and repr(fast) == repr(slow)
    assert list(vars(fast)) == [f.name for f in fields(Candidate)]
    assert _sentence(3, 9, 0.25) == Sentence(3, 9, 0.25)
    assert list(vars(_sentence(3, 9, 0.25))) == [f.name for f in fields(Sentence)]


def _write() -> None:
    sys.path.insert(0, str(REPO))
    texts = load_articles(REPO.parent / "shared" / "corpus" / "wikinews")
    GOLDEN.parent.mkdir(parents=True, exist_ok=True)
    # mtime=0: the same output gives the same bytes
    with (
        GOLDEN.open("wb") as raw,
        gzip.GzipFile(fileobj=raw, mode="wb", mtime=0) as gz,
    ):
        for text in texts:
            gz.write((json.dumps(record(text), ensure_ascii=False) + "\n").encode("utf-8"))
    print(f"wrote {len(texts)} articles to {GOLDEN}")


if __name__ == "__main__":
    if sys.argv[1:] != ["--write"]:
        sys.exit(__doc__)
    _write()
