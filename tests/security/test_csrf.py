"""CSRF is enforced on every unsafe API operation for session (browser) users.

The test walks the OpenAPI schema, so an endpoint added later is covered without anyone
remembering to add it here: every POST/PUT/PATCH/DELETE, sent by a logged-in session
without the CSRF token, must answer 403 naming CSRF; the same request with the token must
get past the CSRF check (proving the token, not something else, made the difference)."""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

import pytest
from drf_spectacular.generators import SchemaGenerator
from rest_framework.test import APIClient

pytestmark = pytest.mark.django_db

UNSAFE = ("post", "put", "patch", "delete")


def unsafe_operations() -> list[tuple[str, str]]:
    schema = SchemaGenerator().get_schema(request=None, public=True)
    found = []
    for path, item in schema["paths"].items():
        for method in UNSAFE:
            if method in item:
                found.append((method, path))
    return sorted(found)


def concrete(path: str) -> str:
    # Any id will do: the CSRF check runs before the view looks anything up.
    return re.sub(r"\{[^}]+\}", "1", path)


OPERATIONS = unsafe_operations()


def test_the_walk_covers_the_api() -> None:
    paths = {path for _, path in OPERATIONS}
    assert len(OPERATIONS) >= 20, OPERATIONS
    for expected in ("/api/articles/", "/api/claims/{id}/", "/api/auth/logout/"):
        assert expected in paths, f"{expected} missing from the schema walk"


@pytest.fixture
def session_client(make_user: Callable[..., Any], settings: Any) -> APIClient:
    # A fast hasher: the password is never checked here, and PBKDF2 costs ~1 s per user.
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    client = APIClient(enforce_csrf_checks=True)
    client.force_login(make_user("admin"))  # admin: no role check answers 403 first
    return client


def csrf_token(client: APIClient) -> str:
    """Plant a CSRF cookie as the SPA's first page load does, and return the value the
    browser would echo in X-CSRFToken."""
    secret = "s3cr3t" * 5 + "ab"  # 32 characters from CSRF's alphabet
    client.cookies["csrftoken"] = secret
    return secret


@pytest.mark.parametrize(("method", "path"), OPERATIONS, ids=[f"{m} {p}" for m, p in OPERATIONS])
def test_unsafe_operation_needs_the_csrf_token(
    session_client: APIClient, method: str, path: str
) -> None:
    url = concrete(path)
    response = getattr(session_client, method)(url, {}, format="json")
    assert response.status_code == 403, (method, url, response.status_code, response.content)
    assert "CSRF" in response.json()["detail"], response.content

    token = csrf_token(session_client)
    response = getattr(session_client, method)(url, {}, format="json", HTTP_X_CSRFTOKEN=token)
    body = response.content.decode(errors="replace")
    assert not (response.status_code == 403 and "CSRF" in body), (method, url, body)


def test_token_clients_need_no_csrf_token(make_user: Callable[..., Any]) -> None:
    from rest_framework.authtoken.models import Token

    client = APIClient(enforce_csrf_checks=True)
    token = Token.objects.create(user=make_user("reviewer"))
    client.credentials(HTTP_AUTHORIZATION=f"Token {token.key}")
    response = client.post("/api/articles/", {"title": "T", "text": "Prices rose 4%."}, "json")
    assert response.status_code == 201, response.content
