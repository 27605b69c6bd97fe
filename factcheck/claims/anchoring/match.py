"""Find a quote in a text: exact occurrences first, then an approximate match.

Every candidate is scored the same way (frontend/src/anchoring/quote.ts uses the same
weights, so both sides pick the same occurrence)::

    score = (50 * quote + 20 * prefix + 20 * suffix + 0.5 * position) / 90.5

``quote`` is 1 for an exact occurrence and ``1 - edits / length`` for an approximate one;
``prefix`` and ``suffix`` compare the anchor's context with the text just before and after
the candidate (``1 - (edits + missing / 2) / len(context)``, ``missing`` being how much
of the context the text runs out of); ``position`` is
``1 - |start - hint| / len(text)`` (1 when there is no hint). Context therefore decides
between repeated quotes (one code point of context outweighs any distance), and the
distance to the hint only breaks what context cannot.
"""

from __future__ import annotations

from dataclasses import dataclass

from rapidfuzz.distance import Levenshtein
from rapidfuzz.fuzz import partial_ratio_alignment

from .approx import approximate_matches

QUOTE_WEIGHT = 50
PREFIX_WEIGHT = 20
SUFFIX_WEIGHT = 20
POSITION_WEIGHT = 0.5
TOTAL_WEIGHT = QUOTE_WEIGHT + PREFIX_WEIGHT + SUFFIX_WEIGHT + POSITION_WEIGHT

MAX_ERROR_RATIO = 0.25
"""An approximate match may differ from the quote by at most this share of its length."""

MIN_GLOBAL_FUZZY_LENGTH = 16
"""Shorter quotes are only matched approximately near the hint, never text-wide."""

HINT_WINDOW = 256
"""Code points searched either side of the hint (at least twice the quote's length)."""


@dataclass(frozen=True)
class Match:
    """A code-point span ``text[start:end]`` and its score in 0..1."""

    start: int
    end: int
    score: float


def similarity(expected: str, actual: str) -> float:
    """1 - normalised Levenshtein distance; two empty strings are identical (1.0)."""
    longest = max(len(expected), len(actual))
    if longest == 0:
        return 1.0
    return 1.0 - Levenshtein.distance(expected, actual) / longest


MISSING_CONTEXT_COST = 0.5
"""What a code point of context costs where the text runs out (an edit costs 1)."""


def prefix_score(text: str, start: int, prefix: str) -> float:
    """How well the text before ``start`` matches ``prefix``, in 0..1.

    ``1 - (edits + 0.5 * missing) / len(prefix)``: where the text begins less than
    ``len(prefix)`` before ``start``, each missing code point costs half an edit (the text's
    start is weak evidence either way).
    """
    if not prefix:
        return 1.0
    window = text[max(0, start - len(prefix)) : start]
    tail = prefix[len(prefix) - len(window) :]
    missing = len(prefix) - len(window)
    edits = Levenshtein.distance(tail, window)
    return 1.0 - (edits + MISSING_CONTEXT_COST * missing) / len(prefix)


def suffix_score(text: str, end: int, suffix: str) -> float:
    """How well the text after ``end`` matches ``suffix`` (see :func:`prefix_score`)."""
    if not suffix:
        return 1.0
    window = text[end : end + len(suffix)]
    missing = len(suffix) - len(window)
    edits = Levenshtein.distance(suffix[: len(window)], window)
    return 1.0 - (edits + MISSING_CONTEXT_COST * missing) / len(suffix)


def score_candidate(
    text: str,
    start: int,
    end: int,
    quote_score: float,
    prefix: str,
    suffix: str,
    hint: int | None,
) -> float:
    """The weighted score of the candidate ``text[start:end]`` (see the module doc)."""
    distance = 0 if hint is None else abs(start - hint)
    position_score = 1.0 - min(1.0, distance / max(1, len(text)))
    return (
        QUOTE_WEIGHT * quote_score
        + PREFIX_WEIGHT * prefix_score(text, start, prefix)
        + SUFFIX_WEIGHT * suffix_score(text, end, suffix)
        + POSITION_WEIGHT * position_score
    ) / TOTAL_WEIGHT


