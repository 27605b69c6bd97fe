"""'Checked before?': the fact-checks that best match a text.

Two steps. The database finds candidates: on PostgreSQL the GIN index over the analysed
terms (a tsvector of exactly our terms), scored by the rarity of the query terms each row
holds; on SQLite an FTS5 table with its BM25. Only the rarest query terms are searched,
so a long post full of common words stays cheap against a million rows. Then ranking.py
re-ranks the candidates with features the index cannot compute."""

from __future__ import annotations

import datetime as dt
from collections.abc import Collection, Sequence
from dataclasses import dataclass
from typing import Any

from django.db import connection

from . import ranking
from .index import FTS_TABLE
from .models import FactCheck, MatchStats, MatchTerm

CANDIDATES = 50  # rows re-ranked per query
MAX_QUERY_TERMS = 24  # rarest query terms searched
TERM_BUDGET = 60_000  # stop adding terms once they would visit this many rows
DEFAULT_TOP = 5


@dataclass
class Match:
    factcheck_id: int
    score: float
    url: str
    claim_reviewed: str
    rating: str
    publisher: str
    date: dt.date | None
    origin: str
    claimant: str
    slug: str | None

    def as_json(self) -> dict[str, Any]:
        return {
            "id": self.factcheck_id,
            "url": self.url,
            "claim_reviewed": self.claim_reviewed,
            "rating": self.rating,
            "publisher": self.publisher,
            "date": self.date.isoformat() if self.date else None,
            "origin": self.origin,
            "claimant": self.claimant,
            "score": round(self.score, 4),
        }


COLUMNS = (
    "id",
    "search_text",
    "match_entities",
    "match_numbers",
    "claim_reviewed",
    "claimant",
    "url",
    "rating_name",
    "publisher",
    "date_published",
    "origin",
    "slug",
)


def match(
    text: str,
    top: int = DEFAULT_TOP,
    claimant: str = "",
    year: int | None = None,
    exclude: Collection[int] = (),
) -> list[Match]:
    """The `top` fact-checks that best match `text`, best first, each with a score in
    0..1 (the estimated probability that it checked this claim)."""
    rows, features = candidate_features(text, claimant, year, exclude)
    scored = ranking.scores(features)
    order = sorted(range(len(rows)), key=lambda i: (-scored[i], rows[i]["id"]))[:top]
    return [_match(rows[i], scored[i]) for i in order]


def candidate_features(
    text: str, claimant: str = "", year: int | None = None, exclude: Collection[int] = ()
) -> tuple[list[dict[str, Any]], list[list[float]]]:
    """The candidate rows for `text` and their re-ranking features (also what the weights
    are fitted on)."""
    query = ranking.Query.of(text, claimant=claimant, year=year)
    unique = sorted(set(query.analysed.terms))
    if not unique:
        return [], []
    stats = MatchStats.objects.filter(pk=1).values_list("ndoc", "nterms").first()
    if not stats or stats[0] <= 0:
        return [], []
    ndoc, nterms = stats
    df = dict(MatchTerm.objects.filter(term__in=unique).values_list("term", "ndoc"))
    idfs = {term: ranking.idf(ndoc, n) for term, n in df.items() if n > 0}
    searched = _pick_terms(df)
    if not searched:
        return [], []
    rows = _candidates(searched, idfs, exclude)
    candidates = [
        ranking.Candidate(
            id=row["id"],
            terms=row["search_text"].split(),
            entities=set(row["match_entities"].split()),
            numbers=set(row["match_numbers"].split()),
            claim_reviewed=row["claim_reviewed"],
            claimant=row["claimant"],
        )
        for row in rows
    ]
    return rows, ranking.features(query, candidates, idfs, nterms / ndoc)


def _pick_terms(df: dict[str, int]) -> list[str]:
    """The rarest query terms, as many as fit the budget of rows to visit (at least two)."""
    picked: list[str] = []
    visited = 0
    for term, n in sorted(df.items(), key=lambda item: (item[1], item[0])):
        if n <= 0:
            continue
        if len(picked) >= MAX_QUERY_TERMS or (len(picked) >= 2 and visited + n > TERM_BUDGET):
            break
        picked.append(term)
        visited += n
    return picked


def _tsquery_lexeme(term: str) -> str:
    return "'" + term.replace("\\", "\\\\").replace("'", "''") + "'"


def _candidates(
    terms: Sequence[str], idfs: dict[str, float], exclude: Collection[int]
) -> list[dict[str, Any]]:
    table = FactCheck._meta.db_table
    columns = ", ".join(f"f.{c}" for c in COLUMNS)
    not_excluded = ""
    params: list[Any] = []
    if connection.vendor == "postgresql":
        score = " + ".join(["(search_vector @@ %s::tsquery)::int * %s"] * len(terms))
        for term in terms:
            params += [_tsquery_lexeme(term), idfs.get(term, 0.0)]
        params.append(" | ".join(_tsquery_lexeme(t) for t in terms))
        if exclude:
            not_excluded = "AND NOT (id = ANY(%s))"
            params.append(list(exclude))
        params.append(CANDIDATES)
        sql = (
            f"WITH c AS (SELECT id, {score} AS score FROM {table} "
            f"WHERE search_vector @@ %s::tsquery AND withdrawn_at IS NULL {not_excluded} "
            f"ORDER BY score DESC, id LIMIT %s) "
            f"SELECT {columns} FROM c JOIN {table} f ON f.id = c.id ORDER BY c.score DESC, c.id"
        )
    else:
        params.append(" OR ".join('"' + t.replace('"', '""') + '"' for t in terms))
        if exclude:
            not_excluded = f"AND f.id NOT IN ({', '.join(['%s'] * len(exclude))})"
            params += list(exclude)
        params.append(CANDIDATES)
        sql = (
            f"SELECT {columns} FROM {FTS_TABLE} JOIN {table} f ON f.id = {FTS_TABLE}.rowid "
            f"WHERE {FTS_TABLE} MATCH %s AND f.withdrawn_at IS NULL {not_excluded} "
            f"ORDER BY bm25({FTS_TABLE}), f.id LIMIT %s"
        )
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        return [dict(zip(COLUMNS, row, strict=True)) for row in cursor.fetchall()]


def _match(row: dict[str, Any], score: float) -> Match:
    date = row["date_published"]
    if isinstance(date, str):  # SQLite through a raw cursor
        date = dt.date.fromisoformat(date) if date else None
    return Match(
        factcheck_id=row["id"],
        score=score,
        url=row["url"],
        claim_reviewed=row["claim_reviewed"],
        rating=row["rating_name"],
        publisher=row["publisher"],
        date=date,
        origin=row["origin"],
        claimant=row["claimant"],
        slug=row["slug"],
    )
