"""Numbers: amounts, money, percentages, ranges, durations, years, ordinals.

Where a trigger fired (a digit or currency sign, a number word from
:func:`scan.scan`), calendar expressions (:mod:`dates`) are tried first, then
the amount pattern, then ordinals; Python only classifies the few matches and
keeps hits from overlapping.  The rules and the deliberate exclusions are in
docs/tagger.md.  Every hit is a :class:`NumberHit`; ``extract`` turns hits into
candidates.
"""

from __future__ import annotations

import re
from typing import Any, Final

from . import numtables as T
from .dates import NumberHit, calendar_at, word_before
from .rx import trie
from .scan import Triggers, scan

__all__ = ["NumberHit", "find_numbers"]


def _alt(words: Any, capital: bool = True) -> str:
    """Regex matching any of ``words``, longest first; ``capital`` adds the capitalised
    form.  A prefix tree: it tries the same words in the same order (of the words that
    fit at a position, the longest first) as a longest-first alternation, without
    comparing against every word in turn.  Its optional tails are written the cheap way
    (see _OPTIONAL_GROUPS)."""
    variants = set(words)
    if capital:
        variants |= {w[0].upper() + w[1:] for w in words if w[:1].isalpha()}
    # a trie emits only "(?:...)?" groups and escaped literals, so ")?" closes one
    return "(?:" + trie(variants).replace(")?", "|)") + ")"


# _OPTIONAL_GROUPS: Python's regex engine (3.11) allocates a repeat context, and
# saves the group marks, for every optional group "(...)?" it enters, even one that
# fails at its first character; "(?:...|)", an alternation with an empty branch,
# tries the same things in the same order without that (about a quarter of the
# amount pattern's cost).  So the patterns below are written that way.  A named
# group written "(?P<x>...|)" is "" instead of None when skipped; the code only
# tests such groups for truth.  "p1" stays None when skipped: "(?(p1)...)" tests it.


_ONES9 = _alt([w for w, v in T.ONES.items() if 1 <= v <= 9])
_ONES = _alt(T.ONES)
_TENS = _alt(T.TENS)
_TENS_ONES = rf"{_TENS}(?:[- ]{_ONES9}|)"
_WORDNUM = rf"(?:{_TENS_ONES}|{_ONES})(?:[ -]hundred(?: and (?:{_TENS_ONES}|{_ONES})|)|)"
_A_SCALE = r"(?:[Hh]alf |)[Aa]n?(?= (?:hundred|thousand|million|billion|trillion|dozen)\b)"
_FRAC = (
    rf"(?:[Oo]ne|[Tt]wo|[Tt]hree|[Ff]our|[Ff]ive|[Ss]even|[Nn]ine)[ -]{_alt(T.FRACTIONS, False)}"
    rf"|[Aa] {_alt(T.FRACTIONS, False)}(?= of\b)|[Hh]alf(?= of\b)"
)
_DIG = r"(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+|)"
_NUM = rf"(?:{_DIG}|{_FRAC}|{_WORDNUM}|{_A_SCALE})"
_DIG_OR_WORD: Final = re.compile(rf"\d+|{_WORDNUM}")
_CUR = (
    r"(?:(?:US|AU?|CA?|NZ|HK|S|R)\$|CN¥|[$€£¥₹₩₽₺₪₦]"
    r"|(?:RMB|USD|EUR|GBP|JPY|CNY|CHF|INR|AUD|CAD|HKD|Rs\.?) ?)"
)
_SCALE = (
    r"(?:\s?(?:bn|mn|mln|tn|trn)|[mkb])(?![\w])"
    r"|(?:(?:[ \xa0]{1,2}|-)(?:hundred|thousand|million|billion|trillion|dozen))+"
)
_PCT = r"\s?%|[ \xa0-](?:percentage points?|percent|per cent|pct|basis points?)\b"
_CSUF = rf"[ \xa0](?:{_alt(T.CURRENCY_SUFFIX, False)}|pounds)\b"
_TIME = rf"[ \xa0-]{_alt(T.TIME_UNITS, False)}\b"
_MEAS = rf"[ \xa0-]?{_alt(T.MEASURE_UNITS, False)}(?![\w])"


