"""The fact-check API: search, match, 'checked before?' suggestions for claims and
candidates, and one-click citing (through the claims services)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from rest_framework.test import APIClient

from factcheck.claims.models import Claim, ClaimEvent
from factcheck.tagging.models import Candidate
from tests.claims.helpers import claim_in, ready_claim
from tests.factchecks.helpers import published_claim, save
from tests.factories import ArticleFactory

pytestmark = pytest.mark.django_db

CHECKS = [
    (
        "https://f.example/unemployment",
        "Unemployment fell to 3.5% in 2019, the lowest in 50 years.",
    ),
    ("https://f.example/jobs", "The government created two million jobs."),
    ("https://f.example/wages", "Wages rose by 4 percent according to the statistics office."),
    ("https://f.example/moon", "The moon landing was staged."),
]


@pytest.fixture
def checks() -> list[Any]:
    return save(*CHECKS)


def test_match(reviewer_client: APIClient, checks: list[Any]) -> None:
    response = reviewer_client.post(
        "/api/fact-checks/match/", {"text": "was the moon landing staged?", "top": 2}, format="json"
    )
    assert response.status_code == 200
    matches = response.json()["matches"]
    assert matches[0]["url"] == "https://f.example/moon" and len(matches) <= 2
    assert {"url", "claim_reviewed", "rating", "publisher", "date", "score"} <= set(matches[0])


@pytest.mark.parametrize(
    "body",
    [{}, {"text": ""}, {"text": "x", "top": 0}, {"text": "x", "top": "many"}, {"text": ["x"]}],
)
def test_match_bad_input_names_the_field(reviewer_client: APIClient, body: dict[str, Any]) -> None:
    response = reviewer_client.post("/api/fact-checks/match/", body, format="json")
    assert response.status_code == 400
    assert set(response.json()) & {"text", "top"}


def test_search_list_ranks_by_q(reviewer_client: APIClient, checks: list[Any]) -> None:
    everything = reviewer_client.get("/api/fact-checks/").json()
    assert everything["count"] == len(CHECKS)
    found = reviewer_client.get("/api/fact-checks/", {"q": "wages statistics"}).json()
    assert found["results"][0]["url"] == "https://f.example/wages"
    assert "score" in found["results"][0]
    assert reviewer_client.get("/api/fact-checks/", {"origin": "ours"}).json()["count"] == 0


def test_list_query_count_is_fixed(reviewer_client: APIClient, checks: list[Any]) -> None:
    reviewer_client.get("/api/fact-checks/")  # the user's role is looked up once
    with CaptureQueriesContext(connection) as few:
        reviewer_client.get("/api/fact-checks/")
    save(*[(f"https://more.example/{n}", f"Claim number {n}") for n in range(20)])
    with CaptureQueriesContext(connection) as many:
        reviewer_client.get("/api/fact-checks/")
    assert len(few) == len(many)


def test_suggestions_for_a_claim_and_a_candidate(
    reviewer_client: APIClient, checks: list[Any], make_user: Callable[..., Any]
) -> None:
    claim = ready_claim(make_user("reviewer"))
    response = reviewer_client.get("/api/fact-checks/suggestions/", {"claim": claim.pk})
    assert response.status_code == 200
    best = response.json()["matches"][0]
    assert best["url"] == "https://f.example/unemployment" and best["cited"] is False
    article = ArticleFactory()
    start = article.text.index("two million")
    candidate = Candidate.objects.create(
        article=article, kind="number", start=start, end=start + 11, text="two million"
    )
    response = reviewer_client.get("/api/fact-checks/suggestions/", {"candidate": candidate.pk})
    assert response.status_code == 200
    body = response.json()
    assert "created two million jobs" in body["text"]  # the sentence, not just the number
    assert body["matches"][0]["url"] == "https://f.example/jobs"


@pytest.mark.parametrize(
    "params", [{}, {"claim": "x"}, {"claim": 1, "candidate": 1}, {"claim": 1, "top": 99}]
)
def test_suggestions_bad_input(reviewer_client: APIClient, params: dict[str, Any]) -> None:
    response = reviewer_client.get("/api/fact-checks/suggestions/", params)
    assert response.status_code == 400


def test_suggestions_unknown_claim_is_404(reviewer_client: APIClient) -> None:
    assert (
        reviewer_client.get("/api/fact-checks/suggestions/", {"claim": 999999}).status_code == 404
    )


def test_our_own_fact_check_is_not_suggested_for_its_claim(
    reviewer_client: APIClient, make_user: Callable[..., Any]
) -> None:
    claim, ours = published_claim(make_user("reviewer"), make_user("editor"))
    other = ready_claim(make_user("reviewer"))
    own = reviewer_client.get("/api/fact-checks/suggestions/", {"claim": claim.pk}).json()
    assert ours.url not in [m["url"] for m in own["matches"]]
    found = reviewer_client.get("/api/fact-checks/suggestions/", {"claim": other.pk}).json()
    assert found["matches"][0]["url"] == ours.url and found["matches"][0]["origin"] == "ours"


def test_cite_a_fact_check(
    reviewer_client: APIClient, checks: list[Any], make_user: Callable[..., Any]
) -> None:
    claim = ready_claim(make_user("reviewer"))
    target = checks[0]
    response = reviewer_client.post(
        f"/api/fact-checks/{target.pk}/cite/",
        {"claim": claim.pk, "version": claim.version, "stance": "contradicts"},
        format="json",
    )
    assert response.status_code == 201, response.content
    body = response.json()
    assert body["url"] == target.url and body["stance"] == "contradicts"
    assert body["claim_version"] == claim.version + 1
    citation = Claim.objects.get(pk=claim.pk).citations.get(url=target.url)
    assert "Prior fact-check" in citation.locator and citation.excerpt == target.claim_reviewed
    assert ClaimEvent.objects.filter(claim=claim, action="cited").count() == 2
    suggestions = reviewer_client.get("/api/fact-checks/suggestions/", {"claim": claim.pk}).json()
    assert suggestions["matches"][0]["cited"] is True
    # The version the client sent is now stale: 409, nothing written.
    stale = reviewer_client.post(
        f"/api/fact-checks/{checks[1].pk}/cite/",
        {"claim": claim.pk, "version": claim.version, "stance": "context"},
        format="json",
    )
    assert stale.status_code == 409
    assert not Claim.objects.get(pk=claim.pk).citations.filter(url=checks[1].url).exists()


@pytest.mark.parametrize(
    ("body", "field"),
    [
        ({"version": 1, "stance": "context"}, "claim"),
        ({"claim": 0, "version": 1}, "claim"),
        ({"claim": 999999, "version": 1}, "claim"),
        ({"claim": "{claim}", "stance": "context"}, "version"),
        ({"claim": "{claim}", "version": 1, "stance": "likes"}, "stance"),
    ],
)
def test_cite_bad_input(
    reviewer_client: APIClient,
    checks: list[Any],
    make_user: Callable[..., Any],
    body: dict[str, Any],
    field: str,
) -> None:
    claim = ready_claim(make_user("reviewer"))
    data = {k: (claim.pk if v == "{claim}" else v) for k, v in body.items()}
    response = reviewer_client.post(f"/api/fact-checks/{checks[0].pk}/cite/", data, format="json")
    assert response.status_code == 400 and field in response.json(), response.content


def test_cite_on_a_claim_in_review_is_refused(
    reviewer_client: APIClient, checks: list[Any], make_user: Callable[..., Any]
) -> None:
    claim = claim_in("in_review", make_user("reviewer"), make_user("editor"))
    response = reviewer_client.post(
        f"/api/fact-checks/{checks[0].pk}/cite/",
        {"claim": claim.pk, "version": claim.version, "stance": "context"},
        format="json",
    )
    assert response.status_code == 409
    assert not Claim.objects.get(pk=claim.pk).citations.filter(url=checks[0].url).exists()


def test_article_suggestions_for_all_claims_and_candidates(
    reviewer_client: APIClient, checks: list[Any], make_user: Callable[..., Any]
) -> None:
    claim = ready_claim(make_user("reviewer"))
    article = claim.article
    start = article.text.index("two million")
    candidate = Candidate.objects.create(
        article=article, kind="number", start=start, end=start + 11, text="two million"
    )
    Candidate.objects.create(
        article=article, kind="number", start=0, end=3, text="Une", status="dismissed"
    )
    response = reviewer_client.get(
        "/api/fact-checks/article-suggestions/", {"article": article.pk, "min_score": 0.5}
    )
    assert response.status_code == 200
    found = {(s["kind"], s["id"]): s["matches"] for s in response.json()["subjects"]}
    assert set(found) == {("claim", claim.pk), ("candidate", candidate.pk)}
    assert found[("claim", claim.pk)][0]["url"] == "https://f.example/unemployment"
    assert found[("candidate", candidate.pk)][0]["url"] == "https://f.example/jobs"
    assert all(m["score"] >= 0.5 for matches in found.values() for m in matches)
    missing = reviewer_client.get("/api/fact-checks/article-suggestions/", {"article": 999999})
    assert missing.status_code == 404
    bad = reviewer_client.get("/api/fact-checks/article-suggestions/", {"article": "x"})
    assert bad.status_code == 400 and "article" in bad.json()


def test_cite_a_fact_check_with_long_names(
    reviewer_client: APIClient, make_user: Callable[..., Any]
) -> None:
    from factcheck.factchecks.claimreview import FactCheckRow
    from factcheck.factchecks.models import FactCheck
    from factcheck.factchecks.services import save_rows

    save_rows(
        [
            FactCheckRow(
                url="https://long.example/1",
                claim_reviewed="Unemployment fell.",
                publisher="P" * 300,
                rating_name="R" * 200,
            )
        ]
    )
    target = FactCheck.objects.get(url="https://long.example/1")
    claim = ready_claim(make_user("reviewer"))
    response = reviewer_client.post(
        f"/api/fact-checks/{target.pk}/cite/",
        {"claim": claim.pk, "version": claim.version},
        format="json",
    )
    assert response.status_code == 201, response.content
    citation = Claim.objects.get(pk=claim.pk).citations.get(url=target.url)
    assert len(citation.locator) == 300 and citation.stance == "context"
