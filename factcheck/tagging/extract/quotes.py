"""Direct quotations and their speakers.

Marks: straight ``"``, curly ``“ ”``, guillemets ``« »``, low ``„``; single
``‘ ’``/``'`` quotes count only outside double quotes (inside they are nested
and stay part of the outer quote).  A quote left open at a paragraph end
continues when the next paragraph opens with a mark (multi-paragraph quotes);
each paragraph's part becomes its own candidate sharing ``extra["group"]``.

The candidate span is the quoted words without the marks (a trailing comma,
which belongs to the attribution, is dropped).  One or two words without a
speaker are scare quotes: tagged with a low score.  Speakers: see
:func:`find_quotes` and docs/tagger.md.
"""

from __future__ import annotations

import bisect
import itertools
import re
from dataclasses import dataclass, field
from typing import Any, Final

from .attributions import normalise_source, subject_before
from .names import NAME_WORD, NameIndex
from .nametables import PRONOUNS
from .rx import trie
from .scan import VERBS, scan

__all__ = ["Quote", "assign_speakers", "find_quote_spans"]

_DOUBLE: Final = '"“”«»„'
_SINGLE: Final = "‘’'"
_OPENERS: Final = frozenset("“«„")
_CLOSERS: Final = frozenset("”»")
_ALNUM: Final = re.compile(r"[^\W_]")
# The words of _WHO are possessive (``*+``, ``++``, atomic ``(?>…)``): whatever
# follows a word in these patterns (a space, ``:``, ``,``, the end) is no word
# character, so giving characters back cannot lead to a match; backtracking into
# the words only cost time (tried again at every word start).
_WHO = (
    rf"\b(?:[A-Z][\w’'.&-]*+(?: (?:of |for |the )?(?>{NAME_WORD})){{0,6}}"
    r"|[Hh]e|[Ss]he|[Tt]hey|[Ii]t"
    r"|(?:[Tt]he|[Aa]n?|[Oo]ne) (?:[\w’'-]++ ){0,2}(?!\w+ly\b)[\w’'-]++)"
)
# the speech verbs as a prefix tree: the same words, tried without walking the whole
# list at every backtracking point (each verb is followed by a non-word character in
# these patterns, so which alternative matches cannot change)
_VERB_RX: Final = trie(VERBS.split("|"))
_AFTER: Final = re.compile(
    rf"[ \t]*,?[ \t]*(?:(?P<who>{_WHO})\s+(?:\w+ly\s+|also\s+|later\s+|then\s+)?(?:{_VERB_RX})\b"
    rf"|(?:{_VERB_RX}) (?P<who2>{_WHO}))"
)
# Speaker patterns before the opening mark, each ending at the mark (``\s*$``), in
# order: at one start the first that matches wins.  Each has its own regex and a
# cheap test (``_viable``) of whether it can match at all; the regex of one
# alternative costs a fraction of the whole alternation's, tried at every word start.
_DESC_TAIL: Final = (
    r"(?:described|called|termed|dubbed|labell?ed|characteri[sz]ed)"
    r"(?: (?:it|them|him|her|this|that|the \w+(?: \w+)?|[A-Z][\w’'-]*(?: [A-Z][\w’'-]*)?))?"
    r"(?: as| an?)?"
)
_SAID_TAIL: Final = rf"(?:{_VERB_RX})(?: (?:reporters|journalists|the \w+|\w+))?,?(?: that)?"
_BEFORE_ALTS: Final = {
    "colon": rf"(?P<colon>{_WHO})\s*:",
    "asw": rf"[Aa]s (?P<asw>{_WHO}) put it,?",
    "desc": rf"(?P<desc>{_WHO})\s+(?:\w+ly\s+|also\s+)?{_DESC_TAIL}",
    "acc": r"[Aa]ccording to (?P<acc>[^,.;:“”\"\n]{1,80}),?",
    "quoted": rf"(?P<quoted>{_WHO})(?:, [^,“”\"\n]{{1,80}},)? as saying,?",
    "said": rf"(?P<said>{_WHO})\s+(?:\w+ly\s+)?{_SAID_TAIL}",
}
# name -> (the pattern matched at the window start, searched at every word start
# after whitespace)
_BEFORE: Final = {
    name: (re.compile(rf"(?:{rx})\s*$"), re.compile(rf"(?<=\s)(?!\s)(?:{rx})\s*$"))
    for name, rx in _BEFORE_ALTS.items()
}
# the ends of "desc" and "said" (after the speaker), at the window end
_DESC_END: Final = re.compile(rf"{_DESC_TAIL}\s*$")
_SAID_END: Final = re.compile(rf"{_SAID_TAIL}\s*$")


_PARTICIPLE: Final = re.compile(
    r"\b(?:saying|adding|writing|noting|stating|declaring|insisting|warning|arguing"
    r"|calling (?:it|him|her|them|this|that)(?: an?)?)\s*[,:]?\s*$"
)
_STOP_SPACE: Final = re.compile(r"[.!?]\s")
_PREP_BEFORE: Final = re.compile(r"\b(?:via|on|in|at|to|from|with|by|of|through) $")


