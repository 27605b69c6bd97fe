"""Shared fixtures: users per role, API clients, the real services (PostgreSQL, Redis).

In CI (CI set) a missing service is a failure, never a skip."""

from __future__ import annotations

import os
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from django.contrib.auth.models import Group
from rest_framework.test import APIClient

from factcheck.core.services_probe import answers

REPO = Path(__file__).resolve().parent.parent
SHARED = REPO.parent / "shared"
IN_CI = bool(os.environ.get("CI"))


def require(condition: bool, reason: str) -> None:
    """Fail in CI, skip elsewhere, when a service or file the test needs is missing."""
    if condition:
        return
    if IN_CI:
        pytest.fail(f"{reason} (CI must have it)")
    pytest.skip(reason)


def shared_path(*parts: str) -> Path:
    path = SHARED.joinpath(*parts)
    require(path.exists(), f"../shared/{'/'.join(parts)} is not beside the checkout")
    return path


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


@pytest.fixture
def redis_url() -> str:
    from django.conf import settings

    require(settings.BROKER_KIND == "redis", "Redis is not configured (REDIS_URL)")
    require(answers("127.0.0.1", 6379), "Redis is not answering on 127.0.0.1:6379")
    return str(settings.CELERY_BROKER_URL)


@pytest.fixture
def make_user(db: None) -> Callable[..., object]:
    from factcheck.accounts.models import User

    def make(role: str | None = "reviewer", username: str | None = None) -> User:
        name = username or f"{role or 'norole'}-{User.objects.count() + 1}"
        user = User.objects.create_user(username=name, password="pw-for-tests-123")
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
