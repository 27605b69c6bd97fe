"""Anchoring claims in article text (pure Python, no Django).

Offsets are Unicode code points (Python ``str`` indices) everywhere; see the "Anchoring"
section of DESIGN.md. The browser side is frontend/src/anchoring/, tested against the same
JSON fixtures (tests/fixtures/anchoring/).
"""

from .match import Match, match_quote
from .reanchor import Result, Status, reanchor, reanchor_many
from .selectors import CONTEXT_LENGTH, Anchor, check_range, describe, from_selectors, to_selectors

__all__ = [
    "CONTEXT_LENGTH",
    "Anchor",
    "Match",
    "Result",
    "Status",
    "check_range",
    "describe",
    "from_selectors",
    "match_quote",
    "reanchor",
    "reanchor_many",
    "to_selectors",
]
