"""Is an excerpt on a page? Pure functions over strings: the normalisation both sides go
through, the check (exact, then fuzzy), and the link to the excerpt on the live page.

Pages and excerpts differ in ways that do not change what they say: curly or straight
quotes, the kind of dash, line breaks and runs of spaces, ligatures and width variants
(NFKC), case, words hyphenated across a PDF line. Those are normalised away; what is left
must match exactly, or fuzzily at FUZZY_THRESHOLD or above with every number of the
excerpt on the matched stretch of the page."""

from __future__ import annotations

import re
import unicodedata
from urllib.parse import quote

from rapidfuzz import fuzz

# rapidfuzz partial_ratio (0..100) of the excerpt against its best-matching stretch of the
# page. 90 accepts a changed word or two in a sentence (an ellipsis, a typo, "per cent"
# for "percent"), and refuses a sentence with a different number or a negation added.
FUZZY_THRESHOLD = 90.0

_QUOTES = str.maketrans(
    {
        **dict.fromkeys("“”„‟″〝〞＂«»", '"'),
        **dict.fromkeys("‘’‚‛′`´", "'"),
        **dict.fromkeys("‐‑‒–—―−﹘﹣－", "-"),
        **dict.fromkeys("\u00ad\u200b\u200c\u200d\u2060\ufeff", ""),
    }
)
_PDF_HYPHEN = re.compile(r"(?<=\w)-\s*\n\s*(?=[a-z])")
_SPACE = re.compile(r"\s+")
_NUMBER = re.compile(r"\d+(?:[.,]\d+)*")


def normalise(text: str) -> str:
    """The comparable form of page text or an excerpt."""
    text = _PDF_HYPHEN.sub("", text)
    text = unicodedata.normalize("NFKC", text).translate(_QUOTES)
    return _SPACE.sub(" ", text).strip().casefold()


def find_excerpt(excerpt: str, page_text: str) -> tuple[bool | None, float | None]:
    """(found, score 0..100) of `excerpt` in `page_text`; (None, None) for no excerpt."""
    needle = normalise(excerpt)
    if not needle:
        return None, None
    haystack = normalise(page_text)
    if needle in haystack:
        return True, 100.0
    if not haystack:
        return False, 0.0
    match = fuzz.partial_ratio_alignment(needle, haystack)
    if match is None:
        return False, 0.0
    score = round(float(match.score), 1)
    # A fact-check turns on its numbers: a near match with another number is not a match.
    window = haystack[max(0, match.dest_start - 2) : match.dest_end + 2]
    numbers_kept = all(n in _NUMBER.findall(window) for n in _NUMBER.findall(needle))
    return score >= FUZZY_THRESHOLD and numbers_kept, score


_FRAGMENT_WORDS = 5


def text_fragment_url(url: str, excerpt: str) -> str:
    """`url` with a text fragment (#:~:text=) that makes a browser scroll to and mark the
    excerpt: the whole excerpt when short, its first and last words when long."""
    words = _SPACE.sub(" ", excerpt).strip().split(" ")
    if not url or not words or words == [""]:
        return url
    if len(words) <= 2 * _FRAGMENT_WORDS:
        directive = _encode(" ".join(words))
    else:
        start = " ".join(words[:_FRAGMENT_WORDS])
        end = " ".join(words[-_FRAGMENT_WORDS:])
        directive = f"{_encode(start)},{_encode(end)}"
    return f"{url.split('#', 1)[0]}#:~:text={directive}"


def _encode(text: str) -> str:
    # '-', ',' and '&' are the text directive's own syntax, so they are escaped too.
    return quote(text, safe="").replace("-", "%2D")
