"""The record: what may change, and how (DESIGN.md, "The record"). Through the API, as the
people who use it would: evidence locked behind review, approvals that a change clears,
approval that needs verified evidence, corrections, soft delete, the admin read-only."""

from __future__ import annotations

import html
from collections.abc import Callable
from typing import Any

import pytest
from django.test import Client
from rest_framework.test import APIClient

from factcheck.claims.models import Citation, Claim, ClaimEvent
from factcheck.claims.services import add_citation
from factcheck.sources.models import CaptureStatus
from factcheck.tagging.models import Candidate
from tests.claims.helpers import claim_in
from tests.factories import SourceFactory, verdict, verified_capture

pytestmark = pytest.mark.django_db


def client_of(user: Any) -> APIClient:
    client = APIClient()
    client.force_authenticate(user)
    return client


@pytest.fixture
def people(make_user: Callable[..., Any]) -> tuple[Any, Any]:
    return make_user("reviewer"), make_user("editor")


def accepted_candidate(claim: Claim) -> Candidate:
    return Candidate.objects.create(
        article=claim.article,
        kind="number",
        start=claim.start,
        end=claim.end,
        text=claim.exact,
        status="accepted",
        claim=claim,
        tagger_version="t",
    )


def fresh(claim: Claim) -> Claim:
    return Claim.all_objects.get(pk=claim.pk)


def test_an_editors_change_to_an_approved_claim_sends_it_back_to_review(
    people: tuple[Any, Any],
) -> None:
    reviewer, editor = people
    claim = claim_in("approved", reviewer, editor)
    assert claim.approved_at is not None and claim.reviewed_by == editor
    response = client_of(editor).patch(
        f"/api/claims/{claim.pk}/",
        {"version": claim.version, "verdict": verdict("false").pk},
        format="json",
    )
    assert response.status_code == 200, response.content
    after = fresh(claim)
    assert (after.status, after.approved_at, after.reviewed_by) == ("in_review", None, None)
    assert after.version == claim.version + 1
    event = ClaimEvent.objects.filter(claim=claim).latest("id")
    assert event.action == "updated" and event.changes["status"] == ["approved", "in_review"]
    assert "approval_cleared" in event.changes
    # Publishing it now is refused: it needs a fresh approval first.
    publish = client_of(editor).post(
        f"/api/claims/{claim.pk}/publish/", {"version": after.version}, format="json"
    )
    assert publish.status_code == 409


def test_unpublish_edit_republish_needs_a_fresh_approval_and_a_correction_note(
    people: tuple[Any, Any],
) -> None:
    reviewer, editor = people
    claim = claim_in("published", reviewer, editor)
    first_published = claim.first_published_at
    api = client_of(editor)
    claim = fresh(claim)
    assert (
        api.post(
            f"/api/claims/{claim.pk}/unpublish/", {"version": claim.version}, format="json"
        ).status_code
        == 200
    )
    claim = fresh(claim)
    edit = api.patch(
        f"/api/claims/{claim.pk}/",
        {"version": claim.version, "verdict": verdict("false").pk, "rationale": "New data."},
        format="json",
    )
    assert edit.status_code == 200 and edit.json()["status"] == "in_review"
    assert edit.json()["approved_at"] is None
    version = edit.json()["version"]
    assert (
        api.post(
            f"/api/claims/{claim.pk}/publish/", {"version": version}, format="json"
        ).status_code
        == 409
    )
    approved = api.post(f"/api/claims/{claim.pk}/approve/", {"version": version}, format="json")
    assert approved.status_code == 200
    version = approved.json()["version"]
    silent = api.post(f"/api/claims/{claim.pk}/publish/", {"version": version}, format="json")
    assert silent.status_code == 400 and "comment" in silent.json()
    note = "Corrected: the agency revised its figures on 3 May."
    published = api.post(
        f"/api/claims/{claim.pk}/publish/", {"version": version, "comment": note}, format="json"
    )
    assert published.status_code == 200
    after = fresh(claim)
    assert after.first_published_at == first_published
    assert after.reviewed_by == editor and after.approved_at is not None
    correction = ClaimEvent.objects.get(claim=claim, action="corrected")
    assert correction.changes["note"] == note
    assert correction.changes["changes"]["verdict"] == ["True", "False"]
    assert correction.changes["changes"]["rationale"][1] == "New data."


def test_republishing_unchanged_content_is_not_a_correction(people: tuple[Any, Any]) -> None:
    reviewer, editor = people
    claim = claim_in("published", reviewer, editor)
    api = client_of(editor)
    claim = fresh(claim)
    api.post(f"/api/claims/{claim.pk}/unpublish/", {"version": claim.version}, format="json")
    claim = fresh(claim)
    again = api.post(f"/api/claims/{claim.pk}/publish/", {"version": claim.version}, format="json")
    assert again.status_code == 200
    assert not ClaimEvent.objects.filter(claim=claim, action="corrected").exists()


