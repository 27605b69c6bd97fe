"""Browser tests: real headless Chromium (Debian's /usr/bin/chromium) driven by Playwright
against pytest-django's live server, which serves the built frontend.

Fixtures: `app_url` (the live server, frontend built), `login(page, role)` (logs in through
the login form and returns the user), `demo_article` (the demo data loaded), `screenshot`."""

from __future__ import annotations

import os
import shutil
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from django.conf import settings
from django.core.cache import cache
from playwright.sync_api import Page, expect

from tests.conftest import BROWSER_TESTS, password_hash, require

# Playwright's sync API runs an event loop in this thread; the ORM calls the tests make
# between browser steps are still synchronous and safe.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

# var/screenshots, not an xdist worker's own var/: kept for people to look at.
SCREENSHOTS = Path(os.environ.get("FACTCHECK_VAR_DIR") or settings.BASE_DIR / "var") / "screenshots"
PASSWORD = "e2e-password-123"


def _chromium() -> str:
    path = os.environ.get("CHROMIUM_PATH") or shutil.which("chromium") or "/usr/bin/chromium"
    require(
        Path(path).exists(),
        f"Chromium is not installed at {path} (apt-get install chromium)",
        strict=BROWSER_TESTS == "required",
    )
    return path


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args: dict[str, Any]) -> dict[str, Any]:
    return {
        **browser_type_launch_args,
        "executable_path": _chromium(),
        "args": [
            "--no-sandbox",
            "--disable-gpu",
            "--disable-quic",
            "--no-first-run",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
        ],
    }


def _other_transactions() -> int:
    """Connections to the test database, other than ours, inside a transaction or a query."""
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT count(*) FROM pg_stat_activity WHERE datname = current_database()"
            " AND pid <> pg_backend_pid() AND state <> 'idle'"
        )
        return int(cursor.fetchone()[0])


@pytest.fixture
def _requests_done_before_flush(transactional_db: None) -> Iterator[None]:
    """At teardown, after the page has closed and before the tables are flushed: wait for
    the live server to finish the requests the page sent last. A request still writing
    while TRUNCATE takes its locks is a deadlock (seen on a loaded machine)."""
    yield
    from django.db import connection

    if connection.vendor != "postgresql":
        return
    deadline = time.monotonic() + 15
    while _other_transactions() and time.monotonic() < deadline:
        time.sleep(0.05)


@pytest.fixture
def page(_requests_done_before_flush: None, page: Page) -> Page:
    """pytest-playwright's page, closed before the wait above (fixtures end in reverse)."""
    return page


@pytest.fixture
def app_url(live_server: Any, transactional_db: None) -> str:
    manifest = settings.FRONTEND_DIST / ".vite" / "manifest.json"
    require(
        manifest.exists(),
        "the frontend is not built (cd frontend && npm run build)",
        strict=BROWSER_TESTS == "required",
    )
    return str(live_server.url)


@pytest.fixture
def login(app_url: str, make_user: Callable[..., Any]) -> Callable[..., Any]:
    """Log a new user of `role` in through the login form; returns the user."""

    def do_login(page: Page, role: str = "reviewer", username: str | None = None) -> Any:
        # The login throttle counts per client address, and every browser test logs in from
        # 127.0.0.1: start each login with a fresh count (the live server shares this cache).
        cache.clear()
        user = make_user(role, username=username)
        user.password = password_hash(PASSWORD)  # set_password(), hashed once per session
        user.save()
        page.goto(app_url + "/")
        page.get_by_label("Username").fill(user.username)
        page.get_by_label("Password").fill(PASSWORD)
        page.get_by_role("button", name="Log in").click()
        expect(page.get_by_role("button", name="Log out")).to_be_visible()
        return user

    return do_login


@pytest.fixture
def demo_article(transactional_db: None) -> Any:
    from factcheck.core.demo_data import load_demo

    _, article = load_demo()
    return article


@pytest.fixture
def screenshot() -> Callable[[Page, str], Path]:
    """Save a full-page screenshot under var/screenshots/ (kept for people to look at)."""

    def take(page: Page, name: str) -> Path:
        SCREENSHOTS.mkdir(parents=True, exist_ok=True)
        path = SCREENSHOTS / f"{name}.png"
        page.screenshot(path=str(path), full_page=False)
        return path

    return take
