"""PostgreSQL connections dropped under a running gunicorn: a request whose connection is
terminated mid-query answers a clear 503 JSON (not a 500, not a reset), and the very
next request works again on a fresh connection, without restarting anything
(CONN_HEALTH_CHECKS for connections dropped while idle, errors_occurred for those
dropped mid-request)."""

from __future__ import annotations

import json
import threading
import time
import urllib.error
import urllib.request
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import psycopg
import pytest
from django.conf import settings
from rest_framework.authtoken.models import Token

from tests.conftest import require
from tests.factories import ArticleFactory
from tests.integration.processes import children_of, free_ports, wait_until
from tests.scale.gunicorn import Gunicorn

pytestmark = [pytest.mark.integration, pytest.mark.django_db(transaction=True)]


def call(url: str, token: str, method: str = "GET", body: Any = None) -> tuple[int, Any]:
    request = urllib.request.Request(
        url,
        data=None if body is None else json.dumps(body).encode(),
        headers={"Authorization": f"Token {token}", "Content-Type": "application/json"},
        method=method,
    )
    try:
        with urllib.request.urlopen(request, timeout=30) as response:
            return response.status, json.loads(response.read() or b"null")
    except urllib.error.HTTPError as error:
        raw = error.read()
        try:
            return error.code, json.loads(raw)
        except ValueError:
            return error.code, raw.decode(errors="replace")


def admin_connection() -> psycopg.Connection[Any]:
    """A connection of our own to the test database, outside Django's."""
    db = settings.DATABASES["default"]
    return psycopg.connect(
        host=db["HOST"] or "127.0.0.1",
        port=db["PORT"] or 5432,
        user=db["USER"],
        password=db["PASSWORD"] or None,
        dbname=db["NAME"],
        autocommit=True,
    )


def web_backends(conn: psycopg.Connection[Any], app_name: str, waiting: bool = False) -> list[int]:
    sql = "SELECT pid FROM pg_stat_activity WHERE application_name = %s AND datname = %s"
    if waiting:
        sql += " AND wait_event_type = 'Lock'"
    return [row[0] for row in conn.execute(sql, (app_name, settings.DATABASES["default"]["NAME"]))]


def terminate(conn: psycopg.Connection[Any], pids: list[int]) -> None:
    for pid in pids:
        conn.execute("SELECT pg_terminate_backend(%s)", (pid,))


@pytest.fixture
def web(redis_url: str, tmp_path: Path) -> Iterator[Gunicorn]:
    require(
        settings.DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql",
        "the connection-drop tests need PostgreSQL (DATABASE_URL)",
    )
    # One worker, one thread: every request goes through the same persistent connection.
    server = Gunicorn(tmp_path / "gunicorn.log", free_ports(1)[0], redis_url, workers=1, threads=1)
    server.start()
    try:
        yield server
    finally:
        server.stop()


@pytest.fixture
def token(make_user: Callable[..., Any]) -> str:
    ArticleFactory()
    return str(Token.objects.create(user=make_user("reviewer")).key)


def test_connections_dropped_while_idle_are_replaced(web: Gunicorn, token: str) -> None:
    db = admin_connection()
    worker_pids = children_of(web.pid)
    for _ in range(3):
        status, body = call(f"{web.url}/api/articles/", token)
        assert status == 200, body
        pids = web_backends(db, web.app_name)
        assert pids, "the web worker keeps no persistent connection (CONN_MAX_AGE)"
        terminate(db, pids)
        wait_until(lambda: not web_backends(db, web.app_name), 10, "the backends to go")
    status, body = call(f"{web.url}/api/articles/", token)
    assert status == 200, body
    assert children_of(web.pid) == worker_pids, "a worker was restarted"


@pytest.mark.parametrize(
    ("method", "path", "body"),
    [
        ("GET", "/api/articles/", None),
        ("POST", "/api/articles/", {"title": "During the outage", "text": "Prices rose 4%."}),
    ],
)
def test_connection_dropped_mid_request_answers_503_then_recovers(
    web: Gunicorn, token: str, method: str, path: str, body: Any
) -> None:
    db = admin_connection()
    worker_pids = children_of(web.pid)
    assert call(f"{web.url}/api/articles/", token)[0] == 200  # a warm connection
    outcome: dict[str, Any] = {}

    def request() -> None:
        outcome["response"] = call(f"{web.url}{path}", token, method, body)

    # Hold the articles table so the request blocks inside its query, then drop the
    # connection it is waiting on: the query fails mid-request.
    locker = admin_connection()
    locker.autocommit = False
    locker.execute("LOCK TABLE articles_article IN ACCESS EXCLUSIVE MODE")
    thread = threading.Thread(target=request)
    started = time.monotonic()
    thread.start()
    try:
        wait_until(lambda: web_backends(db, web.app_name, waiting=True), 15, "a blocked query")
        terminate(db, web_backends(db, web.app_name, waiting=True))
        thread.join(30)
    finally:
        locker.rollback()
        locker.close()
    assert not thread.is_alive(), "the request never answered"
    status, answer = outcome["response"]
    assert status == 503, answer
    assert isinstance(answer, dict) and "database" in answer["detail"], answer
    assert time.monotonic() - started < 20
    # The next request gets a fresh connection from the same worker: no restart needed.
    status, answer = call(f"{web.url}/api/articles/", token)
    assert status == 200, answer
    titles = [row["title"] for row in answer["results"]]
    assert "During the outage" not in titles, "a request that failed left a row behind"
    assert children_of(web.pid) == worker_pids, "a worker was restarted"
