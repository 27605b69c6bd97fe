"""The tagging services in-process: the idempotent store, decisions surviving re-runs and
new tagger versions, the sweeper's choice of articles, failures and retries."""

from __future__ import annotations

import dataclasses
from datetime import timedelta
from typing import Any

import pytest
from django.conf import settings
from django.db import OperationalError
from django.utils import timezone

from factcheck.articles.models import Article, content_hash
from factcheck.tagging import services
from factcheck.tagging.extract import TAGGER_VERSION, Extraction, extract
from factcheck.tagging.models import Candidate
from factcheck.tagging.pipeline import tag_article_now, tag_articles_now
from tests.factories import ArticleFactory

pytestmark = pytest.mark.django_db


def snapshot(article_id: int) -> list[tuple[Any, ...]]:
    return list(
        Candidate.objects.filter(article_id=article_id)
        .order_by("pk")
        .values_list("pk", "kind", "start", "end", "text", "data", "score", "sentence", "status")
    )


def next_version(text: str) -> Extraction:
    """A 'new tagger version': same spans, new scores, one candidate lost, one added."""
    found = extract(text)
    changed = [dataclasses.replace(c, score=0.42) for c in found.candidates[1:]]
    extra = dataclasses.replace(found.candidates[0], start=0, end=5, text=text[0:5])
    return Extraction([extra, *changed], found.sentences, "9999.test")


def test_tagging_stores_every_candidate_and_the_sentences() -> None:
    article = ArticleFactory()
    found = extract(article.text)
    outcome = tag_article_now(article.pk)
    article.refresh_from_db()
    assert outcome.created == len(found.candidates) > 0
    assert article.tagging_status == "done" and article.tagger_version == TAGGER_VERSION
    assert article.sentences == [[s.start, s.end, s.score] for s in found.sentences]
    for cand in Candidate.objects.filter(article=article):
        assert article.text[cand.start : cand.end] == cand.text
    quote = Candidate.objects.get(article=article, kind="quote")
    assert "speaker" in quote.data
    number = Candidate.objects.get(article=article, text="3.5%")
    assert number.data["value"] == 3.5 and number.data["unit"] == "percent"


def test_a_rerun_leaves_the_same_rows() -> None:
    article = ArticleFactory()
    tag_article_now(article.pk)
    before = snapshot(article.pk)
    outcome = tag_article_now(article.pk)
    assert snapshot(article.pk) == before
    assert (outcome.created, outcome.updated, outcome.deleted) == (0, 0, 0)


def test_decisions_survive_a_new_tagger_version(make_user: Any) -> None:
    user = make_user("reviewer")
    article = ArticleFactory()
    tag_article_now(article.pk)
    first, second, third = Candidate.objects.filter(article=article).order_by("start")[:3]
    accepted = services.accept_candidate(second.pk, user)
    services.dismiss_candidate(third.pk, user)
    # `first` is the one the new version no longer finds; dismiss it too: it must stay.
    services.dismiss_candidate(first.pk, user)

    outcome = tag_article_now(article.pk, extractor=next_version)

    article.refresh_from_db()
    assert article.tagger_version == "9999.test"
    rows = {c.pk: c for c in Candidate.objects.filter(article=article)}
    assert rows[second.pk].status == "accepted" and rows[second.pk].claim_id == accepted.claim_id
    assert rows[second.pk].decided_by_id == user.pk and rows[second.pk].score == 0.42
    assert rows[second.pk].tagger_version == "9999.test"
    assert rows[third.pk].status == "dismissed"
    assert rows[first.pk].status == "dismissed"  # gone from the tagger, kept for the decision
    assert outcome.kept == 1 and outcome.created == 1
    assert Candidate.objects.filter(article=article, start=0, end=5).exists()

    # And back to the current version: same decisions, nothing duplicated.
    tag_article_now(article.pk)
    again = Candidate.objects.filter(article=article)
    assert again.filter(status="accepted").count() == 1
    assert again.filter(status="dismissed").count() == 2
    assert not again.filter(start=0, end=5, status="open").exists()


def test_open_candidates_the_tagger_no_longer_finds_are_removed() -> None:
    article = ArticleFactory()
    tag_article_now(article.pk)
    stale = Candidate.objects.create(
        article=article, kind="number", start=1, end=3, text=article.text[1:3], tagger_version="0"
    )
    tag_article_now(article.pk)
    assert not Candidate.objects.filter(pk=stale.pk).exists()