def _amount_rx(between: bool) -> re.Pattern[str]:
    head = "(?P<btw>[Bb]etween )" if between else ""
    sep = " (?:and|to) " if between else r"(?(p1)\s?[–—-]\s?|(?:\s?[–—]\s?|-| to ))"
    return re.compile(
        rf"{head}(?P<c1>{_CUR}|)(?P<n1>{_NUM})(?P<dec>(?<=0)'?s|)(?P<s1>{_SCALE}|)"
        rf"(?:(?:(?P<p1>\s?%|\s(?:percent|per cent))|)(?P<sep>{sep})"
        rf"(?P<c2>{_CUR}|)(?P<n2>{_NUM})(?P<s2>{_SCALE}|)|)"
        rf"(?:(?P<pct>{_PCT})|(?P<csuf>{_CSUF})|(?P<tu>{_TIME})(?P<old>[ -]old\b|)"
        rf"|(?P<mu>{_MEAS})|)"
        r"(?![\w/]|[.,:]\d)"
    )


_AMOUNT: Final = _amount_rx(between=False)
_AMOUNT_BTW: Final = _amount_rx(between=True)
_N_GROUPS: Final = _AMOUNT.groups  # _classify_amount unpacks them by position

# Scanning is two cheap trigger passes; the full patterns only run (``match``)
# where a trigger fired.
_DIGIT_TRIGGER: Final = re.compile(r"[\d$€£¥₹₩₽₺₪₦]\d*")

# _DIGIT_TRIGGER's starts, found faster: the regex engine tests a character class
# at every character of the text (~115 instructions a character), but searches
# for a pattern that starts with a literal in a tight loop.  So the text is
# mapped, one byte a character (Latin-1, "?" for the rest), to "0" for an ASCII
# digit, "$" for "$£¥" and " " for anything else, and digit runs are found as
# b"00*".  That equals _DIGIT_TRIGGER unless the text has a non-ASCII digit (\d
# is Unicode: U+0660 and up, none in U+2000-U+9FFF) or a currency sign outside
# Latin-1; a backslash-escaped copy finds the few characters that may be either
# (a literal-prefix search too), and those texts take _DIGIT_TRIGGER itself.
_MARKS: Final = bytes(
    ord("0") if chr(b) in "0123456789" else ord("$") if chr(b) in "$£¥" else ord(" ")
    for b in range(256)
)
_DIGIT_RUN: Final = re.compile(rb"00*")
_MAYBE_WIDE: Final = re.compile(rb"\\(?:u(?:0[6-9a-f]|1|[a-f]|20[ab])|U)")


def _digit_starts(text: str) -> list[int]:
    """Where _DIGIT_TRIGGER matches: a currency sign, or a digit run not right after one."""
    if text.isascii():
        marks = text.encode("ascii").translate(_MARKS)
    elif _MAYBE_WIDE.search(text.encode("ascii", "backslashreplace")) is None:
        marks = text.encode("latin-1", "replace").translate(_MARKS)
    else:  # a digit or currency sign the byte map does not cover
        return [m.start() for m in _DIGIT_TRIGGER.finditer(text)]
    starts = [m.start() for m in _DIGIT_RUN.finditer(marks)]
    if b"$" in marks:  # rare: a sign starts a match and takes the digits after it
        signs = []
        i = marks.find(b"$")
        while i >= 0:
            signs.append(i)
            i = marks.find(b"$", i + 1)
        after = {i + 1 for i in signs}
        starts = sorted([p for p in starts if p not in after] + signs)
    return starts


# "1/1024", "3/4", "3/5ths": a fraction where the reading is not a date ("12/25").
_SLASH: Final = re.compile(r"(\d{1,4})/(\d{1,5})(?:ths|th|rds|rd|nds|nd|)(?![\w/]|[.,]\d)")
# Ranks: "No. 1", "no 2", "#1", "number one" (the number word or digits follow).
_RANK_BEFORE: Final = re.compile(r"(?:(?<![\w])[Nn]o\.? ?|#|(?<![\w])[Nn]umber )$")
# Vague magnitudes: "millions of", "tens of thousands", "hundreds of millions of dollars".
_VAGUE: Final = re.compile(
    r"(?:[Tt]ens|[Hh]undreds|[Tt]housands|[Mm]illions|[Bb]illions|[Tt]rillions|[Dd]ozens)"
    r"(?: of (?:thousands|millions|billions|trillions)|)(?![\w-])"
    r"(?: of (?:(?:US |U\.S\. |)dollars|euros|pounds|yuan)\b|)"
)
_VAGUE_VALUES: Final = {
    "tens": 10.0, "hundreds": 100.0, "thousands": 1e3, "millions": 1e6, "billions": 1e9,
    "trillions": 1e12, "dozens": 12.0,
}  # fmt: skip
# A rate after money or a measure: "$18 an hour", "$4 a gallon", "80 km per hour".
_RATE: Final = re.compile(
    r"(?: an?| per|/)[ \xa0]?(hour|hr|day|week|month|year|yr|annum|night|person|capita|head"
    r"|share|barrel|gallon|litre|liter|kg|kilogram|pound|lb|ton|tonne|unit|mile|km)"
    r"(?![\w-])(?! (?:ago|earlier|later|before|after)\b)"
)
_RATE_UNITS: Final = {
    "hr": "hour", "yr": "year", "annum": "year", "capita": "person", "head": "person",
    "litre": "l", "liter": "l", "kilogram": "kg", "pound": "lb", "mile": "mile",
}  # fmt: skip