def find_exact(
    text: str, exact: str, prefix: str = "", suffix: str = "", hint: int | None = None
) -> Match | None:
    """The best-scored exact occurrence of ``exact`` (ties go to the earliest)."""
    if not exact:
        raise ValueError("cannot match an empty quote")
    best: Match | None = None
    found = text.find(exact)
    while found != -1:
        end = found + len(exact)
        score = score_candidate(text, found, end, 1.0, prefix, suffix, hint)
        if best is None or score > best.score:
            best = Match(found, end, score)
        found = text.find(exact, found + 1)
    return best


def _best_in(
    text: str,
    lo: int,
    hi: int,
    exact: str,
    prefix: str,
    suffix: str,
    hint: int | None,
    budget: int,
) -> Match | None:
    """The best-scored approximate occurrence of ``exact`` inside ``text[lo:hi]``."""
    best: Match | None = None
    for start, end, edits in approximate_matches(exact, text[lo:hi], budget):
        start, end = lo + start, lo + end
        quote_score = 1.0 - edits / max(len(exact), end - start)
        score = score_candidate(text, start, end, quote_score, prefix, suffix, hint)
        if best is None or score > best.score:
            best = Match(start, end, score)
    return best


def find_fuzzy(
    text: str,
    exact: str,
    prefix: str = "",
    suffix: str = "",
    hint: int | None = None,
    max_error_ratio: float = MAX_ERROR_RATIO,
) -> Match | None:
    """The best approximate occurrence within ``max_error_ratio * len(exact)`` edits.

    Every locally best occurrence in a window around ``hint`` (the whole text when it is
    short and there is no hint) is scored; failing that,
    quotes of at least MIN_GLOBAL_FUZZY_LENGTH code points are looked for in the whole
    text: rapidfuzz finds the stretches most like the quote and most like the quote in its
    context, and the windows around them are searched the same way.
    """
    if not exact:
        raise ValueError("cannot match an empty quote")
    budget = int(len(exact) * max_error_ratio)
    if budget < 1 or not text:
        return None
    pad = max(HINT_WINDOW, 2 * len(exact))
    if hint is not None or len(text) <= 2 * pad + len(exact):
        at = 0 if hint is None else hint
        lo, hi = max(0, at - pad), min(len(text), at + len(exact) + pad)
        found = _best_in(text, lo, hi, exact, prefix, suffix, hint, budget)
        if found is not None or (lo == 0 and hi == len(text)):
            return found
    if len(exact) < MIN_GLOBAL_FUZZY_LENGTH:
        return None
    # Where the quote, and where the quote in its context, look most like the text.
    best: Match | None = None
    for needle in dict.fromkeys((exact, prefix + exact + suffix)):
        if len(text) <= len(needle):
            lo, hi = 0, len(text)
        else:
            near = partial_ratio_alignment(needle, text)
            if near is None:  # only with a score cutoff; kept for the type checker
                continue
            lo = max(0, near.dest_start - len(exact))
            hi = min(len(text), near.dest_end + len(exact))
        found = _best_in(text, lo, hi, exact, prefix, suffix, hint, budget)
        if found is not None and (best is None or found.score > best.score):
            best = found
    return best


def match_quote(
    text: str,
    exact: str,
    prefix: str = "",
    suffix: str = "",
    hint: int | None = None,
    *,
    max_error_ratio: float = MAX_ERROR_RATIO,
) -> Match | None:
    """Where ``exact`` (with its ``prefix``/``suffix`` context) is in ``text``, or None.

    Exact occurrences win, chosen by context then by distance to ``hint`` (a code-point
    offset, usually the old start). Only when there is none is an approximate match tried
    (``text[start:end] != exact`` tells the two apart).
    """
    return find_exact(text, exact, prefix, suffix, hint) or find_fuzzy(
        text, exact, prefix, suffix, hint, max_error_ratio
    )
