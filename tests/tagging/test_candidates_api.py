"""The candidates API: lists (filters, pagination, fixed queries), accept/dismiss/reopen,
and the pollable tagging state."""

from __future__ import annotations

from typing import Any

import pytest
from rest_framework.test import APIClient

from factcheck.claims.models import Claim
from factcheck.tagging.models import Candidate
from factcheck.tagging.pipeline import tag_article_now
from tests.factories import ArticleFactory

pytestmark = pytest.mark.django_db

QUOTED = (
    "“We have created two million jobs,” Finance Minister Jane Smith told reporters.\n"
    "Unemployment fell to 3.5% in 2019, according to the statistics office."
)


def tagged(text: str = QUOTED) -> Any:
    article = ArticleFactory(text=text)
    tag_article_now(article.pk)
    return article


def test_list_filters_by_article_kind_status_and_score(reviewer_client: APIClient) -> None:
    article = tagged()
    other = tagged(QUOTED + "\nAnother 7 days.")
    url = f"/api/candidates/?article={article.pk}"
    everything = reviewer_client.get(url).json()
    assert everything["count"] == Candidate.objects.filter(article=article).count() > 3
    assert {row["article"] for row in everything["results"]} == {article.pk}
    numbers = reviewer_client.get(url + "&kind=number").json()["results"]
    assert numbers and {row["kind"] for row in numbers} == {"number"}
    both = reviewer_client.get(url + "&kind=number&kind=quote").json()["results"]
    assert {row["kind"] for row in both} == {"number", "quote"}
    high = reviewer_client.get(url + "&min_score=0.85").json()["results"]
    assert high and all(row["score"] >= 0.85 for row in high)
    assert len(high) < everything["count"]
    Candidate.objects.filter(pk=numbers[0]["id"]).update(status="dismissed")
    dismissed = reviewer_client.get(url + "&status=dismissed").json()["results"]
    assert [row["id"] for row in dismissed] == [numbers[0]["id"]]
    nested = reviewer_client.get(f"/api/articles/{other.pk}/candidates/?kind=number").json()
    assert {row["article"] for row in nested["results"]} == {other.pk}
    assert any(row["text"] == "7 days" for row in nested["results"])


def test_checkable_is_exposed_and_filters_the_default_display(
    reviewer_client: APIClient,
) -> None:
    article = tagged(QUOTED + "\nThe two ministers met for the first time in April.")
    url = f"/api/articles/{article.pk}/candidates/"
    rows = reviewer_client.get(url).json()["results"]
    by_text = {row["text"]: row for row in rows}
    assert by_text["3.5%"]["checkable"] >= 0.5
    for noise in ("two", "first", "April"):  # a small count, an ordinal, a bare month
        assert by_text[noise]["checkable"] < 0.5
    shown = reviewer_client.get(url + "?min_checkable=0.5").json()["results"]
    assert {row["text"] for row in shown} == {
        row["text"] for row in rows if row["checkable"] >= 0.5
    }
    assert "two" not in {row["text"] for row in shown}
    ranked = reviewer_client.get(url + "?ordering=-checkable").json()["results"]
    assert [row["checkable"] for row in ranked] == sorted(
        (row["checkable"] for row in rows), reverse=True
    )
    bad = reviewer_client.get(url + "?min_checkable=high")
    assert bad.status_code == 400 and "min_checkable" in bad.json()


def test_a_dismissed_noise_candidate_keeps_its_decision_when_re_tagged(
    reviewer_client: APIClient,
) -> None:
    article = tagged(QUOTED + "\nThe two ministers met.")
    two = Candidate.objects.get(article=article, text="two")
    reviewer_client.post(f"/api/candidates/{two.pk}/dismiss/")
    Candidate.objects.filter(article=article).update(tagger_version="old", checkable=1.0)
    tag_article_now(article.pk)
    two.refresh_from_db()
    assert two.status == "dismissed" and two.checkable < 0.5
    assert not Candidate.objects.filter(article=article, tagger_version="old").exists()


def test_lists_are_paginated(reviewer_client: APIClient) -> None:
    article = tagged()
    page = reviewer_client.get(f"/api/articles/{article.pk}/candidates/?page_size=2").json()
    assert len(page["results"]) == 2 and page["next"] and page["count"] > 2


@pytest.mark.parametrize(
    ("query", "field"),
    [("kind=colour", "kind"), ("status=maybe", "status"), ("min_score=high", "min_score")],
)
def test_bad_filters_answer_400_naming_the_field(
    reviewer_client: APIClient, query: str, field: str
) -> None:
    response = reviewer_client.get(f"/api/candidates/?{query}")
    assert response.status_code == 400
    assert field in response.json() and "detail" in response.json()


def test_unknown_article_answers_404(reviewer_client: APIClient) -> None:
    assert reviewer_client.get("/api/articles/999999/candidates/").status_code == 404
    assert reviewer_client.get("/api/articles/999999/tagging/").status_code == 404
    assert reviewer_client.post("/api/candidates/999999/accept/").status_code == 404


