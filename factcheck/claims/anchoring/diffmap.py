"""Map code-point offsets from an old text to a revised one through a diff.

The diff is taken on lines first (difflib, cheap and exact for untouched paragraphs),
then character by character inside each changed block of lines (rapidfuzz's LCS
opcodes). What survives is a sorted list of unchanged segments; mapping an offset is
one binary search.
"""

from __future__ import annotations

from bisect import bisect_right
from difflib import SequenceMatcher

from rapidfuzz.distance import Indel

MAX_BLOCK_CELLS = 50_000_000
"""A changed block of old × new characters larger than this is not diffed by character
(the LCS matrix would be too big); anchors inside it fall back to the quote matcher."""


def _lines(text: str) -> list[str]:
    """The text's lines, each with its "\\n" (only "\\n" separates lines here).

    The last line gets one too, so that appending a paragraph does not make the old last
    line differ from itself; offsets are unaffected since it is past the end.
    """
    return [line + "\n" for line in text.split("\n")]


class DiffMap:
    """Unchanged segments between ``old`` and ``new``, for mapping old offsets."""

    def __init__(self, old: str, new: str) -> None:
        self.old_len = len(old)
        self.new_len = len(new)
        segments: list[tuple[int, int, int]] = []  # (old_start, old_end, new_start)
        old_lines, new_lines = _lines(old), _lines(new)
        old, new = "".join(old_lines), "".join(new_lines)  # with the final "\n"
        old_at = _offsets(old_lines)
        new_at = _offsets(new_lines)
        matcher = SequenceMatcher(None, old_lines, new_lines, autojunk=False)
        for tag, i1, i2, j1, j2 in matcher.get_opcodes():
            a0, a1, b0, b1 = old_at[i1], old_at[i2], new_at[j1], new_at[j2]
            if tag == "equal":
                segments.append((a0, a1, b0))
            elif tag == "replace" and (a1 - a0) * (b1 - b0) <= MAX_BLOCK_CELLS:
                for op in Indel.opcodes(old[a0:a1], new[b0:b1]):
                    if op.tag == "equal":
                        segments.append((a0 + op.src_start, a0 + op.src_end, b0 + op.dest_start))
        self._segments = _merge(segments)
        self._starts = [seg[0] for seg in self._segments]

    def _segment(self, pos: int) -> int:
        """Index of the last segment starting at or before ``pos`` (-1 if none)."""
        return bisect_right(self._starts, pos) - 1

    def map_span(self, start: int, end: int) -> tuple[int, int] | None:
        """The new span of ``old[start:end]`` if none of it was edited, else None.

        The span may straddle segments (a line break between two unchanged lines), but
        its length must be unchanged; the caller checks the text itself.
        """
        first = self._segment(start)
        last = self._segment(end - 1)
        if first < 0 or last < 0:
            return None
        a0, a1, b0 = self._segments[first]
        c0, c1, d0 = self._segments[last]
        if start >= a1 or end - 1 >= c1:
            return None
        new_start, new_end = b0 + start - a0, d0 + end - c0
        if new_end - new_start != end - start:
            return None
        return new_start, new_end

    def map_point(self, pos: int) -> int:
        """A best guess of where old offset ``pos`` is in the new text (for a hint)."""
        index = self._segment(pos)
        if index < 0:
            return min(pos, self.new_len)
        a0, a1, b0 = self._segments[index]
        return min(b0 + min(pos, a1) - a0, self.new_len)


def _offsets(lines: list[str]) -> list[int]:
    offsets = [0]
    for line in lines:
        offsets.append(offsets[-1] + len(line))
    return offsets


def _merge(segments: list[tuple[int, int, int]]) -> list[tuple[int, int, int]]:
    """Join segments that continue each other in both texts."""
    merged: list[tuple[int, int, int]] = []
    for a0, a1, b0 in segments:
        if merged:
            p0, p1, q0 = merged[-1]
            if p1 == a0 and q0 + (p1 - p0) == b0:
                merged[-1] = (p0, a1, q0)
                continue
        merged.append((a0, a1, b0))
    return merged
