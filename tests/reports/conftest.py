"""Claims in every state, with citations, for the export tests."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest

from factcheck.articles.models import Article
from factcheck.claims.models import Claim
from tests.claims.helpers import claim_in


@pytest.fixture
def published(make_user: Callable[..., Any]) -> list[Claim]:
    """Three published claims on two articles (one article with a URL), plus a draft."""
    reviewer, editor = make_user("reviewer"), make_user("editor")
    claims = [claim_in("published", reviewer, editor) for _ in range(3)]
    Article.objects.filter(pk=claims[0].article_id).update(
        url="https://news.example.com/economy/jobs", outlet="Example News"
    )
    Claim.objects.filter(pk=claims[1].pk).update(article=claims[0].article, claimant="The minister")
    claim_in("draft", reviewer, editor)
    return list(Claim.objects.filter(status="published").order_by("id"))
