"""Shared fixtures: users per role, API clients, the real services (PostgreSQL, Redis).

In CI (CI set) a missing service is a failure, never a skip.

Under pytest-xdist (`make test` runs `pytest -n N`) each worker has its own PostgreSQL
database (pytest-django's test_<name>_gwN), its own Redis database number (REDIS_URL's
plus the worker's index), its own var/ directory (var/xdist/gwN) and its own copy of every
port range (tests.integration.processes.free_ports); the processes the tests start inherit
all four."""

from __future__ import annotations

import functools
import os
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit, urlunsplit

import pytest
from django.contrib.auth.models import Group
from rest_framework.test import APIClient

from factcheck.core.services_probe import answers

REPO = Path(__file__).resolve().parent.parent
SHARED = REPO.parent / "shared"
IN_CI = bool(os.environ.get("CI"))
# The browser tests (marker e2e): "required" (`make test`) fails them when Chromium or the
# built frontend is missing; "skip" leaves them out of the run; unset, they skip when
# Chromium is missing (and fail in CI).
BROWSER_TESTS = os.environ.get("FACTCHECK_BROWSER_TESTS", "").strip().lower()
if BROWSER_TESTS not in ("", "required", "skip"):
    raise pytest.UsageError(
        f"FACTCHECK_BROWSER_TESTS={BROWSER_TESTS!r}: use 'required', 'skip' or leave it unset"
    )


def require(condition: bool, reason: str, strict: bool = False) -> None:
    """Fail in CI (or when `strict`), skip elsewhere, when a service or file the test needs
    is missing."""
    if condition:
        return
    if IN_CI:
        pytest.fail(f"{reason} (CI must have it)")
    if strict:
        pytest.fail(reason)
    pytest.skip(reason)


def shared_path(*parts: str) -> Path:
    path = SHARED.joinpath(*parts)
    require(path.exists(), f"../shared/{'/'.join(parts)} is not beside the checkout")
    return path


def worker_redis_url(url: str, index: int) -> str:
    """REDIS_URL with its database number moved up by `index` (Redis has 16: 0-15)."""
    parts = urlsplit(url)
    db = int(parts.path.strip("/") or 0) + index
    if db > 15:
        raise pytest.UsageError(f"xdist worker {index} would need Redis database {db} (> 15)")
    return urlunsplit(parts._replace(path=f"/{db}"))


def pytest_configure(config: pytest.Config) -> None:
    """Give this xdist worker its own Redis database. Django's settings are loaded by now
    (pytest-django), so they are changed in place; os.environ carries it to the processes
    the tests start (child_env), whose own settings read it. (Its own var/ directory comes
    from factcheck/settings.py, which sees PYTEST_XDIST_WORKER, as those processes do.)"""
    from django.conf import settings

    from tests.integration.processes import xdist_index

    if not os.environ.get("PYTEST_XDIST_WORKER"):
        return
    if settings.BROKER_KIND == "redis":
        url = worker_redis_url(str(settings.REDIS_URL), xdist_index())
        os.environ["REDIS_URL"] = settings.REDIS_URL = settings.CELERY_BROKER_URL = url
        from factcheck.celery import app

        app.conf.broker_url = url


# A test using one of these fixtures drives a browser / starts a real worker process: it
# gets the marker even if its file forgot it, so `make test-fast` (-m "not e2e and not
# integration") never runs one.
BROWSER_FIXTURES = frozenset({"page", "context", "browser", "app_url"})
WORKER_FIXTURES = frozenset({"tagging_worker", "redis_server_binary"})


@pytest.hookimpl(tryfirst=True)  # before -m deselects by marker
def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    for item in items:
        fixtures = set(getattr(item, "fixturenames", ()))
        if fixtures & BROWSER_FIXTURES and not item.get_closest_marker("e2e"):
            item.add_marker(pytest.mark.e2e)
        if fixtures & WORKER_FIXTURES and not item.get_closest_marker("integration"):
            item.add_marker(pytest.mark.integration)
    if BROWSER_TESTS != "skip":
        return
    browser = [item for item in items if item.get_closest_marker("e2e")]
    if browser:
        config.hook.pytest_deselected(items=browser)
        items[:] = [item for item in items if not item.get_closest_marker("e2e")]


def pytest_terminal_summary(terminalreporter: Any) -> None:
    if BROWSER_TESTS == "skip":
        terminalreporter.write_line(
            "Browser tests were left out (FACTCHECK_BROWSER_TESTS=skip).", yellow=True
        )


def pytest_sessionstart(session: pytest.Session) -> None:
    from django.conf import settings

    if IN_CI and settings.DATABASES["default"]["ENGINE"] != "django.db.backends.postgresql":
        pytest.exit("CI must run against PostgreSQL: set DATABASE_URL", returncode=3)


