"""Login throttling: ScopedRateThrottle, scope "login", rate FACTCHECK_LOGIN_RATE.

The throttle counts in the default cache, keyed per client (the user when logged in,
else the client's address). Each test starts and ends with an empty cache, so no test
inherits another's count."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import Any

import pytest
from django.conf import settings
from django.core.cache import cache
from rest_framework.test import APIClient
from rest_framework.throttling import ScopedRateThrottle

pytestmark = pytest.mark.django_db

URL = "/api/auth/login/"


@pytest.fixture(autouse=True)
def clean_cache() -> Iterator[None]:
    cache.clear()
    yield
    cache.clear()


def allowed() -> int:
    """Requests allowed per window, from the configured rate (e.g. "10/min")."""
    rate = settings.REST_FRAMEWORK["DEFAULT_THROTTLE_RATES"]["login"]
    count, _ = ScopedRateThrottle().parse_rate(rate)
    assert count is not None
    return count


def client_at(address: str) -> APIClient:
    return APIClient(REMOTE_ADDR=address)


def attempt(client: APIClient, password: str = "wrong-password") -> Any:
    return client.post(URL, {"username": "alice", "password": password}, format="json")


@pytest.fixture
def alice(make_user: Callable[..., Any], settings: Any) -> Any:
    # A fast hasher: each refused login would otherwise cost a PBKDF2 run.
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    return make_user("reviewer", username="alice")


def test_rate_comes_from_the_environment_setting() -> None:
    import os

    assert settings.REST_FRAMEWORK["DEFAULT_THROTTLE_RATES"]["login"] == os.environ.get(
        "FACTCHECK_LOGIN_RATE", "10/min"
    )
    assert 1 <= allowed() <= 100


def test_too_many_logins_answer_429(alice: Any) -> None:
    client = client_at("203.0.113.7")
    for _ in range(allowed()):
        assert attempt(client).status_code == 400
    response = attempt(client)
    assert response.status_code == 429, response.content
    assert "throttled" in response.json()["detail"].lower()
    assert int(response["Retry-After"]) > 0
    # Even the right password is refused until the window passes: no guessing through.
    assert attempt(client, "pw-for-tests-123").status_code == 429


def test_the_limit_is_per_client(alice: Any) -> None:
    noisy, quiet = client_at("203.0.113.7"), client_at("198.51.100.9")
    for _ in range(allowed()):
        attempt(noisy)
    assert attempt(noisy).status_code == 429
    response = attempt(quiet, "pw-for-tests-123")
    assert response.status_code == 200, response.content
    assert response.json()["username"] == "alice"


def test_no_state_leaks_between_tests(alice: Any) -> None:
    # Runs after the tests above filled the bucket of 203.0.113.7: it starts empty.
    assert attempt(client_at("203.0.113.7"), "pw-for-tests-123").status_code == 200


def test_other_endpoints_are_not_throttled(reviewer_client: APIClient) -> None:
    for _ in range(allowed() + 2):
        assert reviewer_client.get("/api/me/").status_code == 200
