"""Celery wrappers for tagging. The logic lives in pipeline/services; tasks take IDs.

acks_late + reject_on_worker_lost: a worker killed mid-task (SIGKILL of the pool child or
of the whole worker) leaves the message unacknowledged, so the broker redelivers it and
the (idempotent) task runs again."""

from __future__ import annotations

import logging
import random
from typing import Any

from celery import shared_task
from celery.exceptions import SoftTimeLimitExceeded
from django.db import InterfaceError, OperationalError

log = logging.getLogger(__name__)

# Errors worth another try: the database restarting, a dropped connection, a lock timeout.
TRANSIENT = (OperationalError, InterfaceError)
MAX_RETRIES = 5


def backoff(retries: int) -> float:
    """Exponential backoff with jitter: ~1, 2, 4, 8, 16 s (capped at 60)."""
    return min(60.0, 2.0**retries) * random.uniform(0.75, 1.25)


@shared_task(bind=True, acks_late=True, reject_on_worker_lost=True, max_retries=MAX_RETRIES)
def tag_article(self: Any, article_id: int) -> None:
    """One article, and whatever else is queued up to a batch: under a backlog of imports
    the worker writes batches (a fixed number of queries each), and the picked-up
    articles' own tasks find them done and return at once."""
    from django.conf import settings

    _tag(self, [article_id], pick_up=settings.FACTCHECK_TAGGING_BATCH - 1)


@shared_task(bind=True, acks_late=True, reject_on_worker_lost=True, max_retries=MAX_RETRIES)
def tag_articles(self: Any, article_ids: list[int]) -> None:
    """A batch (bulk imports, the sweeper): a fixed number of queries for the batch."""
    _tag(self, article_ids)


def _tag(task: Any, article_ids: list[int], pick_up: int = 0) -> None:
    """Articles already done are skipped: every request to re-tag marks them queued first,
    so a done article's task is a duplicate (a redelivery, or one a batch answered)."""
    from .pipeline import tag_articles_now
    from .services import mark_failed

    _drop_broken_connections()
    try:
        tag_articles_now(article_ids, skip_done=True, pick_up=pick_up)
    except TRANSIENT as error:
        if task.request.retries >= MAX_RETRIES:
            log.error("Tagging articles %s failed after %s retries", article_ids, MAX_RETRIES)
            _fail_quietly(article_ids, f"Gave up after {MAX_RETRIES} retries: {error}")
            return
        raise task.retry(exc=error, countdown=backoff(task.request.retries)) from error
    except SoftTimeLimitExceeded:
        mark_failed(article_ids, "The tagger took longer than the time limit.")
    except Exception as error:  # a bug or bad data: retrying would fail the same way
        # Find the culprit: the others still get tagged (picked-up articles are left
        # running; their own tasks tag them).
        if len(article_ids) > 1 or pick_up:
            for article_id in article_ids:
                _tag(task, [article_id])
            return
        log.exception("Tagging article %s failed", article_ids[0])
        mark_failed(article_ids, f"{type(error).__name__}: {error}")


def _drop_broken_connections() -> None:
    """Connections are reused across tasks (CELERY_DB_REUSE_MAX): drop one that broke
    (a database restart) or outlived CONN_MAX_AGE before using it. Not inside a
    transaction (a test's, or an eager caller's), which must keep its connection."""
    from django.db import close_old_connections, connection

    if not connection.in_atomic_block:
        close_old_connections()


def _fail_quietly(article_ids: list[int], message: str) -> None:
    from .services import mark_failed

    try:
        mark_failed(article_ids, message)
    except TRANSIENT:  # the database is still away: the sweeper finds them stuck running
        log.warning("Could not mark articles %s failed", article_ids)


@shared_task(ignore_result=True)
def sweep_tagging() -> int:
    """Periodic (Celery beat): re-enqueue articles the broker never got or a lost worker
    left running."""
    from .services import sweep_pending

    return sweep_pending()
