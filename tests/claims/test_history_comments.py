"""History (every change recorded, visible through the API, surviving deletes), comments,
soft delete, and the claims list's filters with a fixed query count."""

from __future__ import annotations

from collections.abc import Callable
from datetime import timedelta
from typing import Any

import pytest
from django.utils import timezone
from rest_framework.test import APIClient

from factcheck.claims.models import Claim, ClaimEvent
from tests.claims.helpers import claim_in, ready_claim
from tests.factories import verdict

pytestmark = pytest.mark.django_db


def client_of(user: Any) -> APIClient:
    client = APIClient()
    client.force_authenticate(user)
    return client


def test_history_records_who_what_when_for_every_kind_of_change(
    make_user: Callable[..., Any],
) -> None:
    reviewer, editor = make_user("reviewer"), make_user("editor")
    claim = ready_claim(reviewer)
    client = client_of(reviewer)
    edited = client.patch(
        f"/api/claims/{claim.pk}/",
        {"version": claim.version, "verdict": verdict("false").pk, "rationale": "Revised."},
        format="json",
    ).json()
    citation = claim.citations.get()
    assert (
        client.patch(
            f"/api/citations/{citation.pk}/", {"excerpt": "new"}, format="json"
        ).status_code
        == 200
    )
    assert client.delete(f"/api/citations/{citation.pk}/").status_code == 204
    assert (
        client.post(
            f"/api/claims/{claim.pk}/comments/", {"body": "Done?"}, format="json"
        ).status_code
        == 201
    )
    client_of(editor).post(f"/api/claims/{claim.pk}/comments/", {"body": "Not yet."}, format="json")

    history = client.get(f"/api/claims/{claim.pk}/history/").json()
    actions = [e["action"] for e in history["results"]]
    assert actions == [
        "created",
        "cited",
        "updated",
        "citation_updated",
        "uncited",
        "commented",
        "commented",
    ]
    update = history["results"][2]
    assert update["actor"]["username"] == reviewer.username
    assert update["changes"]["verdict"] == [verdict("true").pk, verdict("false").pk]
    assert update["changes"]["rationale"] == [claim.rationale, "Revised."]
    assert history["results"][4]["changes"]["excerpt"] == "new"  # what was removed
    assert all(e["created_at"] for e in history["results"])
    only = client.get(f"/api/claims/{claim.pk}/history/?action=cited,uncited").json()
    assert [e["action"] for e in only["results"]] == ["cited", "uncited"]
    assert edited["version"] == claim.version + 1
    # The citation is gone; its trace is not.
    assert ClaimEvent.objects.filter(claim=claim, action="uncited").exists()


def test_comments_in_order_with_author_and_time(make_user: Callable[..., Any]) -> None:
    reviewer, editor = make_user("reviewer"), make_user("editor")
    claim = claim_in("in_review", reviewer, editor)
    client_of(editor).post(
        f"/api/claims/{claim.pk}/return/",
        {"version": claim.version, "comment": "Which table?"},
        format="json",
    )
    client_of(reviewer).post(
        f"/api/claims/{claim.pk}/comments/", {"body": "Table 4."}, format="json"
    )
    comments = client_of(editor).get(f"/api/claims/{claim.pk}/comments/").json()["results"]
    assert [(c["author"]["username"], c["body"]) for c in comments] == [
        (editor.username, "Which table?"),
        (reviewer.username, "Table 4."),
    ]
    assert comments[0]["created_at"] <= comments[1]["created_at"]
    empty = client_of(reviewer).post(
        f"/api/claims/{claim.pk}/comments/", {"body": "  "}, format="json"
    )
    assert empty.status_code == 400 and "body" in empty.json()


