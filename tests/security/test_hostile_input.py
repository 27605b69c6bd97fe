"""Hostile input answers 4xx JSON naming the problem, never a 500 (issue 13, item 1).

Each case here answered 500 (or HTML) before: non-ASCII digits in id filters ('²' passes
str.isdigit), ages that overflow a date, objects where a filter wants a scalar, JSON
nested 1,000 deep, bodies over DATA_UPLOAD_MAX_MEMORY_SIZE, unbounded free text, any
string as a colour, HTML kept by a PATCH of an article's title."""

from __future__ import annotations

import json
from typing import Any

import pytest
from rest_framework.test import APIClient

from factcheck.core.limits import JSON_MAX_DEPTH, RATIONALE_MAX_CHARS, STATEMENT_MAX_CHARS
from tests.factories import ArticleFactory, ClaimFactory

pytestmark = pytest.mark.django_db

SUPERSCRIPT_TWO = "\u00b2"  # '²'.isdigit() is True; int('²') raises ValueError


def nested(depth: int) -> str:
    return "[" * depth + "]" * depth


def assert_json_4xx(response: Any, status: int = 400, naming: str | None = None) -> dict[str, Any]:
    assert response.status_code == status, (response.status_code, response.content[:300])
    assert response["Content-Type"].startswith("application/json"), response["Content-Type"]
    body = response.json()
    assert body["detail"], body
    if naming is not None:
        assert naming in json.dumps(body), body
    return body


@pytest.mark.parametrize("param", ["verdict", "reviewer"])
@pytest.mark.parametrize("value", [SUPERSCRIPT_TWO, "1" + SUPERSCRIPT_TWO, "9" * 40, "٣"])
def test_non_ascii_digits_in_id_or_name_filters_match_nothing(
    editor_client: APIClient, param: str, value: str
) -> None:
    ClaimFactory()
    for url in ("/api/claims/", "/api/exports/claims.csv", "/api/exports/claims.json"):
        response = editor_client.get(url, {param: value})
        assert response.status_code == 200, (url, response.status_code, response.content[:300])


@pytest.mark.parametrize("param", ["article", "assignee", "created_by"])
@pytest.mark.parametrize("value", [SUPERSCRIPT_TWO, "9" * 40, "1e9", "-3", "NaN"])
def test_id_filters_take_ascii_ids_only(editor_client: APIClient, param: str, value: str) -> None:
    response = editor_client.get("/api/claims/", {param: value})
    assert_json_4xx(response, naming=param)


def test_ids_still_filter(editor_client: APIClient) -> None:
    claim = ClaimFactory()
    ClaimFactory()
    response = editor_client.get("/api/claims/", {"article": f"{claim.article_id},999"})
    assert [c["id"] for c in response.json()["results"]] == [claim.pk]


@pytest.mark.parametrize("value", ["1000000", "-1000000", "1e999999", "Infinity", "NaN", "-1"])
def test_min_age_days_is_bounded(editor_client: APIClient, value: str) -> None:
    for url in ("/api/claims/", "/api/exports/claims.csv"):
        assert_json_4xx(editor_client.get(url, {"min_age_days": value}), naming="min_age_days")


def test_min_age_days_in_range_works(editor_client: APIClient) -> None:
    ClaimFactory()
    response = editor_client.get("/api/claims/", {"min_age_days": "36500"})
    assert response.status_code == 200 and response.json()["count"] == 0
    response = editor_client.get("/api/claims/", {"min_age_days": "0"})
    assert response.json()["count"] == 1


@pytest.mark.parametrize(
    "filters",
    [
        {"status": {"a": 1}},
        {"verdict": [{"a": 1}]},
        {"article": [[1, 2]]},
        {"outlet": {"$ne": ""}},
    ],
)
def test_export_job_filters_must_be_scalars(editor_client: APIClient, filters: Any) -> None:
    response = editor_client.post(
        "/api/export-jobs/", {"format": "csv", "filters": filters}, format="json"
    )
    assert_json_4xx(response, naming=next(iter(filters)))


@pytest.mark.parametrize(
    "filters",
    [{"verdict": [SUPERSCRIPT_TWO]}, {"reviewer": SUPERSCRIPT_TWO}, {"min_age_days": 1e6}],
)
def test_export_job_filter_values_are_checked(editor_client: APIClient, filters: Any) -> None:
    response = editor_client.post(
        "/api/export-jobs/", {"format": "csv", "filters": filters}, format="json"
    )
    assert response.status_code in (201, 400), response.content[:300]
    assert response["Content-Type"].startswith("application/json")


# --- JSON depth


@pytest.mark.parametrize("depth", [JSON_MAX_DEPTH + 1, 1_000, 100_000])
@pytest.mark.parametrize(
    ("method", "url"),
    [
        ("post", "/api/claims/"),
        ("post", "/api/articles/"),
        ("post", "/api/export-jobs/"),
        ("post", "/api/auth/login/"),
        ("patch", "/api/claims/{claim}/"),
    ],
)
def test_deep_json_is_a_400_naming_the_nesting(
    admin_client_api: APIClient, depth: int, method: str, url: str
) -> None:
    claim = ClaimFactory()
    body = '{"statement": ' + nested(depth) + "}"
    response = getattr(admin_client_api, method)(
        url.format(claim=claim.pk), body, content_type="application/json"
    )
    assert_json_4xx(response, naming="nested deeper")