@pytest.fixture(autouse=True)
def _reference_data(request: pytest.FixtureRequest) -> None:
    """Transactional tests (browser, worker) flush every table after each test, including
    the groups and the verdict scale that migrations create; put them back first."""
    marker = request.node.get_closest_marker("django_db")
    transactional = bool(marker and marker.kwargs.get("transaction"))
    if transactional or {"transactional_db", "live_server"} & set(request.fixturenames):
        request.getfixturevalue("transactional_db")
        from factcheck.core.reference_data import ensure_reference_data

        ensure_reference_data()


def _closed_pool(pool: Any) -> bool:
    """A kombu connection pool, or a producer pool over one, that force_close_all() shut."""
    return bool(
        getattr(pool, "_closed", False)
        or getattr(getattr(pool, "connections", None), "_closed", False)
    )


@pytest.fixture(autouse=True)
def _celery_pools_usable() -> Iterator[None]:
    """Tests that point the Celery app at another broker for a while (a frozen one, a closed
    port) shut pools with force_close_all(). Kombu keeps its pools in process-wide
    registries keyed by broker, and Celery caches them on the app: a shut pool, or one for
    the other broker, would then take every later publish in this process ("Acquire on
    closed pool", or a dead port) and a later test's worker would wait for tasks that never
    come. After each test, forget the shut pools, so the next publish opens fresh ones."""
    yield
    from kombu import pools

    from factcheck.celery import app

    for group in (pools.producers, pools.connections):
        for key in [key for key, pool in group.items() if _closed_pool(pool)]:
            dict.__delitem__(group, key)  # the registry's own keys (EqualityDict)
    if app._pool is not None and _closed_pool(app._pool):
        app._pool = None
    if app.amqp._producer_pool is not None and _closed_pool(app.amqp._producer_pool):
        app.amqp._producer_pool = None


@pytest.fixture
def redis_url() -> str:
    from django.conf import settings

    require(settings.BROKER_KIND == "redis", "Redis is not configured (REDIS_URL)")
    require(answers("127.0.0.1", 6379), "Redis is not answering on 127.0.0.1:6379")
    return str(settings.CELERY_BROKER_URL)


TEST_PASSWORD = "pw-for-tests-123"


def password_hash(raw: str) -> str:
    """make_password(raw), computed once per password and hasher list: PBKDF2 costs ~0.2 s
    of CPU per call, and the suite makes hundreds of users. A real hash (not a fast test
    hasher), so a web or worker process the test starts can still check it."""
    from django.conf import settings

    return _password_hash(raw, tuple(settings.PASSWORD_HASHERS))


@functools.cache
def _password_hash(raw: str, hashers: tuple[str, ...]) -> str:
    from django.contrib.auth.hashers import make_password

    return make_password(raw)


@pytest.fixture
def make_user(db: None) -> Callable[..., object]:
    from factcheck.accounts.models import User

    def make(role: str | None = "reviewer", username: str | None = None) -> User:
        name = username or f"{role or 'norole'}-{User.objects.count() + 1}"
        # create_user(), with the password hashed once per session rather than per user.
        user = User(username=User.normalize_username(name))
        user.password = password_hash(TEST_PASSWORD)
        user.save()
        if role:
            # get_or_create: transactional tests flush the groups the migration made.
            user.groups.add(Group.objects.get_or_create(name=role)[0])
        return user

    return make


@pytest.fixture
def client_for(make_user: Callable[..., object]) -> Callable[[str | None], APIClient]:
    """An API client logged in with the given role (None: anonymous)."""

    def make(role: str | None) -> APIClient:
        client = APIClient()
        if role is not None:
            client.force_authenticate(make_user(role))  # type: ignore[arg-type]
        return client

    return make


@pytest.fixture
def reviewer_client(client_for: Callable[[str | None], APIClient]) -> APIClient:
    return client_for("reviewer")


@pytest.fixture
def editor_client(client_for: Callable[[str | None], APIClient]) -> APIClient:
    return client_for("editor")


@pytest.fixture
def admin_client_api(client_for: Callable[[str | None], APIClient]) -> APIClient:
    return client_for("admin")


@pytest.fixture
def tagging_worker(transactional_db: None, redis_url: str, tmp_path: Path) -> Iterator[Any]:
    """A REAL `celery -A factcheck worker` process (prefork, concurrency 1) that tags
    articles: it runs on the test database (DATABASE_URL=test_<name>, or the SQLite test
    file) and the test's Redis (REDIS_URL), so it sees what the test commits; hence the
    fixture implies `transactional_db`. Needs Redis: fails in CI, skips elsewhere.

    Yields a tests.integration.processes.CeleryWorker: `.log()` its output,
    `.kill_pool_child()` / `.kill()` (SIGKILL of the pool process / the whole worker),
    `.start()` again after a kill. Stopped (SIGTERM, then SIGKILL) after the test.
    For another setup (beat, more processes, a short visibility timeout) build a
    CeleryWorker(tmp_path / "worker.log", concurrency=2, beat=True, **env) yourself."""
    from tests.integration.processes import CeleryWorker

    worker = CeleryWorker(tmp_path / "worker.log")
    worker.start()
    try:
        yield worker
    finally:
        worker.stop()