def test_deleting_a_claim_is_soft_and_leaves_a_trace(
    make_user: Callable[..., Any], admin_client_api: APIClient
) -> None:
    claim = ready_claim(make_user("reviewer"))
    assert admin_client_api.delete(f"/api/claims/{claim.pk}/").status_code == 204
    assert admin_client_api.get(f"/api/claims/{claim.pk}/").status_code == 404
    assert claim.pk not in [c["id"] for c in admin_client_api.get("/api/claims/").json()["results"]]
    kept = Claim.all_objects.get(pk=claim.pk)
    assert kept.deleted_at is not None
    event = ClaimEvent.objects.filter(claim=claim).latest("id")
    assert event.action == "deleted" and event.actor is not None
    assert kept.citations.count() == 1  # nothing cascaded away


@pytest.mark.parametrize("n", [2, 12])
def test_history_and_comments_have_a_fixed_query_count(
    make_user: Callable[..., Any], django_assert_max_num_queries: Any, n: int
) -> None:
    reviewer = make_user("reviewer")
    claim = ready_claim(reviewer)
    client = client_of(reviewer)
    for i in range(n):
        client.post(f"/api/claims/{claim.pk}/comments/", {"body": f"c{i}"}, format="json")
    with django_assert_max_num_queries(6):
        assert client.get(f"/api/claims/{claim.pk}/history/").json()["count"] == n + 2
    with django_assert_max_num_queries(6):
        assert client.get(f"/api/claims/{claim.pk}/comments/").json()["count"] == n


def test_claims_list_filters_for_the_review_queue(
    make_user: Callable[..., Any], django_assert_max_num_queries: Any
) -> None:
    alice, bob, editor = (
        make_user("reviewer", "alice"),
        make_user("reviewer", "bob"),
        make_user("editor"),
    )
    old = claim_in("in_review", alice, editor)
    Claim.objects.filter(pk=old.pk).update(submitted_at=timezone.now() - timedelta(days=5))
    claim_in("in_review", bob, editor)
    claim_in("draft", alice, editor)
    Claim.objects.filter(pk=old.pk).update(verdict=verdict("false"))
    old.article.outlet = "Other Paper"
    old.article.save()
    client = client_of(editor)

    def ids(query: str) -> list[int]:
        response = client.get(f"/api/claims/?{query}")
        assert response.status_code == 200, response.content
        return [c["id"] for c in response.json()["results"]]

    assert len(ids("status=in_review")) == 2
    assert ids("status=in_review&reviewer=alice") == [old.pk]
    assert ids("status=in_review&outlet=other paper") == [old.pk]
    assert ids("verdict=false") == [old.pk]
    assert ids("status=in_review&min_age_days=3") == [old.pk]
    bad = client.get("/api/claims/?status=nope")
    assert bad.status_code == 400 and "status" in bad.json()
    for _ in range(10):
        claim_in("in_review", bob, editor)
    with django_assert_max_num_queries(8):
        assert len(ids("status=in_review")) == 12


def test_admin_deletes_leave_a_trace(make_user: Callable[..., Any]) -> None:
    from django.contrib.admin.sites import site
    from django.test import RequestFactory

    from factcheck.claims.models import Comment

    admin_user = make_user("admin")
    admin_user.is_staff = admin_user.is_superuser = True
    admin_user.save()
    request = RequestFactory().post("/admin/")
    request.user = admin_user
    claim = ready_claim(make_user("reviewer"))
    comment = Comment.objects.create(claim=claim, author=admin_user, body="Obsolete note")
    site._registry[Comment].delete_queryset(request, Comment.objects.filter(pk=comment.pk))
    site._registry[Claim].delete_model(request, claim)
    assert not Comment.objects.filter(pk=comment.pk).exists()
    kept = Claim.all_objects.get(pk=claim.pk)
    assert kept.deleted_at is not None
    actions = list(ClaimEvent.objects.filter(claim=claim).values_list("action", flat=True))
    assert actions[-2:] == ["comment_deleted", "deleted"]
    assert (
        ClaimEvent.objects.get(claim=claim, action="comment_deleted").changes["comment"]["body"]
        == "Obsolete note"
    )
