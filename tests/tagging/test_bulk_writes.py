"""The tagger's bulk writes: the PostgreSQL fast path (COPY, one UPDATE over arrays) stores
exactly what the ORM path stores, unusual text and JSON included."""

from __future__ import annotations

from typing import Any

import pytest
from django.db import connection
from django.utils import timezone

from factcheck.articles.models import Article
from factcheck.tagging import bulk_writes
from factcheck.tagging.models import Candidate
from tests.conftest import require
from tests.factories import ArticleFactory

pytestmark = pytest.mark.django_db

ODD_TEXT = 'tab\there, "quotes", back\\slash, newline\nend, 𝒳 and é, \u2028'


def rows_for(article_id: int) -> list[bulk_writes.CandidateRow]:
    return [
        (article_id, "number", 0, 3, "3.5", {"value": 3.5, "unit": "percent"}, 0.91, 0.9, 0, "t1"),
        (article_id, "quote", 4, 9, ODD_TEXT, {"speaker": None}, 0.5, 0.25, 1, "t1"),
        (
            article_id,
            "attribution",
            10,
            12,
            "X",
            {"source": ODD_TEXT, "extra": [1]},
            0.0,
            0.8,
            2,
            "t1",
        ),
    ]


STORED_FIELDS = (
    *("kind", "start", "end", "text", "data", "score", "checkable", "sentence", "status"),
    *("tagger_version", "created_at", "claim", "decided_by", "decided_at"),
)


def stored(article_id: int) -> list[tuple[Any, ...]]:
    return list(
        Candidate.objects.filter(article_id=article_id)
        .order_by("start")
        .values_list(*STORED_FIELDS)
    )


def fast_paths() -> list[bool]:
    # The fast path is PostgreSQL's; elsewhere only the ORM path runs.
    return [False, True] if connection.vendor == "postgresql" else [False]


@pytest.mark.parametrize("fast", fast_paths())
def test_inserted_candidates_read_back_as_written(fast: bool) -> None:
    article = ArticleFactory()
    now = timezone.now()
    bulk_writes.insert_candidates(rows_for(article.pk), now, fast=fast)
    rows = stored(article.pk)
    assert [r[:8] for r in rows] == [row[1:9] for row in rows_for(article.pk)]
    assert {(r[8], r[9], r[11], r[12], r[13]) for r in rows} == {("open", "t1", None, None, None)}
    # The ORM path stamps created_at itself (auto_now_add), COPY with `now`.
    assert all(abs((r[10] - now).total_seconds()) < 5 for r in rows)


def test_both_paths_store_the_same_rows() -> None:
    require(connection.vendor == "postgresql", "the fast path is PostgreSQL's")
    now = timezone.now()
    by_orm, by_copy = ArticleFactory(), ArticleFactory()
    bulk_writes.insert_candidates(rows_for(by_orm.pk), now, fast=False)
    bulk_writes.insert_candidates(rows_for(by_copy.pk), now, fast=True)
    assert [r[:10] + r[11:] for r in stored(by_orm.pk)] == [
        r[:10] + r[11:] for r in stored(by_copy.pk)
    ]


@pytest.mark.parametrize("fast", fast_paths())
def test_mark_done_writes_status_version_and_sentences(fast: bool) -> None:
    first, second, untouched = ArticleFactory(), ArticleFactory(), ArticleFactory()
    now = timezone.now()
    sentences = [[0, 10, 0.25], [11, 40, 0.875]]
    bulk_writes.mark_done([(first.pk, "v1", sentences), (second.pk, "v2", [])], now, fast=fast)
    fields = ("tagging_status", "tagging_finished_at", "tagging_error", "tagger_version")
    got = {
        row[0]: row[1:]
        for row in Article.objects.filter(pk__in=[first.pk, second.pk, untouched.pk]).values_list(
            "pk", *fields, "sentences"
        )
    }
    assert got[first.pk] == ("done", now, "", "v1", sentences)
    assert got[second.pk] == ("done", now, "", "v2", [])
    assert got[untouched.pk][0] != "done" and got[untouched.pk][3] == ""
