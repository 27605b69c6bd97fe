"""Articles imported from the XSS corpus, opened in real Chromium: no dialog opens, no
script error or console error appears, nothing rewrites the page. Every vector is in the
stored title, outlet, author and HTML of some article on the way."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from playwright.sync_api import ConsoleMessage, Dialog, Page, expect

from factcheck.articles.imports import from_paste
from factcheck.articles.models import Article
from factcheck.articles.services import create_article
from tests.security.inert import xss_vectors

pytestmark = pytest.mark.e2e
VECTORS = xss_vectors()


def hostile_articles() -> list[Article]:
    made = []
    everything = "".join(f"<p>Vector {i}:</p>{v}" for i, v in enumerate(VECTORS))
    article, _ = create_article(
        from_paste(html=everything, title="All vectors " + VECTORS[0], author=VECTORS[13]), None
    )
    made.append(article)
    for i, vector in enumerate(VECTORS):
        data = from_paste(
            html=f"<p>Report {i} on the council budget.</p>{vector}<p>End of report {i}.</p>",
            title=f"{vector} #{i}",
            outlet=vector,
            author=vector,
        )
        made.append(create_article(data, None)[0])
    return made


def test_nothing_in_the_corpus_runs_in_the_browser(
    page: Page, login: Callable[..., Any], app_url: str, screenshot: Callable[..., Any]
) -> None:
    articles = hostile_articles()
    dialogs: list[str] = []
    errors: list[str] = []

    def on_dialog(dialog: Dialog) -> None:
        dialogs.append(f"{dialog.type}: {dialog.message} at {page.url}")
        dialog.dismiss()

    def on_console(message: ConsoleMessage) -> None:
        if message.type == "error":
            errors.append(f"console: {message.text} at {page.url}")

    # Listen from after logging in: the login page's anonymous /api/me/ 403 is expected.
    login(page, "reviewer")
    page.on("dialog", on_dialog)
    page.on("console", on_console)
    page.on("pageerror", lambda error: errors.append(f"pageerror: {error} at {page.url}"))
    # Requests the page makes outside the app (a vector's src/href) are failures too.
    outside: list[str] = []
    page.on("request", lambda r: None if r.url.startswith(app_url) else outside.append(r.url))

    # The listeners are armed: a canary alert and console error are caught.
    page.evaluate("() => { alert('canary'); console.error('canary'); }")
    assert dialogs[-1].startswith("alert: canary") and errors[-1].startswith("console: canary")
    dialogs.clear()
    errors.clear()
    # The queue lists the hostile titles and outlets.
    for number in (1, 2, 3, 4, 5, 6):
        page.goto(f"{app_url}/?page={number}")
        expect(page.get_by_role("table")).to_be_visible()
    # Every article page, the all-in-one first.
    for article in articles:
        page.goto(f"{app_url}/articles/{article.pk}")
        expect(page.get_by_role("heading", level=1)).to_be_visible()
        expect(
            page.get_by_text("Report", exact=False).first.or_(page.get_by_text("Vector 0:")).first
        ).to_be_visible()
        assert page.title() != "pwned"
    screenshot(page, "xss-last-article")
    page.goto(f"{app_url}/articles/{articles[0].pk}")
    # (Vector 98 opens a <style> that never closes: the sanitiser drops everything after
    # it in this all-in-one article, which is why each vector also has its own article.)
    expect(page.get_by_text("Vector 97:", exact=False)).to_be_attached()
    page.wait_for_timeout(500)  # let any late handler (onload, animations) fire
    assert dialogs == []
    assert errors == []
    assert outside == []
