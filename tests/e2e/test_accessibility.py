"""axe-core (WCAG 2.x A/AA, 2.2 AA) over every page and dialog, in real Chromium: no serious
or critical violation anywhere (issue 16, item 9)."""

from __future__ import annotations

from collections.abc import Callable
from functools import cache
from typing import Any

import pytest
from django.conf import settings
from playwright.sync_api import Page, expect

from factcheck.claims.services import create_claim
from factcheck.tagging.models import Candidate

from .test_workday import with_candidates
from .test_workspace import editor, open_article

pytestmark = pytest.mark.e2e

TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]


@cache
def axe_source() -> str:
    path = settings.BASE_DIR / "frontend" / "node_modules" / "axe-core" / "axe.min.js"
    assert path.exists(), "axe-core is not installed (cd frontend && npm ci)"
    return path.read_text(encoding="utf-8")


def check(page: Page, where: str, include: str | None = None) -> None:
    """Run axe on the page (or the `include` selector) and fail on serious/critical."""
    if not page.evaluate("() => typeof window.axe !== 'undefined'"):
        page.evaluate(axe_source())
    result = page.evaluate(
        """async ([include, tags]) => {
            const context = include ? { include: [include] } : document;
            return await axe.run(context, {
                runOnly: { type: 'tag', values: tags }, resultTypes: ['violations'],
            });
        }""",
        [include, TAGS],
    )
    bad = [v for v in result["violations"] if v["impact"] in ("serious", "critical")]
    report = "\n".join(
        f"{where}: {v['id']} ({v['impact']}): {v['help']} — "
        + "; ".join(n["target"][0] + " " + n["failureSummary"][:160] for n in v["nodes"][:4])
        for v in bad
    )
    assert not bad, report


def test_login_page(page: Page, app_url: str) -> None:
    page.goto(app_url + "/")
    expect(page.get_by_role("button", name="Log in")).to_be_visible()
    check(page, "login")


def test_reviewer_pages_and_workspace_dialogs(
    page: Page, login: Callable[..., Any], demo_article: Any, app_url: str
) -> None:
    user = login(page, "reviewer")
    with_candidates(demo_article, "90-minute", "145%")
    Candidate.objects.filter(article=demo_article, text="145%").update(status="dismissed")
    create_claim(demo_article, 100, 140, user, statement="A claim")
    page.reload()
    check(page, "queue (reviewer)")
    open_article(page, demo_article.title)
    page.get_by_role("list", name="Claims in this article").get_by_role("button").first.click()
    expect(editor(page).get_by_label("Claim as checked")).to_be_visible()
    check(page, "workspace")
    page.get_by_role("button", name="Dismissed (1)").click()
    check(page, "workspace, dismissed candidates")
    editor(page).get_by_role("button", name="Submit for review").click()
    expect(editor(page).get_by_role("alert")).to_contain_text("Not submitted")
    check(page, "workspace, errors shown")
    page.keyboard.press("Escape")
    page.keyboard.press("?")
    expect(page.get_by_role("dialog", name="Keyboard shortcuts")).to_be_visible()
    check(page, "shortcuts dialog", "dialog[open]")
    page.keyboard.press("Escape")
    page.get_by_role("button", name="Add revision…").click()
    expect(page.get_by_role("dialog", name="Add a revision")).to_be_visible()
    check(page, "revision dialog", "dialog[open]")
    dialog = page.get_by_role("dialog", name="Add a revision")
    dialog.get_by_label("Corrected text", exact=True).fill(demo_article.text + "\nAdded.")
    dialog.get_by_role("button", name="Preview").click()
    expect(dialog.get_by_role("table", name="What happens to each claim")).to_be_visible()
    check(page, "revision preview", "dialog[open]")
    dialog.get_by_role("button", name="Cancel").click()
    for path, name in (("/my-work", "my work"), ("/import", "import"), ("/review", "editors only")):
        page.goto(app_url + path)
        expect(page.get_by_role("heading", level=1)).to_be_visible()
        check(page, name)


def test_editor_pages_and_dialogs(
    page: Page, login: Callable[..., Any], demo_article: Any, app_url: str
) -> None:
    from factcheck.claims.models import VerdictLabel
    from factcheck.claims.workflow import transition
    from tests.factories import CitationFactory

    user = login(page, "editor")
    claim = create_claim(demo_article, 100, 140, user, statement="Checked")
    claim.verdict = VerdictLabel.objects.order_by("order").first()
    claim.rationale = "Because."
    claim.save()
    CitationFactory(claim=claim)
    claim.refresh_from_db()
    transition(claim.pk, "submit", user, claim.version)
    page.reload()
    check(page, "queue (editor)")
    page.goto(app_url + "/review")
    row = page.get_by_role("row").filter(has_text="Checked")
    row.click()
    check(page, "review")
    page.keyboard.press("r")
    returning = page.get_by_role("dialog", name="Return to the reviewer")
    expect(returning).to_be_visible()
    check(page, "return dialog", "dialog[open]")
    page.keyboard.press("Escape")
    expect(returning).to_be_hidden()  # the page's keys work again once it has closed
    page.keyboard.press("a")
    # The citation was never captured: approving asks for the editor's reason (issue 12).
    reason = page.get_by_role("dialog", name="Approve with unverified evidence?")
    expect(reason).to_be_visible()
    check(page, "unverified evidence dialog", "dialog[open]")
    reason.get_by_role("textbox").fill("The source was read in print.")
    reason.get_by_role("button", name="Approve anyway").click()
    expect(page.get_by_role("status").filter(has_text="Approved")).to_be_visible()
    page.get_by_label("State").select_option("approved")
    page.get_by_role("row").filter(has_text="Checked").click()
    page.keyboard.press("p")
    expect(page.get_by_role("dialog", name="Publish this verdict?")).to_be_visible()
    check(page, "publish dialog", "dialog[open]")
    page.keyboard.press("Escape")
    page.goto(app_url + "/export")
    expect(page.get_by_role("heading", level=1)).to_be_visible()
    check(page, "export")


def test_no_role_page(page: Page, login: Callable[..., Any]) -> None:
    login(page, None)
    check(page, "no role")