def test_a_published_claim_is_edited_only_after_an_editor_returns_it(
    people: tuple[Any, Any],
) -> None:
    reviewer, editor = people
    claim = fresh(claim_in("published", reviewer, editor))
    for user in (reviewer, editor):
        response = client_of(user).patch(
            f"/api/claims/{claim.pk}/",
            {"version": claim.version, "rationale": "changed"},
            format="json",
        )
        assert response.status_code == 409
        assert "return it for correction" in response.json()["detail"]
    returned = client_of(editor).post(
        f"/api/claims/{claim.pk}/return/",
        {"version": claim.version, "comment": "The figure was revised."},
        format="json",
    )
    assert returned.status_code == 200 and returned.json()["status"] == "returned"
    # The public page keeps showing what was published until the correction is out.
    assert returned.json()["published_at"] is not None


def test_a_reviewer_cannot_change_evidence_in_review(people: tuple[Any, Any]) -> None:
    reviewer, editor = people
    claim = fresh(claim_in("in_review", reviewer, editor))
    citation = claim.citations.get()
    api = client_of(reviewer)
    before = list(Citation.objects.values())
    responses = [
        api.post(
            "/api/citations/",
            {"claim": claim.pk, "url": "https://x.example.org/", "stance": "supports"},
            format="json",
        ),
        api.patch(f"/api/citations/{citation.pk}/", {"excerpt": "other"}, format="json"),
        api.delete(f"/api/citations/{citation.pk}/"),
    ]
    assert [r.status_code for r in responses] == [409, 409, 409]
    assert "Ask an editor to return it first" in responses[0].json()["detail"]
    assert list(Citation.objects.values()) == before
    assert fresh(claim).version == claim.version


def test_a_stale_citation_write_is_409(people: tuple[Any, Any]) -> None:
    reviewer, _ = people
    claim = Claim.objects.get(pk=claim_in("draft", reviewer, None).pk)
    response = client_of(reviewer).post(
        "/api/citations/",
        {"claim": claim.pk, "url": "https://x.example.org/", "version": claim.version - 1},
        format="json",
    )
    assert response.status_code == 409 and "version" in response.json()["detail"]


def _url_citation(claim: Claim) -> Citation:
    return add_citation(
        claim.pk,
        None,
        source=SourceFactory(),
        url="https://stats.example.org/table",
        excerpt="3.5 percent",
    )


@pytest.mark.parametrize(
    ("state", "problem"),
    [
        ("pending", "still being captured"),
        ("failed", "could not be captured"),
        ("not_found", "excerpt was not found"),
    ],
)
def test_approval_needs_verified_evidence_or_a_recorded_reason(
    people: tuple[Any, Any], state: str, problem: str
) -> None:
    reviewer, editor = people
    claim = claim_in("draft", reviewer, editor)
    citation = _url_citation(claim)
    if state != "pending":
        capture = verified_capture(citation, excerpt_found=state != "not_found")
        if state == "failed":
            capture.status, capture.error = CaptureStatus.FAILED, "HTTP 404"
            capture.save()
    claim = fresh(claim)
    api = client_of(editor)
    submitted = client_of(reviewer).post(
        f"/api/claims/{claim.pk}/submit/", {"version": claim.version}, format="json"
    )
    version = submitted.json()["version"]
    refused = api.post(f"/api/claims/{claim.pk}/approve/", {"version": version}, format="json")
    assert refused.status_code == 409
    body = refused.json()
    assert [c["citation"] for c in body["citations"]] == [citation.pk]
    assert problem in body["citations"][0]["problem"] and problem in body["detail"]
    assert fresh(claim).status == "in_review"
    reason = "The agency's site is down; the figure is in its printed bulletin, p. 4."
    approved = api.post(
        f"/api/claims/{claim.pk}/approve/",
        {"version": version, "override_reason": reason},
        format="json",
    )
    assert approved.status_code == 200
    assert approved.json()["approval_override"] == reason
    event = ClaimEvent.objects.filter(claim=claim, action="approve").latest("id")
    assert event.changes["override_reason"] == reason
    assert event.changes["unverified"][0]["citation"] == citation.pk
    report = client_of(editor).get(f"/api/exports/claims.html?article={claim.article_id}")
    assert html.escape(reason) in b"".join(report.streaming_content).decode()


def test_verified_evidence_is_approved_without_a_reason(people: tuple[Any, Any]) -> None:
    reviewer, editor = people
    claim = claim_in("draft", reviewer, editor)
    verified_capture(_url_citation(claim))
    claim = fresh(claim)
    submitted = client_of(reviewer).post(
        f"/api/claims/{claim.pk}/submit/", {"version": claim.version}, format="json"
    )
    approved = client_of(editor).post(
        f"/api/claims/{claim.pk}/approve/",
        {"version": submitted.json()["version"]},
        format="json",
    )
    assert approved.status_code == 200 and approved.json()["approval_override"] == ""


