"""Re-anchor claims on a revised text: position first, then the quote, then a fuzzy match.

Every anchor comes back as a :class:`Result`; one that cannot be placed is "orphaned"
and carries its old anchor, so a caller never loses a claim.

``reanchor_many`` is the fast path for a whole article. Anchors are visited in text
order; an anchor whose span is untouched is placed in O(1) by the diff of the old and new
texts when the old text is given (:class:`~.diffmap.DiffMap`), or else by its old position
or the shift its predecessor moved by (quote and whole context must be there). Only anchors
that cannot be placed that way go to the quote matcher (exact, then approximate).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Literal

from .diffmap import DiffMap
from .match import MAX_ERROR_RATIO, find_exact, find_fuzzy
from .selectors import Anchor, describe

Status = Literal["exact", "moved", "fuzzy", "orphaned"]


@dataclass(frozen=True)
class Result:
    """Where an anchor landed on the new text.

    ``status``: "exact" (same offsets, same quote), "moved" (same quote elsewhere),
    "fuzzy" (an approximate match: ``anchor.exact`` is the new text there) or "orphaned".
    ``anchor`` is the anchor described on the new text, or the old one when orphaned;
    ``original`` is always the old one. ``score`` is 0..1 (1.0 for an untouched span,
    0.0 when orphaned).
    """

    status: Status
    anchor: Anchor
    original: Anchor
    score: float

    @property
    def placed(self) -> bool:
        return self.status != "orphaned"


def _context_intact(text: str, start: int, end: int, anchor: Anchor) -> bool:
    prefix, suffix = anchor.prefix, anchor.suffix
    return (
        text.startswith(suffix, end)
        and start >= len(prefix)
        and text.startswith(prefix, start - len(prefix))
    )


class _Reanchorer:
    def __init__(
        self, text: str, old_text: str | None, context: int, max_error_ratio: float
    ) -> None:
        self.text = text
        self.context = context
        self.max_error_ratio = max_error_ratio
        changed = old_text is not None and old_text != text
        self.diff = DiffMap(old_text, text) if changed and old_text is not None else None
        self.shift = 0  # how far the last anchor placed verbatim moved

    def placed(self, anchor: Anchor, start: int, end: int, score: float) -> Result:
        status: Status = "exact" if start == anchor.start else "moved"
        if self.text[start:end] != anchor.exact:
            status = "fuzzy"
        else:
            self.shift = start - anchor.start
        new = describe(self.text, start, end, self.context)
        return Result(status, new, anchor, score)

    def __call__(self, anchor: Anchor) -> Result:
        text, exact = self.text, anchor.exact
        start, end = anchor.start, anchor.end
        hint = start
        if self.diff is not None:
            span = self.diff.map_span(start, end)
            if span is not None and text[span[0] : span[1]] == exact:
                return self.placed(anchor, span[0], span[1], 1.0)
            hint = self.diff.map_point(start)
        # The old position, then the shift the previous anchor moved by, if the quote and its
        # whole context are there.
        for shift in (0, self.shift) if self.shift else (0,):
            at = start + shift
            if text.startswith(exact, at) and _context_intact(text, at, end + shift, anchor):
                return self.placed(anchor, at, end + shift, 1.0)
        found = find_exact(text, exact, anchor.prefix, anchor.suffix, hint)
        if found is None:
            found = find_fuzzy(
                text, exact, anchor.prefix, anchor.suffix, hint, self.max_error_ratio
            )
        if found is None:
            return Result("orphaned", anchor, anchor, 0.0)
        return self.placed(anchor, found.start, found.end, found.score)


def reanchor_many(
    new_text: str,
    anchors: Sequence[Anchor],
    *,
    old_text: str | None = None,
    context: int = 32,
    max_error_ratio: float = MAX_ERROR_RATIO,
) -> list[Result]:
    """Re-anchor every anchor on ``new_text``; results are in the anchors' order.

    Pass ``old_text`` (the text the anchors were described on) when you have it: the
    diff then places every anchor whose span was not edited, without searching.
    """
    run = _Reanchorer(new_text, old_text, context, max_error_ratio)
    results: list[Result | None] = [None] * len(anchors)
    for index in sorted(range(len(anchors)), key=lambda i: anchors[i].start):
        results[index] = run(anchors[index])
    return results  # type: ignore[return-value]  # every slot was filled


def reanchor(
    new_text: str,
    anchor: Anchor,
    *,
    old_text: str | None = None,
    context: int = 32,
    max_error_ratio: float = MAX_ERROR_RATIO,
) -> Result:
    """Re-anchor one anchor on ``new_text`` (see :func:`reanchor_many`)."""
    return reanchor_many(
        new_text, [anchor], old_text=old_text, context=context, max_error_ratio=max_error_ratio
    )[0]
