"""Sentence splitting for news text.

Rules (see docs/tagger.md):

* every line break ends a sentence (headlines, bylines, datelines and paragraphs
  carry no final stop);
* ``.``, ``!``, ``?`` and ``…`` end a sentence when followed by whitespace, with
  any closing quote marks or brackets kept inside the sentence;
* a stop followed by a lowercase letter or digit never ends a sentence
  (``"Stop!" he said``, ``approx. 5``);
* a stop after an abbreviation does not end the sentence: titles (``Dr.``,
  ``Mr.``) never, month abbreviations before a day number never, initialisms and
  company suffixes (``U.S.``, ``Inc.``) only when the next word is a typical
  sentence opener (``The``, ``He``, ``In`` ...).

Spans are returned as ``(start, end)`` code-point offsets, stripped of
surrounding whitespace; spans with no letter or digit are dropped.
"""

from __future__ import annotations

import re
from typing import Final

from .numtables import words

__all__ = ["split_sentences"]

# One character class first keeps the scan fast.  A stop (with the stops and closing
# marks after it) counts only when whitespace or the end of the text follows; no
# shorter match can then start inside a run that fails, so nothing else changes.
_BOUNDARY: Final = re.compile(r"[.!?…\n](?:(?<=\n)\s*|[.!?…]*[\"'”’»)\]]*(?=\s|\Z))")
_NEXT_WORD: Final = re.compile(r"\s*([\"'“‘(\[]?)(\w+)")
_HAS_ALNUM: Final = re.compile(r"[^\W_]")

# Abbreviations after which a full stop never ends a sentence.
_TITLES: Final = words(
    "mr mrs ms messrs dr prof sen rep gov gen col lt sgt capt cmdr adm maj cpl pvt st rev hon "
    "pres supt det insp fr sr sra srta mme mlle mt ft no nos vs v approx dept est fig vol ch "
    "pp para art cf al"
)
_MONTHS: Final = frozenset(
    ["jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec"]
)
# Abbreviations that may end a sentence: only when the next word opens one.
_MAYBE_FINAL: Final = words("inc ltd corp co plc llc jr etc bros assn univ ave blvd rd")
_OPENERS: Final = words(
    "the a an he she it they we i you his her its their our this that these those there in on "
    "at as but and so yet for if when while after before since however meanwhile still also "
    "then now according despite during although though other some many most all both one two "
    "three four five six seven eight nine ten"
)


def _is_abbreviation_stop(text: str, pos: int, match_end: int, nxt: re.Match[str] | None) -> bool:
    """True when the stop at ``pos`` belongs to an abbreviation, not a sentence end
    (``nxt``: ``_NEXT_WORD.match(text, match_end)``)."""
    if text[pos] != ".":
        return False
    lim = max(0, pos - 20)
    j = max(text.rfind(" ", lim, pos), text.rfind("\n", lim, pos))
    word = text[(j + 1 if j >= 0 else lim) : pos].lstrip("\"'“‘([").strip(".")
    if not word or (len(word) > 6 and "." not in word) or not word.isascii():
        return False  # an ordinary word ends the sentence
    if not word.replace(".", "").isalpha():
        return False
    low = word.replace(".", "").lower()
    next_word = nxt.group(2) if nxt else ""
    opener = next_word.lower() in _OPENERS
    if "." in word or (len(word) == 1 and word.isupper()):
        # initialism (U.S., U.K.) or an initial (John F. Kennedy)
        return not (opener and len(word) > 1)
    if low in _TITLES:
        return True
    if low in _MONTHS:
        return next_word[:1].isdigit() or not opener
    if low in _MAYBE_FINAL:
        return not opener
    return False


def split_sentences(text: str) -> list[tuple[int, int]]:
    """Split ``text`` into sentence spans ``(start, end)`` in code points."""
    spans: list[tuple[int, int]] = []
    append = spans.append
    has_alnum = _HAS_ALNUM.search
    next_word = _NEXT_WORD.match
    start = 0
    n = len(text)
    for m in _BOUNDARY.finditer(text):
        end = m.end()
        stop = m.start()
        if text[stop] != "\n":
            # (_BOUNDARY has checked that whitespace or the end follows)
            # a stop followed by a lowercase letter/digit continues the sentence
            nxt = next_word(text, end)
            if nxt is not None and (
                nxt.group(2)[0].isdigit() or (nxt.group(2)[0].islower() and not nxt.group(1))
            ):
                continue
            if text[stop] == "." and _is_abbreviation_stop(text, stop, end, nxt):
                continue
        # the span, trimmed of whitespace, if it holds a letter or digit (_append inlined)
        s, e = start, end
        while s < e and text[s].isspace():
            s += 1
        while e > s and text[e - 1].isspace():
            e -= 1
        if s < e and has_alnum(text, s, e):
            append((s, e))
        start = end
    if start < n:
        _append(text, start, n, spans)
    return spans


def _append(text: str, start: int, end: int, spans: list[tuple[int, int]]) -> None:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    if start < end and _HAS_ALNUM.search(text, start, end):
        spans.append((start, end))
