"""Rule-based person and organisation names, surname map, pronoun resolution.

No statistical model: a capitalised-run regex, a few small word tables and
these rules (docs/tagger.md):

* a run of capitalised words (joined by ``of``/``for``/``the`` or name
  particles) is an *organisation* if one of its words is an organisation word
  (Ministry, Committee, House, News ...), it is an acronym (CNBC), or a
  known outlet;
* otherwise it is a *person* if it contains a title (the name is what follows
  the last title: "Chinese President Xi Jinping" -> "Xi Jinping"; titles are
  kept out of names) or has two or more words none of which is a place, month
  or weekday;
* a single capitalised word is a person when it is the first or last word of
  a person named earlier: the surname map sends "Trump" to "Donald Trump" (the
  first full name seen for a word wins);
* mentions inside quotation marks are never antecedents; a pronoun resolves to
  the most recent earlier person (he/she, respecting a known gender) or
  organisation (they/it), falling back to a person for "they".
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Sequence
from operator import itemgetter
from typing import Any, Final, NamedTuple

from .nametables import (
    CALENDAR,
    FEMALE_NAMES,
    FEMALE_TITLES,
    MALE_NAMES,
    MALE_TITLES,
    NOT_PERSON,
    OFFICE_WORDS,
    ORG_ADJECTIVES,
    ORG_WORDS,
    PLACES,
    POSTNOMINALS,
    PRONOUNS,
    STOP_CAPS,
    TITLES,
)

__all__ = ["Mention", "NameIndex", "classify", "clean_name"]


_PARTICLE = r"(?:de|da|van|von|bin|al|del|la|le|du|di|dos|der)"
_CAP_WORD = r"[A-Z][\w’'.&–-]*"
# a later word of a name may carry an Arabic article: "Abdel Fattah el-Sisi"
NAME_WORD: Final = r"(?:[A-Z]|(?:el|al|ad|as|ar|an|at|az|ash)-[A-Za-z])[\w’'.&–-]*"
_RUN: Final = re.compile(
    rf"{_CAP_WORD}(?:(?: (?:of|for|the|{_PARTICLE}))* {NAME_WORD})*",
)
_ASCII_LOWER: Final = "abcdefghijklmnopqrstuvwxyz"
POSSESSIVE: Final = re.compile(r"(?:’s|'s|’|')$")


def clean_name(name: str) -> str:
    """Strip a possessive and surrounding punctuation from a name."""
    name = POSSESSIVE.sub("", name.strip(" ,.;:!?\"“”‘’'()"))
    return name.strip()


class Mention(NamedTuple):
    """One name mention (a tuple: cheap to build by the hundred per article)."""

    start: int
    end: int
    name: str  # resolved full name ("Donald Trump"), titles left out
    kind: str  # "person" | "org" | "place" | "other"
    gender: str | None = None  # "m" | "f" | None


_OF_FOR: Final = ("of", "for")
_JOINERS: Final = frozenset(("of", "for", "the"))
_PLACE_OR_DAY: Final = PLACES | CALENDAR
# words that make the words before "of" something other than a person's name
_GIVEN: Final = MALE_NAMES | FEMALE_NAMES
# outlet and company words that are also surnames: "Michael Bloomberg" is a person
_SURNAME_BRANDS: Final = frozenset(("bloomberg", "ford", "fox", "dell", "disney", "reuters"))
_LEAD_PLACE: Final = PLACES | {
    "united",
    "states",
    "kingdom",
    "republic",
    "south",
    "north",
    "nations",
}
_PERSON_START: Final = MALE_NAMES | FEMALE_NAMES | TITLES
_NOT_A_HEAD: Final = ORG_WORDS | TITLES | PLACES | CALENDAR | ORG_ADJECTIVES
_POSSESSIVE_ENDS: Final = ("’s", "'s", "’", "'")  # POSSESSIVE on a token (no newline)


def _person_tail(tokens: list[str], lower: list[str], title_at: int) -> list[str] | None:
    """The name after the last title (``lower[title_at]``) ("Senate Minority Whip Dick
    Durbin" -> Dick Durbin); ``lower`` is ``tokens`` lowercased."""
    i = title_at + 1
    n = len(tokens)
    had_of = i < n and lower[i] in _OF_FOR
    while i < n and (lower[i] in OFFICE_WORDS or lower[i] in _JOINERS):
        i += 1
    if had_of and n - i >= 3:
        i += 1  # "Mayor of Koszalin Piotr Jedlinski"
        # "Vice President of the United States Joe Biden": the whole place goes
        while n - i > 2 and lower[i] in PLACES:
            i += 1
    if i >= n:
        return None
    rest = tokens[i:]
    for k in range(1, len(rest)):
        if rest[k] in _OF_FOR:
            rest = rest[:k]  # "President Abdel Fattah el-Sisi of Egypt"
            break
    tail_lower = lower[i : i + len(rest)]
    if not ORG_WORDS.isdisjoint(tail_lower) or "of" in tail_lower or "for" in tail_lower:
        return None
    return rest


def classify(tokens: list[str]) -> tuple[str, str, str | None]:
    """Public form of :func:`_classify`: (kind, name, gender) of capitalised tokens."""
    return _classify(tokens)


def _classify(tokens: list[str]) -> tuple[str, str, str | None]:
    """(kind, name, gender) for the tokens of a capitalised run (possessive already off)."""
    # word-table tests as set operations on lowercased lists, not a generator per test:
    # this runs for every new run of every article and for every attribution's source
    while len(tokens) > 1 and tokens[-1].rstrip(".").lower() in POSTNOMINALS:
        tokens = tokens[:-1]
    if len(tokens) > 1 and tokens[0].endswith(_POSSESSIVE_ENDS):
        tokens = tokens[1:]  # "BBC's Jonathan Marcus", "Beijing’s Ministry of ..."
    lower = list(map(str.lower, tokens))
    if len(tokens) > 2 and lower[0] in _LEAD_PLACE and ORG_WORDS.isdisjoint(lower):
        # "(Senator from) Vermont Bernie Sanders", "(of the) United States Joe Biden",
        # "(to the) United Nations Nikki Haley": only when a person's name or title is left
        k = 0
        while len(tokens) - k > 2 and lower[k] in _LEAD_PLACE:
            k += 1
        if lower[k] in _PERSON_START:
            tokens, lower = tokens[k:], lower[k:]
    lows = [w.rstrip(",") for w in lower] if "," in "".join(lower) else lower
    if len(tokens) == 1 and lows[0].rstrip(".") in PLACES:
        return "place", tokens[0], None
    gender = None
    tail = None
    if not TITLES.isdisjoint(lows):
        title_at = len(lows) - 1
        while lows[title_at] not in TITLES:
            title_at -= 1
        tail = _person_tail(tokens, lower, title_at)
    if tail is not None:
        tw = lows[title_at]
        gender = "m" if tw in MALE_TITLES else "f" if tw in FEMALE_TITLES else None
        tokens, lows = tail, list(map(str.lower, tail))
    else:
        if "of" in lows or "for" in lows:
            # "Jennifer Lu of Marriage Equality Coalition Taiwan": a person of an organisation
            cut = lows.index("of") if "of" in lows else lows.index("for")
            head = lows[:cut]
            if len(head) >= 2 and _NOT_A_HEAD.isdisjoint(head):
                tokens, lows = tokens[:cut], head
        if len(lows) == 2 and lows[0] in _GIVEN and lows[1] in _SURNAME_BRANDS:
            return "person", " ".join(tokens), "m" if lows[0] in MALE_NAMES else "f"
        if not ORG_WORDS.isdisjoint(lows) or (
            len(tokens) == 1 and tokens[0].isupper() and 2 <= len(tokens[0].replace(".", "")) <= 6
        ):
            start = 1 if lows[0] == "the" else 0
            return "org", " ".join(tokens[start:]), None
        if not TITLES.isdisjoint(lows):
            return "other", " ".join(tokens), None
        if len(tokens) == 1 or not _PLACE_OR_DAY.isdisjoint(lows):
            kind = "place" if " ".join(lows) in PLACES or lows[0] in PLACES else "other"
            return kind, " ".join(tokens), None
    if not _JOINERS.isdisjoint(lows) or not NOT_PERSON.isdisjoint(
        [w.replace("–", " ").split()[-1] for w in lows]
    ):
        return "other", " ".join(tokens), None
    if gender is None:
        first = lows[0]
        gender = "m" if first in MALE_NAMES else "f" if first in FEMALE_NAMES else None
    return "person", " ".join(tokens), gender


# What a run becomes in NameIndex, decided once per distinct run so that the loop over
# the ~100 runs of an article only looks at a small integer:
_FIXED: Final = 0  # the same mention wherever it occurs (organisations, places, ...)
_WORD: Final = 1  # one capitalised word: a surname seen earlier, else itself ("other")
_PERSON: Final = 2  # a person: surname map, genders, titles (never a single token)
# (offset, length, mode, kind, name, gender, titles, keys): the run's mention starts
# ``offset`` characters into the run and is ``length`` long; a person's ``titles`` are
# its title words, lowercased, and ``keys`` the first and last word of a full name
# (none for "President Trump"); a _WORD's kind is "" when an unknown word makes no
# mention (months, days)
_Prepared = tuple[int, int, int, str, str, str | None, tuple[str, ...], tuple[str, ...]]
_PREPARED: dict[str, _Prepared | None] = {}
# runs that cross a sentence end -> offset of the word after it (filled by _prepare)
_CUTS: dict[str, int] = {}
_MISSING: Final[Any] = object()
_tuple_new = tuple.__new__  # Mention(...) without the generated Python-level __new__
_start_of = itemgetter(0)
_CLOSES_RUNS: Final = '"”\n'  # quotation ends that no _RUN match can contain


def _prepare(run: str) -> _Prepared | None:
    """Tokens of a capitalised run, trimmed, and their classification (memoised:
    the same runs recur across articles; nothing here depends on the article)."""
    try:
        return _PREPARED[run]
    except KeyError:
        pass
    if len(_PREPARED) > 50_000:
        _PREPARED.clear()
        _CUTS.clear()
    result = _PREPARED[run] = _prepare_uncached(run)
    return result


def _prepare_uncached(run: str) -> _Prepared | None:
    tokens = run.split(" ")
    for i, tok in enumerate(tokens[:-1]):
        # a run never crosses a sentence end: "Beijing. In April"
        if tok.endswith(".") and (
            sum(c.islower() for c in tok) > 2 or tokens[i + 1].lower() in STOP_CAPS
        ):
            _CUTS[run] = len(" ".join(tokens[: i + 1])) + 1
            tokens = tokens[: i + 1]
            break
    if len(tokens) > 1 and all(t.isupper() for t in tokens):
        return None  # shouted text, headlines
    offset = 0
    # leading sentence words: "The", "In", "According" ...
    while tokens and tokens[0].lower() in STOP_CAPS:
        offset += len(tokens[0]) + 1
        tokens = tokens[1:]
    while tokens and tokens[-1].lower() in ("of", "for", "the"):
        tokens = tokens[:-1]
    if not tokens:
        return None
    last = tokens[-1]
    bare = clean_name(last)
    if not bare:
        return None
    length = len(" ".join(tokens)) - (len(last) - len(bare))
    tokens[-1] = bare
    kind, name, gender = _classify(tokens)
    if kind == "person":  # _classify makes a person of two or more tokens only
        titles = tuple(low for t in tokens if (low := t.lower()) in TITLES)
        parts = name.split()
        keys = (parts[0], parts[-1]) if len(parts) > 1 else ()
        return offset, length, _PERSON, kind, name, gender, titles, keys
    if len(tokens) == 1 and kind == "other":  # name == tokens[0]
        # an unknown single capitalised word: a possible surname/outlet
        kind = "" if name.lower() in CALENDAR else kind
        return offset, length, _WORD, kind, name, None, (), ()
    return offset, length, _FIXED, kind, name, gender, (), ()


class NameIndex:
    """All name mentions of a text, in order, with the surname map applied."""

    def __init__(self, text: str, quote_spans: list[tuple[int, int]]) -> None:
        self.text = text
        self.surnames: dict[str, str] = {}
        self.genders: dict[str, str | None] = {}
        self.titles: dict[str, str] = {}
        self.mentions = self._collect(text, quote_spans)
        self._starts: list[int] = list(map(_start_of, self.mentions))

    def _collect(self, text: str, quote_spans: list[tuple[int, int]]) -> list[Mention]:
        # one loop with the two frequent cases inline: it runs for every capitalised
        # run of every article (a call per run cost more than the work of most runs)
        mentions: list[Mention] = []
        add = mentions.append
        cache = _PREPARED
        surnames = self.surnames
        qi = 0
        nq = len(quote_spans)
        # matches at or after ``q_start`` may lie in a quotation (looked at then)
        q_start = quote_spans[0][0] if nq else len(text)
        pos = 0
        while True:
            for m in _RUN.finditer(text, pos):
                s = m.start()
                if s >= q_start:
                    while qi < nq and quote_spans[qi][1] <= s:
                        qi += 1
                    if qi == nq:
                        q_start = len(text)
                    elif quote_spans[qi][0] > s:
                        q_start = quote_spans[qi][0]
                    else:
                        # inside a quotation: never an antecedent. When its closing mark
                        # can't be part of a run, no run from inside reaches past it:
                        # search on from there (as the discarded matches would lead to)
                        q_end = quote_spans[qi][1]
                        if text[q_end - 1] in _CLOSES_RUNS:
                            pos = q_end
                            break
                        continue
                run = m[0]
                prepared = cache.get(run, _MISSING)
                if prepared is _MISSING:
                    prepared = _prepare(run)
                # "European Union. Erdoğan": the words after a sentence end are a run of
                # their own, searched anew from there (after this run's mention)
                cut = _CUTS.get(run) if ". " in run else None
                if prepared is None:
                    if cut is None:
                        continue
                    pos = m.start() + cut
                    break
                offset, length, mode, kind, name, gender, titles, keys = prepared
                s += offset
                if mode == _WORD:
                    full = surnames.get(name)
                    if full is not None:
                        add(
                            _tuple_new(
                                Mention, (s, s + length, full, "person", self.genders.get(full))
                            )
                        )
                    elif kind:
                        # "Turkish president Erdoğan": a lowercase title makes the word
                        # a person (no surname map entry: the full name is not known)
                        if kind == "other" and text[s - 1 : s] == " ":
                            before = text[s - 16 if s > 16 else 0 : s - 1]
                            title = before[len(before.rstrip(_ASCII_LOWER)) :]
                            if title in TITLES:
                                self.titles.setdefault(title, name)
                                kind = "person"
                        add(_tuple_new(Mention, (s, s + length, name, kind, None)))
                elif mode == _FIXED:
                    full = surnames.get(name) if kind == "org" else None
                    if full is not None:  # "Bloomberg" after "Michael Bloomberg"
                        add(
                            _tuple_new(
                                Mention, (s, s + length, full, "person", self.genders.get(full))
                            )
                        )
                    else:
                        add(_tuple_new(Mention, (s, s + length, name, kind, gender)))
                else:
                    add(self._person(s, s + length, name, gender, titles, keys))
                if cut is not None:
                    pos = m.start() + cut
                    break
            else:
                return mentions

    def _person(
        self,
        s: int,
        end: int,
        name: str,
        gender: str | None,
        titles: tuple[str, ...],
        keys: Sequence[str],
    ) -> Mention:
        """A person's mention; fills the surname map, genders and titles."""
        if not keys:
            name = self.surnames.get(name, name)  # "President Trump" -> "Donald Trump"
            keys = name.split()
        if len(keys) > 1:
            self.surnames.setdefault(keys[0], name)
            self.surnames.setdefault(keys[-1], name)
            gender = self.genders.setdefault(name, gender) or gender
        elif name in self.genders:
            gender = self.genders[name] or gender
        # remember "commissioner" -> "Albert Muchanga" for a later "the commissioner":
        # the run's own titles, and a lowercase title word right before the run (in
        # line, not a helper: this runs for every person mention)
        known = self.titles
        for low in titles:
            known[low] = name
        # that word is what ``([a-z]+) $`` finds searched in text[s-20:s] (a space, or a
        # space and "\n", right before ``s``); one rstrip takes it without retrying
        # [a-z]+ at each of 20 starts
        text = self.text
        c = text[s - 1 : s]
        if c == " ":
            space = s - 1
        elif c == "\n" and text[s - 2 : s - 1] == " ":
            space = s - 2
        else:
            return _tuple_new(Mention, (s, end, name, "person", gender))
        before = text[s - 20 if s > 20 else 0 : space]
        word = before[len(before.rstrip(_ASCII_LOWER)) :]
        if word in TITLES:
            known[word] = name
        return _tuple_new(Mention, (s, end, name, "person", gender))

    def role(self, noun: str) -> str | None:
        """The person last introduced with the title ``noun`` ("the commissioner")."""
        return self.titles.get(noun.lower())

    def resolve(self, name: str) -> str:
        """Canonical form of a name found elsewhere: titles off, surname mapped."""
        tokens = clean_name(name).split()
        while tokens and tokens[0].lower() in STOP_CAPS:
            tokens = tokens[1:]
        if not tokens:
            return clean_name(name)
        _kind, full, _g = _classify(tokens)
        if len(full.split()) == 1:
            return self.surnames.get(full, full)
        return full

    def antecedent(self, pos: int, pronoun: str) -> str | None:
        """The name a pronoun at ``pos`` refers to, or None."""
        want = PRONOUNS.get(pronoun.lower())
        if want is None:
            return None
        i = bisect.bisect_left(self._starts, pos) - 1
        fallback = None
        while i >= 0 and pos - self.mentions[i].start < 3000:
            mt = self.mentions[i]
            if want in ("m", "f"):
                if mt.kind == "person" and mt.gender in (None, want):
                    return mt.name
            elif mt.kind == "org" or (mt.kind == "other" and mt.name.isupper()):
                return mt.name
            elif want == "pl" and fallback is None and mt.kind == "person":
                fallback = mt.name
            i -= 1
        return fallback

    def first_in(self, lo: int, hi: int) -> Mention | None:
        """The first person (else organisation) among the first 30 mentions in ``[lo, hi)``."""
        i = bisect.bisect_left(self._starts, lo)
        stop = min(len(self.mentions), i + 30)
        org = None
        while i < stop and self.mentions[i].start < hi:
            if self.mentions[i].kind == "person":
                return self.mentions[i]
            if org is None and self.mentions[i].kind == "org":
                org = self.mentions[i]
            i += 1
        return org
