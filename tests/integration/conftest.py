"""Helpers for the pipeline's integration tests (real Redis, worker, web processes)."""

from __future__ import annotations

import shutil
from collections.abc import Callable

import pytest
from rest_framework.authtoken.models import Token

from factcheck.articles.models import Article
from tests.conftest import require

from .processes import wait_until

ARTICLE_TEXT = (
    "Unemployment fell to 3.5% in 2019, the lowest in 50 years, the minister said.\n"
    "“We have created two million jobs,” she told reporters on Tuesday.\n"
    "According to the statistics office, wages rose by 4 percent."
)


def wait_tagged(article_id: int, timeout: float = 30) -> Article:
    def done() -> bool:
        status = Article.objects.values_list("tagging_status", flat=True).get(pk=article_id)
        assert status != "failed", Article.objects.get(pk=article_id).tagging_error
        return status == "done"

    wait_until(done, timeout, f"article {article_id} to be tagged")
    return Article.objects.get(pk=article_id)


@pytest.fixture
def reviewer_token(make_user: Callable[..., object]) -> str:
    user = make_user("reviewer")
    return Token.objects.create(user=user).key  # type: ignore[misc]


@pytest.fixture
def redis_server_binary(redis_url: str) -> None:
    """These tests start their own redis-server (to freeze it, or to start it late)."""
    require(shutil.which("redis-server") is not None, "redis-server is not installed")
