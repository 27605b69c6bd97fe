"""Corrections in the UI (issue 16, item 6), in real Chromium: paste the corrected text,
see the diff and what happens to each claim, apply it with a note."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from playwright.sync_api import Page, expect

from factcheck.articles.models import ArticleRevision
from factcheck.claims.services import create_claim

from .test_workspace import open_article, wait_for

pytestmark = pytest.mark.e2e


def test_a_pasted_correction_is_previewed_with_each_claims_outcome_and_applied(
    page: Page, login: Callable[..., Any], demo_article: Any, screenshot: Callable[..., Any]
) -> None:
    user = login(page, "reviewer")
    text = demo_article.text
    kept_quote, lost_quote = (
        "held a 90-minute phone call on Thursday",
        "tech sector restrictions and student visa policies",
    )
    kept = create_claim(
        demo_article, text.index(kept_quote), text.index(kept_quote) + len(kept_quote), user
    )
    lost = create_claim(
        demo_article, text.index(lost_quote), text.index(lost_quote) + len(lost_quote), user
    )
    open_article(page, demo_article.title)
    page.get_by_role("button", name="Add revision…").click()
    dialog = page.get_by_role("dialog", name="Add a revision")
    corrected = dialog.get_by_label("Corrected text", exact=True)
    expect(corrected).to_have_value(text)
    # The paragraph holding the second claim is rewritten from scratch.
    paragraph = next(p for p in text.split("\n") if lost_quote in p)
    corrected.fill(text.replace(paragraph, "The talks were welcomed by other goods traders."))
    dialog.get_by_role("button", name="Preview").click()
    outcomes = dialog.get_by_role("table", name="What happens to each claim")
    expect(outcomes.get_by_role("row").filter(has_text=lost_quote)).to_contain_text(
        "loses its place"
    )
    expect(outcomes.get_by_role("row").filter(has_text=kept_quote)).to_contain_text(
        "stays where it is"
    )
    expect(dialog.get_by_role("list", name="What changes")).to_contain_text("other goods traders")
    dialog.get_by_label("Note (shown with the revision)").fill("Corrected the exports")
    screenshot(page, "revision-preview")
    dialog.get_by_role("button", name="Apply revision").click()
    expect(dialog).to_be_hidden()
    revision = wait_for(
        lambda: ArticleRevision.objects.filter(article=demo_article, number=2).first()
    )
    assert revision is not None and revision.note == "Corrected the exports"
    expect(page.get_by_role("complementary", name="Article revision")).to_contain_text("Revision 2")
    lost.refresh_from_db()
    kept.refresh_from_db()
    assert lost.anchor_status == "orphaned" and kept.anchor_status != "orphaned"


def test_an_empty_correction_says_why_next_to_the_text(
    page: Page, login: Callable[..., Any], demo_article: Any
) -> None:
    login(page, "reviewer")
    open_article(page, demo_article.title)
    page.get_by_role("button", name="Add revision…").click()
    dialog = page.get_by_role("dialog", name="Add a revision")
    dialog.get_by_role("button", name="Preview").click()  # the same text: nothing to revise
    expect(dialog.get_by_label("Corrected text", exact=True)).to_have_attribute(
        "aria-invalid", "true"
    )
    expect(dialog).to_contain_text("current revision already")
