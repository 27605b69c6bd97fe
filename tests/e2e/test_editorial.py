"""The editorial round trip in real Chromium: an editor returns a claim with a comment, the
reviewer fixes it and resubmits, the editor approves and publishes, then exports the PDF
report and the ClaimReview file from the export page."""

from __future__ import annotations

import json
import shutil
import subprocess
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import Browser, Page, expect

from factcheck.claims import workflow
from factcheck.claims.models import Claim, Comment
from factcheck.claims.services import add_citation, create_claim
from factcheck.reports.exporters.claimreview import google_problems
from factcheck.sources.models import Source
from tests.conftest import REPO, require
from tests.factories import verdict, verified_capture

pytestmark = pytest.mark.e2e

STATEMENT = "Trump and Xi held a 90-minute phone call on Thursday."


def submitted_claim(article: Any, reviewer: Any) -> Claim:
    start = article.text.index("held a 90-minute phone call")
    claim = create_claim(
        article,
        start,
        start + len("held a 90-minute phone call"),
        reviewer,
        statement=STATEMENT,
        claimant="CNBC",
        verdict=verdict("true"),
        rationale="The White House readout confirms the call.",
    )
    source = Source.objects.filter(status="approved").first() or Source.objects.create(
        name="White House", domain="whitehouse.gov"
    )
    citation = add_citation(
        claim.pk,
        reviewer,
        source=source,
        url="https://www.whitehouse.gov/briefings/call",
        excerpt="The two presidents spoke for about 90 minutes.",
        stance="supports",
    )
    verified_capture(citation)  # capture itself: tests/e2e/test_evidence.py
    claim.refresh_from_db()
    return workflow.transition(claim.pk, "submit", reviewer, claim.version)


