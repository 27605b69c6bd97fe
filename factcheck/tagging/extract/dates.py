"""Calendar expressions: dates, months, relative dates and times of day.

``calendar_at(text, p)`` tries the calendar pattern at a trigger offset (a digit,
a month or weekday name, ``last``/``next``/``this``/``past``...).  Dates keep
their text and get ``value=None``, ``unit="date"`` and an ISO-like
``extra["date"]`` (``XXXX`` for an unwritten year); see docs/tagger.md.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any, Final

from . import numtables as T

__all__ = ["NumberHit", "calendar_at"]


@dataclass(slots=True)
class NumberHit:
    start: int
    end: int
    kind: str
    value: float | None = None
    unit: str | None = None
    qualifier: str | None = None
    extra: dict[str, Any] = field(default_factory=dict)


_FULL_MONTHS = [m for m in T.MONTHS if len(m) > 4 or m in ("may", "june", "july")]
_MONTH_CAP = "(?:" + "|".join(m.capitalize() for m in _FULL_MONTHS) + ")"
_MON_ABBR = (
    "(?:" + "|".join(m.capitalize() + r"\.?" for m in T.MONTHS if m not in _FULL_MONTHS) + ")"
)
_MON = rf"(?:{_MONTH_CAP}|{_MON_ABBR})"
_WEEKDAY = r"(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)"
# Optional parts are written "(?:...|)", not "(...)?": the same matches, but the
# regex engine (3.11) allocates a repeat context for each "(...)?" it enters.
_CAL: Final = re.compile(
    rf"(?:(?:{_WEEKDAY}),? |)(?:(?P<mon>{_MON}) (?P<day>\d{{1,2}})(?:st|nd|rd|th|)"
    rf"(?:,? (?P<yr>\d{{4}})|)"
    rf"|(?:the |)(?P<day2>\d{{1,2}})(?:st|nd|rd|th|) (?:of |)(?P<mon2>{_MON})"
    rf"(?:,? (?P<yr2>\d{{4}})|))(?![\w])"
    rf"|(?P<mon3>{_MON}),? (?P<yr3>\d{{4}})(?![\w])"
    r"|(?P<iso>(?P<iy>\d{4})-(?P<im>\d\d)-(?P<id>\d\d))(?![\w])"
    # "12/25/2020", "25/12/20" (US month first unless the first number cannot be a
    # month), and "9/11", the attacks' name: a date, never the fraction 9/11
    r"|(?P<sa>\d{1,2})/(?P<sb>\d{1,2})/(?P<sy>\d{4}|\d\d)(?![\w/]|[.,]\d)"
    r"|(?P<nineeleven>9/11)(?![\w/]|[.,]\d)"
    rf"|(?P<rel>(?:[Ll]ast|[Nn]ext|[Tt]his|[Pp]ast|[Ee]arlier this|[Ll]ater this|[Tt]he previous)"
    rf" (?:{_WEEKDAY}|week|weekend|month|year|{_MONTH_CAP}|spring|summer|autumn|fall|winter))"
    r"(?![\w])"
    rf"|(?P<mon4>{_MONTH_CAP})(?![\w])"
    r"|(?P<time>\d{1,2}(?::\d\d|)\s?(?:a\.m\.|p\.m\.|A\.M\.|P\.M\.|am|pm|AM|PM)|\d{1,2}:\d\d)(?![\w:])"
)
_MONTH_PREPS: Final = frozenset(
    [
        "in",
        "since",
        "until",
        "by",
        "from",
        "through",
        "during",
        "early",
        "late",
        "mid",
        "of",
        "the",
        "a",
        "this",
        "last",
        "next",
    ]
)


def word_before(text: str, end: int, lo: int) -> tuple[str, int] | None:
    """The word (a run of non-whitespace) and its start, where ``text[lo:end]`` ends in
    word + " " (or word + " \\n"); else None.  The same as searching ``(\\S+) $`` in
    ``text[lo:end]``, which costs a failed greedy match at every offset of the window."""
    j = end - 1  # the space
    if j <= lo:
        return None
    if text[j] != " ":
        if text[j] != "\n" or text[j - 1] != " ":
            return None  # "$" also matches before a final newline
        j -= 1
        if j <= lo:
            return None
    if text[j - 1].isspace():
        return None
    word = text[lo:j].rsplit(None, 1)[-1]  # str.split's whitespace is the regex's \s
    return word, j - len(word)


_CLOCK: Final = re.compile(r"(\d{1,2})(?::(\d\d)|)\s?([AaPp]|)")


def _iso_time(s: str) -> str | None:
    """``"4 PM"`` -> ``"16:00"``, ``"10:30 a.m."`` -> ``"10:30"``, ``"16:05"`` -> itself;
    None for an impossible clock time."""
    m = _CLOCK.match(s)
    if m is None:
        return None
    h, mi, ap = int(m.group(1)), int(m.group(2) or 0), m.group(3).lower()
    if ap:
        if not 1 <= h <= 12:
            return None
        h = h % 12 + (12 if ap == "p" else 0)
    if h > 23 or mi > 59:
        return None
    return f"{h:02d}:{mi:02d}"


def _slash_date(
    text: str, start: int, end: int, a: str, b: str, y: str, extra: dict[str, Any]
) -> NumberHit | None:
    """``m/d/y`` (or ``d/m/y`` when the first number is over 12), two-digit years read as
    19xx/20xx around the turn of the century."""
    if start > 0 and text[start - 1] in "/-.":
        return None
    mon, day = int(a), int(b)
    if mon > 12:
        mon, day = day, mon
    if not (1 <= mon <= 12 and 1 <= day <= 31):
        return None
    year = y if len(y) == 4 else ("20" if int(y) < 50 else "19") + y
    extra["date"] = f"{year}-{mon:02d}-{day:02d}"
    return NumberHit(start, end, "date", None, "date", None, extra)


def calendar_at(text: str, p: int) -> NumberHit | None:
    """The date, month, relative date or time starting at ``p``, if any."""
    m = _CAL.match(text, p)
    return _classify_calendar(text, m) if m is not None else None


def _classify_calendar(text: str, m: re.Match[str]) -> NumberHit | None:
    g = m.group
    start, end = m.start(), m.end()
    if start > 0 and text[start - 1].isalnum():
        return None
    extra: dict[str, Any] = {"kind": "date"}
    if g("time"):
        return NumberHit(
            start, end, "time", None, "time", None, {"kind": "time", "time": _iso_time(g("time"))}
        )
    if g("rel"):
        # Relative to a day the text does not give: no ISO date; the words stay.
        extra["relative"] = g("rel")
        extra["date"] = None
        return NumberHit(start, end, "date", None, "date", None, extra)
    if g("iso"):
        extra["date"] = g("iso")
        return NumberHit(start, end, "date", None, "date", None, extra)
    if g("nineeleven"):
        if start > 0 and text[start - 1] in "/-.":
            return None
        extra["date"] = "2001-09-11"
        return NumberHit(start, end, "date", None, "date", None, extra)
    if g("sa"):
        return _slash_date(text, start, end, g("sa"), g("sb"), g("sy"), extra)
    if g("mon4"):
        pw = word_before(text, start, max(0, start - 12))
        if pw is None or pw[0].lower() not in _MONTH_PREPS:
            return None
        mon = T.MONTHS[g("mon4").lower()]
        extra["date"] = f"XXXX-{mon:02d}"
        return NumberHit(m.start("mon4"), end, "date", None, "date", None, extra)
    mon_s = g("mon") or g("mon2") or g("mon3")
    mon = T.MONTHS.get(mon_s.rstrip(".").lower(), 0)
    day = g("day") or g("day2")
    yr = g("yr") or g("yr2") or g("yr3")
    if day and not 1 <= int(day) <= 31:
        return None
    y = yr or "XXXX"
    extra["date"] = f"{y}-{mon:02d}-{int(day):02d}" if day else f"{y}-{mon:02d}"
    return NumberHit(start, end, "date", None, "date", None, extra)