def _slash_at(text: str, p: int) -> NumberHit | None:
    """A slash fraction at ``p``: numerator below denominator, and a reading that is no
    date (a month/day pair is a fraction only when it is 1/x, over 10ths, or "of")."""
    m = _SLASH.match(text, p)
    if m is None or (p > 0 and (text[p - 1].isalnum() or text[p - 1] in _BAD_PREV)):
        return None
    n, d = int(m.group(1)), int(m.group(2))
    if not 0 < n < d or (n >= 100 and d >= 1000):
        return None  # "24/7", "20/20", "50/50" name things; "No. 1430/2019" numbers one
    end = m.end()
    if not (n == 1 or d <= 10 or d > 31 or text.startswith(" of ", end) or end - p > 6):
        return None
    extra = {"kind": "fraction", "fraction": f"{n}/{d}"}
    return NumberHit(p, end, "fraction", n / d, "fraction", None, extra)


def _rank_at(text: str, p: int) -> NumberHit | None:
    """``No. 1``, ``#2``, ``number one``: a rank (value the position), unless it names a
    thing ("Chanel No. 5", "No. 10 Downing Street")."""
    before = _RANK_BEFORE.search(text, max(0, p - 7), p)
    if before is None:
        return None
    start = before.start()
    if not text[p].isdigit() and not before.group(0).lower().startswith("number"):
        return None  # "no one": in words, only "number one" is a rank
    m = _DIG_OR_WORD.match(text, p)
    if m is None:
        return None
    end = m.end()
    if end < len(text) and (text[end].isalnum() or text[end] in "-/%"):
        return None
    if _NEXT_CAPITAL.match(text, end) and text[start] != "#":
        return None
    pw = word_before(text, start, max(0, start - 30))
    if (
        pw is not None
        and pw[0][:1].isupper()
        and pw[0].lower() not in T.CAPITAL_OK
        and not _sentence_initial(text, pw[1])
    ):
        return None  # "Chanel No. 5", "Symphony No. 9"
    value = _num_value(m.group(0))
    if not value or (value == 10 and text[start] == "N"):
        return None  # "No 10": Downing Street
    return NumberHit(start, end, "rank", value, None, None, {"kind": "rank"})


def _vague_at(text: str, p: int) -> NumberHit | None:
    m = _VAGUE.match(text, p)
    if m is None:
        return None
    words = m.group(0).lower().split()
    if words[0] == "tens" and len(words) < 3:
        return None  # "tens" alone is no magnitude
    value = 1.0
    for w in words:
        value *= _VAGUE_VALUES.get(w, 1.0)
    unit = None
    kind = "count"
    if words[-2:-1] == ["of"] and words[-1] not in _VAGUE_VALUES:
        kind = "money"
        unit = T.CURRENCY_SUFFIX.get(words[-1], "USD")
    return NumberHit(p, m.end(), kind, value, unit, None, {"kind": kind, "vague": True})


def _with_rate(text: str, h: NumberHit) -> NumberHit:
    """Money or a measure followed by "an hour", "per day", "a gallon": unit ``USD/hour``."""
    if h.unit is None or h.kind not in ("money", "measure", "range"):
        return h
    if h.kind == "range" and h.extra.get("unit_kind") not in ("money", "measure"):
        return h
    m = _RATE.match(text, h.end)
    if m is None:
        return h
    per = m.group(1)
    h.unit = f"{h.unit}/{_RATE_UNITS.get(per, per)}"
    h.end = m.end()
    h.extra["rate"] = True
    return h


