"""Exports over the API: CSV, JSON Lines, ClaimReview, Web Annotation, HTML and PDF,
validated against the standards in ../shared; filters, permissions, fixed query counts."""

from __future__ import annotations

import csv
import io
import json
from typing import Any

import pytest
from django.utils.html import escape
from pyld import jsonld
from rest_framework.test import APIClient

from factcheck.claims.models import Claim
from factcheck.reports.exporters.claimreview import claim_review, google_problems
from tests.reports.standards import (
    annotation_errors,
    claimreview_validator,
    offline_loader,
)

pytestmark = pytest.mark.django_db


def body(response: Any) -> bytes:
    assert response.status_code == 200, response.content if hasattr(response, "content") else ""
    assert response.streaming
    return b"".join(response.streaming_content)


def test_csv_one_row_per_claim_with_everything(
    editor_client: APIClient, published: list[Claim]
) -> None:
    response = editor_client.get("/api/exports/claims.csv")
    assert response["Content-Type"].startswith("text/csv")
    assert 'filename="claims.csv"' in response["Content-Disposition"]
    rows = list(csv.DictReader(io.StringIO(body(response).decode())))
    assert len(rows) == Claim.objects.count() == 4
    row = next(r for r in rows if r["claim_id"] == str(published[0].pk))
    assert row["verdict"] == "True"
    assert row["status"] == "published"
    assert row["article_url"] == "https://news.example.com/economy/jobs"
    assert row["exact"] == published[0].exact
    assert "supports: " in row["citations"] and "3.5 percent" in row["citations"]
    assert row["reviewer"] and row["editor"]


def test_filters_apply_and_bad_ones_name_the_field(
    editor_client: APIClient, published: list[Claim]
) -> None:
    rows = list(
        csv.DictReader(
            io.StringIO(body(editor_client.get("/api/exports/claims.csv?status=draft")).decode())
        )
    )
    assert [r["status"] for r in rows] == ["draft"]
    article = published[0].article_id
    lines = body(editor_client.get(f"/api/exports/claims.json?article={article}")).splitlines()
    assert {json.loads(line)["article_id"] for line in lines} == {article}
    assert len(lines) == 2
    by_outlet = body(editor_client.get("/api/exports/claims.json?outlet=example news")).splitlines()
    assert len(by_outlet) == 2
    for query, field in [
        ("status=nonsense", "status"),
        ("date_from=yesterday", "date_from"),
        ("colour=red", "colour"),
    ]:
        bad = editor_client.get(f"/api/exports/claims.csv?{query}")
        assert bad.status_code == 400, query
        assert field in bad.json(), bad.json()
        assert field in bad.json()["detail"]
    unknown = editor_client.get("/api/exports/claims.xlsx")
    assert unknown.status_code == 400
    assert "format" in unknown.json()


def test_reviewers_may_not_export(reviewer_client: APIClient, published: list[Claim]) -> None:
    assert reviewer_client.get("/api/exports/claims.csv").status_code == 403


@pytest.mark.parametrize("fmt", ["csv", "json", "claimreview", "webannotation", "html"])
def test_query_count_is_fixed(
    fmt: str, editor_client: APIClient, published: list[Claim], django_assert_max_num_queries: Any
) -> None:
    from tests.claims.helpers import ready_claim

    for _ in range(12):
        ready_claim()
    with django_assert_max_num_queries(12):
        body(editor_client.get(f"/api/exports/claims.{fmt}"))


def test_claimreview_validates_and_passes_googles_check(
    editor_client: APIClient, published: list[Claim]
) -> None:
    reviews = json.loads(body(editor_client.get("/api/exports/claims.claimreview")))
    # Published claims only: the draft is not there.
    assert sorted(r["url"] for r in reviews) == sorted(
        f"https://example.org/fact-checks/{c.pk}" for c in published
    )
    validator = claimreview_validator()
    for review in reviews:
        errors = [e.message for e in validator.iter_errors(review)]
        assert not errors, errors
        assert google_problems(review) == []
        assert review["reviewRating"] == {
            "@type": "Rating",
            "ratingValue": 6,
            "bestRating": 6,
            "worstRating": 1,
            "alternateName": "True",
        }
        assert review["author"]["name"] == "Factcheck Newsroom"
        assert review["datePublished"]
    first = next(r for r in reviews if r["url"].endswith(f"/{published[0].pk}"))
    assert first["itemReviewed"]["appearance"]["url"] == "https://news.example.com/economy/jobs"
    with_claimant = next(r for r in reviews if r["url"].endswith(f"/{published[1].pk}"))
    assert with_claimant["itemReviewed"]["author"] == {"@type": "Person", "name": "The minister"}


def test_the_validators_can_fail() -> None:
    validator = claimreview_validator()
    assert list(validator.iter_errors({"@type": "ClaimReview", "claimReviewed": 42}))
    assert set(google_problems({"@type": "ClaimReview", "reviewRating": {"@type": "Rating"}})) >= {
        "claimReviewed is required",
        "url must be an absolute http(s) URL",
        "reviewRating needs alternateName or ratingValue",
    }
    assert "ratingValue must lie between worstRating and bestRating" in google_problems(
        {"reviewRating": {"@type": "Rating", "ratingValue": 9, "bestRating": 6, "worstRating": 1}}
    )
    assert (
        annotation_errors(
            {"type": "Annotation"}, "annotations.json#/definitions/motivationRecognizedIfPresent"
        )
        == []
    )
    assert annotation_errors(
        {"type": "Annotation", "motivation": "liking"},
        "annotations.json#/definitions/motivationRecognizedIfPresent",
    )


