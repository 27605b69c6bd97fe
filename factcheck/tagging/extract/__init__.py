"""The pure pre-tagging extractor: numbers, quotes, attributions, sentence scores.

No Django here: ``extract(text)`` is a pure function over a string, versioned
by :data:`TAGGER_VERSION`.  Offsets are code points (Python ``str`` indices)
and every candidate's ``text == text[start:end]``.  Callers normalise ``\\r\\n``
to ``\\n`` first; any ``str`` is accepted.  Rules: docs/tagger.md.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from operator import attrgetter
from typing import Any, Final

from .attributions import find_attributions
from .names import NameIndex
from .numbers import find_numbers
from .quotes import assign_speakers, find_quote_spans
from .scan import scan
from .sentences import split_sentences

__all__ = [
    "CHECKABLE_THRESHOLD", "TAGGER_VERSION", "Candidate", "Extraction", "Sentence", "extract",
    "to_json",
]  # fmt: skip

TAGGER_VERSION: Final = "2026.12.1"
# Candidates whose ``checkable`` is below this are noise by default (bare months,
# ordinals, small counts, relative dates, scare quotes): shown on demand, never dropped.
CHECKABLE_THRESHOLD: Final = 0.5


@dataclass(frozen=True)
class Candidate:
    """One pre-tagged span.  ``value``/``unit``/``qualifier`` are set for numbers,
    ``speaker`` for quotes, ``source`` for attributions; ``score`` is the candidate's
    confidence (scare quotes lower), ``sentence`` an index into the sentences;
    ``checkable`` how likely a fact-checker checks it (0..1; below
    :data:`CHECKABLE_THRESHOLD`: hidden by default)."""

    kind: str  # "number" | "quote" | "attribution"
    start: int
    end: int
    text: str
    value: float | None = None
    unit: str | None = None
    qualifier: str | None = None
    speaker: str | None = None
    source: str | None = None
    score: float = 1.0
    sentence: int = 0
    extra: dict[str, Any] = field(default_factory=dict)
    checkable: float = 1.0


@dataclass(frozen=True)
class Sentence:
    """A sentence span and its check-worthiness (0..1; 0.5 and above: worth checking)."""

    start: int
    end: int
    score: float


@dataclass(frozen=True)
class Extraction:
    """Everything ``extract`` found: candidates in text order, sentences in order."""

    candidates: list[Candidate]
    sentences: list[Sentence]
    tagger_version: str = TAGGER_VERSION


_CLAIMY: Final = re.compile(
    r"\d|\b(?:percent|million|billion|according|said|says|reported|more|less|than|most|"
    r"increase|decrease|rose|fell|record|highest|lowest|first|largest)\b",
    re.I,
)


def _heuristic_scores(sentences: list[str]) -> list[float]:
    """Fallback check-worthiness when the trained scorer is unavailable."""
    out = []
    for s in sentences:
        hits = len(_CLAIMY.findall(s))
        words = s.count(" ") + 1
        out.append(min(1.0, 0.15 + 0.2 * hits) if words >= 5 else 0.1)
    return out


def _scorer() -> Callable[[list[str]], list[float]]:
    try:
        from .checkworthiness import score_sentences
    except Exception:  # the model module or its weights are missing
        return _heuristic_scores
    return score_sentences


_new = object.__new__
_set = object.__setattr__


def _candidate(
    kind: str, start: int, end: int, text: str, value: float | None, unit: str | None,
    qualifier: str | None, speaker: str | None, source: str | None, score: float,
    sentence: int, extra: dict[str, Any], checkable: float = 1.0,
) -> Candidate:  # fmt: skip
    """``Candidate(...)`` with every field given, without the frozen dataclass's
    per-field ``__init__`` (a quarter of the cost; thousands per article)."""
    c: Candidate = _new(Candidate)
    _set(c, "__dict__", {
        "kind": kind, "start": start, "end": end, "text": text, "value": value, "unit": unit,
        "qualifier": qualifier, "speaker": speaker, "source": source, "score": score,
        "sentence": sentence, "extra": extra, "checkable": checkable,
    })  # fmt: skip
    return c


def _sentence(start: int, end: int, score: float) -> Sentence:
    """``Sentence(start, end, score)`` the same way as :func:`_candidate`."""
    c: Sentence = _new(Sentence)
    _set(c, "__dict__", {"start": start, "end": end, "score": score})
    return c


def _clamp(score: float) -> float:
    return min(1.0, max(0.0, float(score)))


_CANDIDATE_ORDER: Final = attrgetter("start", "end", "kind")
# checkable by number kind; the kinds not listed score 0.9.  Ordinals, relative dates,
# times and bare months are what a fact-checker never checks on their own.
_CHECKABLE_KIND: Final = {
    "ordinal": 0.25, "time": 0.3, "date": 0.55, "year": 0.55, "score": 0.6, "duration": 0.7,
    "age": 0.75, "count": 0.85,
}  # fmt: skip
# A small count before one of these nouns states a fact ("two people were killed").
_COUNTED: Final = re.compile(
    r"[ -](?:[a-z]+[ -]|)(?:people|persons|deaths|dead|killed|died|injured|wounded|victims"
    r"|children|women|men|cases|patients|soldiers|officers|civilians|times|arrests"
    r"|arrested|students|workers|homes|houses|buildings|countries|states)\b"
)


def _number_checkable(text: str, h: Any) -> float:
    kind = h.kind
    base = _CHECKABLE_KIND.get(kind, 0.9)
    extra = h.extra
    if kind == "date":
        if extra.get("relative") or not any(map(str.isdigit, text[h.start : h.end])):
            return 0.2  # "this year", "in April": bare months and relative dates
        return base
    if kind == "ordinal":
        return 0.7 if h.end - h.start > 8 and "-" in text[h.start : h.end] else base
    if kind == "count" and not extra.get("vague") and h.value is not None and h.value <= 10:
        if h.qualifier is not None or _COUNTED.match(text, h.end) is not None:
            return 0.6
        return 0.3  # "the two leaders", "3 times"
    return base


def _quote_checkable(short: bool, speaker: str | None, scare: bool) -> float:
    if scare:
        return 0.25
    if short:
        return 0.55  # a short quote with a speaker is still someone's words
    return 0.9 if speaker else 0.75


_NUMBER_SCORES: Final = {"date": 0.6, "time": 0.5, "ordinal": 0.5, "year": 0.6, "score": 0.5}


def _inside(start: int, end: int, spans: list[tuple[int, int]]) -> bool:
    i = bisect.bisect_right(spans, (start, 1 << 62)) - 1
    return i >= 0 and spans[i][0] <= start and end <= spans[i][1]


def _speakers_from_attributions(
    quotes: list[Any], attributions: list[Any], sentence_index: Callable[[int], int]
) -> None:
    """A quote still without speaker takes the attribution of its sentence."""
    by_sentence: dict[int, list[Any]] = {}
    for a in attributions:
        by_sentence.setdefault(sentence_index(a.start), []).append(a)
    for q in quotes:
        if q.speaker is None:
            cands = by_sentence.get(sentence_index(q.outer[0]))
            if cands:
                k = bisect.bisect_left(cands, q.start, key=lambda a: a.start)
                q.speaker = (cands[k - 1] if k > 0 else cands[0]).source


def extract(text: str) -> Extraction:
    """Run every stage over ``text`` and return candidates and scored sentences."""
    spans = split_sentences(text)
    starts = [s for s, _e in spans]

    def sentence_index(pos: int) -> int:
        return max(0, bisect.bisect_right(starts, pos) - 1)

    def sentence_of(pos: int) -> tuple[int, int]:
        if not spans:
            return (0, len(text))
        return spans[sentence_index(pos)]

    triggers = scan(text)
    cands: list[Candidate] = []
    for h in find_numbers(text, triggers):
        cands.append(
            _candidate(
                "number", h.start, h.end, text[h.start : h.end], h.value, h.unit, h.qualifier,
                None, None, _NUMBER_SCORES.get(h.kind, 0.9), sentence_index(h.start), h.extra,
                _number_checkable(text, h),
            )
        )  # fmt: skip
    quotes = find_quote_spans(text)
    outers = [q.outer for q in quotes]
    names = NameIndex(text, outers)
    assign_speakers(text, quotes, names, sentence_of, triggers.verb)
    attributions = [
        a
        for a in find_attributions(text, names, spans, triggers)
        if not _inside(a.start, a.end, outers)
    ]
    _speakers_from_attributions(quotes, attributions, sentence_index)
    for q in quotes:
        short = len(text[q.start : q.end].split()) <= 2
        score = (0.5 if q.speaker else 0.3) if short else (0.95 if q.speaker else 0.7)
        if not q.closed or q.extra.get("unclosed"):
            score = min(score, 0.5)
        scare = short and not q.speaker
        extra = dict(q.extra, group=q.group, scare=scare)
        cands.append(
            _candidate(
                "quote", q.start, q.end, text[q.start : q.end], None, None, None, q.speaker,
                None, score, sentence_index(q.start), extra,
                _quote_checkable(short, q.speaker, scare),
            )
        )  # fmt: skip
    for a in attributions:
        cands.append(
            _candidate(
                "attribution", a.start, a.end, text[a.start : a.end], None, None, None, None,
                a.source, 0.8, sentence_index(a.start),
                {"sources": list(a.sources)} if a.sources else {}, 0.8 if a.source else 0.6,
            )
        )  # fmt: skip
    cands.sort(key=_CANDIDATE_ORDER)
    scores = _scorer()([text[s:e] for s, e in spans]) if spans else []
    sentences = [
        _sentence(s, e, sc if type(sc) is float and 0.0 <= sc <= 1.0 else _clamp(sc))
        for (s, e), sc in zip(spans, scores, strict=True)
    ]
    return Extraction(cands, sentences, TAGGER_VERSION)


def to_json(extraction: Extraction) -> dict[str, Any]:
    """The DESIGN.md pre-tagging JSON: ``{"candidates": [...], "sentences": [...]}``."""
    out = []
    for c in extraction.candidates:
        d: dict[str, Any] = {"kind": c.kind, "start": c.start, "end": c.end, "text": c.text}
        if c.kind == "number":
            d["value"] = c.value
            if c.unit is not None:
                d["unit"] = c.unit
            extra = c.extra
            if "date" in extra:  # ISO 8601, partial forms as docs/tagger.md says; null if relative
                d["date"] = extra["date"]
            if "time" in extra:
                d["time"] = extra["time"]
            if extra.get("vague"):
                d["vague"] = True
        elif c.kind == "quote":
            d["speaker"] = c.speaker
        else:
            d["source"] = c.source
            if c.extra.get("sources"):  # "X's ministry and Y's embassy confirmed"
                d["sources"] = c.extra["sources"]
        d["checkable"] = c.checkable
        out.append(d)
    sents = [{"start": s.start, "end": s.end, "score": s.score} for s in extraction.sentences]
    return {"candidates": out, "sentences": sents}
