"""Anchors and the W3C Web Annotation selectors they serialise to.

An :class:`Anchor` is the pair the W3C model names: a ``TextPositionSelector``
(``start``/``end``) and a ``TextQuoteSelector`` (``exact``/``prefix``/``suffix``).
Every offset counts Unicode code points, i.e. Python ``str`` indices, and ``end`` is
exclusive, so ``text[start:end] == exact`` on the text the anchor was described on.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

CONTEXT_LENGTH = 32
"""How many code points of prefix and suffix an anchor keeps (the W3C-suggested 32)."""

POSITION = "TextPositionSelector"
QUOTE = "TextQuoteSelector"


@dataclass(frozen=True)
class Anchor:
    """Where a claim sits in a text: its code-point span, the quote and its context."""

    start: int
    end: int
    exact: str
    prefix: str = ""
    suffix: str = ""

    def __post_init__(self) -> None:
        for name in ("start", "end"):
            value = getattr(self, name)
            if not isinstance(value, int) or isinstance(value, bool):
                raise ValueError(f"anchor {name} must be an integer, got {value!r}")
        for name in ("exact", "prefix", "suffix"):
            if not isinstance(getattr(self, name), str):
                raise ValueError(f"anchor {name} must be a string")
        if not 0 <= self.start < self.end:
            raise ValueError(
                f"anchor needs 0 <= start < end, got start={self.start}, end={self.end}"
            )
        if len(self.exact) != self.end - self.start:
            raise ValueError(
                f"anchor exact has {len(self.exact)} code points but the span "
                f"{self.start}..{self.end} has {self.end - self.start}"
            )


def check_range(text: str, start: int, end: int) -> None:
    """Raise ValueError unless ``0 <= start < end <= len(text)``."""
    for name, value in (("start", start), ("end", end)):
        if not isinstance(value, int) or isinstance(value, bool):
            raise ValueError(f"{name} must be an integer, got {value!r}")
    if not 0 <= start < end <= len(text):
        raise ValueError(
            f"range {start}..{end} is not a non-empty span of a text of "
            f"{len(text)} code points (need 0 <= start < end <= {len(text)})"
        )


def describe(text: str, start: int, end: int, context: int = CONTEXT_LENGTH) -> Anchor:
    """The anchor of ``text[start:end]`` with up to ``context`` code points either side."""
    check_range(text, start, end)
    if context < 0:
        raise ValueError(f"context must be >= 0, got {context}")
    return Anchor(
        start=start,
        end=end,
        exact=text[start:end],
        prefix=text[max(0, start - context) : start],
        suffix=text[end : end + context],
    )


def to_selectors(anchor: Anchor) -> list[dict[str, Any]]:
    """The anchor as ``[TextPositionSelector, TextQuoteSelector]`` dicts (W3C JSON)."""
    return [
        {"type": POSITION, "start": anchor.start, "end": anchor.end},
        {
            "type": QUOTE,
            "exact": anchor.exact,
            "prefix": anchor.prefix,
            "suffix": anchor.suffix,
        },
    ]


def from_selectors(selectors: Iterable[Mapping[str, Any]] | Mapping[str, Any]) -> Anchor:
    """Read an anchor back from W3C selector dicts (a list, or one ``refinedBy`` chain).

    Both a TextPositionSelector and a TextQuoteSelector are required; other selector
    types are ignored. Raises ValueError naming what is missing or inconsistent.
    """
    if isinstance(selectors, Mapping):
        selectors = [selectors]
    position: Mapping[str, Any] | None = None
    quote: Mapping[str, Any] | None = None
    pending = list(selectors)
    while pending:
        selector = pending.pop(0)
        if not isinstance(selector, Mapping):
            raise ValueError(f"a selector must be an object, got {type(selector).__name__}")
        kind = selector.get("type")
        if kind == POSITION and position is None:
            position = selector
        elif kind == QUOTE and quote is None:
            quote = selector
        refined = selector.get("refinedBy")
        if isinstance(refined, Mapping):
            pending.append(refined)
        elif isinstance(refined, list):
            pending.extend(refined)
    if position is None:
        raise ValueError(f"selectors need a {POSITION}")
    if quote is None:
        raise ValueError(f"selectors need a {QUOTE}")
    if "exact" not in quote:
        raise ValueError(f"{QUOTE} needs 'exact'")
    return Anchor(
        start=position.get("start"),  # type: ignore[arg-type]  # validated by Anchor
        end=position.get("end"),  # type: ignore[arg-type]
        exact=quote["exact"],
        prefix=quote.get("prefix", "") or "",
        suffix=quote.get("suffix", "") or "",
    )
