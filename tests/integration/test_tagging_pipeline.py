"""The pre-tagging pipeline end to end: real Redis, real Celery worker processes, a real
web process. In CI a missing Redis fails these tests; elsewhere they skip."""

from __future__ import annotations

import json
import subprocess
import sys
import time
import urllib.request
from pathlib import Path
from typing import Any

import pytest
from django.utils import timezone
from rest_framework.test import APIClient

from factcheck.articles.models import Article
from factcheck.articles.services import ArticleInput, create_article
from factcheck.tagging.extract import extract
from factcheck.tagging.models import Candidate
from factcheck.tagging.tasks import tag_article

from .conftest import ARTICLE_TEXT, wait_tagged
from .processes import (
    REPO,
    CeleryWorker,
    RedisServer,
    WebServer,
    child_env,
    free_ports,
    wait_until,
)

pytestmark = [pytest.mark.integration, pytest.mark.django_db(transaction=True)]

# A ~550,000-character article takes the worker seconds: long enough to kill it mid-task.
BIG_TEXT = "\n".join(f"{ARTICLE_TEXT} Edition {i}." for i in range(2500))


def rows(article_id: int) -> list[tuple[Any, ...]]:
    return list(
        Candidate.objects.filter(article_id=article_id)
        .order_by("pk")
        .values_list("pk", "kind", "start", "end", "text", "data", "score", "status")
    )


def expected_count(text: str) -> int:
    return len({(c.kind, c.start, c.end) for c in extract(text).candidates})


def post_article(base_url: str, token: str, text: str) -> tuple[int, dict[str, Any], float]:
    request = urllib.request.Request(
        f"{base_url}/api/articles/",
        data=json.dumps({"title": "Broker test", "text": text}).encode(),
        headers={"Content-Type": "application/json", "Authorization": f"Token {token}"},
        method="POST",
    )
    started = time.monotonic()
    with urllib.request.urlopen(request, timeout=30) as response:
        body = json.loads(response.read())
        return response.status, body, time.monotonic() - started


def test_imported_article_gets_candidates(
    tagging_worker: CeleryWorker, reviewer_client: APIClient
) -> None:
    response = reviewer_client.post(
        "/api/articles/", {"title": "T", "text": ARTICLE_TEXT}, format="json"
    )
    assert response.status_code == 201, response.content
    article_id = response.json()["id"]
    wait_tagged(article_id)
    listed = reviewer_client.get(f"/api/articles/{article_id}/candidates/").json()
    assert listed["count"] == expected_count(ARTICLE_TEXT) > 0
    state = reviewer_client.get(f"/api/articles/{article_id}/tagging/").json()
    assert state["status"] == "done"
    assert state["counts"]["total"]["all"] == listed["count"]
    assert state["started_at"] and state["finished_at"] and state["duration"] is not None


def test_same_task_twice_leaves_the_same_rows(tagging_worker: CeleryWorker) -> None:
    article, _ = create_article(ArticleInput(title="Twice", text=ARTICLE_TEXT), None)
    wait_tagged(article.pk)
    first = rows(article.pk)
    assert len(first) == expected_count(ARTICLE_TEXT)
    finished = Article.objects.get(pk=article.pk).tagging_finished_at
    # A re-tag request marks the article queued; then its task arrives twice (a
    # redelivery). Only these two tasks are counted: the queue may hold others' tasks.
    Article.objects.filter(pk=article.pk).update(tagging_status="queued")
    runs = [tag_article.delay(article.pk).id for _ in range(2)]
    wait_until(
        lambda: all(f"tag_article[{run}] succeeded" in tagging_worker.log() for run in runs),
        30,
        "both runs",
    )
    assert rows(article.pk) == first
    again = Article.objects.get(pk=article.pk)
    assert again.tagging_status == "done" and again.tagging_finished_at > finished  # re-tagged