@dataclass(slots=True)
class Quote:
    start: int  # content start (after the mark)
    end: int  # content end (before the mark, trailing comma dropped)
    outer: tuple[int, int]  # the span with its marks
    group: int
    closed: bool = True
    speaker: str | None = None
    extra: dict[str, Any] = field(default_factory=dict)


def _is_open(text: str, i: int) -> bool:
    ch = text[i]
    if ch in _OPENERS:
        return True
    if ch in _CLOSERS and ch != "”":
        return False
    prev = text[i - 1] if i > 0 else " "
    nxt = text[i + 1] if i + 1 < len(text) else " "
    return (prev.isspace() or prev in "([{—–-/:") and not nxt.isspace()


def _is_close(text: str, i: int) -> bool:
    ch = text[i]
    if ch in _CLOSERS:
        return True
    if ch in _OPENERS:
        return False
    prev = text[i - 1] if i > 0 else " "
    nxt = text[i + 1] if i + 1 < len(text) else " "
    # a straight mark closes unless it clearly opens (space before, word after)
    return not prev.isspace() or nxt.isspace() or not nxt.isalnum()


def _positions(text: str, marks: str) -> list[int]:
    """Where any of the characters ``marks`` occurs in ``text``, in order."""
    # one str.find pass per mark (memchr speed; instant for a mark wider than the
    # text's storage) beats a regex character class, which tests every character
    out: list[int] = []
    for ch in marks:
        i = text.find(ch)
        while i >= 0:
            out.append(i)
            i = text.find(ch, i + 1)
    out.sort()
    return out


def _emit(text: str, a: int, b: int, group: int, closed: bool, out: list[Quote]) -> None:
    s, e = a + 1, b
    while s < e and text[s].isspace():
        s += 1
    while e > s and (text[e - 1].isspace() or text[e - 1] == ","):
        e -= 1
    if s < e and _ALNUM.search(text, s, e):
        out.append(Quote(s, e, (a, min(b + 1, len(text))), group, closed))


def find_quote_spans(text: str) -> list[Quote]:
    """Quotations in ``text``, in order (speakers not yet assigned)."""
    out: list[Quote] = []
    open_at = -1
    group = 0
    for i in _positions(text, _DOUBLE):
        if open_at >= 0:
            nl = text.find("\n", open_at, i)
            if nl >= 0:
                line_start = text.rfind("\n", 0, i) + 1
                continued = not text[line_start:i].strip() and _is_open(text, i)
                _emit(text, open_at, nl, group, continued, out)
                if not continued:
                    if out and out[-1].group == group:
                        out[-1].extra["unclosed"] = True
                    group += 1
                    open_at = i if _is_open(text, i) else -1
                else:
                    open_at = i
                continue
            if _is_close(text, i):
                _emit(text, open_at, i, group, True, out)
                group += 1
                open_at = -1
            else:
                open_at = i
        elif _is_open(text, i):
            open_at = i
    if open_at >= 0:
        nl = text.find("\n", open_at)
        _emit(text, open_at, nl if nl >= 0 else len(text), group, False, out)
        if out and out[-1].group == group:
            out[-1].extra["unclosed"] = True
        group += 1
    return _add_single(text, out, group)


def _add_single(text: str, quotes: list[Quote], group: int) -> list[Quote]:
    """Top-level single-quoted passages (‘…’), skipping nested ones and apostrophes."""
    if "‘" not in text and "'" not in text:
        return quotes
    spans = [q.outer for q in quotes]
    extra: list[Quote] = []
    open_at = -1
    for i in _positions(text, _SINGLE):
        prev = text[i - 1] if i > 0 else " "
        nxt = text[i + 1] if i + 1 < len(text) else " "
        if open_at < 0:
            if (prev.isspace() or prev in "([—–") and nxt.isalnum():
                open_at = i
            continue
        if i - open_at > 400 or "\n" in text[open_at:i]:
            open_at = i if (prev.isspace() or prev in "([—–") and nxt.isalnum() else -1
            continue
        if not prev.isspace() and not nxt.isalnum():
            if not any(a <= open_at < b for a, b in spans):
                _emit(text, open_at, i, group, True, extra)
                group += 1
            open_at = -1
    if not extra:
        return quotes
    return sorted(quotes + extra, key=lambda q: q.start)


def _who(raw: str, pos: int, names: NameIndex) -> str | None:
    if raw.lower() in PRONOUNS:
        return names.antecedent(pos, raw.lower())
    return normalise_source(raw, pos, names)


