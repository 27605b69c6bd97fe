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

from .attributions import DOC_NOUNS, ROLE_NOUNS, normalise_source, subject_before
from .names import NAME_WORD, NameIndex, classify
from .nametables import PRONOUNS, TITLES
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
    rf"\b(?:[A-Z][\w’'.&-]*+(?: (?:of (?:the |)|for (?:the |)|the |)(?>{NAME_WORD})){{0,6}}"
    r"|[Hh]e|[Ss]he|[Tt]hey|[Ii]t"
    r"|(?:[Tt]he|[Aa]n?|[Oo]ne) (?:[\w’'-]++ ){0,2}(?!\w+ly\b|(?:and|or|but|as)\b)[\w’'-]++)"
)
# the speech verbs as a prefix tree: the same words, tried without walking the whole
# list at every backtracking point (each verb is followed by a non-word character in
# these patterns, so which alternative matches cannot change)
_VERB_RX: Final = trie(VERBS.split("|"))
# Verbs that attribute the quote right before them ("…," he continued), beyond the
# speech verbs that also make attributions elsewhere (scan.VERBS).
_AFTER_VERB_RX: Final = trie(
    [
        *VERBS.split("|"),
        *[
            "continued",
            "quipped",
            "recalled",
            "conceded",
            "read",
            "reads",
            "joked",
            "recounted",
            "countered",
        ],
        *["lamented", "boasted", "pleaded"],
        "went on",
    ]
)
# After the verb: a role in lowercase before the name ("said study co-author Professor
# Carl Lipo", "said selection committee member Ulf Danielsson") or a possessive role
# ("said his father, Abdullah Kurdi"): the name, or the appositive after the role.
_LOWER_ROLE = r"(?:(?:the|a|an|his|her|their|its|our) |)(?:[a-z][\w’'-]*+ ){0,4}"
# words that start a new clause, not a role before a name ("…," while Trump noted)
_NOT_ROLE = (
    r"(?:while|whereas|although|though|because|since|as|when|after|before|but|and|or|if|so|then)"
)
_AFTER: Final = re.compile(
    rf"[ \t\xa0]*,?[ \t\xa0]*(?:(?:(?!{_NOT_ROLE}\b)(?:[A-Z][\w’'-]*+ |)"
    rf"(?:[a-z][\w’'-]*+ ){{1,3}}(?=[A-Z])|)"
    rf"(?P<who>{_WHO})\s+(?:\w+ly\s+|also\s+|later\s+|then\s+)?(?:{_AFTER_VERB_RX})\b"
    rf"|(?:{_AFTER_VERB_RX}) (?:(?P<who2>{_WHO})"
    rf"|(?P<role>{_LOWER_ROLE})(?P<who3>[A-Z][\w’'.&-]*+"
    rf"(?: (?:of |for |the )?(?>{NAME_WORD})){{0,6}})"
    rf"|(?P<poss>(?:his|her|their|its) [a-z][\w-]*(?: [a-z][\w-]*)?))"
    # a pull quote's credit: "…" — Aparna Garg, Mysore Divisional Railway Manager
    rf"|[—–]\s?\u200d?(?P<dash>[A-Z][\w’'.-]*(?: {NAME_WORD}){{1,3}})(?![\w’'-])"
    # "…" — as the Supreme Court decision put it
    rf"|[—–]?\s?as (?P<asw>{_WHO}) put it)"
)
# ", Abdullah Kurdi," after a role: the person's name
_APPOSITIVE: Final = re.compile(rf",\s+(?P<name>[A-Z][\w’'.-]*(?: {NAME_WORD}){{1,3}})(?![\w’'-])")

