"""The whole reviewer flow on the demo article, with candidates from a REAL tagging worker
(tests/conftest.py `tagging_worker`): log in → open the article → candidates appear →
accept a quote → the claim has its speaker → cite a source with an excerpt → pick a verdict
→ submit for review → reload and everything is still there. And the same keyboard-only."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from playwright.sync_api import Page, expect

from factcheck.claims.models import Claim
from factcheck.tagging.models import Candidate

from .test_workspace import claim_items, editor, open_article, wait_for

pytestmark = [pytest.mark.e2e, pytest.mark.integration]


def citations(page: Page) -> Any:
    return editor(page).get_by_role("list", name="Citations")


def candidate_rows(page: Page) -> Any:
    return page.get_by_role("list", name="Open candidates").get_by_role("listitem")


def test_reviewer_flow_from_candidates_to_submitted_verdict(
    page: Page,
    login: Callable[..., Any],
    tagging_worker: Any,
    demo_article: Any,
    screenshot: Callable[..., Any],
) -> None:
    login(page, "reviewer")
    open_article(page, demo_article.title)
    # Tagging runs in the worker; the page follows it live and the candidates appear.
    expect(candidate_rows(page).first).to_be_visible(timeout=30_000)
    expect(page.get_by_text("tagging done")).to_be_visible()
    expect(page.locator(".article-text .u-quote").first).to_be_visible()
    expect(page.locator(".article-text .u-number").first).to_be_visible()
    expect(page.locator(".cw-bar .cw-high").first).to_be_attached()
    screenshot(page, "workspace-tagged")

    quote = Candidate.objects.filter(article=demo_article, kind="quote").exclude(data__speaker="")
    quote = quote.order_by("-score", "start").first()
    assert quote is not None, "the tagger found no quote with a speaker in the demo article"
    speaker = quote.data["speaker"]
    page.get_by_role("combobox", name="Sort").select_option("position")
    accept = page.get_by_role("button", name=f"Accept candidate: {quote.text[:20]}")
    accept.first.click()
    expect(editor(page).get_by_label("Claimant")).to_have_value(speaker)
    claim = wait_for(lambda: Claim.objects.filter(article=demo_article).first())
    assert claim is not None and claim.claimant == speaker
    assert wait_for(lambda: Candidate.objects.get(pk=quote.pk).status == "accepted")

    source = editor(page).get_by_role("combobox", name="Source")
    source.fill("ustr")
    editor(page).get_by_role("option", name="Office of the U.S. Trade Representative").click()
    editor(page).get_by_label("Excerpt").fill("USTR statement on the call, 5 June.")
    editor(page).get_by_label("Stance").select_option("context")
    editor(page).get_by_role("button", name="Add citation").click()
    expect(editor(page).get_by_role("list", name="Citations")).to_contain_text(
        "Trade Representative"
    )
    # A pasted URL of an unknown domain: proposed as a new source, pending review.
    source.fill("https://example-news.test/story/123")
    editor(page).get_by_role("button", name="Add citation").click()
    expect(editor(page).get_by_role("list", name="Citations")).to_contain_text("example-news.test")

    editor(page).get_by_role("radio", name="Half true").check()
    editor(page).get_by_label("Rationale").fill("The quote is accurate; the context is missing.")
    editor(page).get_by_role("button", name="Save").click()
    editor(page).get_by_role("button", name="Submit for review").click()
    expect(editor(page)).to_contain_text("in review")

    page.reload()
    expect(claim_items(page)).to_have_count(1)
    expect(page.locator(".article-text .hl-claim[data-badge='HT']")).to_have_count(1)
    screenshot(page, "workspace")
    claim_items(page).get_by_role("button").first.click()
    expect(editor(page).get_by_label("Claimant")).to_have_value(speaker)
    expect(editor(page).get_by_role("radio", name="Half true")).to_be_checked()
    expect(editor(page).get_by_role("list", name="Citations")).to_contain_text(
        "Trade Representative"
    )
    expect(editor(page)).to_contain_text("in review")
    editor(page).get_by_text("History", exact=True).click()
    expect(
        editor(page).get_by_role("list", name="History").get_by_role("listitem")
    ).not_to_have_count(0)
    claim.refresh_from_db()
    assert claim.status == "in_review" and claim.citations.count() == 2


def test_keyboard_only(
    page: Page, login: Callable[..., Any], tagging_worker: Any, demo_article: Any
) -> None:
    login(page, "reviewer")
    open_article(page, demo_article.title)
    expect(candidate_rows(page).first).to_be_visible(timeout=30_000)
    open_before = Candidate.objects.filter(article=demo_article, status="open").count()

    page.keyboard.press("?")
    shortcuts = page.get_by_role("dialog", name="Keyboard shortcuts")
    expect(shortcuts).to_be_visible()
    page.keyboard.press("Escape")
    expect(shortcuts).to_be_hidden()

    page.keyboard.press("j")
    expect(page.locator(".article-text .hl-selected").first).to_be_visible()
    page.keyboard.press("d")  # dismiss the first; the next one is selected
    assert wait_for(
        lambda: Candidate.objects.filter(article=demo_article, status="dismissed").count() == 1
    )
    page.keyboard.press("j")
    page.keyboard.press("k")
    page.keyboard.press("a")  # accept: a claim, selected in the editor
    expect(claim_items(page)).to_have_count(1)
    assert wait_for(lambda: Claim.objects.filter(article=demo_article).count() == 1)
    assert Candidate.objects.filter(article=demo_article, status="open").count() == open_before - 2

    page.keyboard.press("5")  # the fifth verdict on the scale: False
    expect(editor(page).get_by_role("radio", name="False", exact=True)).to_be_checked()
    expect(page.locator(".article-text .hl-claim[data-badge='F']")).to_have_count(1)

    # Tab to Save (focus is visible on every control) and press Enter.
    save = editor(page).get_by_role("button", name="Save")
    for _ in range(80):
        page.keyboard.press("Tab")
        if save.evaluate("el => el === document.activeElement"):
            break
    expect(save).to_be_focused()
    outline = save.evaluate("el => getComputedStyle(el).outlineStyle")
    assert outline != "none"
    page.keyboard.press("Enter")
    assert wait_for(lambda: Claim.objects.get(article=demo_article).verdict is not None)

    page.keyboard.press("Escape")
    page.keyboard.press("/")
    expect(page.get_by_role("combobox", name="Source")).to_have_count(0)