def _viable(text: str, lo: int, hi: int) -> list[str]:
    """The alternatives of ``_BEFORE`` that can match in [lo, hi), in order: each
    holds its literal part, or ends with its tail, as tested here."""
    tail = text[lo:hi].rstrip()  # as ``\s*$`` skips it
    out = []
    if tail.endswith(":"):
        out.append("colon")
    if tail.endswith(("put it", "put it,")):
        out.append("asw")
    if _DESC_END.search(text, lo, hi):
        out.append("desc")
    if text.find("ccording to", lo, hi) >= 0:
        out.append("acc")
    if tail.endswith(("as saying", "as saying,")):
        out.append("quoted")
    if _SAID_END.search(text, lo, hi):
        out.append("said")
    return out


def _before(text: str, lo: int, hi: int) -> tuple[str, re.Match[str]] | None:
    """The leftmost match of the ``_BEFORE`` alternatives ending at ``hi``, tried only at
    ``lo`` and at word starts (where all its patterns begin), and which alternative."""
    # no alternative can hold a double quote mark: start after the last one (where a
    # word start follows whitespace only)
    k = max(text.rfind('"', lo, hi), text.rfind("“", lo, hi), text.rfind("”", lo, hi))
    at_lo = k < lo
    if not at_lo:
        lo = k + 1
    best: tuple[str, re.Match[str]] | None = None
    for name in _viable(text, lo, hi):
        at_start, after_space = _BEFORE[name]
        m = at_start.match(text, lo, hi) if at_lo else None
        if m is None:
            m = after_space.search(text, lo, hi)
        # leftmost wins; at the same start, the earlier alternative
        if m is not None and (best is None or m.start() < best[1].start()):
            best = name, m
    return best


def _speaker(
    q: Quote,
    text: str,
    names: NameIndex,
    sent: tuple[int, int],
    verbs: list[tuple[int, int, str]],
    verb_starts: list[int],
) -> str | None:
    a, b = q.outer
    para_end = text.find("\n", b, b + 120)
    if para_end < 0:
        para_end = min(len(text), b + 120)
    m = _AFTER.match(text, b, min(para_end, b + 120))
    ends_sentence = text[q.end - 1 : q.end] == "." or text[b - 2 : b] in ('."', ".”")
    if m is not None and not (ends_sentence and (m.group("who") or "")[:1].isupper()):
        raw = m.group("who") or m.group("who2")
        return _who(raw, a, names)
    lo = max(sent[0], a - 300)
    found = _before(text, max(lo, a - 160), a)
    if found is not None:
        name, m = found
        raw = m.group(name)
        if name == "colon" and _PREP_BEFORE.search(text, max(lo, m.start() - 6), m.start()):
            # "also speaking via Twitter: “...”": the speaker is the sentence's subject
            first = names.first_in(sent[0], m.start())
            return first.name if first is not None else None
        return _who(raw, a, names)
    if _PARTICIPLE.search(text, max(lo, a - 40), a):
        # "Sanders ..., saying “...”": the speaker is the sentence's subject
        first = names.first_in(sent[0], a)
        if first is not None:
            return first.name
    # a speech verb earlier in the sentence: "Trump, writing ..., said the call “...”"
    lowest = bisect.bisect_left(verb_starts, lo)
    for k in range(bisect.bisect_left(verb_starts, a) - 1, lowest - 1, -1):
        subj = subject_before(text, lo, verbs[k][0])
        if subj is not None:
            return _who(subj[1], subj[0], names)
    return None


def assign_speakers(
    text: str,
    quotes: list[Quote],
    names: NameIndex,
    sentence_of: Any,
    verbs: list[tuple[int, int, str]] | None = None,
) -> None:
    """Fill ``speaker`` on every quote; parts of a group and split quotes share it.

    ``verbs`` are the speech-verb hits of :func:`scan.scan` when the caller has them.
    """
    if verbs is None:
        verbs = scan(text).verb
    verb_starts = [v[0] for v in verbs]
    for q in quotes:
        q.speaker = _speaker(q, text, names, sentence_of(q.outer[0]), verbs, verb_starts)
    by_group: dict[int, str] = {}
    for q in quotes:
        if q.speaker and q.group not in by_group:
            by_group[q.group] = q.speaker
    for q in quotes:
        if not q.speaker and q.group in by_group:
            q.speaker = by_group[q.group]
    # a quote right after an attributed one in the same paragraph continues it
    for prev, cur in itertools.pairwise(quotes):
        gap = text[prev.outer[1] : cur.outer[0]]
        if cur.speaker is None and prev.speaker and len(gap) < 200 and "\n" not in gap:
            cur.speaker = prev.speaker
    # split quotes: “A,” he said, “B.” -> B inherits A's speaker (and back)
    for prev, cur in itertools.pairwise(quotes):
        gap = text[prev.outer[1] : cur.outer[0]]
        if len(gap) < 80 and "\n" not in gap and not _STOP_SPACE.search(gap):
            if cur.speaker is None:
                cur.speaker = prev.speaker
            elif prev.speaker is None:
                prev.speaker = cur.speaker