def test_a_deleted_claim_is_gone_from_lists_and_accepts_nothing(
    people: tuple[Any, Any], make_user: Callable[..., Any]
) -> None:
    reviewer, editor = people
    claim = fresh(claim_in("draft", reviewer, editor))
    candidate = accepted_candidate(claim)
    api = client_of(reviewer)
    assert api.delete(f"/api/claims/{claim.pk}/").status_code == 204
    assert not Claim.objects.filter(pk=claim.pk).exists()
    assert Claim.all_objects.get(pk=claim.pk).deleted_at is not None
    assert api.get("/api/claims/").json()["count"] == 0
    # Its candidate is released: open again, and it can be accepted anew.
    candidate.refresh_from_db()
    assert (candidate.status, candidate.claim_id) == ("open", None)
    assert api.post(f"/api/candidates/{candidate.pk}/accept/").status_code == 201
    # Nothing more reaches it.
    attempts = [
        api.post(
            "/api/citations/",
            {"claim": claim.pk, "url": "https://x.example.org/", "stance": "supports"},
            format="json",
        ),
        api.post(f"/api/claims/{claim.pk}/comments/", {"body": "hm"}, format="json"),
        api.post(f"/api/claims/{claim.pk}/submit/", {"version": claim.version}, format="json"),
        api.patch(f"/api/claims/{claim.pk}/", {"version": claim.version + 1}, format="json"),
    ]
    assert [r.status_code for r in attempts] == [400, 404, 404, 404]
    assert "claim" in attempts[0].json()


def test_a_candidate_left_behind_by_an_old_delete_can_be_reopened(
    people: tuple[Any, Any],
) -> None:
    reviewer, editor = people
    claim = claim_in("draft", reviewer, editor)
    candidate = accepted_candidate(claim)
    Claim.objects.filter(pk=claim.pk).update(deleted_at="2026-01-01T00:00:00Z")  # before the fix
    response = client_of(reviewer).post(f"/api/candidates/{candidate.pk}/reopen/")
    assert response.status_code == 200 and response.json()["status"] == "open"


def test_reviewers_delete_their_own_drafts_only(
    people: tuple[Any, Any], make_user: Callable[..., Any]
) -> None:
    reviewer, editor = people
    other = make_user("reviewer")
    mine = claim_in("draft", reviewer, editor)
    submitted = claim_in("in_review", reviewer, editor)
    assert client_of(other).delete(f"/api/claims/{mine.pk}/").status_code == 403
    refused = client_of(reviewer).delete(f"/api/claims/{submitted.pk}/")
    assert refused.status_code == 403 and "only drafts" in refused.json()["detail"]
    assert client_of(reviewer).delete(f"/api/claims/{mine.pk}/").status_code == 204
    assert client_of(make_user("admin")).delete(f"/api/claims/{submitted.pk}/").status_code == 204


def test_the_admin_shows_the_record_read_only(
    people: tuple[Any, Any], make_user: Callable[..., Any]
) -> None:
    reviewer, editor = people
    claim = fresh(claim_in("approved", reviewer, editor))
    admin_user = make_user("admin")
    admin_user.is_staff = admin_user.is_superuser = True
    admin_user.save()
    browser = Client()
    browser.force_login(admin_user)
    url = f"/admin/claims/claim/{claim.pk}/change/"
    page = browser.get(url).content.decode()
    assert 'name="verdict"' not in page and 'name="rationale"' not in page
    assert 'name="status"' not in page and 'name="assignee"' in page
    response = browser.post(
        url,
        {
            "assignee": reviewer.pk,
            "status": "published",
            "rationale": "changed in the admin",
            "verdict": verdict("false").pk,
            "citations-TOTAL_FORMS": "1",
            "citations-INITIAL_FORMS": "1",
            "citations-0-id": claim.citations.get().pk,
            "citations-0-claim": claim.pk,
            "events-TOTAL_FORMS": "0",
            "events-INITIAL_FORMS": "0",
        },
    )
    assert response.status_code == 302, [
        line for line in response.content.decode().splitlines() if "error" in line
    ]
    after = fresh(claim)
    assert (after.status, after.verdict, after.rationale) == (
        claim.status,
        claim.verdict,
        claim.rationale,
    )
    assert after.assignee == reviewer and after.version == claim.version + 1
    event = ClaimEvent.objects.filter(claim=claim).latest("id")
    assert event.changes == {"assignee": [None, reviewer.pk]} and event.actor == admin_user


def test_a_correction_of_the_article_sends_an_approved_claim_whose_words_changed_back(
    people: tuple[Any, Any],
) -> None:
    reviewer, editor = people
    claim = fresh(claim_in("approved", reviewer, editor))
    article = claim.article
    text = article.text.replace(claim.exact, "Unemployment rose to 4.1% in 2019")
    response = client_of(editor).post(
        f"/api/articles/{article.pk}/revisions/", {"text": text, "note": "fix"}, format="json"
    )
    assert response.status_code == 201, response.content
    after = fresh(claim)
    assert after.status == "in_review" and after.approved_at is None
    event = ClaimEvent.objects.filter(claim=claim).latest("id")
    assert event.action in ("reanchored", "orphaned")
    assert event.changes["status"] == ["approved", "in_review"]