def test_long_claim_reviewed_warns(published: list[Claim]) -> None:
    from factcheck.claims.selectors import export_rows
    from factcheck.reports.exporters import ExportContext

    Claim.objects.filter(pk=published[0].pk).update(statement="It goes on and on " * 6)
    (row,) = export_rows(Claim.objects.filter(pk=published[0].pk))
    context = ExportContext()
    review = claim_review(row, 6, 1, context)
    assert google_problems(review) == []
    assert any("claimReviewed has" in w for w in context.warnings)


ANNOTATION_MUSTS = [
    "annotations.json#/definitions/annotationTypeValueFound",
    "id.json#/definitions/idValueFound",
    "annotations.json#/definitions/motivationRecognizedIfPresent",
    "otherProperties.json#/definitions/createdValidIfPresent",
    "otherProperties.json#/definitions/modifiedValidIfPresent",
    "otherProperties.json#/definitions/creatorValidIfPresent",
]
TARGET_MUSTS = [
    "bodyTarget.json#/definitions/targetResourcesFound",
    "bodyTarget.json#/definitions/optionalTargetPropertiesMust",
]
BODY_MUSTS = [
    "bodyTarget.json#/definitions/bodyResourcesFound",
    "bodyTarget.json#/definitions/optionalBodyPropertiesMust",
    "otherProperties.json#/definitions/purposeRecognizedIfPresent",
]
COLLECTION_MUSTS = [
    "collections.json#/definitions/annotationCollectionTypeValueFound",
    "collections.json#/definitions/totalFound",
    "collections.json#/definitions/firstRequiredIfTotalMoreThanZero",
    "collections.json#/definitions/firstValidIfPresent",
    "id.json#/definitions/idValueFound",
]
SELECTOR_MUSTS = [
    "specificResource.json#/definitions/textQuoteSelectorTypeValidIfPresent",
    "specificResource.json#/definitions/textPositionSelectorTypeValidIfPresent",
]


def test_web_annotation_validates_and_expands_offline(
    editor_client: APIClient, published: list[Claim]
) -> None:
    document = json.loads(body(editor_client.get("/api/exports/claims.webannotation")))
    assert document["@context"][0] == "http://www.w3.org/ns/anno.jsonld"
    assert not annotation_errors(
        document["@context"], "collections.json#/definitions/contextValueInArrayFound"
    )
    for ref in COLLECTION_MUSTS:
        assert annotation_errors(document, ref) == [], ref
    page = document["first"]
    assert not annotation_errors(page, "collections.json#/definitions/itemsFound")
    items = page["items"]
    assert len(items) == document["total"] == 4
    for item in items:
        for ref in ANNOTATION_MUSTS:
            assert annotation_errors(item, ref) == [], (ref, item)
        assert item["motivation"] == "assessing"
        target = item["target"]
        assert target["type"] == "SpecificResource"
        for ref in TARGET_MUSTS:
            assert annotation_errors(target, ref) == [], ref
        for one in item["body"]:
            for ref in BODY_MUSTS:
                assert annotation_errors(one, ref) == [], (ref, one)
        for selector in target["selector"]:
            for ref in SELECTOR_MUSTS:
                assert annotation_errors(selector, ref) == [], ref
        purposes = [b["purpose"] for b in item["body"]]
        assert purposes[:2] == ["assessing", "describing"] and "linking" in purposes
    claim = published[0]
    mine = next(i for i in items if i["id"].endswith(f"/{claim.pk}#annotation"))
    assert mine["target"]["source"] == "https://news.example.com/economy/jobs"
    position = next(s for s in mine["target"]["selector"] if s["type"] == "TextPositionSelector")
    quote = next(s for s in mine["target"]["selector"] if s["type"] == "TextQuoteSelector")
    assert (position["start"], position["end"]) == (claim.start, claim.end)
    assert claim.article.text[position["start"] : position["end"]] == quote["exact"]

    expanded = jsonld.expand(document, {"documentLoader": offline_loader})
    text = json.dumps(expanded)
    assert "http://www.w3.org/ns/oa#assessing" in text
    assert "example.org/base" not in text  # no term fell back to a relative IRI
    assert "http://www.w3.org/ns/oa#TextQuoteSelector" in text
    assert "http://www.w3.org/ns/oa#TextPositionSelector" in text
    assert "http://www.w3.org/ns/oa#linking" in text


def test_html_report_has_summary_then_articles(
    editor_client: APIClient, published: list[Claim]
) -> None:
    html = body(editor_client.get("/api/exports/claims.html")).decode()
    assert html.index('class="summary"') < html.index('class="article"')
    assert html.count('<section class="article">') == 3
    assert "3.5 percent" in html  # the citation's excerpt
    assert escape(published[0].rationale) in html
