"""The editorial workflow through the API: every transition × role, preconditions, the
two-source rule, conflicts (stale version → 409 with the current claim)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from rest_framework.test import APIClient

from factcheck.claims.models import Claim, ClaimEvent, Comment
from factcheck.claims.services import add_citation
from tests.claims.helpers import claim_in, ready_claim
from tests.factories import ClaimFactory, SourceFactory, verdict

pytestmark = pytest.mark.django_db

# transition → (state it starts from, state it ends in)
STEPS = {
    "submit": ("draft", "in_review"),
    "approve": ("in_review", "approved"),
    "return": ("in_review", "returned"),
    "publish": ("approved", "published"),
    "unpublish": ("published", "approved"),
}
# who may make each transition
ALLOWED = {
    "submit": {"reviewer", "editor", "admin"},
    "approve": {"editor", "admin"},
    "return": {"editor", "admin"},
    "publish": {"editor", "admin"},
    "unpublish": {"editor", "admin"},
}


def client_of(user: Any) -> APIClient:
    client = APIClient()
    client.force_authenticate(user)
    return client


@pytest.mark.parametrize("role", ["reviewer", "editor", "admin"])
@pytest.mark.parametrize("name", list(STEPS))
def test_transition_by_role(make_user: Callable[..., Any], name: str, role: str) -> None:
    reviewer, editor = make_user("reviewer"), make_user("editor")
    source, target = STEPS[name]
    claim = claim_in(source, reviewer, editor)
    actor = make_user(role)
    response = client_of(actor).post(
        f"/api/claims/{claim.pk}/{name}/",
        {"version": claim.version, "comment": "Please check the date."},
        format="json",
    )
    claim_after = Claim.objects.get(pk=claim.pk)
    if role in ALLOWED[name]:
        assert response.status_code == 200, response.content
        assert response.json()["status"] == target
        assert response.json()["version"] == claim.version + 1
        assert claim_after.status == target
        event = ClaimEvent.objects.filter(claim=claim).latest("id")
        assert (event.action, event.actor_id) == (name, actor.pk)
        assert event.changes["status"] == [source, target]
    else:
        assert response.status_code == 403, response.content
        assert "detail" in response.json()
        assert claim_after.status == source
        assert claim_after.version == claim.version


ILLEGAL = [
    (name, state)
    for name, (source, _) in STEPS.items()
    for state in ("draft", "in_review", "returned", "approved", "published")
    if state != source
    and not (name == "submit" and state == "returned")
    and not (name == "return" and state in ("approved", "published"))
]


@pytest.mark.parametrize(("name", "state"), ILLEGAL)
def test_illegal_transition_is_409_with_message(
    make_user: Callable[..., Any], name: str, state: str
) -> None:
    reviewer, editor = make_user("reviewer"), make_user("editor")
    claim = claim_in(state, reviewer, editor)
    response = client_of(make_user("admin")).post(
        f"/api/claims/{claim.pk}/{name}/", {"version": claim.version, "comment": "x"}, format="json"
    )
    assert response.status_code == 409, response.content
    body = response.json()
    assert f"Cannot {name}" in body["detail"]
    assert body["current"]["status"] == state
    assert Claim.objects.get(pk=claim.pk).version == claim.version


def test_resubmit_after_return_and_return_needs_a_comment(make_user: Callable[..., Any]) -> None:
    reviewer, editor = make_user("reviewer"), make_user("editor")
    claim = claim_in("in_review", reviewer, editor)
    no_comment = client_of(editor).post(
        f"/api/claims/{claim.pk}/return/", {"version": claim.version}, format="json"
    )
    assert no_comment.status_code == 400
    assert "comment" in no_comment.json()
    returned = client_of(editor).post(
        f"/api/claims/{claim.pk}/return/",
        {"version": claim.version, "comment": "The source is from 2018."},
        format="json",
    )
    assert returned.status_code == 200
    assert Comment.objects.filter(claim=claim).latest("id").body == "The source is from 2018."
    again = client_of(reviewer).post(
        f"/api/claims/{claim.pk}/submit/", {"version": returned.json()["version"]}, format="json"
    )
    assert again.status_code == 200
    assert again.json()["status"] == "in_review"


@pytest.mark.parametrize(
    ("missing", "field"),
    [("verdict", "verdict"), ("rationale", "rationale"), ("citations", "citations")],
)
def test_submit_preconditions(make_user: Callable[..., Any], missing: str, field: str) -> None:
    reviewer = make_user("reviewer")
    claim = ClaimFactory(
        created_by=reviewer,
        verdict=None if missing == "verdict" else verdict("false"),
        rationale="" if missing == "rationale" else "Because the table says so.",
    )
    if missing != "citations":
        add_citation(claim.pk, reviewer, source=SourceFactory(), url="https://a.example.org/1")
    claim.refresh_from_db()
    response = client_of(reviewer).post(
        f"/api/claims/{claim.pk}/submit/", {"version": claim.version}, format="json"
    )
    assert response.status_code == 400, response.content
    body = response.json()
    assert list(k for k in body if k != "detail") == [field]
    assert field in body["detail"]
    assert Claim.objects.get(pk=claim.pk).status == "draft"


def test_two_independent_sources_rule(make_user: Callable[..., Any], settings: Any) -> None:
    settings.FACTCHECK_REQUIRE_TWO_SOURCES = True
    reviewer = make_user("reviewer")
    claim = ready_claim(reviewer)
    first_source = claim.citations.get().source
    # A second citation of the same registry source is not independent.
    add_citation(claim.pk, reviewer, source=first_source, url="https://stats.example.org/t2")
    claim.refresh_from_db()
    client = client_of(reviewer)
    response = client.post(
        f"/api/claims/{claim.pk}/submit/", {"version": claim.version}, format="json"
    )
    assert response.status_code == 400
    assert "two independent sources" in response.json()["citations"][0]
    add_citation(claim.pk, reviewer, source=SourceFactory(), url="https://court.example.org/r")
    claim.refresh_from_db()
    response = client.post(
        f"/api/claims/{claim.pk}/submit/", {"version": claim.version}, format="json"
    )
    assert response.status_code == 200, response.content


def test_one_source_is_enough_without_the_setting(make_user: Callable[..., Any]) -> None:
    reviewer = make_user("reviewer")
    claim = ready_claim(reviewer)
    response = client_of(reviewer).post(
        f"/api/claims/{claim.pk}/submit/", {"version": claim.version}, format="json"
    )
    assert response.status_code == 200


@pytest.mark.parametrize("name", list(STEPS))
def test_stale_version_is_409_with_current_state(make_user: Callable[..., Any], name: str) -> None:
    reviewer, editor = make_user("reviewer"), make_user("editor")
    claim = claim_in(STEPS[name][0], reviewer, editor)
    response = client_of(editor).post(
        f"/api/claims/{claim.pk}/{name}/",
        {"version": claim.version - 1, "comment": "x"},
        format="json",
    )
    assert response.status_code == 409
    assert response.json()["current"]["version"] == claim.version
    assert response.json()["current"]["status"] == STEPS[name][0]
    assert Claim.objects.get(pk=claim.pk).status == STEPS[name][0]


def test_transition_without_version_is_400(reviewer_client: APIClient) -> None:
    claim = ready_claim()
    response = reviewer_client.post(f"/api/claims/{claim.pk}/submit/", {}, format="json")
    assert response.status_code == 400
    assert "version" in response.json()


def test_if_match_header_works_as_version(make_user: Callable[..., Any]) -> None:
    reviewer = make_user("reviewer")
    claim = ready_claim(reviewer)
    client = client_of(reviewer)
    stale = client.post(f"/api/claims/{claim.pk}/submit/", {}, format="json", HTTP_IF_MATCH='"999"')
    assert stale.status_code == 409
    fresh = client.post(
        f"/api/claims/{claim.pk}/submit/", {}, format="json", HTTP_IF_MATCH=f'"{claim.version}"'
    )
    assert fresh.status_code == 200
    assert fresh["ETag"] == f'"{claim.version + 1}"'


def test_citation_change_bumps_version_so_an_old_edit_conflicts(
    make_user: Callable[..., Any],
) -> None:
    reviewer = make_user("reviewer")
    claim = ClaimFactory(created_by=reviewer)
    seen = claim.version
    client = client_of(reviewer)
    cited = client.post(
        "/api/citations/",
        {"claim": claim.pk, "url": "https://stats.example.org/x", "stance": "supports"},
        format="json",
    )
    assert cited.status_code == 201
    assert Claim.objects.get(pk=claim.pk).version == seen + 1
    edit = client.patch(
        f"/api/claims/{claim.pk}/", {"version": seen, "statement": "Mine"}, format="json"
    )
    assert edit.status_code == 409
    assert edit.json()["current"]["version"] == seen + 1
    assert Claim.objects.get(pk=claim.pk).statement != "Mine"
    removed = client.delete(f"/api/citations/{cited.json()['id']}/")
    assert removed.status_code == 204
    assert Claim.objects.get(pk=claim.pk).version == seen + 2


def test_claim_lists_transitions_the_user_may_take(make_user: Callable[..., Any]) -> None:
    reviewer, editor = make_user("reviewer"), make_user("editor")
    claim = claim_in("in_review", reviewer, editor)
    assert client_of(reviewer).get(f"/api/claims/{claim.pk}/").json()["transitions"] == []
    assert client_of(editor).get(f"/api/claims/{claim.pk}/").json()["transitions"] == [
        "approve",
        "return",
    ]


@pytest.mark.parametrize(
    ("state", "role", "expected"),
    [
        ("draft", "reviewer", 200),
        ("returned", "reviewer", 200),
        ("in_review", "reviewer", 409),
        ("approved", "reviewer", 409),
        ("in_review", "editor", 200),
        ("approved", "editor", 200),
        ("published", "editor", 409),
        ("published", "admin", 409),
    ],
)
def test_edits_follow_the_state(
    make_user: Callable[..., Any], state: str, role: str, expected: int
) -> None:
    reviewer, editor = make_user("reviewer"), make_user("editor")
    claim = claim_in(state, reviewer, editor)
    response = client_of(make_user(role)).patch(
        f"/api/claims/{claim.pk}/",
        {"version": claim.version, "rationale": "Changed after the fact."},
        format="json",
    )
    assert response.status_code == expected, response.content
    saved = Claim.objects.get(pk=claim.pk)
    if expected == 409:
        assert response.json()["current"]["status"] == state
        assert saved.rationale != "Changed after the fact."
    else:
        assert saved.rationale == "Changed after the fact."


def test_assignee_changes_in_any_state(make_user: Callable[..., Any]) -> None:
    reviewer, editor = make_user("reviewer"), make_user("editor")
    claim = claim_in("published", reviewer, editor)
    response = client_of(reviewer).patch(
        f"/api/claims/{claim.pk}/", {"version": claim.version, "assignee": editor.pk}, format="json"
    )
    assert response.status_code == 200
