"""Work finds its owner: editors assign articles (and claims, through the claim's versioned
update); "My work" lists what is returned to me (with the comment), assigned to me, my drafts
and my claims in review, and counts what is new since I last looked."""

from __future__ import annotations

from typing import Any

import pytest
from rest_framework.test import APIClient

from factcheck.articles.services import ArticleInput, create_article
from factcheck.claims.services import create_claim
from factcheck.claims.workflow import transition
from factcheck.core.reference_data import ensure_reference_data

pytestmark = pytest.mark.django_db

TEXT = "The mayor said unemployment fell to 3.5% in 2019. Critics disagreed."


def as_user(user: Any) -> APIClient:
    client = APIClient()
    client.force_authenticate(user)
    return client


def test_an_editor_assigns_an_article_and_it_shows_as_new_work(make_user: Any) -> None:
    editor, reviewer = make_user("editor"), make_user("reviewer")
    article, _ = create_article(ArticleInput(title="Budget", text=TEXT), None)
    response = as_user(editor).post(
        f"/api/articles/{article.pk}/assign/", {"assignee": reviewer.pk}, format="json"
    )
    assert response.status_code == 200
    article.refresh_from_db()
    assert article.assignee == reviewer and article.assigned_by == editor
    work = as_user(reviewer).get("/api/my-work/").json()
    assert [a["id"] for a in work["assigned_articles"]] == [article.pk]
    assert work["unread"] == 1
    assert as_user(reviewer).post("/api/my-work/seen/").status_code == 200
    assert as_user(reviewer).get("/api/my-work/").json()["unread"] == 0


def test_assigning_to_a_person_without_a_role_is_a_400_naming_the_field(
    make_user: Any,
) -> None:
    editor, nobody = make_user("editor"), make_user(None)
    article, _ = create_article(ArticleInput(title="Budget", text=TEXT), None)
    for assignee in (nobody.pk, 999999, "x"):
        response = as_user(editor).post(
            f"/api/articles/{article.pk}/assign/", {"assignee": assignee}, format="json"
        )
        assert response.status_code == 400 and "assignee" in response.json()


def test_returned_claims_come_with_the_editors_comment(make_user: Any) -> None:
    ensure_reference_data()
    from factcheck.claims.models import VerdictLabel
    from tests.factories import CitationFactory

    editor, reviewer = make_user("editor"), make_user("reviewer")
    article, _ = create_article(ArticleInput(title="Budget", text=TEXT), None)
    claim = create_claim(article, 15, 40, reviewer)
    draft = create_claim(article, 0, 9, reviewer)
    claim.verdict = VerdictLabel.objects.first()
    claim.rationale = "Because."
    claim.save()
    CitationFactory(claim=claim)
    claim.refresh_from_db()
    transition(claim.pk, "submit", reviewer, claim.version)
    claim.refresh_from_db()
    in_review = as_user(reviewer).get("/api/my-work/").json()["in_review"]
    assert [c["id"] for c in in_review] == [claim.pk]
    transition(claim.pk, "return", editor, claim.version, "Cite the ONS release.")
    work = as_user(reviewer).get("/api/my-work/").json()
    assert [c["id"] for c in work["returned"]] == [claim.pk]
    assert work["returned"][0]["comment"]["body"] == "Cite the ONS release."
    assert [c["id"] for c in work["drafts"]] == [draft.pk]
    assert work["unread"] >= 1


def test_people_lists_those_with_a_role(make_user: Any) -> None:
    editor = make_user("editor")
    reviewer, nobody = make_user("reviewer"), make_user(None)
    people = as_user(editor).get("/api/people/").json()
    ids = {p["id"]: p["role"] for p in people}
    assert ids[reviewer.pk] == "reviewer" and ids[editor.pk] == "editor"
    assert nobody.pk not in ids