def test_a_revision_during_extraction_is_tagged_instead() -> None:
    article = ArticleFactory()
    revised = article.text + "\nLater, 12 more people left."
    calls: list[str] = []

    def revising(text: str) -> Extraction:
        calls.append(text)
        if len(calls) == 1:  # another process saves a revision while we extract
            Article.objects.filter(pk=article.pk).update(
                text=revised, content_hash=content_hash(revised)
            )
        return extract(text)

    tag_article_now(article.pk, extractor=revising)
    assert calls == [article.text, revised]
    assert Candidate.objects.filter(article=article, text="12").exists()
    assert Article.objects.get(pk=article.pk).tagging_status == "done"


def test_a_missing_article_is_no_error() -> None:
    assert tag_article_now(987654).found is False


def test_the_task_marks_a_broken_extractor_failed(monkeypatch: pytest.MonkeyPatch) -> None:
    from factcheck.tagging import pipeline, tasks

    def broken(text: str) -> Extraction:
        raise ValueError("bad input")

    monkeypatch.setattr(pipeline, "default_extractor", broken)
    article = ArticleFactory()
    tasks.tag_article.apply(args=[article.pk])
    article.refresh_from_db()
    assert article.tagging_status == "failed"
    assert "ValueError: bad input" in article.tagging_error


def test_the_task_retries_transient_errors_with_backoff(monkeypatch: pytest.MonkeyPatch) -> None:
    from factcheck.tagging import pipeline, tasks

    calls = []

    def flaky(text: str) -> Extraction:
        calls.append(1)
        if len(calls) < 3:
            raise OperationalError("server closed the connection unexpectedly")
        return extract(text)

    monkeypatch.setattr(pipeline, "default_extractor", flaky)
    monkeypatch.setattr(tasks, "backoff", lambda retries: 0)
    article = ArticleFactory()
    tasks.tag_article.apply(args=[article.pk])
    article.refresh_from_db()
    assert len(calls) == 3 and article.tagging_status == "done"


def test_the_task_gives_up_after_bounded_retries(monkeypatch: pytest.MonkeyPatch) -> None:
    from factcheck.tagging import pipeline, tasks

    calls = []

    def down(text: str) -> Extraction:
        calls.append(1)
        raise OperationalError("the database is down")

    monkeypatch.setattr(pipeline, "default_extractor", down)
    monkeypatch.setattr(tasks, "backoff", lambda retries: 0)
    article = ArticleFactory()
    tasks.tag_article.apply(args=[article.pk])
    article.refresh_from_db()
    assert len(calls) == tasks.MAX_RETRIES + 1
    assert article.tagging_status == "failed" and "Gave up" in article.tagging_error


def test_backoff_grows_and_is_capped() -> None:
    from factcheck.tagging.tasks import backoff

    assert backoff(0) < 1.3 < 2 * 0.75 <= backoff(1)
    assert backoff(10) <= 60 * 1.25


def test_the_sweeper_picks_long_queued_and_stuck_running_articles() -> None:
    now = timezone.now()
    fresh = ArticleFactory(tagging_status="queued", tagging_queued_at=now)
    waiting = ArticleFactory(tagging_status="queued", tagging_queued_at=now - timedelta(hours=1))
    stuck = ArticleFactory(
        tagging_status="running",
        tagging_started_at=now - timedelta(seconds=settings.CELERY_TASK_TIME_LIMIT + 5),
    )
    running = ArticleFactory(tagging_status="running", tagging_started_at=now)
    done = ArticleFactory(tagging_status="done", tagging_queued_at=now - timedelta(hours=1))
    picked = services.pending_articles(older_than=60)
    assert waiting.pk in picked and stuck.pk in picked
    assert {fresh.pk, running.pk, done.pk}.isdisjoint(picked)
    assert set(services.pending_articles(older_than=0)) >= {fresh.pk, waiting.pk}


def test_the_sweeper_stops_at_a_refusing_broker(monkeypatch: pytest.MonkeyPatch) -> None:
    old = timezone.now() - timedelta(hours=1)
    articles = [ArticleFactory(tagging_status="queued", tagging_queued_at=old) for _ in range(3)]
    tried: list[int] = []

    def refuse(article_id: int, deadline: float | None = None) -> bool:
        tried.append(article_id)
        return False

    monkeypatch.setattr(services, "enqueue_tagging", refuse)
    assert services.sweep_pending(older_than=60) == 0
    assert len(tried) == 1
    assert (
        Article.objects.filter(pk__in=[a.pk for a in articles], tagging_status="queued").count()
        == 3
    )


def test_request_tagging_marks_the_article_queued_and_enqueues_on_commit(
    django_capture_on_commit_callbacks: Any,
) -> None:
    article = ArticleFactory(tagging_status="done")
    with django_capture_on_commit_callbacks() as callbacks:
        services.request_tagging(article)
    article.refresh_from_db()
    assert article.tagging_status == "queued" and article.tagging_queued_at is not None
    assert len(callbacks) == 1


