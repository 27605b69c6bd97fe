"""Tasks skip articles already done and pick up other queued articles, so a backlog of
one-article tasks is tagged in batches; two workers never pick up the same article."""

from __future__ import annotations

import threading
from datetime import timedelta
from typing import Any

import pytest
from django.db import connection, connections, transaction
from django.utils import timezone

from factcheck.articles.models import Article
from factcheck.tagging import tasks
from factcheck.tagging.models import Candidate
from factcheck.tagging.pipeline import tag_article_now, tag_articles_now
from tests.conftest import require
from tests.factories import ArticleFactory


def queued(n: int) -> list[Article]:
    """n queued articles, the first queued longest ago."""
    start = timezone.now() - timedelta(minutes=10)
    return [
        ArticleFactory(tagging_status="queued", tagging_queued_at=start + timedelta(seconds=i))
        for i in range(n)
    ]


def status(article: Article) -> str:
    article.refresh_from_db()
    return article.tagging_status


@pytest.mark.django_db
def test_a_done_article_is_skipped_by_its_task() -> None:
    article = ArticleFactory()
    tag_article_now(article.pk)
    article.refresh_from_db()
    started, count = article.tagging_started_at, Candidate.objects.filter(article=article).count()
    [outcome] = tag_articles_now([article.pk], skip_done=True)
    assert outcome.skipped and outcome.found and outcome.created == 0
    article.refresh_from_db()
    assert article.tagging_started_at == started  # not marked running again
    assert Candidate.objects.filter(article=article).count() == count


@pytest.mark.django_db
def test_a_running_article_is_not_skipped() -> None:
    """A worker killed mid-task leaves it running; the redelivered task must tag it."""
    article = ArticleFactory(tagging_status="running")
    [outcome] = tag_articles_now([article.pk], skip_done=True)
    assert not outcome.skipped and outcome.created > 0
    assert status(article) == "done"


@pytest.mark.django_db
def test_pick_up_tags_the_oldest_queued_articles_up_to_the_limit() -> None:
    own = ArticleFactory(tagging_status="queued", tagging_queued_at=timezone.now())
    older = queued(5)
    done = ArticleFactory()
    tag_article_now(done.pk)
    running = ArticleFactory(tagging_status="running", tagging_started_at=timezone.now())
    [outcome] = tag_articles_now([own.pk], skip_done=True, pick_up=3)
    assert outcome.created > 0 and status(own) == "done"
    assert [status(a) for a in older] == ["done"] * 3 + ["queued"] * 2
    assert status(running) == "running"  # another worker's
    assert Candidate.objects.filter(article__in=older[:3]).count() > 0
    assert not Candidate.objects.filter(article__in=[*older[3:], running]).exists()


@pytest.mark.django_db
def test_the_one_article_task_picks_up_a_batch_and_the_next_tasks_return_at_once(
    settings: Any,
) -> None:
    backlog = queued(6)
    settings.FACTCHECK_TAGGING_BATCH = 4
    tasks.tag_article.apply(args=[backlog[-1].pk])
    assert [status(a) for a in backlog] == ["done"] * 3 + ["queued"] * 2 + ["done"]
    finished = {a.pk: a.tagging_finished_at for a in Article.objects.filter(tagging_status="done")}
    tasks.tag_article.apply(args=[backlog[0].pk])  # done by the first task: skipped
    assert {
        a.pk: a.tagging_finished_at for a in Article.objects.filter(pk__in=finished)
    } == finished
    assert [status(a) for a in backlog] == ["done"] * 6  # picked up the remaining two


@pytest.mark.django_db(transaction=True)
def test_an_article_another_worker_holds_is_not_picked_up() -> None:
    require(connection.vendor == "postgresql", "SKIP LOCKED needs PostgreSQL")
    held, free = queued(2)
    own = ArticleFactory(tagging_status="queued", tagging_queued_at=timezone.now())
    locked, release = threading.Event(), threading.Event()

    def other_worker() -> None:  # holds the row lock of `held`, as a worker picking it up
        try:
            with transaction.atomic():
                list(Article.objects.select_for_update().filter(pk=held.pk))
                locked.set()
                release.wait(10)
        finally:
            connections.close_all()

    thread = threading.Thread(target=other_worker)
    thread.start()
    try:
        assert locked.wait(10)
        tag_articles_now([own.pk], skip_done=True, pick_up=5)
        assert (status(held), status(free), status(own)) == ("queued", "done", "done")
    finally:
        release.set()
        thread.join(10)
