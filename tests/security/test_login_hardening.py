"""No way around the login (issue 13, item 3): login CSRF, throttles by client and by
username on the API and on /admin/login/ (counted together), X-Forwarded-For believed
only from trusted proxies, the API schema for signed-in users when so configured."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import Any

import pytest
from django.core.cache import cache
from django.test import Client
from rest_framework.test import APIClient

pytestmark = pytest.mark.django_db

URL = "/api/auth/login/"
ADMIN_URL = "/admin/login/"
PASSWORD = "pw-for-tests-123"
TOKEN = "s3cr3t" * 5 + "ab"  # a CSRF secret of CSRF's alphabet and length


@pytest.fixture(autouse=True)
def clean_cache() -> Iterator[None]:
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def alice(make_user: Callable[..., Any], settings: Any) -> Any:
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    user = make_user("admin", username="alice")
    user.is_staff = True
    user.save()
    return user


def login(client: APIClient, password: str = "wrong", username: str = "alice", **extra: Any) -> Any:
    return client.post(URL, {"username": username, "password": password}, format="json", **extra)


# --- CSRF


def test_login_without_the_csrf_token_is_refused(alice: Any) -> None:
    """A cross-site form POST (no token) must not log anyone in (login CSRF)."""
    browser = APIClient(enforce_csrf_checks=True)
    response = login(browser, PASSWORD)
    assert response.status_code == 403, response.content
    assert "CSRF" in response.json()["detail"]
    # A form post, as a cross-site <form> would send it.
    form = Client(enforce_csrf_checks=True).post(URL, {"username": "alice", "password": PASSWORD})
    assert form.status_code == 403
    assert browser.get("/api/me/").status_code in (401, 403)  # nobody is signed in


def test_login_with_the_csrf_token_works(alice: Any) -> None:
    browser = APIClient(enforce_csrf_checks=True)
    assert browser.get("/login").status_code == 200  # the SPA page sets the cookie
    token = browser.cookies["csrftoken"].value
    response = login(browser, PASSWORD, HTTP_X_CSRFTOKEN=token)
    assert response.status_code == 200, response.content
    assert browser.get("/api/me/").json()["username"] == "alice"


# --- throttles


def test_the_admin_login_is_throttled(alice: Any, settings: Any) -> None:
    settings.REST_FRAMEWORK = {
        **settings.REST_FRAMEWORK,
        "DEFAULT_THROTTLE_RATES": {"login": "5/min", "login_username": "100/hour"},
    }
    _reload_rates()
    browser = Client(REMOTE_ADDR="203.0.113.7")
    for _ in range(5):
        response = browser.post(ADMIN_URL, {"username": "alice", "password": "wrong"})
        assert response.status_code == 200  # the form again, with an error
    response = browser.post(ADMIN_URL, {"username": "alice", "password": PASSWORD})
    assert response.status_code == 429, response.status_code
    assert int(response["Retry-After"]) > 0
    # Another client is not blocked, and the right password still works there.
    other = Client(REMOTE_ADDR="198.51.100.9")
    assert other.post(ADMIN_URL, {"username": "alice", "password": PASSWORD}).status_code == 302


def test_the_admin_login_page_still_renders(client: Client) -> None:
    response = client.get(ADMIN_URL)
    assert response.status_code == 200 and b"password" in response.content


def test_failures_per_username_are_counted_across_clients_and_both_logins(
    alice: Any, settings: Any
) -> None:
    settings.REST_FRAMEWORK = {
        **settings.REST_FRAMEWORK,
        "DEFAULT_THROTTLE_RATES": {"login": "100/min", "login_username": "6/hour"},
    }
    _reload_rates()
    for n in range(3):  # a new address every time: the per-client count never fills
        assert login(APIClient(REMOTE_ADDR=f"203.0.113.{n}")).status_code == 400
    for n in range(3):
        Client(REMOTE_ADDR=f"198.51.100.{n}").post(
            ADMIN_URL, {"username": "ALICE", "password": "wrong"}
        )
    response = login(APIClient(REMOTE_ADDR="192.0.2.1"), PASSWORD)
    assert response.status_code == 429, response.content
    assert int(response["Retry-After"]) > 0
    admin = Client(REMOTE_ADDR="192.0.2.2").post(
        ADMIN_URL, {"username": "alice", "password": PASSWORD}
    )
    assert admin.status_code == 429
    # Another account is not affected.
    assert login(APIClient(REMOTE_ADDR="192.0.2.3"), username="bob").status_code == 400


def test_successful_logins_do_not_count_against_the_username(alice: Any, settings: Any) -> None:
    settings.REST_FRAMEWORK = {
        **settings.REST_FRAMEWORK,
        "DEFAULT_THROTTLE_RATES": {"login": "100/min", "login_username": "2/hour"},
    }
    _reload_rates()
    for n in range(5):
        assert login(APIClient(REMOTE_ADDR=f"203.0.113.{n}"), PASSWORD).status_code == 200


def _reload_rates() -> None:
    # DRF reads THROTTLE_RATES once into the class; the override must reach it.
    from rest_framework.settings import api_settings
    from rest_framework.throttling import SimpleRateThrottle

    api_settings.reload()
    SimpleRateThrottle.THROTTLE_RATES = api_settings.DEFAULT_THROTTLE_RATES


@pytest.fixture(autouse=True)
def _restore_rates() -> Iterator[None]:
    yield
    _reload_rates()


# --- X-Forwarded-For


def test_forwarded_for_from_a_stranger_is_ignored(alice: Any, settings: Any) -> None:
    """gunicorn reached directly (a public REMOTE_ADDR): a new X-Forwarded-For per request
    buys no new attempts."""
    settings.FACTCHECK_NUM_PROXIES = 1
    settings.REST_FRAMEWORK = {
        **settings.REST_FRAMEWORK,
        "DEFAULT_THROTTLE_RATES": {"login": "3/min", "login_username": "100/hour"},
    }
    _reload_rates()
    for n in range(3):
        client = APIClient(REMOTE_ADDR="203.0.113.7", HTTP_X_FORWARDED_FOR=f"10.9.8.{n}")
        assert login(client).status_code == 400
    client = APIClient(REMOTE_ADDR="203.0.113.7", HTTP_X_FORWARDED_FOR="10.9.8.200")
    assert login(client).status_code == 429


def test_forwarded_for_from_the_proxy_names_the_client(alice: Any, settings: Any) -> None:
    settings.FACTCHECK_NUM_PROXIES = 1
    settings.REST_FRAMEWORK = {
        **settings.REST_FRAMEWORK,
        "DEFAULT_THROTTLE_RATES": {"login": "3/min", "login_username": "100/hour"},
    }
    _reload_rates()

    def via_proxy(forwarded: str) -> APIClient:
        return APIClient(REMOTE_ADDR="127.0.0.1", HTTP_X_FORWARDED_FOR=forwarded)

    for _ in range(3):
        # A client may prepend anything; the proxy appends the address it saw.
        assert login(via_proxy("1.2.3.4, 203.0.113.7")).status_code == 400
    assert login(via_proxy("5.6.7.8, 203.0.113.7")).status_code == 429
    assert login(via_proxy("198.51.100.9"), PASSWORD).status_code == 200


def test_client_ip_rules(settings: Any, rf: Any) -> None:
    from factcheck.core.clientip import client_ip

    settings.FACTCHECK_NUM_PROXIES = 0
    request = rf.get("/", REMOTE_ADDR="127.0.0.1", HTTP_X_FORWARDED_FOR="9.9.9.9")
    assert client_ip(request) == "127.0.0.1"
    settings.FACTCHECK_NUM_PROXIES = 2
    request = rf.get("/", REMOTE_ADDR="10.0.0.2", HTTP_X_FORWARDED_FOR="6.6.6.6, 9.9.9.9, 10.0.0.1")
    assert client_ip(request) == "9.9.9.9"
    request = rf.get("/", REMOTE_ADDR="10.0.0.2", HTTP_X_FORWARDED_FOR="not-an-address, 10.0.0.1")
    assert client_ip(request) == "10.0.0.2"
    request = rf.get("/", REMOTE_ADDR="8.8.8.8", HTTP_X_FORWARDED_FOR="9.9.9.9, 10.0.0.1")
    assert client_ip(request) == "8.8.8.8"


# --- the API schema


def test_schema_and_docs_for_signed_in_users_when_configured(
    settings: Any, reviewer_client: APIClient
) -> None:
    settings.FACTCHECK_API_DOCS_PUBLIC = False
    anonymous = APIClient()
    for url in ("/api/schema/", "/api/docs/"):
        response = anonymous.get(url)
        assert response.status_code in (401, 403), (url, response.status_code)
        assert reviewer_client.get(url).status_code == 200, url
    settings.FACTCHECK_API_DOCS_PUBLIC = True
    assert anonymous.get("/api/schema/").status_code == 200
