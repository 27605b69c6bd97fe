"""What changed between two revisions of an article (difflib), for the revision banner:
paragraph counts and hunks with code-point ranges in both texts and short excerpts."""

from __future__ import annotations

import difflib
from typing import Any

EXCERPT = 300


def diff_summary(old: str, new: str) -> dict[str, Any]:
    """What changed from `old` to `new`, paragraph by paragraph: counts and hunks with
    code-point ranges in both texts and short excerpts."""
    old_lines = old.split("\n")
    new_lines = new.split("\n")
    old_starts = _line_starts(old_lines)
    new_starts = _line_starts(new_lines)
    hunks: list[dict[str, Any]] = []
    counts = {"added": 0, "removed": 0, "changed": 0}
    matcher = difflib.SequenceMatcher(None, old_lines, new_lines, autojunk=False)
    for op, i1, i2, j1, j2 in matcher.get_opcodes():
        if op == "equal":
            continue
        removed = "\n".join(old_lines[i1:i2])
        added = "\n".join(new_lines[j1:j2])
        key = {"insert": "added", "delete": "removed", "replace": "changed"}[op]
        counts[key] += max(i2 - i1, j2 - j1)
        hunks.append(
            {
                "op": key,
                "old": [old_starts[i1], old_starts[i1] + len(removed)],
                "new": [new_starts[j1], new_starts[j1] + len(added)],
                "removed": _excerpt(removed),
                "added": _excerpt(added),
                "words": _word_changes(removed, added) if op == "replace" else None,
            }
        )
    return {
        "paragraphs": counts,
        "chars": {"old": len(old), "new": len(new)},
        "similarity": round(matcher.ratio(), 4),
        "hunks": hunks,
    }


def _line_starts(lines: list[str]) -> list[int]:
    starts, at = [], 0
    for line in lines:
        starts.append(at)
        at += len(line) + 1
    starts.append(at)
    return starts


def _excerpt(text: str) -> str:
    return text if len(text) <= EXCERPT else text[: EXCERPT - 1] + "…"


def _word_changes(old: str, new: str) -> dict[str, str]:
    """Inside a changed paragraph, just the words that went and came."""
    a, b = old.split(), new.split()
    removed, added = [], []
    for op, i1, i2, j1, j2 in difflib.SequenceMatcher(None, a, b, autojunk=False).get_opcodes():
        if op in ("delete", "replace"):
            removed.append(" ".join(a[i1:i2]))
        if op in ("insert", "replace"):
            added.append(" ".join(b[j1:j2]))
    return {"removed": _excerpt(" … ".join(removed)), "added": _excerpt(" … ".join(added))}
