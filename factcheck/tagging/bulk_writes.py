"""The tagger's two big writes, made cheap on PostgreSQL: new candidates by COPY and the
batch's "done" by one UPDATE over unnest()ed arrays. Both skip building a model instance
and an SQL expression per row, which cost the worker more CPU than the extractor itself
(bench/pipeline.py). Elsewhere (SQLite, the embedded default) the ORM's bulk calls do it.

Rows are plain tuples; the callers own the transaction and the row locks."""

from __future__ import annotations

import json
from collections.abc import Sequence
from datetime import datetime
from typing import Any

from django.db import connection

from factcheck.articles.models import Article, TaggingStatus

from .models import Candidate, CandidateStatus

# (article_id, kind, start, end, text, data, score, checkable, sentence, tagger_version)
CandidateRow = tuple[int, str, int, int, str, dict[str, Any], float, float, int, str]
_ROW_FIELDS = [
    "article_id",
    "kind",
    "start",
    "end",
    "text",
    "data",
    "score",
    "checkable",
    "sentence",
    "tagger_version",
]
# (article_id, tagger_version, [[start, end, score], ...])
DoneRow = tuple[int, str, list[list[Any]]]

_COPY_FIELDS = [*_ROW_FIELDS, "status", "created_at"]


def _column(model: Any, field: str) -> str:
    return connection.ops.quote_name(model._meta.get_field(field).column)


def _postgresql(fast: bool | None) -> bool:
    return connection.vendor == "postgresql" if fast is None else fast


def insert_candidates(
    rows: Sequence[CandidateRow], now: datetime, fast: bool | None = None
) -> None:
    """Insert new, open candidates. `fast`: COPY (default: on PostgreSQL)."""
    if not rows:
        return
    if not _postgresql(fast):
        Candidate.objects.bulk_create(
            [Candidate(**dict(zip(_ROW_FIELDS, row, strict=True))) for row in rows],
            batch_size=2000,
        )
        return
    table = connection.ops.quote_name(Candidate._meta.db_table)
    columns = ", ".join(_column(Candidate, name) for name in _COPY_FIELDS)
    opened = CandidateStatus.OPEN.value
    # Django's cursor wraps psycopg's; COPY needs the driver's own.
    with (
        connection.cursor() as cursor,
        cursor.cursor.copy(f"COPY {table} ({columns}) FROM STDIN") as copy,
    ):
        for a, k, s, e, t, d, sc, ch, se, v in rows:
            copy.write_row((a, k, s, e, t, json.dumps(d), sc, ch, se, v, opened, now))


def mark_done(rows: Sequence[DoneRow], now: datetime, fast: bool | None = None) -> None:
    """Mark articles tagged, with their tagger version and sentence scores. `fast`: one
    UPDATE over arrays (default: on PostgreSQL)."""
    if not rows:
        return
    if not _postgresql(fast):
        done = [
            Article(
                pk=pk,
                tagging_status=TaggingStatus.DONE,
                tagging_finished_at=now,
                tagging_error="",
                tagger_version=version,
                sentences=sentences,
            )
            for pk, version, sentences in rows
        ]
        fields = ["tagging_status", "tagging_finished_at", "tagging_error", "tagger_version"]
        Article.objects.bulk_update(done, [*fields, "sentences"], batch_size=200)
        return

    def col(name: str) -> str:
        return _column(Article, name)

    table = connection.ops.quote_name(Article._meta.db_table)
    sql = (
        f"UPDATE {table} AS a SET {col('tagging_status')} = %s, "
        f"{col('tagging_finished_at')} = %s, {col('tagging_error')} = '', "
        f"{col('tagger_version')} = v.version, {col('sentences')} = v.sentences::jsonb "
        "FROM unnest(%s::bigint[], %s::text[], %s::text[]) AS v(id, version, sentences) "
        f"WHERE a.{col('id')} = v.id"
    )
    ids = [row[0] for row in rows]
    versions = [row[1] for row in rows]
    sentences = [json.dumps(row[2]) for row in rows]
    with connection.cursor() as cursor:
        cursor.execute(sql, [TaggingStatus.DONE.value, now, ids, versions, sentences])