_SUPERLATIVE: Final = re.compile(
    r"[- ](?:largest|biggest|highest|lowest|smallest|most|least|fastest|longest|worst|best"
    r"|deadliest|busiest|richest|poorest|oldest|youngest|strongest|weakest|greatest|hottest"
    r"|coldest)\b"
)
_DETERMINER_BEFORE: Final = re.compile(
    r"(?:(?<![\w])(?:[Tt]he|[Tt]his|[Tt]hat|[Aa]|its|his|her|their|our)|[’']s) $"
)
_A_ORDINAL: Final = re.compile(r"[Aa] (third|fifth|tenth)\b")
_NUMERIC_ORDINAL: Final = re.compile(r"\d+(?:st|nd|rd|th)\b")
_NEXT_CAPITAL: Final = re.compile(r" [A-Z]")
_CUR_LETTERS: Final = re.compile(r"(?:US|AU|A|CA|C|NZ|HK|S|R|CN)$")
_CUR_CODE: Final = re.compile(r"(?:RMB|USD|EUR|GBP|JPY|CNY|CHF|INR|AUD|CAD|HKD|Rs\.?) ?$")
_QUAL: Final = re.compile(
    r"(?i)(?<![\w])("
    + "|".join(re.escape(q) for q in sorted(T.QUALIFIERS, key=len, reverse=True))
    + r")\s+$"
)
# last words of the qualifiers: the regex runs only after one of these
_QUAL_LAST: Final = frozenset(q.split()[-1] for q in T.QUALIFIERS)
_POSS_END: Final = re.compile(r"(?:’s|'s|s’|s')$")
_NEXT_WORD: Final = re.compile(r" ([A-Za-z]\w*)")
# An all-caps word after a number makes it a label ("737 MAX"), unless the word bears
# digits itself: "56 COVID-19 deaths", "3 G7 leaders" are counts.
_NEXT_CAPS: Final = re.compile(r" [A-Z]{2,}\b(?!-?\d)")
_SPACE_OR_DASH: Final = re.compile(r"[ -]")
_WHITESPACE: Final = re.compile(r"\s+")
_FRACTION_END: Final = re.compile(r"(?:half|thirds?|quarters?|fifths?|tenths?)$", re.I)
_BAD_PREV: Final = frozenset("-/.,_@#&+=^\\")
_VAGUE_FIRST: Final = frozenset("TtHhMmBbDd")
_YEAR_PREFIXES: Final = ("mid-", "Mid-", "early-", "Early-", "late-", "Late-", "pre-", "post-")
_SENT_PUNCT: Final = frozenset(".!?\n:;")


def _sentence_initial(text: str, i: int) -> bool:
    j = i - 1
    while j >= 0 and text[j] in " \t\"“‘'(":
        j -= 1
    return j < 0 or text[j] in _SENT_PUNCT


def _word_value(s: str) -> float:
    s = s.lower()
    if s in ("a", "an"):
        return 1.0
    if s.startswith("half "):
        return 0.5
    parts = _SPACE_OR_DASH.split(s)
    if parts[-1] in T.FRACTIONS:
        num = 1.0 if parts[0] in ("a", "half") else float(T.ONES.get(parts[0], 1))
        return num / T.FRACTIONS[parts[-1]] if parts[0] != "half" else 0.5
    total = 0.0
    for p in parts:
        if p in T.ONES:
            total += T.ONES[p]
        elif p in T.TENS:
            total += T.TENS[p]
        elif p == "hundred":
            total = (total or 1) * 100
    return total


def _num_value(s: str) -> float:
    if s[0].isdigit():
        return float(s.replace(",", ""))
    return _word_value(s)


def _scale_value(s: str | None) -> tuple[float, str | None]:
    if not s:
        return 1.0, None
    mult = 1.0
    last = None
    for tok in _SPACE_OR_DASH.split(s.strip(" \xa0-").lower()):
        if tok == "dozen":
            mult *= 12
        elif tok in T.SCALES:
            mult *= T.SCALES[tok]
            last = tok
    return mult, last


def _cur_code(s: str) -> str:
    return T.CURRENCY_PREFIX.get(s.strip().lower(), "USD")


