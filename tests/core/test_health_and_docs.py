from __future__ import annotations

import pytest
from django.test import Client


@pytest.mark.django_db
def test_ready_reports_database_and_broker(client: Client, redis_url: str) -> None:
    response = client.get("/health/ready")
    assert response.status_code == 200, response.content
    body = response.json()
    assert body["checks"]["database"]["ok"] is True
    assert body["checks"]["broker"]["ok"] is True


@pytest.mark.django_db
def test_ready_answers_503_when_the_broker_is_down(client: Client, settings: object) -> None:
    from factcheck.celery import app

    previous = app.conf.broker_url
    app.conf.broker_url = "redis://127.0.0.1:1/0"  # nothing listens on port 1
    try:
        response = client.get("/health/ready")
    finally:
        app.conf.broker_url = previous
    assert response.status_code == 503
    assert response.json()["checks"]["broker"]["ok"] is False


def test_live_needs_nothing(client: Client) -> None:
    assert client.get("/health/live").json() == {"status": "ok"}


@pytest.mark.django_db
def test_openapi_schema_and_docs_render(client: Client) -> None:
    schema = client.get("/api/schema/")
    assert schema.status_code == 200
    assert b"/api/articles/" in schema.content
    docs = client.get("/api/docs/")
    assert docs.status_code == 200
    assert b"swagger-ui" in docs.content.lower()
    # The docs page loads its script from our own static files (CSP: no inline script).
    assert b"<script>" not in docs.content


@pytest.mark.django_db
def test_pages_carry_a_strict_content_security_policy(client: Client) -> None:
    response = client.get("/")
    policy = response["Content-Security-Policy"]
    assert "script-src 'self'" in policy
    assert "unsafe-inline" not in policy.split("script-src", 1)[1].split(";", 1)[0]


def test_the_app_page_carries_its_icon_inline(client: Client) -> None:
    """No /favicon.ico request per navigation (it would reach Django as a 404); the CSP
    allows data: images."""
    page = client.get("/").content.decode()
    assert '<link rel="icon" href="data:image/svg+xml,' in page