# Speaker patterns before the opening mark, each ending at the mark (``\s*$``), in
# order: at one start the first that matches wins.  Each has its own regex and a
# cheap test (``_viable``) of whether it can match at all; the regex of one
# alternative costs a fraction of the whole alternation's, tried at every word start.
_DESC_VERBS: Final = r"(?:described|called|termed|dubbed|labell?ed|characteri[sz]ed)"
_DESC_TAIL: Final = (
    rf"{_DESC_VERBS}"
    r"(?: (?:it|them|him|her|this|that|the \w+(?: \w+)?|[A-Z][\w’'-]*(?: [A-Z][\w’'-]*)?))?"
    r"(?: as| an?)?"
)
_SAID_TAIL: Final = rf"(?:{_VERB_RX})(?: (?:reporters|journalists|the \w+|\w+))?,?(?: that)?"
_BEFORE_ALTS: Final = {
    "colon": rf"(?P<colon>{_WHO})\s*:",
    "asw": rf"[Aa]s (?P<asw>{_WHO}) put it,?",
    "desc": rf"(?P<desc>{_WHO})\s+(?:\w+ly\s+|also\s+)?{_DESC_TAIL}",
    "acc": r"[Aa]ccording to (?P<acc>(?:[^,.;:“”\"\n]|(?<=\b[A-Z])\.){1,80}),?",
    # "described by the CBCP as “…”", "praised by X as"
    "by": rf"(?:{_DESC_VERBS}|praised|hailed) by (?P<by>{_WHO})(?: as| an?)?",
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
_BY_END: Final = re.compile(r" by [^ ]+(?: [^ ]+){0,6}(?: as| an?|)\s*$")


_PARTICIPLE: Final = re.compile(
    r"\b(?:saying|adding|writing|noting|stating|declaring|insisting|warning|arguing"
    r"|calling (?:it|him|her|them|this|that)(?: an?)?)\s*[,:]?\s*$"
)
_STOP_SPACE: Final = re.compile(r"[.!?]\s")
_PREP_BEFORE: Final = re.compile(r"\b(?:via|on|in|at|to|from|with|by|of|through|about) $")
# "Peter Iseley of worldwide victim group Ending Clergy Abuse said": the person before
_PERSON_OF: Final = re.compile(
    rf"([A-Z][\w’'.-]*(?: {NAME_WORD}){{1,3}}) (?:of|at|from|with) (?:the |)"
    r"(?:[a-z][\w’'-]* ){0,4}$"
)


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


def _who(raw: str, pos: int, names: NameIndex, prev: tuple[int, int] | None = None) -> str | None:
    """The speaker a phrase names; a pronoun resolves to the subject of the previous
    sentence (``prev``: its span) when it names a person of that gender and the quote's
    own sentence names nobody before, else to the nearest name before."""
    low = raw.lower()
    if low in PRONOUNS:
        if prev is not None and low in ("he", "she"):
            own = names.first_in(prev[1], pos)
            if own is None or own.kind != "person":
                subj = names.first_in(prev[0], prev[1])
                if (
                    subj is not None
                    and subj.kind == "person"
                    and subj.gender in (None, PRONOUNS[low])
                ):
                    return subj.name
        return names.antecedent(pos, low)
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
    if text.find(" by ", lo, hi) >= 0 and _BY_END.search(text, lo, hi):
        out.append("by")
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
    prev: tuple[int, int] | None = None,
) -> str | None:
    a, b = q.outer
    para_end = text.find("\n", b, b + 120)
    if para_end < 0:
        para_end = min(len(text), b + 120)
    m = _AFTER.match(text, b, min(para_end, b + 120))
    ends_sentence = text[q.end - 1 : q.end] == "." or text[b - 2 : b] in ('."', ".”")
    if m is not None and _opens_next(text, q, b, m):
        m = None  # ‘“…”  X said, “…”’: X introduces the next quotation
    if m is not None and (
        not (ends_sentence and m.group(0).lstrip(" \t,")[:1].isupper())
        or text[m.end() : m.end() + 1] == "."  # ‘“….” Pelosi said.’
        or m.group("dash")
    ):
        who = _after_speaker(text, m, a, names, prev)
        if who is not None:
            return who
    lo = max(sent[0], a - 300)
    found = _before(text, max(lo, a - 160), a)
    if found is not None:
        name, m = found
        raw = m.group(name)
        if name == "colon" and _PREP_BEFORE.search(text, max(lo, m.start() - 6), m.start()):
            # "also speaking via Twitter: “...”": the speaker is the sentence's subject
            first = names.first_in(sent[0], m.start())
            return first.name if first is not None else None
        if name in ("said", "colon") and raw[:1].isupper():
            pm = _PERSON_OF.search(text, max(lo, m.start() - 80), m.start())
            if pm is not None and classify(pm.group(1).split())[0] == "person":
                return names.resolve(pm.group(1))
        if not _names_nobody(raw):
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
    return _sentence_subject(text, q, names, sent[0], a)


_ROLE_THEN_NAME: Final = re.compile(
    rf" (?:[a-z][\w-]* ){{1,3}}([A-Z][\w’'.-]*(?: {NAME_WORD}){{1,3}})"
)
_NEXT_MARK: Final = re.compile(r"\s*[,:]?\s*[\"“]")


