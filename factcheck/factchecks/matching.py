"""'Checked before?': the fact-checks that best match a text.

Two steps. The database finds candidates: on PostgreSQL the GIN index over the analysed
terms (a tsvector of exactly our terms), scored by the rarity of the query terms each row
holds; on SQLite an FTS5 table with its BM25. Only the rarest query terms are searched,
so a long post full of common words stays cheap against a million rows. On PostgreSQL
the whole search is one statement (one round trip). Then ranking.py
re-ranks the candidates with features the index cannot compute."""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Collection, Sequence
from dataclasses import dataclass
from typing import Any

import psycopg
from django.db import connection, transaction

from . import ranking
from .index import FTS_TABLE
from .models import FactCheck, MatchStats, MatchTerm

CANDIDATES = 30  # rows re-ranked per query
MAX_QUERY_TERMS = 24  # rarest query terms searched
TERM_BUDGET = 1_000  # stop adding terms once they would visit this many rows
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
    if connection.vendor == "postgresql":
        rows, ndoc, nterms, df = _candidates_postgresql(unique, exclude, text)
    else:
        rows, ndoc, nterms, df = _candidates_sqlite(unique, exclude)
    if not rows:
        return [], []
    idfs = {term: ranking.idf(ndoc, n) for term, n in df.items() if n > 0}
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


# One statement, one round trip: the totals, the query terms' frequencies, the rarest terms
# within the budget (as _pick_terms), the rows holding any of them through the GIN index,
# ranked by ts_rank (how many of those rare terms a row holds; the IDF-weighted re-ranking
# comes after), and the best CANDIDATES of those. An IDF sum per row in SQL ranked no
# better and cost twice the time.
_PG_SQL = """
WITH s AS (SELECT ndoc, nterms FROM factchecks_matchstats WHERE id = 1),
d AS (SELECT term, ndoc FROM factchecks_matchterm WHERE term = ANY(%(terms)s::text[]) AND ndoc > 0),
p AS (
  SELECT term, row_number() OVER w AS n, sum(ndoc) OVER w AS visited
  FROM d WINDOW w AS (ORDER BY ndoc, term)
),
q AS (
  SELECT string_agg(quote_literal(term), ' | ')::tsquery AS query
  FROM p WHERE n <= %(most)s AND (n <= 2 OR visited <= %(budget)s)
),
c AS (
  SELECT f.id, ts_rank(f.search_vector, q.query) AS score
  FROM factchecks_factcheck f, q
  WHERE f.search_vector @@ q.query AND f.withdrawn_at IS NULL
    AND NOT (f.id = ANY(%(exclude)s::bigint[]))
  ORDER BY score DESC, f.id LIMIT %(limit)s
)
SELECT {columns}, s.ndoc, s.nterms,
       (SELECT json_object_agg(term, ndoc) FROM d) AS df
FROM c JOIN factchecks_factcheck f ON f.id = c.id, s
ORDER BY c.score DESC, c.id
"""


def _candidates_postgresql(
    terms: Sequence[str], exclude: Collection[int], text: str = ""
) -> tuple[list[dict[str, Any]], int, int, dict[str, int]]:
    sql = _PG_SQL.format(columns=", ".join(f"f.{c}" for c in COLUMNS))
    params = {
        "terms": list(terms),
        "most": MAX_QUERY_TERMS,
        "budget": TERM_BUDGET,
        "exclude": list(exclude),
        "limit": CANDIDATES,
    }
    connection.ensure_connection()
    # psycopg's server-side-binding Cursor (Django's connections make client-side ones):
    # a prepared statement, planned once per connection, not for every match.
    with psycopg.Cursor(connection.connection) as cursor:
        cursor.execute(sql, params, prepare=True)
        fetched = cursor.fetchall()
    if not fetched and text and len(text) <= TYPO_MAX_CHARS:
        fetched = _typo_candidates(text, terms, exclude)
    if not fetched:
        return [], 0, 0, {}
    width = len(COLUMNS)
    ndoc, nterms, df = fetched[0][width:]
    if isinstance(df, str):
        df = json.loads(df)
    rows = [dict(zip(COLUMNS, row[:width], strict=True)) for row in fetched]
    return rows, int(ndoc), int(nterms), {str(k): int(v) for k, v in (df or {}).items()}


# A short query none of whose rare terms is indexed (a typo: "Minecarft") still finds the
# fact-checks whose claim is most like it, by pg_trgm's word similarity over its GIN index.
TYPO_MAX_CHARS = 200
TYPO_THRESHOLD = 0.3
_PG_TYPO_SQL = """
WITH s AS (SELECT ndoc, nterms FROM factchecks_matchstats WHERE id = 1)
SELECT {columns}, s.ndoc, s.nterms,
       (SELECT json_object_agg(term, ndoc) FROM factchecks_matchterm
        WHERE term = ANY(%(terms)s::text[])) AS df
FROM factchecks_factcheck f, s
WHERE %(text)s <%% f.claim_reviewed AND f.withdrawn_at IS NULL
  AND NOT (f.id = ANY(%(exclude)s::bigint[]))
ORDER BY word_similarity(%(text)s, f.claim_reviewed) DESC, f.id
LIMIT %(limit)s
"""


def _typo_candidates(text: str, terms: Sequence[str], exclude: Collection[int]) -> list[Any]:
    sql = _PG_TYPO_SQL.format(columns=", ".join(f"f.{c}" for c in COLUMNS))
    params = {"text": text, "terms": list(terms), "exclude": list(exclude), "limit": CANDIDATES}
    with transaction.atomic(), connection.connection.cursor() as cursor:
        # pg_trgm's default (0.6) wants nearly every trigram; a typo or two breaks that.
        cursor.execute(f"SET LOCAL pg_trgm.word_similarity_threshold = {TYPO_THRESHOLD}")
        cursor.execute(sql, params)
        return cursor.fetchall()


def _candidates_sqlite(
    terms: Sequence[str], exclude: Collection[int]
) -> tuple[list[dict[str, Any]], int, int, dict[str, int]]:
    stats = MatchStats.objects.filter(pk=1).values_list("ndoc", "nterms").first()
    if not stats or stats[0] <= 0:
        return [], 0, 0, {}
    df = dict(MatchTerm.objects.filter(term__in=terms).values_list("term", "ndoc"))
    searched = _pick_terms(df)
    if not searched:
        return [], 0, 0, {}
    table = FactCheck._meta.db_table
    columns = ", ".join(f"f.{c}" for c in COLUMNS)
    params: list[Any] = [" OR ".join('"' + t.replace('"', '""') + '"' for t in searched)]
    not_excluded = ""
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
        rows = [dict(zip(COLUMNS, row, strict=True)) for row in cursor.fetchall()]
    return rows, stats[0], stats[1], df


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
