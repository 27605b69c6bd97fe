"""The record in real Chromium, with a real worker: a reviewer cites a page served on
127.0.0.1 and sees it captured and verified; the editor reviews the evidence itself and
publishes; evidence of a published claim cannot be changed, and the UI says why."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import Browser, Page, expect

from factcheck.claims import workflow
from factcheck.claims.models import Citation, Claim
from factcheck.claims.services import add_citation, create_claim
from tests.factories import SourceFactory, verdict
from tests.integration.processes import CeleryWorker
from tests.security.local_http import local_server
from tests.sources.conftest import PAGES, capture_worker_for

pytestmark = [pytest.mark.e2e, pytest.mark.integration]

EXCERPT = "Employers added 272,000 jobs, more than economists had expected"


@pytest.fixture
def capture_worker(
    redis_url: str, transactional_db: None, tmp_path: Path, settings: Any
) -> Iterator[CeleryWorker]:
    """A real worker that may fetch from 127.0.0.1, storing where the live server reads."""
    worker = capture_worker_for(tmp_path, settings)
    worker.start()
    try:
        yield worker
    finally:
        worker.stop()


def draft_claim(article: Any, reviewer: Any, phrase: str) -> Claim:
    start = article.text.index(phrase)
    return create_claim(
        article,
        start,
        start + len(phrase),
        reviewer,
        statement=phrase,
        verdict=verdict("true"),
        rationale="The agency's release says so.",
    )


def open_claim(page: Page, app_url: str, article: Any, phrase: str) -> None:
    page.goto(f"{app_url}/articles/{article.pk}")
    page.get_by_role("button", name=f"Claim: {phrase}"[:60]).first.click()


def test_cite_capture_verify_review_publish_and_locked_evidence(
    page: Page,
    browser: Browser,
    app_url: str,
    login: Callable[..., Any],
    demo_article: Any,
    capture_worker: CeleryWorker,
    request: pytest.FixtureRequest,
    screenshot: Callable[..., Any],
) -> None:
    phrase = "held a 90-minute phone call"
    reviewer = login(page, "reviewer")
    claim = draft_claim(demo_article, reviewer, phrase)
    with local_server(PAGES) as server:
        # The reviewer cites the agency's page by URL, with the excerpt.
        open_claim(page, app_url, demo_article, phrase)
        form = page.get_by_role("form", name="Add a citation")
        form.get_by_label("Source").fill(f"{server.base}/stats")
        form.get_by_label("Excerpt").fill(EXCERPT)
        form.get_by_role("button", name="Add citation").click()
        evidence = page.get_by_role("list", name="Citations")
        # Captured by the worker and checked: the list updates by itself.
        expect(evidence.get_by_text("Verified")).to_be_visible(timeout=30_000)
        copy = evidence.get_by_role("link", name="Stored copy")
        stored = page.request.get(app_url + str(copy.get_attribute("href")))
        assert stored.status == 200 and "272,000 jobs" in stored.text()
        assert "sandbox" in stored.headers["content-security-policy"]
        live = evidence.get_by_role("link", name="Excerpt on the live page")
        assert "#:~:text=Employers" in str(live.get_attribute("href"))
    screenshot(page, "evidence-verified")
    page.get_by_role("button", name="Submit for review").click()
    expect(page.get_by_role("status").filter(has_text="Submitted")).to_be_visible()
    expect(page.get_by_role("note")).to_contain_text("Evidence is locked")

    # The editor sees the evidence itself in the review panel, approves and publishes.
    editor_context = browser.new_context()
    request.addfinalizer(editor_context.close)
    editor_page = editor_context.new_page()
    login(editor_page, "editor")
    editor_page.goto(app_url + "/review")
    editor_page.get_by_role("row").filter(has_text=phrase).click()
    panel = editor_page.get_by_role("list", name="Evidence")
    expect(panel).to_contain_text(EXCERPT)
    expect(panel).to_contain_text("Verified")
    expect(panel.get_by_role("link", name="Stored copy")).to_be_visible()
    screenshot(editor_page, "review-evidence")
    editor_page.keyboard.press("a")
    expect(editor_page.get_by_role("status")).to_contain_text("Approved")
    editor_page.get_by_label("State").select_option("approved")
    editor_page.get_by_role("row").filter(has_text=phrase).click()
    editor_page.keyboard.press("p")
    # Publishing asks first (issue 16).
    editor_page.get_by_role("dialog", name="Publish this verdict?").get_by_role(
        "button", name="Publish", exact=True
    ).click()
    expect(editor_page.get_by_role("status")).to_contain_text("Published")
    assert Claim.objects.get(pk=claim.pk).status == "published"

    # The reviewer comes back: the published evidence is locked, and says so.
    open_claim(page, app_url, demo_article, phrase)
    expect(page.get_by_role("note")).to_contain_text("this claim is published")
    expect(page.get_by_role("button", name="Remove citation", exact=False)).to_have_count(0)
    expect(page.get_by_role("form", name="Add a citation")).to_be_hidden()


def test_a_change_to_evidence_published_meanwhile_is_refused_with_the_reason(
    page: Page, app_url: str, login: Callable[..., Any], demo_article: Any
) -> None:
    phrase = "agreed to restart high-level negotiations"
    reviewer = login(page, "reviewer")
    claim = draft_claim(demo_article, reviewer, phrase)
    add_citation(claim.pk, reviewer, source=SourceFactory(name="USTR"), locator="Press release")
    open_claim(page, app_url, demo_article, phrase)
    remove = page.get_by_role("button", name="Remove citation of USTR")
    expect(remove).to_be_visible()
    # Behind the reviewer's back, the claim is reviewed and published.
    editor = type(reviewer).objects.create_user("editor-x", password="x")
    from django.contrib.auth.models import Group

    editor.groups.add(Group.objects.get(name="editor"))
    for name, user in (("submit", reviewer), ("approve", editor), ("publish", editor)):
        version = Claim.objects.get(pk=claim.pk).version
        workflow.transition(claim.pk, name, user, version)
    remove.click()
    alert = page.get_by_role("alert")
    expect(alert).to_contain_text("This claim is published")
    expect(alert).to_contain_text("draft or returned")
    expect(page.get_by_role("note")).to_contain_text("Evidence is locked")
    assert Citation.objects.filter(claim=claim).count() == 1
