"""Celery wrappers for tagging. The logic lives in services; tasks take IDs."""

from __future__ import annotations

from celery import shared_task


@shared_task(acks_late=True, reject_on_worker_lost=True)
def tag_article(article_id: int) -> None:
    from .pipeline import tag_article_now

    tag_article_now(article_id)
