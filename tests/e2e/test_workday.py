"""A full working day in the workspace (issue 16), in real Chromium: a mouse drag makes
exactly the dragged claim; an edit is never lost (autosave, leaving, Ctrl+S, reload); an
error shows next to its control, in view; accept / dismiss / make / delete can be undone;
the editor keeps Save and Submit in view and can be widened."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from playwright.sync_api import Page, expect

from factcheck.claims.models import Claim, VerdictLabel
from factcheck.tagging.models import Candidate

from .test_workspace import claim_items, editor, open_article, wait_for
from .workspace_helpers import select_text

pytestmark = pytest.mark.e2e

# The point at the start (or end) of `needle` in the rendered text, in page coordinates.
_POINT_JS = """
([needle, atEnd]) => {
  const root = document.querySelector('.article-text');
  const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
  while (walker.nextNode()) {
    const node = walker.currentNode;
    const at = node.data.indexOf(needle);
    if (at < 0) continue;
    const range = document.createRange();
    const offset = atEnd ? at + needle.length : at;
    range.setStart(node, atEnd ? offset - 1 : offset);
    range.setEnd(node, atEnd ? offset : offset + 1);
    const r = range.getBoundingClientRect();
    return [atEnd ? r.right - 1 : r.left + 1, r.top + r.height / 2];
  }
  throw new Error('not found: ' + needle);
}
"""


def point(page: Page, needle: str, at_end: bool = False) -> tuple[float, float]:
    x, y = page.evaluate(_POINT_JS, [needle, at_end])
    return float(x), float(y)


def with_candidates(article: Any, *quotes: str) -> list[Candidate]:
    """Open number candidates on `quotes` (no tagging worker needed), tagging done."""
    article.tagging_status = "done"
    article.save(update_fields=["tagging_status"])
    made = []
    for quote in quotes:
        start = article.text.index(quote)
        made.append(
            Candidate.objects.create(
                article=article,
                kind="number",
                start=start,
                end=start + len(quote),
                text=quote,
                data={},
                score=0.9 - 0.1 * len(made),
                tagger_version="e2e",
            )
        )
    return made


def test_a_drag_across_two_paragraphs_makes_exactly_the_dragged_claim(
    page: Page, login: Callable[..., Any], demo_article: Any
) -> None:
    login(page, "reviewer")
    page.set_viewport_size({"width": 1440, "height": 1000})
    open_article(page, demo_article.title)
    first, last = "President Donald Trump", "Truth Social platform"
    x0, y0 = point(page, first)
    x1, y1 = point(page, last, at_end=True)
    page.mouse.move(x0, y0)
    page.mouse.down()
    steps = 12
    for i in range(1, steps + 1):
        page.mouse.move(x0 + (x1 - x0) * i / steps, y0 + (y1 - y0) * i / steps)
        # Mid-drag, the floating button must not be there to be crossed.
        if i == steps // 2:
            expect(page.get_by_role("button", name="Make claim")).to_have_count(0)
    page.mouse.up()
    button = page.get_by_role("button", name="Make claim")
    expect(button).to_be_visible()
    # It sits outside the selected range and outside the article's text.
    assert button.evaluate("el => !el.closest('.article-text')")
    button.click()
    start = demo_article.text.index(first)
    end = demo_article.text.index(last) + len(last)
    claim = wait_for(lambda: Claim.objects.filter(article=demo_article).first())
    assert claim is not None
    assert (claim.start, claim.end) == (start, end)
    assert claim.exact == demo_article.text[start:end]


def test_a_verdict_picked_by_key_survives_leaving_at_once_and_reloading(
    page: Page, login: Callable[..., Any], demo_article: Any
) -> None:
    login(page, "reviewer")
    open_article(page, demo_article.title)
    select_text(page, "held a 90-minute phone call on Thursday")
    page.keyboard.press("c")
    expect(editor(page).get_by_label("Claim as checked")).to_be_visible()
    claim = wait_for(lambda: Claim.objects.filter(article=demo_article).first())
    assert claim is not None
    page.keyboard.press("5")  # False, then straight to the queue: nothing may be lost
    expect(editor(page).get_by_role("radio", name="False", exact=True)).to_be_checked()
    page.get_by_role("navigation", name="Main").get_by_role("link", name="Queue").click()
    expect(page.get_by_role("heading", name="Articles")).to_be_visible()
    claim.refresh_from_db()
    assert claim.verdict is not None and claim.verdict.slug == "false"

    open_article(page, demo_article.title)
    claim_items(page).first.get_by_role("button").click()
    expect(editor(page).get_by_role("radio", name="False", exact=True)).to_be_checked()
    # Ctrl+S saves at once, from inside a text field.
    editor(page).get_by_label("Rationale").fill("Typed, then saved with the keyboard.")
    page.keyboard.press("Control+s")
    expect(editor(page).get_by_text("saved", exact=True)).to_be_visible()
    claim.refresh_from_db()
    assert claim.rationale == "Typed, then saved with the keyboard."
    # Autosave: an edit left alone is saved without any key, and survives a reload.
    editor(page).get_by_label("Claimant").fill("CNBC")
    expect(editor(page).get_by_text("saved", exact=True)).to_be_visible()
    page.reload()
    claim_items(page).first.get_by_role("button").click()
    expect(editor(page).get_by_label("Claimant")).to_have_value("CNBC")


def test_submitting_an_incomplete_claim_shows_why_next_to_the_controls(
    page: Page, login: Callable[..., Any], demo_article: Any
) -> None:
    login(page, "reviewer")
    page.set_viewport_size({"width": 1280, "height": 720})
    open_article(page, demo_article.title)
    select_text(page, "held a 90-minute phone call on Thursday")
    page.keyboard.press("c")
    submit = editor(page).get_by_role("button", name="Submit for review")
    submit.click()
    alert = editor(page).get_by_role("alert")
    expect(alert).to_contain_text("Not submitted")
    expect(alert).to_be_in_viewport()
    expect(submit).to_be_in_viewport()
    verdicts = editor(page).get_by_role("group", name="Verdict")
    expect(verdicts).to_have_attribute("aria-invalid", "true")
    expect(verdicts).to_contain_text("verdict")
    # Picking a verdict clears that field's problem.
    page.keyboard.press("2")
    expect(verdicts).not_to_have_attribute("aria-invalid", "true")


def test_dismiss_and_accept_can_be_undone_and_dismissed_candidates_reopened(
    page: Page, login: Callable[..., Any], demo_article: Any, screenshot: Callable[..., Any]
) -> None:
    a, b, c = with_candidates(demo_article, "90-minute", "145%", "10%")
    login(page, "admin")
    page.set_viewport_size({"width": 1440, "height": 900})
    open_article(page, demo_article.title)
    open_rows = page.get_by_role("list", name="Open candidates").get_by_role("listitem")
    expect(open_rows).to_have_count(3)

    page.keyboard.press("j")
    page.keyboard.press("d")  # dismiss the first, then z undoes it
    assert wait_for(lambda: Candidate.objects.get(pk=a.pk).status == "dismissed")
    expect(page.get_by_role("status")).to_contain_text("Candidate dismissed.")
    screenshot(page, "workspace-undo")
    page.keyboard.press("z")
    assert wait_for(lambda: Candidate.objects.get(pk=a.pk).status == "open")
    expect(open_rows).to_have_count(3)

    # Dismissed earlier: listed, and reopened from the list.
    page.get_by_role("button", name="Dismiss candidate: 145%").click()
    assert wait_for(lambda: Candidate.objects.get(pk=b.pk).status == "dismissed")
    page.get_by_role("button", name="Dismissed (1)").click()
    page.get_by_role("button", name="Reopen candidate: 145%").click()
    assert wait_for(lambda: Candidate.objects.get(pk=b.pk).status == "open")
    page.get_by_role("button", name="Open", exact=True).click()
    expect(open_rows).to_have_count(3)

    # Accept, then Undo: the claim goes, the candidate is open again.
    page.get_by_role("button", name="Accept candidate: 10%").click()
    claim = wait_for(lambda: Claim.objects.filter(article=demo_article).first())
    assert claim is not None
    expect(editor(page).get_by_role("button", name="Set range to selection")).to_be_enabled()
    screenshot(page, "workspace-accepted")
    page.get_by_role("status").get_by_role("button", name="Undo").click()
    assert wait_for(
        lambda: Claim.all_objects.filter(pk=claim.pk, deleted_at__isnull=False).exists()
    )
    expect(claim_items(page)).to_have_count(0)
    expect(open_rows).to_have_count(3)
    assert c.pk


def test_make_claim_and_delete_draft_can_be_undone(
    page: Page, login: Callable[..., Any], demo_article: Any
) -> None:
    login(page, "admin")
    open_article(page, demo_article.title)
    select_text(page, "held a 90-minute phone call on Thursday")
    page.keyboard.press("c")
    made = wait_for(lambda: Claim.objects.filter(article=demo_article).first())
    assert made is not None
    page.keyboard.press("Escape")
    page.keyboard.press("z")  # undo "make claim"
    assert wait_for(lambda: Claim.all_objects.filter(pk=made.pk, deleted_at__isnull=False).exists())
    expect(claim_items(page)).to_have_count(0)

    select_text(page, "agreed to restart high-level negotiations")
    page.keyboard.press("c")
    kept = wait_for(
        lambda: Claim.objects.filter(article=demo_article, deleted_at__isnull=True).first()
    )
    assert kept is not None
    editor(page).get_by_role("button", name="Delete draft").click()
    expect(claim_items(page)).to_have_count(0)
    page.get_by_role("status").get_by_role("button", name="Undo").click()
    expect(claim_items(page)).to_have_count(1)
    expect(editor(page).get_by_label("Claim as checked")).to_be_visible()
    kept.refresh_from_db()
    assert kept.deleted_at is None
    # Deleted for good: leaving the page sends the deletion at once.
    editor(page).get_by_role("button", name="Delete draft").click()
    page.get_by_role("navigation", name="Main").get_by_role("link", name="Queue").click()
    assert wait_for(lambda: Claim.all_objects.filter(pk=kept.pk, deleted_at__isnull=False).exists())


def test_the_editor_keeps_save_and_submit_in_view_and_can_be_widened(
    page: Page, login: Callable[..., Any], demo_article: Any, screenshot: Callable[..., Any]
) -> None:
    login(page, "reviewer")
    page.set_viewport_size({"width": 1280, "height": 720})
    open_article(page, demo_article.title)
    select_text(page, "held a 90-minute phone call on Thursday")
    page.keyboard.press("c")
    editor(page).get_by_label("Rationale").fill("A long rationale.\n" * 40)
    for name in ("Save", "Submit for review"):
        expect(editor(page).get_by_role("button", name=name)).to_be_in_viewport()
    # Choosing a claim in the list shows its editor, in view, from the top.
    claim_items(page).first.get_by_role("button").click()
    expect(editor(page).get_by_label("Claim as checked")).to_be_in_viewport()
    pane = page.get_by_role("complementary", name="Review panel")
    before = pane.bounding_box()["width"]  # type: ignore[index]
    separator = page.get_by_role("separator", name="Resize the claim editor")
    separator.focus()
    for _ in range(4):
        page.keyboard.press("ArrowLeft")
    after = pane.bounding_box()["width"]  # type: ignore[index]
    assert after >= before + 70
    screenshot(page, "workspace-layout")
    assert VerdictLabel.objects.exists()