def test_retag_if_stale_leaves_current_done_articles_alone(
    django_capture_on_commit_callbacks: Any,
) -> None:
    current = ArticleFactory(tagging_status="done", tagger_version=TAGGER_VERSION)
    older = ArticleFactory(tagging_status="done", tagger_version="2000.1")
    failed = ArticleFactory(tagging_status="failed")
    running = ArticleFactory(tagging_status="running")
    with django_capture_on_commit_callbacks() as callbacks:
        assert services.retag_if_stale(current) is False
        assert services.retag_if_stale(running) is False
        assert services.retag_if_stale(older) is True
        assert services.retag_if_stale(failed) is True
    assert len(callbacks) == 2


def test_load_demo_requests_tagging_of_an_unfinished_demo_article(
    django_capture_on_commit_callbacks: Any,
) -> None:
    from factcheck.core.demo_data import load_demo

    with django_capture_on_commit_callbacks(execute=False):
        _, article = load_demo()
    Article.objects.filter(pk=article.pk).update(tagging_status="failed", tagging_error="x")
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        load_demo()
    article.refresh_from_db()
    assert article.tagging_status == "queued" and article.tagging_error == ""
    assert len(callbacks) == 1


def test_a_batch_is_tagged_with_a_fixed_number_of_queries(
    django_assert_max_num_queries: Any,
) -> None:
    for size in (2, 20):
        articles = [ArticleFactory() for _ in range(size)]
        with django_assert_max_num_queries(12):
            outcomes = tag_articles_now([a.pk for a in articles])
        assert [o.article_id for o in outcomes] == [a.pk for a in articles]
        for article in articles:
            article.refresh_from_db()
            assert article.tagging_status == "done"
            assert article.sentences and article.tagger_version == TAGGER_VERSION
            assert Candidate.objects.filter(article=article).count() == len(
                {(c.kind, c.start, c.end) for c in extract(article.text).candidates}
            )
    before = snapshot(articles[0].pk)
    tag_articles_now([a.pk for a in articles])
    assert snapshot(articles[0].pk) == before


def test_one_bad_article_does_not_fail_its_batch(monkeypatch: pytest.MonkeyPatch) -> None:
    from factcheck.tagging import pipeline, tasks

    good, bad = ArticleFactory(), ArticleFactory(text="POISON " + ArticleFactory.build().text)

    def picky(text: str) -> Extraction:
        if text.startswith("POISON"):
            raise ValueError("cannot tag this")
        return extract(text)

    monkeypatch.setattr(pipeline, "default_extractor", picky)
    tasks.tag_articles.apply(args=[[good.pk, bad.pk]])
    good.refresh_from_db()
    bad.refresh_from_db()
    assert good.tagging_status == "done"
    assert bad.tagging_status == "failed" and "cannot tag this" in bad.tagging_error


def test_request_tagging_many_enqueues_batches(
    monkeypatch: pytest.MonkeyPatch, django_capture_on_commit_callbacks: Any
) -> None:
    articles = [ArticleFactory(tagging_status="done") for _ in range(5)]
    sent: list[Any] = []
    monkeypatch.setattr(
        services, "enqueue_tagging", lambda ids, deadline=None: not sent.append(ids)
    )
    monkeypatch.setattr(settings, "FACTCHECK_TAGGING_BATCH", 2)
    with django_capture_on_commit_callbacks(execute=True):
        services.request_tagging_many([a.pk for a in articles])
    assert sent == [[a.pk for a in articles[:2]], [a.pk for a in articles[2:4]], [articles[4].pk]]
    assert Article.objects.filter(tagging_status="queued").count() == 5


def test_batched_tagging_enqueues_committed_articles_in_batches(
    monkeypatch: pytest.MonkeyPatch, django_capture_on_commit_callbacks: Any
) -> None:
    from factcheck.articles.services import ArticleInput, create_article

    sent: list[Any] = []

    def enqueue(ids: Any, deadline: float | None = None) -> bool:
        sent.append(ids)
        return True

    monkeypatch.setattr(services, "enqueue_tagging", enqueue)
    monkeypatch.setattr(settings, "FACTCHECK_TAGGING_BATCH", 2)
    with services.batched_tagging():
        for i in range(3):
            with django_capture_on_commit_callbacks(execute=True):
                create_article(ArticleInput(title="B", text=f"Row {i}: prices rose 3%."), None)
        assert sent == []  # nothing sent before the block ends
    ids = list(Article.objects.order_by("pk").values_list("pk", flat=True))
    assert sent == [ids[:2], ids[2:]]
    with django_capture_on_commit_callbacks(execute=True):  # outside: one task each
        create_article(ArticleInput(title="C", text="Alone: 7 days."), None)
    assert sent[-1] == Article.objects.get(title="C").pk
