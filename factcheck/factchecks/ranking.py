"""Re-ranking the candidates the full-text index found (pure Python, no Django).

Each candidate gets a few features — BM25 over the analysed terms, how much of the
fact-check's (rarity-weighted) claim the query covers, shared word pairs, numbers,
entities, the claimant, the year, a fuzzy string similarity — and the score is a logistic
model over them: the probability that the query was checked in that fact-check. The
weights were fitted on the CLEF 2020 claim-retrieval *train* tweets
(`bench/matching.py --train` prints them); dev tweets only measure."""

from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field
from itertools import pairwise

from rapidfuzz import fuzz

from .text import Analysed, analyse, stem

K1, B = 1.2, 0.75
_YEAR = re.compile(r"\b(?:19[5-9]\d|20[0-4]\d)\b")

FEATURES = (
    "bm25_vs_best",
    "bm25_per_query_idf",
    "claim_covered",
    "query_covered",
    "shared_pairs",
    "numbers_shared",
    "numbers_missing",
    "entities_shared",
    "claimant",
    "same_year",
    "fuzzy",
)
# Fitted on train (see the module docstring); INTERCEPT makes the score a probability.
WEIGHTS = (8.905, 2.811, 0.0, 2.204, 0.75, 0.371, -0.204, 0.739, 0.0, 1.811, 2.015)
INTERCEPT = -12.19


@dataclass
class Query:
    text: str
    analysed: Analysed
    cleaned: str
    years: set[str]
    claimant: set[str] = field(default_factory=set)

    @classmethod
    def of(cls, text: str, claimant: str = "", year: int | None = None) -> Query:
        analysed = analyse(text)
        years = set(_YEAR.findall(text))
        if year:
            years.add(str(year))
        names = {stem(w.lower()) for w in re.findall(r"[^\W\d_]{2,}", claimant)}
        return cls(text, analysed, analysed.cleaned.lower(), years, names)


@dataclass
class Candidate:
    id: int
    terms: list[str]
    entities: set[str]
    numbers: set[str]
    claim_reviewed: str
    claimant: str = ""


def idf(ndoc: int, df: int) -> float:
    return math.log(1 + (ndoc - df + 0.5) / (df + 0.5))


def _pairs(terms: Sequence[str]) -> set[tuple[str, str]]:
    return set(pairwise(terms))


def features(
    query: Query, candidates: Sequence[Candidate], idfs: dict[str, float], avgdl: float
) -> list[list[float]]:
    q_terms = query.analysed.terms
    q_set = set(q_terms)
    q_mass = sum(idfs.get(t, 0.0) for t in q_set) or 1.0
    q_pairs = _pairs(q_terms)
    q_tf = Counter(q_terms)
    rows: list[list[float]] = []
    bm25s = []
    for doc in candidates:
        tf = Counter(doc.terms)
        norm = K1 * (1 - B + B * len(doc.terms) / (avgdl or 1.0))
        bm25 = 0.0
        for term in q_tf:
            n = tf.get(term)
            if n:
                bm25 += idfs.get(term, 0.0) * n * (K1 + 1) / (n + norm)
        bm25s.append(bm25)
        d_set = set(doc.terms)
        d_mass = sum(idfs.get(t, 0.0) for t in d_set) or 1.0
        shared = sum(idfs.get(t, 0.0) for t in d_set & q_set)
        pairs = len(q_pairs & _pairs(doc.terms))
        numbers = doc.numbers & query.analysed.numbers
        entities = doc.entities & query.analysed.entities
        claimant = float(bool(query.claimant and query.claimant & (doc.entities | set(doc.terms))))
        doc_years = set(_YEAR.findall(doc.claim_reviewed))
        rows.append(
            [
                0.0,  # bm25_vs_best: filled in below
                bm25 / q_mass,
                shared / d_mass,
                shared / q_mass,
                min(pairs, 5) / 5,
                len(numbers) / len(doc.numbers) if doc.numbers else 0.0,
                float(bool(doc.numbers) and not numbers),
                len(entities) / len(doc.entities) if doc.entities else 0.0,
                claimant,
                float(bool(doc_years & query.years)),
                fuzz.token_set_ratio(doc.claim_reviewed.lower(), query.cleaned) / 100,
            ]
        )
    best = max(bm25s, default=0.0) or 1.0
    for row, bm25 in zip(rows, bm25s, strict=True):
        row[0] = bm25 / best
    return rows


def scores(rows: Sequence[Sequence[float]], weights: Sequence[float] = WEIGHTS) -> list[float]:
    out = []
    for row in rows:
        z = INTERCEPT + sum(w * x for w, x in zip(weights, row, strict=True))
        out.append(1 / (1 + math.exp(-max(-50.0, min(50.0, z)))))
    return out
