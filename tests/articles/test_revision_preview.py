"""A correction previewed before it is applied: the diff and each claim's outcome, nothing
saved; bad input is a 400 naming the field."""

from __future__ import annotations

import pytest
from rest_framework.test import APIClient

from factcheck.articles.models import Article
from factcheck.articles.services import ArticleInput, create_article
from factcheck.claims.services import create_claim

pytestmark = pytest.mark.django_db

P1 = "The mayor said unemployment fell to 3.5% in 2019."
P2 = "Critics said the figure ignored part-time work."
TEXT = P1 + "\n" + P2


def test_preview_shows_diff_and_outcomes_and_saves_nothing(reviewer_client: APIClient) -> None:
    article, _ = create_article(ArticleInput(title="Budget", text=TEXT), None)
    kept = create_claim(article, 0, 9, None)
    start = TEXT.index("part-time work")
    lost = create_claim(article, start, start + len("part-time work"), None)
    new = P1 + "\nCritics said nothing."
    response = reviewer_client.post(
        f"/api/articles/{article.pk}/revisions/preview/", {"text": new}, format="json"
    )
    assert response.status_code == 200, response.json()
    body = response.json()
    assert body["text"] == new
    assert body["diff"]["paragraphs"]["changed"] == 1
    outcomes = {c["id"]: c["outcome"] for c in body["claims"]}
    assert outcomes == {kept.pk: "kept", lost.pk: "orphaned"}
    assert body["counts"] == {"kept": 1, "moved": 0, "fuzzy": 0, "orphaned": 1}
    article.refresh_from_db()
    assert article.text == TEXT and article.revision == 1


def test_preview_refuses_the_same_text_an_empty_body_and_a_refetch_without_url(
    reviewer_client: APIClient,
) -> None:
    article, _ = create_article(ArticleInput(title="Budget", text=TEXT), None)
    url = f"/api/articles/{article.pk}/revisions/preview/"
    for body, field in (({"text": TEXT}, "text"), ({}, "text"), ({"refetch": True}, "refetch")):
        response = reviewer_client.post(url, body, format="json")
        assert response.status_code == 400 and field in response.json(), response.json()
    assert Article.objects.get(pk=article.pk).revision == 1