def _classify_amount(text: str, m: re.Match[str]) -> NumberHit | None:
    # All groups in one tuple: groupdict() or a dozen m.group(name) calls cost several
    # times more (one dict entry or one name look-up per group).
    groups = m.groups()
    btw = None
    if len(groups) == _N_GROUPS + 1:  # _AMOUNT_BTW: its "btw" group comes first
        btw, groups = groups[0], groups[1:]
    c1, n1, dec, s1, p1, _sep, c2, n2, s2, pct, csuf, tu, old, mu = groups
    ranged = n2 is not None
    start = m.start() if ranged or not btw else m.start("c1") if c1 else m.start("n1")
    end = m.end()
    # "mid-2019", "the mid-1990s": a year after a period prefix is still a year
    if (
        start > 0
        and (text[start - 1].isalnum() or text[start - 1] in _BAD_PREV)
        and not (
            text[start - 1] == "-" and len(n1) == 4 and text.endswith(_YEAR_PREFIXES, 0, start)
        )
    ):
        return None
    if text[end - 1] == "-":
        return None
    v1 = _num_value(n1)
    v2 = _num_value(n2) if ranged else None
    mult, scale = _scale_value(s2 if ranged and s2 else s1)
    mult1 = _scale_value(s1)[0] if s1 else mult
    cur = c1 or c2
    if scale in T.CURRENCY_ONLY_SCALES and not cur:
        return None
    extra: dict[str, Any] = {}
    unit: str | None = None
    kind = "count"
    is_word = not n1[0].isdigit()
    if cur:
        kind, unit = "money", _cur_code(cur)
    elif pct or p1:
        kind = "percent"
        unit = T.PERCENT_UNITS.get(
            _WHITESPACE.sub(" ", (pct or p1).strip(" \xa0-").lower()), "percent"
        )
    elif csuf:
        word = csuf.strip().lower()
        if word == "pounds":
            kind, unit = ("money", "GBP") if scale else ("measure", "lb")
        else:
            kind, unit = "money", T.CURRENCY_SUFFIX[word]
    elif tu:
        unit = T.TIME_UNITS[tu.strip(" \xa0-").lower()]
        kind = "age" if old else "duration"
    elif mu:
        kind, unit = (
            "measure",
            T.MEASURE_UNITS.get(mu.strip(" \xa0-").lower(), mu.strip(" \xa0-")),
        )
    if n1[0].isupper() and is_word and not _sentence_initial(text, m.start("n1")):
        return None  # "Air Force One", "the Big Four"
    value: float | None = v1 * mult1 if ranged else v1 * mult
    if ranged:
        assert v2 is not None
        vmax = v2 * mult
        if kind == "count" and not s1 and not s2 and 1800 <= v1 <= 2099 and n1.isdigit():
            if len(n2) == 2:
                vmax = v1 // 100 * 100 + v2
            kind, unit, extra["date"] = "year", "date", f"{n1}/{int(vmax)}"
        elif vmax < (value or 0) and not btw:
            return NumberHit(start, end, "score", None, None, None, {"values": [v1, v2]})
        if kind == "count" and _is_label(text, start, end):
            return None  # "Boeing 737-800"
        extra["value_max"] = vmax
        extra["unit_kind"] = kind
        if kind != "year":
            kind = "range"
    elif kind == "count":
        if is_word and n1.lower() == "one" and not scale:
            return None  # "one of", "no one": too ambiguous to tag
        if not scale and n1.isdigit() and len(n1) == 4 and 1800 <= v1 <= 2099:
            kind, unit = "year", "date"
            # a decade in ISO 8601-2's unspecified-digit form: "the 1990s" -> "199X"
            extra["date"] = n1[:3] + "X" if dec else n1
        elif _is_label(text, start, end):
            return None
    if is_word and _FRACTION_END.search(n1):
        unit = unit or "fraction"
        if kind == "count":
            kind = "fraction"
    extra["kind"] = kind
    if kind == "year":
        unit = "date"
    q = None
    if start > 1 and text[start - 1] == " ":
        lo = max(0, start - 16)
        k = text.rfind(" ", lo, start - 1)
        if text[k + 1 if k >= 0 else lo : start - 1].lstrip("([{\"'“‘—").lower() in _QUAL_LAST:
            q = _QUAL.search(text, max(0, start - 20), start)
    qualifier = None
    if q is not None:
        qualifier = q.group(1).lower()
        start = q.start(1)
    return NumberHit(start, end, kind, value, unit, qualifier, extra)


