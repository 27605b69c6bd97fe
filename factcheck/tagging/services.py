"""Tagging: queue an article for the pre-tagger once its transaction commits."""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING

from django.db import transaction

if TYPE_CHECKING:
    from factcheck.articles.models import Article

log = logging.getLogger(__name__)


def request_tagging(article: Article) -> None:
    """Enqueue tagging after commit. A broker that is down never fails the request: the
    article stays queued and the periodic sweeper enqueues it later."""
    article_id = article.pk
    transaction.on_commit(lambda: enqueue_tagging(article_id))


def enqueue_tagging(article_id: int) -> bool:
    from .tasks import tag_article

    try:
        tag_article.delay(article_id)
    except Exception:  # broker refused, frozen or misconfigured: the sweeper retries
        log.warning("Could not enqueue tagging of article %s; left queued", article_id)
        return False
    return True