def test_return_fix_resubmit_approve_publish_export(
    page: Page,
    browser: Browser,
    app_url: str,
    login: Callable[..., Any],
    demo_article: Any,
    screenshot: Callable[..., Any],
    tmp_path: Path,
    request: pytest.FixtureRequest,
) -> None:
    editor_page = page
    reviewer_context = browser.new_context()
    # Closed after the test: left open, its workspace would poll on into later tests.
    request.addfinalizer(reviewer_context.close)
    reviewer_page = reviewer_context.new_page()
    reviewer = login(reviewer_page, "reviewer")
    login(editor_page, "editor")
    claim = submitted_claim(demo_article, reviewer)

    # The editor returns it from the queue with a comment (r, type, Ctrl+Enter).
    editor_page.goto(app_url + "/review")
    row = editor_page.get_by_role("row").filter(has_text=STATEMENT)
    expect(row).to_be_visible()
    row.click()
    editor_page.keyboard.press("r")
    editor_page.get_by_label("What needs fixing?").fill("Name the source of the 90 minutes.")
    editor_page.get_by_label("What needs fixing?").press("Control+Enter")
    expect(editor_page.get_by_role("status")).to_contain_text("Returned")
    assert Claim.objects.get(pk=claim.pk).status == "returned"
    assert Comment.objects.filter(claim=claim).last().body == "Name the source of the 90 minutes."

    # The reviewer fixes the rationale in the workspace and resubmits.
    reviewer_page.goto(f"{app_url}/articles/{demo_article.pk}")
    reviewer_page.get_by_role("button", name=f"Claim: {STATEMENT}"[:60]).first.click()
    rationale = reviewer_page.get_by_label("Rationale")
    rationale.fill("The White House readout says the presidents spoke for about 90 minutes.")
    reviewer_page.get_by_role("button", name="Submit for review").click()
    expect(reviewer_page.get_by_role("status").filter(has_text="Submitted")).to_be_visible()
    assert Claim.objects.get(pk=claim.pk).status == "in_review"

    # The editor approves (a), switches to approved claims and publishes (p).
    editor_page.goto(app_url + "/review")
    row = editor_page.get_by_role("row").filter(has_text=STATEMENT)
    row.click()
    editor_page.keyboard.press("a")
    expect(editor_page.get_by_role("status")).to_contain_text("Approved")
    expect(row).to_have_count(0)  # it left the in-review list
    editor_page.get_by_label("State").select_option("approved")
    editor_page.get_by_role("row").filter(has_text=STATEMENT).click()
    editor_page.keyboard.press("p")
    # Publishing asks first: Cancel leaves it approved, Publish publishes.
    confirm = editor_page.get_by_role("dialog", name="Publish this verdict?")
    expect(confirm).to_contain_text(STATEMENT)
    confirm.get_by_role("button", name="Cancel").click()
    expect(confirm).to_be_hidden()
    assert Claim.objects.get(pk=claim.pk).status == "approved"
    editor_page.get_by_role("row").filter(has_text=STATEMENT).click()
    editor_page.keyboard.press("p")
    confirm.get_by_role("button", name="Publish", exact=True).click()
    expect(editor_page.get_by_role("status")).to_contain_text("Published")
    expect(editor_page.get_by_role("row").filter(has_text=STATEMENT)).to_have_count(0)
    published = Claim.objects.get(pk=claim.pk)
    assert published.status == "published"
    editor_page.get_by_label("State").select_option("published")
    editor_page.get_by_role("row").filter(has_text=STATEMENT).click()
    history = editor_page.get_by_role("list", name="History")
    expect(history).to_contain_text("returned to the reviewer")
    expect(history).to_contain_text("published")
    screenshot(editor_page, "review-queue")

    # Export: the PDF report and the ClaimReview file, from the export page.
    editor_page.goto(app_url + "/export")
    files = {}
    for label, name in (("PDF report", "report.pdf"), ("schema.org ClaimReview", "claims.jsonld")):
        editor_page.get_by_label(label, exact=False).check()
        with editor_page.expect_download() as info:
            editor_page.get_by_role("link", name="Download now").click()
        files[name] = tmp_path / name
        info.value.save_as(files[name])
        if name == "claims.jsonld":  # ClaimReview and Web Annotation no longer share a name
            assert info.value.suggested_filename == "claims.claimreview.jsonld"
    screenshot(editor_page, "export-page")

    reviews = json.loads(files["claims.jsonld"].read_text("utf-8"))
    mine = next(r for r in reviews if r["url"].endswith(f"/{claim.pk}"))
    assert mine["claimReviewed"] == STATEMENT
    assert mine["reviewRating"]["alternateName"] == "True"
    assert google_problems(mine) == []

    pdf = files["report.pdf"].read_bytes()
    assert pdf.startswith(b"%PDF-")
    require(shutil.which("pdftoppm") is not None, "pdftoppm (poppler-utils) is not installed")
    subprocess.run(
        [
            "pdftoppm",
            "-png",
            "-r",
            "80",
            "-f",
            "1",
            "-l",
            "1",
            "-singlefile",
            str(files["report.pdf"]),
            str(tmp_path / "page1"),
        ],
        check=True,
    )
    png = (tmp_path / "page1.png").read_bytes()
    assert png.startswith(b"\x89PNG")
    out = REPO / "var" / "screenshots"
    out.mkdir(parents=True, exist_ok=True)
    (out / "report-page1-e2e.png").write_bytes(png)


@pytest.mark.integration
def test_export_job_from_the_page_with_a_real_worker(
    page: Page,
    app_url: str,
    login: Callable[..., Any],
    demo_article: Any,
    tagging_worker: Any,
    tmp_path: Path,
) -> None:
    editor = login(page, "editor")
    claim = submitted_claim(demo_article, editor)  # editors may submit too
    page.goto(app_url + "/export")
    page.get_by_label("State").select_option("in_review")
    page.get_by_label("CSV", exact=False).check()
    page.get_by_role("button", name="Run as a background job").click()
    link = page.get_by_role("link", name="Download csv")
    expect(link).to_be_visible(timeout=30_000)
    expect(page.get_by_text("Done: 1 claims")).to_be_visible()
    expect(page.get_by_role("progressbar", name="Export progress")).to_have_attribute("value", "1")
    with page.expect_download() as info:
        link.click()
    path = tmp_path / "job.csv"
    info.value.save_as(path)
    text = path.read_text("utf-8")
    assert STATEMENT in text and str(claim.pk) in text
