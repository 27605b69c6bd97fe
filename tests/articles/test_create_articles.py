"""create_articles: a bulk import's chunk saved with a fixed number of queries, with the
same results create_article gives one at a time (duplicates, revisions, tagging)."""

from __future__ import annotations

from typing import Any

import pytest

from factcheck.articles.models import Article, ArticleRevision, ImportJob
from factcheck.articles.selectors import tagging_counts
from factcheck.articles.services import ArticleInput, create_article, create_articles
from factcheck.tagging.pipeline import tag_articles_now

pytestmark = pytest.mark.django_db


def inputs(n: int, prefix: str = "Text") -> list[ArticleInput]:
    return [ArticleInput(title=f"T{i}", text=f"{prefix} number {i}.\r\n") for i in range(n)]


def test_a_chunk_is_saved_in_a_fixed_number_of_queries(
    django_assert_max_num_queries: Any, django_capture_on_commit_callbacks: Any, make_user: Any
) -> None:
    user = make_user("editor")
    job = ImportJob.objects.create(filename="x.csv", total=60)
    for size in (5, 60):
        with (
            django_capture_on_commit_callbacks(execute=False) as callbacks,
            django_assert_max_num_queries(8),
        ):
            saved = create_articles(inputs(size, f"Size {size}"), user, job)
        assert [created for _, created in saved] == [True] * size
        assert len(callbacks) == 1  # one on-commit hook enqueues the batches
    article = Article.objects.get(title="T3", text="Size 60 number 3.")  # normalised
    assert (article.import_job, article.created_by, article.tagging_status) == (job, user, "queued")
    assert article.tagging_queued_at is not None
    revision = ArticleRevision.objects.get(article=article)
    assert (revision.number, revision.text, revision.content_hash) == (
        1,
        article.text,
        article.content_hash,
    )
    assert Article.objects.count() == 65 == ArticleRevision.objects.count()


def test_duplicates_of_saved_articles_and_of_earlier_rows() -> None:
    saved, _ = create_article(ArticleInput(title="Old", text="Already here."), None)
    by_url, _ = create_article(
        ArticleInput(title="U", text="Other text.", url="https://example.org/a"), None
    )
    items = [
        ArticleInput(title="Again", text="Already here.\n"),  # the saved text
        ArticleInput(title="New", text="Brand new."),
        ArticleInput(title="New twice", text="Brand new."),  # an earlier row's text
        ArticleInput(title="URL", text="Different.", url="https://example.org/a"),
        ArticleInput(title="B", text="B text.", url="https://example.org/b"),
        ArticleInput(title="B again", text="B changed.", url="https://example.org/b"),
    ]
    results = create_articles(items, None)
    new = Article.objects.get(title="New")
    b = Article.objects.get(title="B")
    assert [(a.pk, created) for a, created in results] == [
        (saved.pk, False),
        (new.pk, True),
        (new.pk, False),
        (by_url.pk, False),
        (b.pk, True),
        (b.pk, False),
    ]
    assert Article.objects.count() == 4


def test_the_same_results_as_one_at_a_time() -> None:
    items = [*inputs(3), inputs(1)[0]]
    bulk = [(a.title, a.text, a.content_hash, c) for a, c in create_articles(items, None)]
    Article.objects.all().delete()
    single = [
        (a.title, a.text, a.content_hash, c) for a, c in map(create_article, items, [None] * 4)
    ]
    assert bulk == single


def test_a_job_reports_how_many_of_its_articles_are_tagged() -> None:
    job = ImportJob.objects.create(filename="x.csv", total=3)
    saved = create_articles(inputs(3), None, job)
    create_articles(inputs(2, "Other"), None)  # not the job's
    assert tagging_counts(ImportJob.objects.get(pk=job.pk)) == {"tagged": 0, "tagging_failed": 0}
    tag_articles_now([saved[0][0].pk, saved[1][0].pk])
    Article.objects.filter(pk=saved[2][0].pk).update(tagging_status="failed")
    assert tagging_counts(ImportJob.objects.get(pk=job.pk)) == {"tagged": 2, "tagging_failed": 1}