@pytest.mark.parametrize("kill", ["pool-child", "whole-worker"])
def test_worker_killed_mid_task_tags_the_article_once(
    kill: str, redis_url: str, tmp_path: Path
) -> None:
    # A short visibility timeout so Redis hands a dead worker's message to the next one
    # soon; it must still outlast the task (a few seconds here).
    worker = CeleryWorker(
        tmp_path / "worker.log",
        FACTCHECK_BROKER_VISIBILITY_TIMEOUT="20",
        FACTCHECK_BROKER_RESTORE_INTERVAL="1",
    )
    worker.start()
    try:
        article = Article.objects.create(
            title="Big", text=BIG_TEXT, tagging_queued_at=timezone.now()
        )
        tag_article.delay(article.pk)
        wait_until(
            lambda: Article.objects.get(pk=article.pk).tagging_status == "running",
            30,
            "the task to start",
            every=0.02,
        )
        time.sleep(0.3)  # inside extract() or the writes after it (seconds in all)
        if kill == "pool-child":
            worker.kill_pool_child()
        else:
            worker.kill()
            assert Article.objects.get(pk=article.pk).tagging_status == "running"
            worker.start()  # a fresh worker; Redis redelivers after the visibility timeout
        tagged = wait_tagged(article.pk, timeout=180)
        log = worker.log()
    finally:
        worker.stop()
    if kill == "pool-child":  # the kill really hit the running task
        assert "WorkerLostError" in log or "SIGKILL" in log, log[-2000:]
    assert tagged.tagging_error == ""
    count = Candidate.objects.filter(article_id=article.pk).count()
    assert count == expected_count(BIG_TEXT)
    assert len(tagged.sentences) == len(extract(BIG_TEXT).sentences)


def test_broker_refused_during_import(
    redis_server_binary: None, reviewer_token: str, tmp_path: Path
) -> None:
    """The web process's REDIS_URL points at a closed port: the import answers fast, the
    article stays queued; once a broker answers there, beat's sweeper gets it tagged."""
    web_port, redis_port = free_ports(2)
    web = WebServer(tmp_path / "web.log", web_port, f"redis://127.0.0.1:{redis_port}/0")
    redis = RedisServer(tmp_path / "redis.log", redis_port)
    worker = CeleryWorker(
        tmp_path / "worker.log",
        beat=True,
        redis_url=redis.url,
        FACTCHECK_TAGGING_SWEEP_EVERY="1",
        FACTCHECK_TAGGING_SWEEP_AFTER="1",
    )
    web.start()
    try:
        status, body, took = post_article(web.url, reviewer_token, ARTICLE_TEXT)
        assert status == 201 and took < 3, (status, took)
        assert Article.objects.get(pk=body["id"]).tagging_status == "queued"
        time.sleep(1)
        assert Article.objects.get(pk=body["id"]).tagging_status == "queued"
        redis.start()
        worker.start()
        wait_tagged(body["id"], timeout=60)
        assert "sweep_jobs" in worker.log()
    finally:
        worker.stop()
        redis.stop()
        web.stop()
    assert Candidate.objects.filter(article_id=body["id"]).count() == expected_count(ARTICLE_TEXT)


def test_broker_frozen_during_import(
    redis_server_binary: None, reviewer_token: str, tmp_path: Path
) -> None:
    """Redis stopped with SIGSTOP (accepts connections, never answers): the import still
    answers within 3 s; after SIGCONT, `pretag --pending` (the sweeper by hand) gets the
    article tagged."""
    web_port, redis_port = free_ports(2)
    redis = RedisServer(tmp_path / "redis.log", redis_port)
    redis.start()
    web = WebServer(tmp_path / "web.log", web_port, redis.url)
    worker = CeleryWorker(tmp_path / "worker.log", redis_url=redis.url)
    try:
        worker.start()
        web.start()
        redis.freeze()
        status, body, took = post_article(web.url, reviewer_token, ARTICLE_TEXT)
        assert status == 201 and took < 3, (status, took)
        time.sleep(6)  # the web process's publish gives up (socket timeouts)
        assert Article.objects.get(pk=body["id"]).tagging_status == "queued"
        redis.thaw()
        swept = subprocess.run(
            [sys.executable, "manage.py", "pretag", "--pending"],
            cwd=REPO,
            env=child_env(redis.url),
            capture_output=True,
            text=True,
            timeout=60,
        )
        assert swept.returncode == 0, swept.stderr
        wait_tagged(body["id"], timeout=60)
    finally:
        worker.stop()
        web.stop()
        redis.stop()
    assert Candidate.objects.filter(article_id=body["id"]).count() == expected_count(ARTICLE_TEXT)
