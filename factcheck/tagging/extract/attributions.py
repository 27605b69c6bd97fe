"""Attributions: who a statement is credited to, and the shared speaker rules.

Patterns (docs/tagger.md): "according to X", "as reported/confirmed by X",
"as X reported/noted/put it", "X said/reported/noted/confirmed/emphasized/
highlighted/warned ...", and the inverted "..., said X".  The subject of a
speech verb is the noun phrase from the clause start to the verb (stepping
over an appositive: "Trump, writing on ..., said").  Sources are normalised
by :func:`normalise_source`: "the CNBC report" -> "CNBC", pronouns resolve
through :class:`names.NameIndex`, titles are dropped, surnames map to full names.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Final

from .names import NAME_WORD, NameIndex, classify, clean_name
from .nametables import PRONOUNS, STOP_CAPS, TITLES
from .numtables import words
from .rx import trie
from .scan import Triggers, scan

__all__ = ["Attribution", "find_attributions", "normalise_source", "subject_before"]

DOC_NOUNS: Final = words(
    "report reports article story statement post broadcast analysis data figures survey study "
    "poll interview release investigation reporting coverage tweet website account blog "
    "newspaper paper outlet channel campaign office lawyers lawyer attorneys attorney "
    "spokesperson spokesman spokeswoman representatives team decision ruling judgment opinion "
    "decree letter"
)
ROLE_NOUNS: Final = words(
    "officials official police authorities analysts analyst experts expert witnesses witness "
    "residents investigators prosecutors researchers scientists doctors rescuers firefighters "
    "resident organisers organizers sources source observers critics economists lawyers officers "
    "activists spokesperson spokesman spokeswoman ministry government service agency "
    "father mother son daughter wife husband brother sister family parents friend neighbour "
    "neighbor teacher victim survivor "
    "department president minister secretary company firm group committee council team "
    "organisation organization campaign court judge statement report administration embassy "
    "office spokespeople representatives media newspaper outlet authority authorities"
)
_NAME_OF: Final = re.compile(rf"([A-Z][\w’'.-]* {NAME_WORD}(?: {NAME_WORD})?) of ")
_COORDINATED_VERBS: Final = words(
    "said says told added wrote posted tweeted stated noted warned explained argued insisted "
    "remarked commented"
)
_COORDINATED: Final = re.compile(r"\b(?:and|but)(?: \w+ly| also| then| later)? $")
_SUBJECT_REACH: Final = 250
_LEAD_CONJ: Final = re.compile(
    r"(?:[Aa]nd|[Bb]ut|[Ww]hile|[Ss]o|[Yy]et|[Oo]r|[Ww]hich|[Ww]ho|that|[Aa]s) "
)
# verbs that report speech only when a clause or quote follows ("confirmed that ...")
WEAK_VERBS: Final = words(
    "announced confirmed confirms declared denied acknowledged disclosed revealed"
)
_WEAK_OK: Final = re.compile(
    r"(?: that\b|[,:]|\s*[“\"]| (?:he|she|it|they|we|I)\b"
    r"| (?:[^\s,.;:!?]+ ){0,10}(?:that|is|was|were|are|has|have|had|will|would|could|should"
    r"|may|might|can)\b)"
)
# a dot after a one-letter word or a title stays in the phrase: "according to U.S.
# Attorney Bash", "according to Dr. Tom Frieden"
_ABBR_DOT = (
    r"(?:(?<=\b[A-Z])|(?<=\bDr)|(?<=\bMr)|(?<=\bMs)|(?<=\bMrs)|(?<=\bSt)|(?<=\bSen)|(?<=\bGov))\."
)
_NP_AFTER: Final = re.compile(rf" ((?:[^,.;:!?\n—–()“”\"]|{_ABBR_DOT}){{1,80}})")
_NP_STOP: Final = words(
    "that which who whom whose and but or to is was were are has had have will would can "
    "could may might should after before when while because if as than were"
)
_FUNCTION: Final = words("of for the and de van von in on at")
_PREPS: Final = words("on of in at from for")
_CAPS: Final = re.compile(rf"[A-Z][\w’'.&-]*(?: (?:of |for )?{NAME_WORD})*")
_NAME_ONLY: Final = re.compile(rf"[A-Z][\w’'.-]*(?: {NAME_WORD}){{1,3}}")
_INVERTED: Final = re.compile(rf" ((?:[A-Z][\w’'.&-]*)(?: {NAME_WORD}){{0,3}})")
_TRAILING_NAME: Final = re.compile(rf"(?:^|\s)([A-Z][\w’'.&-]*(?: {NAME_WORD}){{0,4}})$")
# Subjects are found by looking backwards from the speech verb: the time phrase, the
# adverbs and the clause start nearest to it.  sre only scans forwards, and a "...$"
# or ".*(,|...)" pattern retries at every position of the window, so these patterns
# are written for the *reversed* window (words spelled backwards) and matched at its
# start, i.e. at the verb.  Forward meaning of each is given in its comment.
_RELATIVE_DAY: Final = words("on last this early late earlier later")
_DAY_OR_PERIOD: Final = words(
    "Monday Tuesday Wednesday Thursday Friday Saturday Sunday "
    "week month year morning afternoon evening night"
)
_WHEN: Final = ("yesterday", "today", "tonight", "on Twitter", "in a statement")
_ADVERBS: Final = (
    *("also", "later", "previously", "then", "had", "has", "have", "was", "is", "has also"),
    *("had also", "once", "went on to", "continued to", "would", "will", "did", "does"),
    "further",
)


def _reversed_words(ws: Iterable[str]) -> str:
    return trie(w[::-1] for w in ws)


# (?:,?\s+(?:on|last|...)\s+(?:Monday|...|night)|,?\s+(?:yesterday|...|in a statement))+$
# and then (?:\s+(?:\w+ly|also|later|...|further))+$ on what is left, in one match
_TAIL_REV: Final = re.compile(
    rf"(?:(?:{_reversed_words(_DAY_OR_PERIOD)})\s+(?:{_reversed_words(_RELATIVE_DAY)})\s+,?"
    rf"|(?:{_reversed_words(_WHEN)})\s+,?)*"
    rf"(?:(?:yl\w+|{_reversed_words(_ADVERBS)})\s+)*"
)
# the last of: start | [,;:—(“”"\n] | (?<![A-Z])\. | \bthat  (the clause starts after it)
_CLAUSE_END_REV: Final = re.compile(r'[,;:—(“”"\n]| \.(?![A-Z])| taht\b')


@dataclass(frozen=True, slots=True)
class Attribution:
    start: int
    end: int
    source: str
    sources: tuple[str, ...] = ()  # all sources of a coordinated subject, the first first


def _bare(word: str) -> str:
    """Lowercase word without a possessive ending (POSSESSIVE, for a word without spaces,
    by hand: a regex call costs more than these two checks)."""
    low = word.lower()
    if low.endswith(("’s", "'s")):
        return low[:-2]
    if low.endswith(("’", "'")):
        return low[:-1]
    return low


def trim_np(np: str) -> str:
    """Cut a noun phrase after a cue at the first clause word or verb-looking word."""
    words = np.split()
    out: list[str] = []
    for i, w in enumerate(words):
        low = w.lower()
        if low in _NP_STOP or len(out) >= 7:
            break
        if i > 0 and w.islower() and low.endswith("ed"):
            break
        if low in _PREPS and not (i + 1 < len(words) and words[i + 1][:1].isupper()):
            break
        out.append(w)
    return " ".join(out).rstrip(".")


def normalise_source(np: str, pos: int, names: NameIndex) -> str | None:
    """Name behind a noun phrase: "the CNBC report" -> "CNBC", "he" -> antecedent."""
    np = np.strip(" ,")
    if not np:
        return None
    low = np.lower()
    if low in PRONOUNS:
        return names.antecedent(pos, low)
    both = _coordinated(np)
    if both is not None:  # "X's ministry and Y's embassy confirmed": the first speaks
        return normalise_source(both[0], pos, names)
    words = np.split()
    owned = _owned_role(words, pos, names)
    if owned is not None:
        return owned
    if words[0].lower() in ("the", "a", "an"):
        words = words[1:]
    if not words:
        return None
    if len(words) == 1 and (words[0].islower() or words[0].lower() in TITLES):
        known = names.role(words[0])  # "the commissioner" -> the commissioner named earlier
        if known is not None:
            return known
    joined = " ".join(words)
    if " of " in joined:  # what _NAME_OF needs: skip the regex call otherwise
        of = _NAME_OF.match(joined)
        if of is not None and classify(of.group(1).split())[0] == "person":
            return names.resolve(of.group(1))  # "José Ortiz of the island's power authority"
    if ", " in np:
        _head, _, app = np.partition(", ")
        if _NAME_ONLY.fullmatch(app):
            return names.resolve(app)
    caps = _CAPS.findall(joined)
    if not caps:
        return clean_name(joined) or None
    heads = [_bare(w) for w in words if w.islower() and w not in _FUNCTION]
    docs = [h for h in heads if h in DOC_NOUNS]
    if docs:
        found = names.resolve(caps[-1])  # "the CNBC report", "the report on CNBC"
        for h in docs:
            names.titles[h] = found  # a later "the spokesperson" is this one
        return found
    if not heads:
        if len(caps) > 1 and ("in" in words or "at" in words):
            return names.resolve(caps[0])  # "Aam Aadmi Party in Goa"
        return names.resolve(joined)
    if words[-1][:1].isupper():
        return names.resolve(caps[-1])  # "Police press officer Monika Kosiec"
    return clean_name(joined) or None


_SPEECH_WORDS: Final = frozenset(("said", "says", "told", "tells"))
_PARENS: Final = re.compile(r"\([^()]*\)")
_POSS_PRONOUNS: Final = ("its", "his", "her", "their")
_POSS_ENDS: Final = ("’s", "'s")


def _coordinated(np: str) -> tuple[str, str] | None:
    """The two parts of "A and B" when B is a second speaker ("China’s embassy", "its
    director", "the White House"), not part of one name ("Ministry of Trade and Industry")."""
    k = np.find(" and ")
    if k <= 0:
        return None
    left, right = np[:k].strip(" ,"), np[k + 5 :].strip()
    rw = right.split()
    if not rw or not any(c.isupper() for c in left):
        return None
    first = rw[0]
    if first.endswith(_POSS_ENDS) and first[:1].isupper():
        return left, right
    if first.lower() in _POSS_PRONOUNS or (first in ("the", "The") and len(rw) > 1):
        return left, right
    return None


def _owned_role(words: list[str], pos: int, names: NameIndex) -> str | None:
    """ "its director" -> "<organisation>'s director"; "China’s embassy in Washington" ->
    "China's embassy" (a role noun owned by a name; documents give way to the owner
    elsewhere: "Klobuchar's campaign" -> Amy Klobuchar)."""
    if len(words) < 2 or not words[1][:1].islower():
        return None
    first = words[0]
    if first.lower() in _POSS_PRONOUNS:
        if first.lower() not in ("its", "their"):
            return None  # "his publicist": a person's pronoun is too often the wrong one
        owner = names.antecedent(pos, first.lower())
    elif first.endswith(_POSS_ENDS) and first[:1].isupper():
        owner = names.resolve(first[:-2])
    else:
        return None
    head: list[str] = []
    for w in words[1:]:
        if w.lower() in _PREPS or w.lower() in _NP_STOP:
            break
        if not w[:1].islower():
            return None  # a name follows the role: "Mendez's wife Jonna Mendez"
        head.append(w)
    if not head or _bare(head[-1]) in DOC_NOUNS or owner is None:
        return owner if head else None
    return f"{owner}'s {' '.join(head)}"


def all_sources(np: str, pos: int, names: NameIndex) -> list[str]:
    """Every source a subject names: both parts of "A and B" (see _coordinated)."""
    both = _coordinated(np.strip(" ,"))
    if both is None:
        return []
    out = [normalise_source(part, pos, names) for part in both]
    return [s for s in out if s]


_SUBJ_OPENERS: Final = words(
    "according as by from to in on at with for of and or but after before since than if while "
    "when who which that what whether"
)


def _acceptable_subject(np: str) -> bool:
    """A speech verb's subject: a pronoun, or a phrase headed by a name or a role noun."""
    words = np.split()
    if not words or len(words) > 10:
        return False
    if np.lower() in PRONOUNS:
        return True
    first = words[0].lower()
    head = words[-1]
    if first in _SUBJ_OPENERS or head.lower() in _SUBJ_OPENERS:
        return False
    if not _SPEECH_WORDS.isdisjoint(w.lower() for w in words):
        return False  # "said her husband": a subject holds no speech verb
    if first in STOP_CAPS and len(words) == 1:
        return False
    if head[:1].isupper():
        return not (len(words) > 4 and sum(w.islower() for w in words) > 5)
    bare = _bare(head)
    role = bare in ROLE_NOUNS or bare in TITLES
    return role and (len(words) <= 5 or (words[0][:1].isupper() and len(words) <= 8))


def _clause_start(rev: str, end: int) -> int:
    """Start of the clause that ends at ``end`` of a window, given the window reversed:
    just after its last clause mark before ``end`` (0 if none, or if only at 0)."""
    n = len(rev)
    m = _CLAUSE_END_REV.search(rev, n - end)
    return n - m.start() if m is not None and m.end() < n else 0


def subject_before(text: str, lo: int, verb_start: int) -> tuple[int, str] | None:
    """Subject NP (start, text) of a speech verb at ``verb_start``; ``lo`` bounds the search
    (and at most ``_SUBJECT_REACH`` characters are looked at, so the work stays linear)."""
    lo = max(lo, verb_start - _SUBJECT_REACH)
    full = text[lo:verb_start].rstrip()
    if ")" in full:
        # "Nikki Holland of the UK's National Crime Agency (NCA) said", "today (1500 UTC)
        # the National Hurricane Center": parentheses are asides (blanked: offsets stay)
        full = _PARENS.sub(lambda m: " " * len(m.group(0)), full).rstrip()
    rev = full[::-1]  # see _CLAUSE_END_REV
    n = len(full)
    # adverbs and time phrases sit right before the verb: trim them from the last 80 only
    tail = _TAIL_REV.match(rev, 0, 80)  # always matches ("*" only), maybe empty
    trimmed = tail.end() if tail is not None else 0
    window = full[: n - trimmed]
    cut = _clause_start(rev, n - trimmed)
    np = window[cut:].strip()
    if not np and cut > 0 and window[cut - 1] == ",":
        # appositive: "Trump, writing on his platform, said"
        head = window[: cut - 1]
        c2 = _clause_start(rev, cut - 1)
        if cut - 1 - c2 < 100 and "," in head:
            inner = head.rfind(",")
            head2 = head[:inner]
            c3 = _clause_start(rev, inner)
            np = head2[c3:].strip()
            appositive = head[inner + 1 :].strip()
            head_words = np.split()
            titled = bool(head_words) and (
                head_words[0].lower() in ("the", "a", "an")
                or any(w.lower() in TITLES for w in head_words)
            )
            if _NAME_ONLY.fullmatch(appositive) is None:
                # "doctoral candidate Maninder Thind": the name after a lowercase role
                tail = _TRAILING_NAME.search(appositive)
                if tail is not None and appositive[: tail.start(1)].strip().islower():
                    appositive = tail.group(1)
            person_app = (
                _NAME_ONLY.fullmatch(appositive) is not None
                and classify(appositive.split())[0] == "person"
            )
            head_person = bool(np) and _NAME_ONLY.fullmatch(np) is not None
            if person_app and (titled or not head_person):
                # "The Vice President, Mike Pence, said": the name is the appositive
                return lo + c3 + (
                    len(head2[c3:]) - len(head2[c3:].lstrip())
                ), np + ", " + appositive
            cut = c3
    lead = _LEAD_CONJ.match(np)
    if lead is not None:
        np = np[lead.end() :]
    if np and not _acceptable_subject(np):
        # a trailing name ends the phrase: don't search for one when the last word can't be
        # a name word (NAME_WORD starts with a capital or "al-"/"el-"...)
        last = np.rsplit(None, 1)[-1]
        name_end = last[:1].isupper() or "-" in last
        trailing = _TRAILING_NAME.search(np) if name_end else None
        # "to which on February 1 Amazon Web Services acknowledged"
        ok = trailing is not None and _acceptable_subject(trailing.group(1))
        np = trailing.group(1) if trailing is not None and ok else ""
    if not np:
        return None
    start = lo + window.index(np, cut)
    return start, np


def find_attributions(
    text: str,
    names: NameIndex,
    sentences: list[tuple[int, int]],
    triggers: Triggers | None = None,
) -> list[Attribution]:
    """All attributions in ``text`` (non-overlapping, in text order).

    ``triggers`` is :func:`scan.scan` of ``text`` when the caller already has it.
    """
    out: list[Attribution] = []
    if triggers is None:
        triggers = scan(text)
    for cs, ce, _cue in triggers.cue:
        npm = _NP_AFTER.match(text, ce)
        if npm is None:
            continue
        np = trim_np(npm.group(1))
        if not np:
            continue
        src = normalise_source(np, cs, names)
        if src:
            out.append(Attribution(cs, npm.start(1) + len(np), src))
    starts = [s for s, _e in sentences]
    for vs, ve, verb in triggers.verb:
        if text.startswith(" by ", ve):
            continue  # passive: "confirmed by CNBC" is handled by the cue pattern
        if verb in WEAK_VERBS and not _WEAK_OK.match(text, ve):
            continue  # "Trump declared a national emergency" is an act, not a source
        i = bisect.bisect_right(starts, vs) - 1
        lo = sentences[i][0] if i >= 0 else 0
        subj = subject_before(text, lo, vs)
        if subj is not None:
            s, np = subj
            as_lead = text[max(0, s - 3) : s] in ("As ", "as ") and (
                s < 4 or not text[s - 4].isalnum()
            )
            if as_lead:
                s -= 3  # "As CNBC reported", "As the CNBC report noted", "As CNBC put it"
            elif verb == "put it":
                continue
            src = normalise_source(np, s, names)
            if src:
                also = all_sources(np, s, names) if " and " in np else []
                out.append(Attribution(s, ve, src, tuple(also) if len(also) > 1 else ()))
            continue
        if verb in _COORDINATED_VERBS and _COORDINATED.search(text, max(lo, vs - 30), vs):
            # "Warren commended Biden ... and said": the sentence's subject speaks
            first = names.first_in(max(lo, vs - _SUBJECT_REACH), vs)
            if first is not None and first.start - lo < 40:
                out.append(Attribution(vs, ve, first.name))
                continue
        before = text[max(lo, vs - 3) : vs]
        if before.rstrip().endswith((",", "”", '"')):
            inv = _INVERTED.match(text, ve)
            if inv is not None:
                src = names.resolve(inv.group(1))
                if src and src.lower() not in PRONOUNS:
                    out.append(Attribution(vs, inv.end(), src))
    out.sort(key=lambda a: (a.start, -(a.end - a.start)))
    kept: list[Attribution] = []
    last = -1
    for a in out:
        if a.start >= last:
            kept.append(a)
            last = a.end
    return kept