def test_json_within_the_depth_limit_is_read(admin_client_api: APIClient) -> None:
    # Depth exactly at the limit parses; the serializer then names the field.
    body = '{"title": ' + nested(JSON_MAX_DEPTH - 1) + ', "text": "x"}'
    response = admin_client_api.post("/api/articles/", body, content_type="application/json")
    assert_json_4xx(response, naming="title")


# --- Bodies over the limit


@pytest.mark.parametrize(
    "url", ["/api/claims/", "/api/export-jobs/", "/api/auth/login/", "/api/verdict-labels/"]
)
def test_a_body_over_the_limit_is_a_json_413(
    admin_client_api: APIClient, settings: Any, url: str
) -> None:
    settings.DATA_UPLOAD_MAX_MEMORY_SIZE = 1000
    body = json.dumps({"statement": "x" * 2000})
    response = admin_client_api.post(url, body, content_type="application/json")
    assert_json_4xx(response, status=413, naming="1,000 bytes")


def test_a_form_over_the_limit_read_by_django_is_a_json_413(settings: Any) -> None:
    # Outside DRF: the CSRF middleware reads the form before any view runs.
    from django.test import Client

    settings.DATA_UPLOAD_MAX_MEMORY_SIZE = 1000
    browser = Client(enforce_csrf_checks=True)
    browser.cookies["csrftoken"] = "s3cr3t" * 5 + "ab"  # so it reads the form's token
    response = browser.post("/login", {"x": "y" * 2000})
    assert_json_4xx(response, status=413, naming="1,000 bytes")


def test_an_unknown_api_path_is_a_json_404(client: Any) -> None:
    assert_json_4xx(client.get("/api/no-such-thing/"), status=404)


# --- Free text, colours, metadata


def test_rationale_and_statement_have_documented_limits(reviewer_client: APIClient) -> None:
    article = ArticleFactory()
    base = {"article": article.pk, "start": 0, "end": 12}
    response = reviewer_client.post(
        "/api/claims/", {**base, "rationale": "x" * (RATIONALE_MAX_CHARS + 1)}, format="json"
    )
    assert_json_4xx(response, naming="rationale")
    response = reviewer_client.post(
        "/api/claims/", {**base, "statement": "x" * (STATEMENT_MAX_CHARS + 1)}, format="json"
    )
    assert_json_4xx(response, naming="statement")
    response = reviewer_client.post(
        "/api/claims/", {**base, "rationale": "x" * RATIONALE_MAX_CHARS}, format="json"
    )
    assert response.status_code == 201, response.content[:300]
    claim = response.json()
    response = reviewer_client.patch(
        f"/api/claims/{claim['id']}/",
        {"version": claim["version"], "rationale": "y" * 2_000_000},
        format="json",
    )
    assert_json_4xx(response, naming="rationale")


def test_comments_have_a_limit(reviewer_client: APIClient) -> None:
    claim = ClaimFactory()
    response = reviewer_client.post(
        f"/api/claims/{claim.pk}/comments/", {"body": "x" * 2_000_000}, format="json"
    )
    assert_json_4xx(response, naming="body")


@pytest.mark.parametrize("colour", ["red", "#12345g", "#1234567", "#fff", "#aabbc\n", "</style>"])
def test_verdict_colour_is_rrggbb(admin_client_api: APIClient, colour: str) -> None:
    body = {"name": "Odd", "slug": "odd", "order": 99, "colour": colour}
    response = admin_client_api.post("/api/verdict-labels/", body, format="json")
    assert_json_4xx(response, naming="colour")


def test_a_good_colour_is_kept(admin_client_api: APIClient) -> None:
    body = {"name": "Odd", "slug": "odd", "order": 99, "colour": "#A0b1C2"}
    response = admin_client_api.post("/api/verdict-labels/", body, format="json")
    assert response.status_code == 201, response.content
    assert response.json()["colour"] == "#A0b1C2"


def test_patch_sanitises_title_and_outlet(reviewer_client: APIClient) -> None:
    article = ArticleFactory()
    response = reviewer_client.patch(
        f"/api/articles/{article.pk}/",
        {
            "title": "<b>Budget</b> <script>alert(1)</script>vote",
            "outlet": "<img src=x onerror=alert(1)>Daily &amp; Co",
            "author": "<i>Ann</i>",
        },
        format="json",
    )
    assert response.status_code == 200, response.content
    article.refresh_from_db()
    assert (article.title, article.outlet, article.author) == ("Budget vote", "Daily & Co", "Ann")


def test_patch_refuses_a_title_that_is_only_markup(reviewer_client: APIClient) -> None:
    article = ArticleFactory()
    response = reviewer_client.patch(
        f"/api/articles/{article.pk}/", {"title": "<script>x</script>"}, format="json"
    )
    assert_json_4xx(response, naming="title")
