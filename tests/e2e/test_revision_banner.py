"""A corrected article in the workspace: the reviewer sees which revision this is, what
changed, and the claim the correction orphaned, which opens for re-attaching."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from playwright.sync_api import Page, expect

from factcheck.articles.revisions import add_revision
from factcheck.articles.services import ArticleInput, create_article
from factcheck.claims.services import create_claim

pytestmark = pytest.mark.e2e

ORIGINAL = (
    "The council spent 4 million euros on roads last year.\n"
    "The mayor said the new bridge would open in 2027.\n"
    "Bus fares rose by 12 percent in March."
)
CORRECTED = (
    "Correction: an earlier version misstated the road budget.\n"
    "The council spent 4 million euros on roads last year.\n"
    "Bus fares rose by 12 percent in March."
)


def test_the_workspace_shows_the_revision_and_its_orphan(
    page: Page, login: Callable[..., Any], app_url: str, screenshot: Callable[..., Any]
) -> None:
    user = login(page, "reviewer")
    article, _ = create_article(ArticleInput(title="Council budget", text=ORIGINAL), user)
    kept = ORIGINAL.index("4 million euros")
    create_claim(article, kept, kept + len("4 million euros"), user, statement="4m on roads")
    lost = ORIGINAL.index("the new bridge would open in 2027")
    create_claim(article, lost, lost + len("the new bridge would open in 2027"), user)
    outcome = add_revision(article.pk, user, text=CORRECTED, note="Bridge line removed")
    assert len(outcome.orphaned) == 1

    page.goto(f"{app_url}/articles/{article.pk}")
    banner = page.get_by_role("complementary", name="Article revision")
    expect(banner).to_contain_text("Revision 2")
    expect(banner).to_contain_text("Bridge line removed")
    expect(banner.get_by_role("status")).to_contain_text("1 claim lost its place")
    # The claim that survived is still highlighted where its words now are.
    expect(page.locator("[data-start]").filter(has_text="4 million euros").first).to_be_visible()
    screenshot(page, "revision-banner")
    banner.get_by_role("button", name="Re-attach").click()
    panel = page.get_by_role("complementary", name="Review panel")
    expect(panel).to_contain_text("the new bridge would open in 2027")
    expect(panel.get_by_role("button", name="Set range")).to_be_visible()
