"""'Checked before?' in the browser: a reviewer accepts a candidate, sees that the claim was
checked before (an imported ClaimReview), and cites the earlier fact-check with one click;
the citation is the claim's, through the claims services, and shows in the workspace.

Until the workspace mounts components/CheckedBefore.tsx, the panel is reached from the
fact-check archive (/archive?claim=ID), which mounts the same component."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from playwright.sync_api import Page, expect

from factcheck.claims.models import Claim
from factcheck.factchecks.claimreview import FactCheckRow
from factcheck.factchecks.services import save_rows
from factcheck.tagging.models import Candidate
from factcheck.tagging.pipeline import tag_article_now

from .test_workspace import editor, open_article, wait_for

pytestmark = [pytest.mark.e2e]

PRIOR = "https://other-checkers.example/checks/trade-call"


def test_accept_see_checked_before_and_cite(
    page: Page,
    login: Callable[..., Any],
    demo_article: Any,
    app_url: str,
    screenshot: Callable[..., Any],
) -> None:
    tag_article_now(demo_article.pk)  # what the tagging worker runs
    quote = (
        Candidate.objects.filter(article=demo_article, kind="quote")
        .exclude(data__speaker="")
        .order_by("-score", "start")
        .first()
    )
    assert quote is not None
    save_rows(
        [
            FactCheckRow(
                url=PRIOR,
                claim_reviewed=quote.text.strip("“”\"' "),
                claimant=quote.data["speaker"],
                rating_name="Mostly true",
                publisher="Other Checkers",
            ),
            FactCheckRow(url="https://other.example/x", claim_reviewed="Cats can fly."),
        ]
    )

    login(page, "reviewer")
    open_article(page, demo_article.title)
    page.get_by_role("combobox", name="Sort").select_option("position")
    page.get_by_role("button", name=f"Accept candidate: {quote.text[:20]}").first.click()
    expect(editor(page).get_by_label("Claimant")).to_have_value(quote.data["speaker"])
    claim = wait_for(lambda: Claim.objects.filter(article=demo_article).first())
    assert claim is not None

    page.goto(f"{app_url}/archive?claim={claim.pk}")
    panel = page.get_by_role("region", name="Checked before?")
    earlier = panel.get_by_role("list", name="Earlier fact-checks").get_by_role("listitem")
    expect(earlier.first).to_contain_text("Mostly true")
    expect(earlier.first).to_contain_text("Other Checkers")
    expect(earlier.first.get_by_role("link")).to_have_attribute("href", PRIOR)
    expect(panel).not_to_contain_text("Cats can fly")
    screenshot(page, "checked-before")
    panel.get_by_label("Stance of a cited fact-check").select_option("supports")
    earlier.first.get_by_role("button", name="Cite fact-check").click()
    expect(earlier.first).to_contain_text("Cited")

    citation = wait_for(lambda: Claim.objects.get(pk=claim.pk).citations.filter(url=PRIOR).first())
    assert citation is not None and citation.stance == "supports"
    assert claim.events.filter(action="cited").exists()

    page.goto(app_url + "/")
    open_article(page, demo_article.title)
    page.get_by_role("list", name="Claims in this article").get_by_role("button").first.click()
    expect(editor(page).get_by_role("list", name="Citations")).to_contain_text("other-checkers")
