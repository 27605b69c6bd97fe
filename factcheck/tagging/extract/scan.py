"""One pass over the text for every word that can start a candidate.

Number words, month and weekday names, relative-date words, ordinal words, speech
verbs and attribution cues ("according to", "as reported by") share one prefix-tree
regex, so the text is scanned once for all of them instead of once per module.  Each
hit is filed under its kind; the modules run their full patterns only there.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Final

from . import numtables as T
from .rx import both_cases, trie

__all__ = ["CUE_VERBS", "VERBS", "Triggers", "scan"]

VERBS: Final = (
    "said|says|say|told|tells|added|adds|wrote|writes|posted|tweeted|reported|reports|noted|notes"
    "|confirmed|confirms|emphasized|emphasised|highlighted|warned|warns|stated|states|announced"
    "|claimed|claims|explained|argued|insisted|estimated|revealed|indicated|disclosed|acknowledged"
    "|denied|asserted|stressed|suggested|predicted|testified|alleged|admitted|concluded|replied"
    "|responded|remarked|commented|observed|declared|asked|urged|add|tell|write|explain"
    "|insists|clarified|maintained|contended|cautioned|pointed out"
)
CUE_VERBS: Final = ("reported", "confirmed", "announced", "stated", "noted", "cited", "quoted")

_NUMBER_WORDS = both_cases(
    [*T.ONES, *T.TENS, "last", "next", "this", "past", "earlier", "later", "half"]
    + ["tens", "hundreds", "thousands", "millions", "billions", "trillions", "dozens"]
    + [f"a {w}" for w in ("hundred", "thousand", "million", "billion", "trillion", "dozen")]
    + [f"a {w}" for w in ("half", "third", "quarter", "fifth", "tenth")]
) + [m.capitalize() for m in T.MONTHS] + [
    "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday", "The previous"
]  # fmt: skip
_CUES = both_cases(["according to"]) + [f"{a}{v} by" for a in ("", "as ", "As ") for v in CUE_VERBS]
KIND_OF: Final[dict[str, str]] = {}
for _w in _NUMBER_WORDS:
    KIND_OF[_w] = "number"
for _w in T.ORDINALS:
    KIND_OF.setdefault(_w, "ordinal")  # "second" is an ordinal word here, never a unit
for _w in [*VERBS.split("|"), "put it"]:
    KIND_OF.setdefault(_w, "verb")
for _w in _CUES:
    KIND_OF[_w] = "cue"

# No leading \b (it would switch off the engine's fast first-character scan); the
# character before a hit is checked in Python instead.
_WORDS: Final = re.compile(trie(KIND_OF) + r"\b")
# The same words, each after a character that is not an ASCII letter or digit: the
# engine skips ahead to the next such character (about one per word) instead of trying
# every letter.  The class is a bitmap test; [\W_] would look up the Unicode category
# of every character of the text, which cost a third of the scan.  A hit after a
# non-ASCII letter or digit is not a word start: scan() then runs the plain scan.
# Offset 0 is tried with _WORDS.
# The lookahead on the first letters turns away words with other initials (and runs of
# punctuation) before the prefix tree's alternation is entered.
_FIRST: Final = re.escape("".join(sorted({w[0] for w in KIND_OF})))
_AFTER_BREAK: Final = re.compile(r"[^0-9A-Za-z](?=[" + _FIRST + "])(" + trie(KIND_OF) + r")\b")

# The word-start scan equals the plain scan of _WORDS (which also matches inside words
# and then drops the hit) except where such a dropped match reaches into the next
# word: a multi-word trigger glued to a word ("Texas reported by", "USA half") hides
# a hit that starts within it.  Only hits that can begin a later word of a multi-word
# trigger are checked; where one is hidden, the plain scan runs.
_MULTI: Final = [w for w in KIND_OF if " " in w]
_LATER: Final = {w[i + 1 :] for w in _MULTI for i, ch in enumerate(w) if ch == " "}
_HEADS: Final = tuple({w[: i + 1] for w in _MULTI for i, ch in enumerate(w) if ch == " "})
_HIDEABLE: Final = frozenset(
    w for w in KIND_OF if any(r.startswith(w) or w.startswith(r) for r in _LATER)
)


def _hidden(text: str, p: int) -> bool:
    """True if the plain scan's dropped match inside the previous word covers ``p``."""
    # One C-level test of all heads first: few hits follow any head at all, and the
    # loop below costs ~30 Python method calls per hit.
    if not text.endswith(_HEADS, 0, p):
        return False
    for head in _HEADS:
        q = p - len(head)
        if q > 0 and text.startswith(head, q) and text[q - 1].isalnum():
            m = _WORDS.match(text, q)
            if m is not None and m.end() > p:
                return True
    return False


@dataclass(slots=True)
class Triggers:
    """Start/end offsets of trigger words, by kind, in text order."""

    number: list[int] = field(default_factory=list)
    ordinal: list[tuple[int, int]] = field(default_factory=list)
    verb: list[tuple[int, int, str]] = field(default_factory=list)
    cue: list[tuple[int, int, str]] = field(default_factory=list)


def scan(text: str) -> Triggers:
    """All trigger words of ``text`` that start a word."""
    out = Triggers()
    number, ordinal, verb, cue = out.number, out.ordinal, out.verb, out.cue
    first = _WORDS.match(text)
    if first is not None:
        hits = [first, *_AFTER_BREAK.finditer(text, first.end())]
        group = 0
    else:
        hits = list(_AFTER_BREAK.finditer(text))
        group = 1
    for m in hits:
        p = m.start(group)
        word = m.group(group)
        group = 1
        if (word in _HIDEABLE and _hidden(text, p)) or (p and text[p - 1].isalnum()):
            return _plain_scan(text)
        kind = KIND_OF[word]
        if kind == "number":
            number.append(p)
        elif kind == "verb":
            verb.append((p, m.end(), word))
        elif kind == "ordinal":
            ordinal.append((p, m.end()))
        else:
            cue.append((p, m.end(), word))
    return out


def _plain_scan(text: str) -> Triggers:
    """:func:`scan` the plain way: every match of _WORDS not preceded by a letter/digit."""
    out = Triggers()
    number, ordinal, verb, cue = out.number, out.ordinal, out.verb, out.cue
    for m in _WORDS.finditer(text):
        p = m.start()
        if p and text[p - 1].isalnum():
            continue
        word = m.group(0)
        kind = KIND_OF[word]
        if kind == "number":
            number.append(p)
        elif kind == "verb":
            verb.append((p, m.end(), word))
        elif kind == "ordinal":
            ordinal.append((p, m.end()))
        else:
            cue.append((p, m.end(), word))
    return out
