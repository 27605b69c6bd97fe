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