def _opens_next(text: str, q: Quote, b: int, m: re.Match[str]) -> bool:
    """True when the words after a quotation ("X said, “") introduce the next one and
    the quotation itself did not hand over with a comma (“A,” X said, “B”)."""
    if _NEXT_MARK.match(text, m.end()) is None:
        return False
    return "," not in text[q.end : b + 2] and not m.group(0).lstrip(" \t\xa0").startswith(",")


def _names_nobody(raw: str) -> bool:
    """A lowercase noun phrase that is no speaker: "a political strategy:", "the federal
    government's case:" (a role, a document or a title would be: "the spokesman")."""
    words = raw.split()
    if len(words) < 2:
        return False
    if words[0] not in ("the", "a", "an", "The", "A", "An") and not (
        words[0].endswith(("’s", "'s")) and len(words) == 2  # "Soleimani's lifepath:"
    ):
        return False
    if any(w[:1].isupper() for w in words[1:]):
        return False
    head = words[-1].lower().removesuffix("'s").removesuffix("’s")
    return head not in ROLE_NOUNS and head not in DOC_NOUNS and head not in TITLES


def _after_speaker(
    text: str, m: re.Match[str], a: int, names: NameIndex, prev: tuple[int, int] | None
) -> str | None:
    """The speaker named by an ``_AFTER`` match (verb after the quote)."""
    raw = m.group("who") or m.group("who2") or m.group("asw")
    if m.group("dash"):
        return names.resolve(m.group("dash"))
    if m.group("who2"):
        named = _ROLE_THEN_NAME.match(text, m.end())  # "quipped Valiant Entertainment editor X"
        if named is not None and classify(named.group(1).split())[0] == "person":
            return names.resolve(named.group(1))
    if raw is None and m.group("who3"):
        raw = m.group("who3")  # "said study co-author Professor Carl Lipo of ..."
    lowered = raw is None or raw[:1].islower() or raw.lower() in PRONOUNS
    if lowered and raw not in PRONOUNS:
        app = _APPOSITIVE.match(text, m.end())
        if app is not None and classify(app.group("name").split())[0] == "person":
            return names.resolve(app.group("name"))  # "said his father, Abdullah Kurdi,"
    if raw is None:
        return None
    return _who(_SENTENCE_BREAK.split(raw, 1)[0], a, names, prev)  # "Karen Alley. The Wooster"


# A sentence that attributes the quote without a pattern above: it reports speech or
# writing somewhere before the quote ("Biden criticized the move, arguing Trump was “…”",
# "Trump has yet to concede, saying earlier …, “…”", "Trump lauded Cain as a “…”").
_REPORTING: Final = re.compile(
    r"\b(?:sa(?:id|ys|ying)|told|tell(?:s|ing)|wr(?:ote|ites|iting)|tweet(?:ed|s|ing)"
    r"|post(?:ed|ing)|stat(?:ed|es|ing)|declar(?:ed|es|ing)|describ(?:ed|es|ing)"
    r"|call(?:ed|s|ing)|argu(?:ed|es|ing)|claim(?:ed|s|ing)|insist(?:ed|s|ing)"
    r"|not(?:ed|ing)|add(?:ed|ing)|urg(?:ed|ing)|warn(?:ed|ing)|announc(?:ed|ing)"
    r"|laud(?:ed|ing)|prais(?:ed|ing)|critici[sz](?:ed|ing)|accus(?:ed|ing)|cit(?:ed|ing)"
    r"|statement|tweet|letter|speech|interview|remarks|address|message|post|pledge"
    r"|promis(?:ed|ing)|vow(?:ed|ing)|read|reads|conclud(?:ed|ing)|found|ruled|decided"
    r"|expressed|defend(?:ed|ing)|attack(?:ed|ing)|explain(?:ed|ing)|asked|suggest(?:ed|ing)"
    r"|respond(?:ed|ing)|repl(?:ied|ying)|comment(?:ed|ing)|remark(?:ed|ing)|recall(?:ed|ing)"
    r"|mention(?:ed|ing)|reported|cautioned|stressed|emphasi[sz]ed|hail(?:ed|ing)"
    r"|condemn(?:ed|ing)|blam(?:ed|ing)|dubb(?:ed|ing)|label(?:l?ed|l?ing)|term(?:ed|ing)"
    r"|thank(?:ed|ing)|quot(?:ed|ing)|shout(?:ed|ing)|scream(?:ed|ing)|chant(?:ed|ing)"
    r"|quipp(?:ed|ing)|jok(?:ed|ing)|continu(?:ed|ing)|disagre(?:ed|eing)|agreed"
    r"|specif(?:ies|ied)|signed|credits|pledg(?:ed|ing)|react(?:ed|ing))\b"
)
_ALPHA_WORD: Final = re.compile(r"[^\W\d_][\w’'-]*")
_PRONOUN_START: Final = re.compile(r"(?:He|She|They|It)\b")