def _is_label(text: str, start: int, end: int) -> bool:
    """Plain numbers that name things: "iPhone 15", "Boeing 737 MAX", "flight 302"."""
    pw = word_before(text, start, max(0, start - 30))
    low = None
    if pw is not None:
        word, word_start = pw
        low = word.lower()
        if low in T.LABEL_NOUNS:
            return True
        if any(map(str.isupper, word)) and word[-1].isalpha() and not _POSS_END.search(word):
            if (
                low not in T.CAPITAL_OK
                and low not in T.MONTHS
                and not _sentence_initial(text, word_start)
            ):
                return True
            if word[0].islower():  # iPhone, eBay
                return True
    if _NEXT_CAPS.match(text, end) is not None:
        return True
    # "the 737 Max", "a 747 Jumbo": determiner + number + capitalised word
    nxt = _NEXT_WORD.match(text, end)
    return (
        low in ("the", "a", "an", "new", "its", "his", "her", "their")
        and nxt is not None
        and nxt.group(1)[0].isupper()
    )


def _amount_at(text: str, p: int) -> re.Match[str] | None:
    q = p
    if text[p] in "$¥":
        cl = _CUR_LETTERS.search(text, max(0, p - 2), p)
        if cl is not None:
            q = cl.start()
    elif text[p].isdigit():
        cc = _CUR_CODE.search(text, max(0, p - 4), p)
        if cc is not None:
            q = cc.start()
    if q >= 8 and text[q - 8 : q] in ("between ", "Between "):
        m = _AMOUNT_BTW.match(text, q - 8)
        if m is not None and m.group("n2") is not None:
            return m
    return _AMOUNT.match(text, q)


def _ordinal_at(text: str, p: int, e: int) -> NumberHit | None:
    """An ordinal that carries a claim: after a determiner, not part of a name."""
    if _DETERMINER_BEFORE.search(text, max(0, p - 12), p) is None:
        return None
    sup = _SUPERLATIVE.match(text, e)
    end = sup.end() if sup is not None else e
    if end < len(text) and (text[end].isalnum() or text[end] == "-"):
        return None
    if _NEXT_CAPITAL.match(text, end):
        return None  # "the Second World War", "the First Amendment"
    word = text[p:e]
    value = T.ORDINALS.get(word) or float(word.rstrip("stndrh"))
    return NumberHit(p, end, "ordinal", float(value), None, None, {"kind": "ordinal"})


def find_numbers(text: str, triggers: Triggers | None = None) -> list[NumberHit]:
    """All number-like hits in ``text``, non-overlapping, in text order.

    ``triggers`` is :func:`scan.scan` of ``text`` when the caller already has it.
    """
    if triggers is None:
        triggers = scan(text)
    starts = [(p, 0) for p in _digit_starts(text)]
    starts += [(p, 1) for p in triggers.number]
    starts += [(p, 2 + e) for p, e in triggers.ordinal]
    starts.sort()
    hits: list[NumberHit] = []
    done = -1
    for p, what in starts:
        if p < done:
            continue
        h = None
        if what >= 2:
            h = _ordinal_at(text, p, what - 2)
        else:
            h = calendar_at(text, p)
            if (
                h is None
                and p > 1
                and (text[p - 1] == "#" or (text[p - 1] == " " and text[p - 2] in ".oOrR"))
            ):
                h = _rank_at(text, p)
            if h is None and what == 0 and text.find("/", p + 1, p + 6) > 0:
                h = _slash_at(text, p)
            if h is None and what == 1 and text[p] in _VAGUE_FIRST:
                h = _vague_at(text, p)
            if h is None:
                am = _amount_at(text, p)
                if am is not None:
                    h = _classify_amount(text, am)
                    if h is not None and h.unit is not None:
                        h = _with_rate(text, h)
            if h is None and what == 1 and text[p] in "aA":
                om = _A_ORDINAL.match(text, p)  # "A tenth defendant"
                if om is not None:
                    h = _ordinal_at(text, om.start(1), om.end(1))
            if h is None and what == 0:
                om = _NUMERIC_ORDINAL.match(text, p)
                if om is not None and (p == 0 or not text[p - 1].isalnum()):
                    h = _ordinal_at(text, p, om.end())
        if h is not None:
            if hits and h.start < hits[-1].end:
                continue  # a qualifier reaching back into the previous hit
            hits.append(h)
            done = h.end
    return hits
