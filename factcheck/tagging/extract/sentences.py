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
from typing import Any, Final

from .numtables import words

__all__ = ["split_sentences"]

_STOPS: Final = ".!?…"
_HAS_ALNUM: Final = re.compile(r"[^\W_]")
_NEXT_WORD: Final = re.compile(r"\s*([\"'“‘(\[]?)(\w+)")
# A line break, and the whitespace after it (the next sentence starts after it).
_NEWLINE: Final = re.compile(r"\n\s*")

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


def _any_case_trie(words: list[str]) -> str:
    """A prefix tree of ``words`` in any letter case (``[Dd][Rr]``): re skips an
    alternative that starts with a character class at its first character, which it
    cannot do for ``(?i:...)`` literals."""
    tree: dict[str, Any] = {}
    for w in words:
        node = tree
        for ch in w:
            node = node.setdefault(ch, {})

    def build(node: dict[str, Any]) -> str:
        alts = [f"[{ch.upper()}{ch}]{build(sub)}" for ch, sub in sorted(node.items())]
        if not alts:
            return ""
        return alts[0] if len(alts) == 1 else f"(?:{'|'.join(alts)})"

    return build(tree)


def _plain_word_before_stop() -> str:
    """Lookbehinds (read just after a full stop) that prove the word before it is no
    abbreviation, so ``_is_abbreviation_stop`` would say False; see its guards.

    Why: nearly every full stop ends an ordinary word, and deciding that inside the
    stop's own regex match costs far less than a Python call per stop.  The checks
    only ever say "plain" when the word before is certainly plain; anything else
    (initialisms, single letters, table words, the first 20 characters) takes the
    full check.
    """
    by_length: dict[int, list[str]] = {}
    for w in _TITLES | _MONTHS | _MAYBE_FINAL:
        by_length.setdefault(len(w), []).append(w)
    plain = [
        r"(?<![A-Za-z]\.)",  # not a letter before the stop (digit, quote, bracket ...)
        r"(?<=[^.]{13}[A-Za-z]{7}\.)",  # 7+ letters and no '.' within 20: no initialism
    ]
    for k in range(2, 7):
        # exactly k letters after a space/quote/other non-letter, not a table word
        table = _any_case_trie(by_length.get(k, []))
        not_table = rf"(?<!{table}\.)" if table else ""
        plain.append(rf"(?<=[^A-Za-z.][A-Za-z]{{{k}}}\.){not_table}")
    return "|".join(plain)


# After a stop and its whitespace: the next word surely does not continue the
# sentence (see _ends_sentence): a capital, a quoted letter, or no word at all.
_NEXT_OPENS: Final = r"(?:[A-Z]|[\"'“‘(\[][A-Za-z]|(?![\"'“‘(\[]?\w))"


def _stop_regex(stop: str) -> re.Pattern[str]:
    """Boundary matches for one stop character (one regex per character, not a
    ``[.!?…]`` class: a literal first character lets re skip ahead to it much faster).

    A match starts at the first stop of a run (``?!``, ``...``) and takes the run and
    any closing quotes/brackets, when whitespace or the end follows.  Group 1 is set
    when no abbreviation precedes the stop, group 2 is the whitespace after (the next
    sentence starts after it), and group 3 is set when the stop surely ends the
    sentence: group 1 and no lowercase word or digit after.
    """
    s = re.escape(stop)
    plain = f"(?:{_plain_word_before_stop()})" if stop == "." else ""
    # (?(1)X|(?!)): X only when group 1 is set; the run and closers never give back
    # characters (a shorter run could not be followed by whitespace), hence *+.
    return re.compile(
        rf"{s}(?<![.!?…]{s})(?:{plain}())?+[.!?…]*+[\"'”’»)\]]*+"
        rf"(?=(\s++|\Z)(?:(?(1){_NEXT_OPENS}|(?!))())?+)"
    )


_STOP_REGEXES: Final = tuple((c, _stop_regex(c)) for c in _STOPS)


def _is_abbreviation_stop(text: str, pos: int, next_word: str) -> bool:
    """True when the stop at ``pos`` belongs to an abbreviation, not a sentence end
    (``next_word``: the word after it, or "")."""
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


def _ends_sentence(text: str, pos: int, end: int) -> bool:
    """The full check for a stop match at ``pos`` .. ``end`` (see the module rules)."""
    nxt = _NEXT_WORD.match(text, end)
    next_word = nxt.group(2) if nxt else ""
    # a stop followed by a lowercase letter/digit continues the sentence
    if nxt is not None and (
        next_word[0].isdigit() or (next_word[0].islower() and not nxt.group(1))
    ):
        return False
    return not _is_abbreviation_stop(text, pos, next_word)


def _stop_boundaries(
    text: str, stop_regex: re.Pattern[str], ends: list[int], starts: list[int]
) -> None:
    """Add the sentence ends at one stop character: the span's end, and where the
    next sentence starts (after the whitespace)."""
    for m in stop_regex.finditer(text):
        if m.group(3) is None and not _ends_sentence(text, m.start(), m.end()):
            continue
        end, start = m.span(2)
        ends.append(end)
        starts.append(start)


def split_sentences(text: str) -> list[tuple[int, int]]:
    """Split ``text`` into sentence spans ``(start, end)`` in code points."""
    # Each boundary gives the end of one span (trimmed of whitespace) and the start
    # of the next (after the whitespace).  Both sequences grow with the boundary's
    # position, so line breaks and each stop character are found by separate
    # regexes (fast literal scans) and the two lists simply sorted.
    ends: list[int] = []
    starts = [len(text) - len(text.lstrip())]
    for m in _NEWLINE.finditer(text):
        e = m.start()
        while e and text[e - 1].isspace():
            e -= 1
        ends.append(e)
        starts.append(m.end())
    for stop, stop_regex in _STOP_REGEXES:
        if stop in text:
            _stop_boundaries(text, stop_regex, ends, starts)
    ends.sort()
    starts.sort()
    e = len(text)
    while e > starts[-1] and text[e - 1].isspace():
        e -= 1
    ends.append(e)

    spans: list[tuple[int, int]] = []
    append = spans.append
    has_alnum = _HAS_ALNUM.search
    for s, e in zip(starts, ends, strict=True):
        # (text[s] first: most sentences start with a letter or digit)
        if s < e and (text[s].isalnum() or has_alnum(text, s, e)):
            append((s, e))
    return spans
