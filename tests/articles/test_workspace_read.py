"""GET /api/articles/{id}/workspace/: the article, its live claims, its candidates and the
verdict scale in one request, in the same number of queries for 2 claims or 60."""

from __future__ import annotations

import json
from typing import Any

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from rest_framework.test import APIClient

from factcheck.articles.services import ArticleInput, create_article
from factcheck.articles.workspace import candidate_rows, candidates_json, claim_rows, claims_json
from factcheck.claims.services import create_claim, delete_claim
from factcheck.tagging.models import Candidate

pytestmark = pytest.mark.django_db

SENTENCE = "The mayor said unemployment fell to 3.5% in 2019 🎉. "


def article_with(n: int) -> Any:
    article, _ = create_article(ArticleInput(title=f"Workspace {n}", text=SENTENCE * n), None)
    for i in range(n):
        start = i * len(SENTENCE) + SENTENCE.index("3.5%")
        create_claim(article, start, start + 4, None)
        Candidate.objects.create(
            article=article,
            kind="number",
            start=start,
            end=start + 4,
            text="3.5%",
            data={"value": 3.5, "unit": "percent"},
            score=0.8,
            tagger_version="t",
        )
    return article


def read(client: APIClient, article_id: int) -> tuple[Any, int]:
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(f"/api/articles/{article_id}/workspace/")
    return response, len(ctx.captured_queries)


def test_one_request_holds_article_claims_candidates_and_labels(
    reviewer_client: APIClient,
) -> None:
    article = article_with(3)
    response, _ = read(reviewer_client, article.pk)
    assert response.status_code == 200
    body = response.json()
    assert body["article"]["id"] == article.pk
    assert body["article"]["text"] == article.text
    assert "html" not in body["article"]
    assert len(body["claims"]) == 3 and len(body["candidates"]) == 3
    claim = body["claims"][0]
    assert article.text[claim["start"] : claim["end"]] == claim["exact"] == "3.5%"
    assert claim["article"] == article.pk and claim["citations_count"] == 0
    assert body["transitions"]["draft"] == ["submit"]
    assert body["transitions"]["in_review"] == []
    candidate = dict(zip(body["candidate_fields"], body["candidates"][0], strict=True))
    assert set(candidate) == {
        *("id", "kind", "start", "end", "data", "score", "checkable", "status", "claim")
    }
    assert article.text[candidate["start"] : candidate["end"]] == "3.5%"
    assert candidate["data"] == {"value": 3.5, "unit": "percent"} and candidate["score"] == 0.8
    assert body["labels"] and body["labels"][0]["slug"]


def test_deleted_claims_are_left_out(reviewer_client: APIClient) -> None:
    article = article_with(2)
    first = article.claims.order_by("start").first()
    delete_claim(first.pk, None)
    body = reviewer_client.get(f"/api/articles/{article.pk}/workspace/").json()
    assert [c["id"] for c in body["claims"]] != [] and first.pk not in {
        c["id"] for c in body["claims"]
    }


def test_query_count_does_not_grow_with_the_article(reviewer_client: APIClient) -> None:
    small_article, large_article = article_with(2), article_with(60)
    read(reviewer_client, small_article.pk)  # the first request also reads the role
    _, small = read(reviewer_client, small_article.pk)
    _, large = read(reviewer_client, large_article.pk)
    assert small == large <= 8


def test_unknown_article_is_404_and_anonymous_is_refused(
    reviewer_client: APIClient, client_for: Any
) -> None:
    assert reviewer_client.get("/api/articles/999999/workspace/").status_code == 404
    assert client_for(None).get("/api/articles/1/workspace/").status_code in (401, 403)
    assert client_for("").get("/api/articles/1/workspace/").status_code == 403


def test_the_databases_json_of_the_candidates_is_the_python_rows() -> None:
    article = article_with(4)
    assert json.loads(candidates_json(article.pk)) == candidate_rows(article.pk)


def test_the_databases_json_of_the_claims_is_the_python_rows(make_user: Any) -> None:
    from tests.factories import CitationFactory

    article = article_with(3)
    someone = make_user("reviewer")
    someone.first_name = "Ada"
    someone.save()
    claim = article.claims.order_by("start").first()
    claim.created_by = claim.assignee = someone
    claim.save()
    CitationFactory(claim=claim)
    from_db = json.loads(claims_json(article.pk))
    from_python = json.loads(json.dumps(claim_rows(article.pk), default=str))
    for row in from_db + from_python:
        row.pop("updated_at")  # the same instant, written two ways
    assert from_db == from_python
    assert from_db[0]["citations_count"] == 1
    assert from_db[0]["created_by"] == {
        "id": someone.pk,
        "username": someone.username,
        "display_name": "Ada",
    }


def test_the_claims_list_does_not_read_the_articles_text(reviewer_client: APIClient) -> None:
    article = article_with(3)
    with CaptureQueriesContext(connection) as ctx:
        response = reviewer_client.get(f"/api/claims/?article={article.pk}")
    assert response.status_code == 200 and response.json()["count"] == 3
    assert response.json()["results"][0]["article_title"] == article.title
    sql = " ".join(q["sql"] for q in ctx.captured_queries)
    assert '"articles_article"."text"' not in sql and '"articles_article"."html"' not in sql