def _sentence_subject(text: str, q: Quote, names: NameIndex, sent_start: int, a: int) -> str | None:
    """The subject of a sentence that reports speech before the quote, if any: the
    first person (else organisation) named in it, or the pronoun that opens it."""
    words = _ALPHA_WORD.findall(text, q.start, q.end)
    title = all(w[0].isupper() for w in words if len(w) > 3) and not all(map(str.isupper, words))
    if a - sent_start < 4 or len(words) < 3 or title:
        # the quote opens the sentence; scare quotes and titles ("Person of the Year",
        # "Build Back Better") stay unattributed
        return None
    if _REPORTING.search(text, sent_start, a) is None:
        return None
    pm = _PRONOUN_START.match(text, sent_start)
    if pm is not None:
        return names.antecedent(sent_start, pm.group(0))
    first = _subject_mention(text, names, sent_start, a)
    role = _ROLE_SUBJECT.match(text, sent_start, a)
    if role is not None and (first is None or first.start > role.end()):
        head = role.group(2).lower()
        if head in DOC_NOUNS:  # "The decree signed by the Pope read “…”"
            by = _BY_NAME.search(text, role.end(), a)
            if by is not None:
                return names.role(by.group(1)) or names.resolve(by.group(1))
            return None  # a document without its author: "The summary of the decision"
        known = names.role(head)
        return known if known is not None else role.group(1)  # "The three-judge court"
    if first is None:
        the = _THE_TITLE.search(text, sent_start, a)  # "The decree signed by the Pope"
        if the is not None and names.role(the.group(1)):
            return names.role(the.group(1))
        he = _PRONOUN_SUBJECT.search(text, sent_start, a)  # "On live television he said"
        return names.antecedent(he.start(1), he.group(1)) if he is not None else None
    return first.name


def _subject_mention(text: str, names: NameIndex, lo: int, hi: int) -> Any:
    """The first person (else organisation) named in ``[lo, hi)`` that is no addressee
    ("telling Wikinews", "told Reuters") and not the outlet that did the interview."""
    i = bisect.bisect_left(names._starts, lo)
    org = None
    for mt in names.mentions[i : i + 30]:
        if mt.start >= hi:
            break
        if mt.name == "Wikinews" or _ADDRESSEE.search(text, max(lo, mt.start - 9), mt.start):
            continue
        if mt.kind == "person":
            return mt
        if org is None and mt.kind == "org":
            org = mt
    return org


_ADDRESSEE: Final = re.compile(r"\b(?:telling|told|to) (?:the |)$")
_SENTENCE_BREAK: Final = re.compile(r"\. (?=(?:The|A|An|In|On|At|He|She|It|They|This|But)\b)")
_PRONOUN_SUBJECT: Final = re.compile(r"\b([Hh]e|[Ss]he) (?:\w+ly |also |)" + _VERB_RX + r"\b")


_ROLE_SUBJECT: Final = re.compile(
    r"(?:The|A|An) ((?:[\w’'-]+ ){0,3}?(" + trie(ROLE_NOUNS | DOC_NOUNS | TITLES) + r"))\b(?! of\b)"
)
_BY_NAME: Final = re.compile(rf" by (?:the |)([A-Z][\w’'.-]*(?: {NAME_WORD}){{0,3}})")
_THE_TITLE: Final = re.compile(r"\b[Tt]he ([A-Z]?[a-z]+)\b")


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
        sent = sentence_of(q.outer[0])
        prev = sentence_of(sent[0] - 1) if sent[0] > 0 else None
        if prev is not None and prev[0] >= sent[0]:
            prev = None
        q.speaker = _speaker(q, text, names, sent, verbs, verb_starts, prev)
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
            elif prev.speaker is None and (
                "," in text[prev.end : prev.outer[1] + 1] or gap.lstrip().startswith(",")
            ):
                # only a quotation that hands over with a comma is the same speaker's
                # ("“A,” X said, “B”"); "“A”  X said, “B”" introduces B alone
                prev.speaker = cur.speaker
