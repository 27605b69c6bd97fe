"""Roles in the UI and work that finds its owner, in real Chromium: navigation follows the
role, editor pages say so, a user without a role is told to ask an admin; an editor assigns
an article and the reviewer sees it (badge, My work); a returned claim's comment is shown on
the claim; the admin's add-user form sets the role on its first page."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from playwright.sync_api import Browser, Page, expect

from factcheck.claims.models import VerdictLabel
from factcheck.claims.services import create_claim
from factcheck.claims.workflow import transition

from .test_workspace import editor, wait_for

pytestmark = pytest.mark.e2e


def nav(page: Page) -> Any:
    return page.get_by_role("navigation", name="Main")


def test_navigation_and_pages_follow_the_role(
    page: Page, login: Callable[..., Any], demo_article: Any, app_url: str
) -> None:
    login(page, "reviewer")
    for name in ("Queue", "My work", "Import"):
        expect(nav(page).get_by_role("link", name=name)).to_be_visible()
    for name in ("Review", "Export", "Admin"):
        expect(nav(page).get_by_role("link", name=name)).to_have_count(0)
    page.goto(app_url + "/review")
    expect(page.get_by_role("heading", name="The review queue — for editors")).to_be_visible()
    expect(page.get_by_text("Ask an editor")).to_be_visible()
    page.goto(app_url + "/export")
    expect(page.get_by_role("heading", name="Exports — for editors")).to_be_visible()


def test_a_user_without_a_role_is_told_to_ask_an_admin_and_sees_nothing_else(
    page: Page, login: Callable[..., Any], demo_article: Any, app_url: str
) -> None:
    login(page, None)
    expect(page.get_by_text("Ask an admin to give you a role")).to_be_visible()
    expect(nav(page)).to_have_count(0)
    page.goto(f"{app_url}/articles/{demo_article.pk}")
    expect(page.get_by_text("Ask an admin to give you a role")).to_be_visible()
    expect(page.get_by_role("heading", name=demo_article.title)).to_have_count(0)


def test_an_editor_assigns_an_article_and_the_reviewer_finds_it_in_my_work(
    page: Page,
    browser: Browser,
    login: Callable[..., Any],
    demo_article: Any,
    screenshot: Callable[..., Any],
) -> None:
    reviewer_context = browser.new_context()
    reviewer_page = reviewer_context.new_page()
    try:
        reviewer = login(reviewer_page, "reviewer", username="rita")
        reviewer.first_name, reviewer.last_name = "Rita", "Reviewer"
        reviewer.save()
        login(page, "editor")
        select = page.get_by_role("combobox", name=f"Assign {demo_article.title}")
        select.select_option(label="Rita Reviewer")
        assert wait_for(lambda: type(demo_article).objects.get(pk=demo_article.pk).assignee_id)

        reviewer_page.reload()
        badge = nav(reviewer_page).get_by_role("link", name="My work")
        expect(badge).to_contain_text("1")
        badge.click()
        section = reviewer_page.get_by_role("region", name="My work")
        expect(section).to_contain_text(demo_article.title)
        screenshot(reviewer_page, "my-work")
        # Seen: the badge is gone, here and after a reload.
        expect(nav(reviewer_page).locator(".badge")).to_have_count(0)
        reviewer_page.reload()
        expect(nav(reviewer_page).get_by_role("link", name="My work")).to_have_text("My work")
    finally:
        reviewer_context.close()


def test_a_returned_claim_shows_the_editors_comment_in_my_work_and_on_the_claim(
    page: Page, login: Callable[..., Any], demo_article: Any, make_user: Callable[..., Any]
) -> None:
    from tests.factories import CitationFactory

    reviewer = login(page, "reviewer")
    boss = make_user("editor", username="erin")
    claim = create_claim(demo_article, 100, 140, reviewer, statement="Checked statement")
    claim.verdict = VerdictLabel.objects.order_by("order").first()
    claim.rationale = "Because."
    claim.save()
    CitationFactory(claim=claim)
    claim.refresh_from_db()
    transition(claim.pk, "submit", reviewer, claim.version)
    claim.refresh_from_db()
    transition(claim.pk, "return", boss, claim.version, "Cite the primary source, please.")

    page.reload()
    nav(page).get_by_role("link", name="My work").click()
    mine = page.get_by_role("region", name="My work")
    expect(mine).to_contain_text("Returned to me (1)")
    expect(mine).to_contain_text("Cite the primary source, please.")
    mine.get_by_role("link", name="Checked statement").click()
    note = editor(page).get_by_role("note", name="Returned by the editor")
    expect(note).to_contain_text("Cite the primary source, please.")
    expect(editor(page).get_by_label("Claim as checked")).to_have_value("Checked statement")


def test_the_admins_add_user_form_sets_the_role_on_its_first_page(
    page: Page, login: Callable[..., Any], app_url: str
) -> None:
    from factcheck.accounts.models import User

    admin = login(page, "admin")
    admin.is_staff = admin.is_superuser = True
    admin.save()
    page.goto(app_url + "/admin/accounts/user/add/")
    page.get_by_label("Username").fill("newcomer")
    page.get_by_label("Role").select_option("editor")
    page.locator("#id_password1").fill("a-long-password-123")
    page.locator("#id_password2").fill("a-long-password-123")
    page.get_by_role("button", name="Save", exact=True).click()
    expect(page.get_by_text("was added successfully")).to_be_visible()
    user = User.objects.get(username="newcomer")
    assert user.role.label == "editor"


def test_the_queue_shows_tagging_state_changes_live(
    page: Page, login: Callable[..., Any], demo_article: Any
) -> None:
    type(demo_article).objects.filter(pk=demo_article.pk).update(tagging_status="running")
    login(page, "reviewer")
    row = page.get_by_role("row").filter(has=page.get_by_role("link", name=demo_article.title))
    expect(row).to_contain_text("running")
    # The worker finishes while the queue is open: no reload needed.
    type(demo_article).objects.filter(pk=demo_article.pk).update(tagging_status="done")
    expect(row).to_contain_text("done", timeout=5000)
