"""The reviewer's workspace in real Chromium: making claims from selections (within and
across paragraphs, overlapping, in an emoji article), the claim editor, citations, verdicts,
submitting, and a concurrent edit from a second browser. (Candidates: test_workspace_flow.)"""

from __future__ import annotations

import time
from collections.abc import Callable
from typing import Any

import pytest
from playwright.sync_api import Browser, Page, expect

from factcheck.claims.models import Claim

from .workspace_helpers import select_text

pytestmark = pytest.mark.e2e


def open_article(page: Page, title: str) -> None:
    page.get_by_role("link", name=title).click()
    expect(page.get_by_role("heading", level=1, name=title)).to_be_visible()


def wait_for(check: Callable[[], Any], timeout: float = 5) -> Any:
    """Poll the database until the browser's request has landed."""
    deadline = time.monotonic() + timeout
    while True:
        result = check()
        if result or time.monotonic() > deadline:
            return result
        time.sleep(0.05)


def claim_items(page: Page) -> Any:
    return page.get_by_role("list", name="Claims in this article").get_by_role("listitem")


def editor(page: Page) -> Any:
    return page.get_by_role("region", name="Claim editor")


def test_queue_lists_the_article_with_its_counts_and_filters(
    page: Page, login: Callable[..., Any], demo_article: Any, screenshot: Callable[..., Any]
) -> None:
    login(page, "reviewer")
    table = page.get_by_role("table")
    row = table.get_by_role("row").filter(has=page.get_by_role("link", name=demo_article.title))
    expect(row).to_contain_text("Demo outlet")
    expect(page.get_by_role("columnheader", name="Open candidates")).to_be_visible()
    page.keyboard.press("/")
    expect(page.get_by_role("searchbox", name="Search")).to_be_focused()
    page.keyboard.type("no such article")
    expect(page.get_by_text("No articles match.")).to_be_visible()
    page.get_by_role("searchbox", name="Search").fill("Trump")
    expect(page.get_by_role("link", name=demo_article.title)).to_be_visible()
    page.get_by_role("checkbox", name="Assigned to me").check()
    expect(page.get_by_text("No articles match.")).to_be_visible()
    page.get_by_role("checkbox", name="Assigned to me").uncheck()
    expect(page.get_by_role("link", name=demo_article.title)).to_be_visible()
    nav = page.get_by_role("navigation", name="Main")
    expect(nav.get_by_role("link", name="Import")).to_be_visible()
    screenshot(page, "queue")


def test_make_a_claim_cite_pick_a_verdict_submit_and_reload(
    page: Page, login: Callable[..., Any], demo_article: Any, screenshot: Callable[..., Any]
) -> None:
    login(page, "reviewer")
    open_article(page, demo_article.title)
    select_text(page, "held a 90-minute phone call on Thursday")
    page.get_by_role("button", name="Make claim").click()
    statement = editor(page).get_by_label("Claim as checked")
    expect(statement).to_have_value("held a 90-minute phone call on Thursday")
    expect(editor(page).get_by_role("button", name="Set range to selection")).to_be_enabled()

    editor(page).get_by_label("Claimant").fill("CNBC")
    editor(page).get_by_label("Claim date").fill("2025-06-05")
    statement.fill("Trump and Xi spoke by phone for 90 minutes on Thursday.")

    source = editor(page).get_by_role("combobox", name="Source")
    source.fill("white")
    editor(page).get_by_role("option", name="The White House").click()
    excerpt = "The President spoke with President Xi for 90 minutes."
    editor(page).get_by_label("Excerpt").fill(excerpt)
    editor(page).get_by_label("Stance").select_option("supports")
    editor(page).get_by_role("button", name="Add citation").click()
    expect(editor(page).get_by_role("list", name="Citations")).to_contain_text("The White House")

    editor(page).get_by_role("radio", name="Mostly true").check()
    editor(page).get_by_label("Rationale").fill("The White House readout confirms the call.")
    page.locator(".editor-body").evaluate("el => { el.scrollTop = 0; }")
    screenshot(page, "claim-editor")
    editor(page).get_by_role("button", name="Save").click()
    expect(editor(page).get_by_text("saved", exact=True)).to_be_visible()
    editor(page).get_by_role("button", name="Submit for review").click()
    expect(page.get_by_role("status").filter(has_text="Submitted for review.")).to_be_visible()

    claim = Claim.objects.get(article=demo_article)
    assert claim.status == "in_review"
    assert claim.claimant == "CNBC"
    assert str(claim.claim_date) == "2025-06-05"
    assert claim.verdict is not None and claim.verdict.slug == "mostly-true"
    assert demo_article.text[claim.start : claim.end] == "held a 90-minute phone call on Thursday"

    page.reload()
    claims = page.get_by_role("list", name="Claims in this article")
    claims.get_by_role("button").first.click()
    expect(editor(page).get_by_label("Claim as checked")).to_have_value(
        "Trump and Xi spoke by phone for 90 minutes on Thursday."
    )
    expect(editor(page).get_by_label("Claimant")).to_have_value("CNBC")
    expect(editor(page).get_by_role("radio", name="Mostly true")).to_be_checked()
    expect(editor(page).get_by_role("list", name="Citations")).to_contain_text("The White House")
    expect(editor(page)).to_contain_text("in review")


