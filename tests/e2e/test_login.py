"""The foundation's end-to-end check: log in and read the demo article."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from playwright.sync_api import Page, expect

pytestmark = pytest.mark.e2e


def test_wrong_password_is_refused(page: Page, app_url: str, make_user: Callable[..., Any]) -> None:
    user = make_user("reviewer")
    page.goto(app_url + "/")
    page.get_by_label("Username").fill(user.username)
    page.get_by_label("Password").fill("not-the-password")
    page.get_by_role("button", name="Log in").click()
    expect(page.get_by_role("alert")).to_contain_text("Wrong username or password")


def test_reviewer_logs_in_and_reads_the_demo_article(
    page: Page, login: Callable[..., Any], demo_article: Any, screenshot: Callable[..., Any]
) -> None:
    login(page, "reviewer")
    link = page.get_by_role("link", name=demo_article.title)
    expect(link).to_be_visible()
    link.click()
    expect(page.get_by_role("heading", level=1, name=demo_article.title)).to_be_visible()
    expect(page.get_by_text("Truth Social platform", exact=False).first).to_be_visible()
    screenshot(page, "demo-article")
