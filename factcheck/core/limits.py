"""Documented limits on what a client may send (docs/api.md lists them). One place, so a
serializer, a parser and the docs cannot disagree."""

from __future__ import annotations

import re

# Free text a person writes. Long enough for any real rationale (a rationale of 20,000
# characters is ~3,000 words); short enough that nobody stores megabytes in a cell.
STATEMENT_MAX_CHARS = 5_000
RATIONALE_MAX_CHARS = 20_000
COMMENT_MAX_CHARS = 10_000
EXCERPT_MAX_CHARS = 10_000
# JSON nesting: our deepest body (a claim's selectors inside a list) is 4 levels; 1,000
# levels would exhaust the interpreter's recursion (a 500). 32 is generous and safe.
JSON_MAX_DEPTH = 32
# Ages in days for ?min_age_days= (100 years: a date in range, both signs refused).
MAX_AGE_DAYS = 36_500
# Database ids are 64-bit: 18 digits always fit, so an id filter never overflows.
_ID = re.compile(r"[0-9]{1,18}")
# A verdict colour is "#rrggbb": the frontend puts it into CSS.
COLOUR = re.compile(r"^#[0-9a-fA-F]{6}\Z")


def as_id(value: object) -> int | None:
    """`value` as a database id when it is one (ASCII digits only: '²'.isdigit() is True
    and int('²') raises), else None."""
    if isinstance(value, bool):
        return None
    if isinstance(value, int):
        return value if 0 <= value < 10**18 else None
    if isinstance(value, str) and _ID.fullmatch(value):
        return int(value)
    return None