def test_a_claim_across_two_paragraphs_and_overlapping_claims(
    page: Page, login: Callable[..., Any], demo_article: Any
) -> None:
    login(page, "reviewer")
    open_article(page, demo_article.title)
    select_text(page, "economies. As reported by CNBC", "Truth Social platform")
    page.keyboard.press("c")
    expect(claim_items(page)).to_have_count(1)
    assert wait_for(lambda: Claim.objects.filter(article=demo_article).count() == 1)
    select_text(page, "Trump, writing on his Truth Social", "on Thursday morning")
    page.keyboard.press("c")
    expect(claim_items(page)).to_have_count(2)
    expect(page.locator(".article-text .hl-overlap").first).to_contain_text("Truth Social")

    assert wait_for(lambda: Claim.objects.filter(article=demo_article).count() == 2)
    first, second = Claim.objects.filter(article=demo_article).order_by("start")
    assert "\n" in first.exact and first.exact.startswith("economies. As reported by CNBC")
    assert first.exact.endswith("Truth Social platform")
    assert second.start < first.end  # they overlap
    for claim in (first, second):
        assert demo_article.text[claim.start : claim.end] == claim.exact

    # Adjust the first claim's range: re-select and "Set range to selection".
    page.get_by_role("list", name="Claims in this article").get_by_role("button").first.click()
    select_text(page, "As reported by CNBC, both leaders")
    editor(page).get_by_role("button", name="Set range to selection").click()
    expect(editor(page).locator(".exact")).to_have_text("As reported by CNBC, both leaders")
    wanted = "As reported by CNBC, both leaders"
    assert wait_for(lambda: Claim.objects.get(pk=first.pk).exact == wanted)
    editor(page).get_by_role("button", name="End: extend by a word").click()
    expect(editor(page).locator(".exact")).to_have_text(
        "As reported by CNBC, both leaders expressed"
    )


def test_emoji_article_offsets_are_code_points(
    page: Page, login: Callable[..., Any], app_url: str
) -> None:
    from factcheck.accounts.models import User
    from factcheck.articles.services import ArticleInput, create_article

    user = login(page, "reviewer")
    text = (
        "Fans 🎉🎉 cheered as the club 👍🏽 announced record revenue.\n"
        "The 🏟️ stadium holds 60,000 people, the chairman said 😀."
    )
    reviewer = User.objects.get(pk=user.pk)
    article, _ = create_article(ArticleInput(title="Emoji club news", text=text), reviewer)
    page.goto(f"{app_url}/articles/{article.pk}")
    expect(page.get_by_role("heading", level=1, name="Emoji club news")).to_be_visible()
    select_text(page, "announced record revenue", "stadium holds 60,000")
    page.keyboard.press("c")
    expect(claim_items(page)).to_have_count(1)
    assert wait_for(lambda: Claim.objects.filter(article=article).exists())
    claim = Claim.objects.get(article=article)
    # Python slices by code points: the server's offsets must be code points.
    assert text[claim.start : claim.end] == "announced record revenue.\nThe 🏟️ stadium holds 60,000"
    assert claim.exact == text[claim.start : claim.end]
    page.reload()
    marks = page.locator(".article-text .hl-claim")
    expect(marks.first).to_have_text("announced record revenue.")
    expect(marks.nth(1)).to_have_text("The 🏟️ stadium holds 60,000")


def test_a_concurrent_edit_is_shown_and_merged_never_overwritten(
    page: Page,
    browser: Browser,
    login: Callable[..., Any],
    demo_article: Any,
    app_url: str,
    screenshot: Callable[..., Any],
) -> None:
    from factcheck.claims.services import create_claim

    user = login(page, "reviewer")
    claim = create_claim(demo_article, 100, 140, user, statement="Original statement")
    other_context = browser.new_context()
    other = other_context.new_page()
    try:
        login(other, "reviewer")
        for p in (page, other):
            p.goto(f"{app_url}/articles/{demo_article.pk}")
            p.get_by_role("list", name="Claims in this article").get_by_role("button").first.click()
            expect(editor(p).get_by_label("Claim as checked")).to_have_value("Original statement")

        editor(other).get_by_label("Rationale").fill("Their rationale")
        editor(other).get_by_role("button", name="Save").click()
        expect(editor(other).get_by_text("saved", exact=True)).to_be_visible()

        editor(page).get_by_label("Claimant").fill("My claimant")
        editor(page).get_by_role("button", name="Save").click()
        dialog = page.get_by_role("dialog", name="Someone else saved this claim")
        expect(dialog).to_be_visible()
        expect(dialog).to_contain_text("Their rationale")
        expect(dialog).to_contain_text("My claimant")
        screenshot(page, "conflict")
        from .test_accessibility import check

        check(page, "conflict dialog", "dialog[open]")
        dialog.get_by_role("button", name="Save merge").click()
        expect(dialog).to_be_hidden()
        expect(editor(page).get_by_text("saved", exact=True)).to_be_visible()
    finally:
        other_context.close()
    claim.refresh_from_db()
    assert claim.rationale == "Their rationale"
    assert claim.claimant == "My claimant"
    assert claim.version == 3