@pytest.mark.parametrize("route", ["/api/candidates/?article={}", "/api/articles/{}/candidates/"])
def test_list_query_count_is_fixed(
    reviewer_client: APIClient, django_assert_max_num_queries: Any, make_user: Any, route: str
) -> None:
    small = tagged("Prices rose 2%.")
    big = tagged("\n".join(f"Prices rose {i}% in {1990 + i}, he said." for i in range(40)))
    user = make_user("editor")
    for cand in Candidate.objects.filter(article=big)[:20]:
        cand.status, cand.decided_by = "dismissed", user
        cand.save()
    for article in (small, big):
        url = route.format(article.pk)
        url += ("&" if "?" in url else "?") + "page_size=100"
        with django_assert_max_num_queries(4):
            response = reviewer_client.get(url)
        assert response.status_code == 200


def test_accept_makes_an_anchored_claim_with_the_speaker(make_user: Any) -> None:
    user = make_user("reviewer")
    client = APIClient()
    client.force_authenticate(user)
    article = tagged()
    quote = Candidate.objects.get(article=article, kind="quote")
    response = client.post(f"/api/candidates/{quote.pk}/accept/")
    assert response.status_code == 201, response.content
    body = response.json()
    assert body["status"] == "accepted" and body["decided_by"]["id"] == user.pk
    assert body["decided_at"]
    claim = Claim.objects.get(pk=body["claim"])
    assert (claim.start, claim.end, claim.exact) == (quote.start, quote.end, quote.text)
    assert claim.claimant == "Jane Smith" and claim.created_by == user
    assert claim.statement == quote.text

    again = client.post(f"/api/candidates/{quote.pk}/accept/")
    assert again.status_code == 409
    assert Claim.objects.filter(article=article).count() == 1
    assert client.post(f"/api/candidates/{quote.pk}/dismiss/").status_code == 409
    assert client.post(f"/api/candidates/{quote.pk}/reopen/").status_code == 409


def test_accepting_a_number_states_its_sentence(reviewer_client: APIClient) -> None:
    article = tagged()
    number = Candidate.objects.get(article=article, text="3.5%")
    body = reviewer_client.post(f"/api/candidates/{number.pk}/accept/").json()
    claim = Claim.objects.get(pk=body["claim"])
    assert claim.statement.startswith("Unemployment fell to 3.5%") and claim.claimant == ""


def test_dismiss_and_reopen(reviewer_client: APIClient) -> None:
    article = tagged()
    cand = Candidate.objects.filter(article=article).first()
    assert cand is not None
    dismissed = reviewer_client.post(f"/api/candidates/{cand.pk}/dismiss/")
    assert dismissed.status_code == 200 and dismissed.json()["status"] == "dismissed"
    assert reviewer_client.post(f"/api/candidates/{cand.pk}/dismiss/").status_code == 409
    reopened = reviewer_client.post(f"/api/candidates/{cand.pk}/reopen/")
    assert reopened.status_code == 200
    assert reopened.json()["status"] == "open" and reopened.json()["decided_by"] is None
    assert reviewer_client.post(f"/api/candidates/{cand.pk}/reopen/").status_code == 409
    # A dismissed candidate may still be accepted (the reviewer changed their mind).
    reviewer_client.post(f"/api/candidates/{cand.pk}/dismiss/")
    assert reviewer_client.post(f"/api/candidates/{cand.pk}/accept/").status_code == 201


def test_reopen_after_the_claim_is_deleted(reviewer_client: APIClient) -> None:
    article = tagged()
    cand = Candidate.objects.get(article=article, kind="quote")
    claim_id = reviewer_client.post(f"/api/candidates/{cand.pk}/accept/").json()["claim"]
    Claim.objects.filter(pk=claim_id).delete()
    assert reviewer_client.post(f"/api/candidates/{cand.pk}/reopen/").status_code == 200


def test_tagging_state_and_its_etag(
    reviewer_client: APIClient, django_assert_num_queries: Any
) -> None:
    article = tagged()
    url = f"/api/articles/{article.pk}/tagging/"
    with django_assert_num_queries(2):  # the user's role, then the state in one query
        first = reviewer_client.get(url)
    body = first.json()
    assert body["status"] == "done" and body["error"] == "" and body["tagger_version"]
    total = Candidate.objects.filter(article=article).count()
    assert body["counts"]["total"]["all"] == total
    assert body["counts"]["status"] == {"open": total, "accepted": 0, "dismissed": 0}
    assert sum(body["counts"]["kind"].values()) == total
    etag = first["ETag"]
    unchanged = reviewer_client.get(url, HTTP_IF_NONE_MATCH=etag)
    assert unchanged.status_code == 304 and unchanged["ETag"] == etag
    cand = Candidate.objects.filter(article=article).first()
    assert cand is not None
    reviewer_client.post(f"/api/candidates/{cand.pk}/dismiss/")
    changed = reviewer_client.get(url, HTTP_IF_NONE_MATCH=etag)
    assert changed.status_code == 200 and changed["ETag"] != etag
    assert changed.json()["counts"]["status"]["dismissed"] == 1
