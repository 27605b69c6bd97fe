"""Approximate string matching: Myers' bit-parallel edit distance (J. ACM 46(3), 1999).

Python's unbounded integers hold the whole pattern as one bit vector, so each text
character costs a dozen integer operations whatever the pattern's length. These run over
a window of a few hundred code points; frontend/src/anchoring/approx.ts computes the same
distances with a plain dynamic programme and picks spans by the same rules.
"""

from __future__ import annotations


def _distances(pattern: str, text: str, anchored: bool) -> list[int]:
    """``out[j]``: edits between ``pattern`` and the best substring of ``text`` ending at
    ``j + 1`` (``anchored``: the substring must start at 0, i.e. ``text[: j + 1]``)."""
    m = len(pattern)
    peq: dict[str, int] = {}
    for i, char in enumerate(pattern):
        peq[char] = peq.get(char, 0) | (1 << i)
    mask = (1 << m) - 1
    high = 1 << (m - 1)
    carry = 1 if anchored else 0
    pv, mv, score = mask, 0, m
    out = []
    for char in text:
        eq = peq.get(char, 0)
        xv = eq | mv
        xh = ((((eq & pv) + pv) & mask) ^ pv) | eq
        ph = (mv | ~(xh | pv)) & mask
        mh = pv & xh
        if ph & high:
            score += 1
        elif mh & high:
            score -= 1
        ph = ((ph << 1) | carry) & mask
        mh = (mh << 1) & mask
        pv = (mh | ~(xv | ph)) & mask
        mv = ph & xv
        out.append(score)
    return out


def search_distances(pattern: str, text: str) -> list[int]:
    """Edits of the best occurrence of ``pattern`` ending at each ``j + 1`` of ``text``."""
    return _distances(pattern, text, anchored=False)


def prefix_distances(pattern: str, text: str) -> list[int]:
    """``out[j] == levenshtein(pattern, text[: j + 1])``."""
    return _distances(pattern, text, anchored=True)


def start_for_end(pattern: str, text: str, end: int, max_errors: int) -> tuple[int, int]:
    """The start of the best occurrence of ``pattern`` ending at ``end``: (start, edits).

    Aligns the reversed pattern to the text read backwards from ``end``. Among equally
    good starts it takes the span whose length is closest to the pattern's, then the
    shorter one.
    """
    lo = max(0, end - len(pattern) - max_errors)
    backwards = text[lo:end][::-1]
    distances = prefix_distances(pattern[::-1], backwards)
    best_j, best = -1, len(pattern)  # j == -1: the empty span, len(pattern) edits
    for j, edits in enumerate(distances):
        if edits < best or (
            edits == best and abs(j + 1 - len(pattern)) < abs(best_j + 1 - len(pattern))
        ):
            best_j, best = j, edits
    return end - (best_j + 1), best


def approximate_matches(pattern: str, text: str, max_errors: int) -> list[tuple[int, int, int]]:
    """Every locally best occurrence of ``pattern`` within ``max_errors`` edits in ``text``.

    Returns ``(start, end, edits)`` spans, non-empty, in order of their end. An end is
    kept when its distance is within the budget and no worse than its neighbours'.
    """
    if not pattern:
        raise ValueError("cannot match an empty pattern")
    distances = search_distances(pattern, text)
    found: list[tuple[int, int, int]] = []
    seen: set[tuple[int, int]] = set()
    last = len(distances) - 1
    for j, edits in enumerate(distances):
        if edits > max_errors:
            continue
        if (j > 0 and distances[j - 1] < edits) or (j < last and distances[j + 1] < edits):
            continue
        start, edits = start_for_end(pattern, text, j + 1, max_errors)
        if start < j + 1 and edits <= max_errors and (start, j + 1) not in seen:
            seen.add((start, j + 1))
            found.append((start, j + 1, edits))
    return found
