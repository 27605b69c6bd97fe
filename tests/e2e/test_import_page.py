"""The Import page in real Chromium: paste a news page (cruft cleaned, byline → author)
and land in the workspace; fetch a URL from a local server; upload a file; run a bulk
CSV with a real Celery worker and watch the progress bar and the row errors."""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import Page, expect

from factcheck.articles.models import Article
from tests.conftest import shared_path
from tests.security.local_http import local_server

pytestmark = pytest.mark.e2e
WORKSPACE = re.compile(r"/articles/\d+$")


def open_import(page: Page, login: Callable[..., Any]) -> None:
    login(page, "reviewer")
    page.get_by_role("navigation", name="Main").get_by_role("link", name="Import").click()
    expect(page.get_by_role("heading", level=1, name="Import")).to_be_visible()


def test_paste_a_news_page_and_land_in_the_workspace(
    page: Page, login: Callable[..., Any], screenshot: Callable[..., Any]
) -> None:
    open_import(page, login)
    raw = shared_path("corpus", "trump-xi-trade-call.txt").read_text(encoding="utf-8")
    page.get_by_label("Title").fill("Trump and Xi agree to restart trade talks")
    page.get_by_label("Outlet").fill("The Wire")
    page.get_by_label("Published").fill("2025-06-05")
    page.get_by_label("Article text").fill(raw)
    screenshot(page, "import-paste")
    page.get_by_role("button", name="Import", exact=True).click()
    expect(page).to_have_url(WORKSPACE)
    expect(page.get_by_role("heading", level=1, name="Trump and Xi agree")).to_be_visible()
    expect(page.get_by_text("Russ Spencer").first).to_be_visible()
    article = Article.objects.get()
    assert article.author == "Russ Spencer" and "Trinity Audio" not in article.text
    assert page.url.endswith(f"/articles/{article.pk}")


def test_empty_paste_names_the_problem(page: Page, login: Callable[..., Any]) -> None:
    open_import(page, login)
    page.get_by_label("Article text").fill("   ")
    page.get_by_role("button", name="Import", exact=True).click()
    expect(page.get_by_role("alert")).to_contain_text("text")
    assert Article.objects.count() == 0


def test_import_from_a_url(page: Page, login: Callable[..., Any], settings: Any) -> None:
    settings.FACTCHECK_URL_FETCH_ALLOW_LOOPBACK = True
    open_import(page, login)
    page.get_by_role("tab", name="From a URL").click()
    with local_server() as server:
        page.get_by_role("textbox", name="URL", exact=True).fill(server.base + "/article")
        page.get_by_role("button", name="Import", exact=True).click()
        expect(page).to_have_url(WORKSPACE)
    expect(page.get_by_role("heading", level=1, name="Council approves budget")).to_be_visible()
    expect(page.get_by_text("Jane Roe").first).to_be_visible()


def test_upload_a_file(page: Page, login: Callable[..., Any], tmp_path: Path) -> None:
    path = tmp_path / "story.md"
    path.write_text("# Budget passes\n\nThe council voted 7 to 2 for the budget.", "utf-8")
    open_import(page, login)
    page.get_by_role("tab", name="Upload a file").click()
    page.get_by_label("File (.html, .htm, .txt, .md)").set_input_files(str(path))
    page.get_by_role("button", name="Import", exact=True).click()
    expect(page).to_have_url(WORKSPACE)
    expect(page.get_by_role("heading", level=1, name="Budget passes")).to_be_visible()


@pytest.mark.integration
def test_bulk_csv_with_progress_and_row_errors(
    page: Page,
    login: Callable[..., Any],
    tagging_worker: Any,
    tmp_path: Path,
    screenshot: Callable[..., Any],
) -> None:
    source = shared_path("corpus", "wikinews", "wikinews_2019.csv")
    csv.field_size_limit(1 << 24)
    with source.open(encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))[:40]
    rows[4]["text"] = "   "  # row 5: empty
    rows[9]["date"] = "not a date"  # row 10
    out = io.StringIO()
    writer = csv.DictWriter(out, ["url", "date", "title", "text"])
    writer.writeheader()
    writer.writerows(rows)
    path = tmp_path / "wikinews-sample.csv"
    path.write_text(out.getvalue(), "utf-8")

    open_import(page, login)
    page.get_by_role("tab", name="Bulk (CSV / JSONL)").click()
    page.get_by_label("File (.csv or .jsonl)").set_input_files(str(path))
    page.get_by_role("button", name="Start import").click()
    progress = page.get_by_role("progressbar", name="Rows imported")
    expect(progress).to_be_visible()
    expect(page.get_by_text("40 of 40 rows")).to_be_visible(timeout=60_000)
    expect(page.get_by_text("38 imported")).to_be_visible()
    errors = page.get_by_role("table", name="Rows not imported")
    expect(errors.get_by_role("row")).to_have_count(3)  # header + 2
    expect(errors).to_contain_text("not a date")
    assert progress.get_attribute("value") == "40"
    # Then the pre-tagging of the imported articles, followed to the end.
    expect(page.get_by_text("38 of 38 articles tagged")).to_be_visible(timeout=60_000)
    tagged = page.get_by_role("progressbar", name="Articles tagged")
    assert (tagged.get_attribute("value"), tagged.get_attribute("max")) == ("38", "38")
    screenshot(page, "import-bulk")
    assert Article.objects.count() == 38
