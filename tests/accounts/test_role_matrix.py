"""The one table that says who may do what: role × endpoint × method → status.

Every API route must appear here (test_every_api_route_is_in_the_matrix), so a new endpoint
cannot ship without its permissions being decided and tested."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

import pytest
from django.core.files.base import ContentFile
from django.urls import URLPattern, URLResolver, get_resolver
from rest_framework.test import APIClient

from factcheck.articles.models import ImportJob
from factcheck.claims.models import VerdictLabel
from factcheck.core.reference_data import ensure_reference_data
from factcheck.factchecks.models import FactCheck, FactCheckImportJob
from factcheck.reports.models import ExportJob
from factcheck.tagging.models import Candidate
from tests.factories import CitationFactory, ClaimFactory, SourceFactory, verified_capture

ROLES = (None, "reviewer", "editor", "admin")


@dataclass
class World:
    """Objects the requests act on; fresh for each request so deletes do not interfere."""

    ids: dict[str, int] = field(default_factory=dict)


def make_world() -> World:
    ensure_reference_data()
    claim = ClaimFactory()
    citation = CitationFactory(claim=claim)
    verified_capture(citation)  # so that an editor may approve
    source = SourceFactory()
    import_job = ImportJob.objects.create(filename="rows.csv", total=1)
    export_job = ExportJob.objects.create(format="csv", status="done", total=0)
    export_job.file.save("matrix.csv", ContentFile(b"claim_id\n"))
    candidate, dismissed = (
        Candidate.objects.create(
            article_id=claim.article_id, kind=kind, start=21, end=25, text="3.5%", status=status
        )
        for kind, status in (("number", "open"), ("attribution", "dismissed"))
    )
    factcheck, published = _fact_checks()
    return World(
        {
            "factcheck": factcheck.pk,
            "factcheck_import": FactCheckImportJob.objects.create(filename="f.json", total=1).pk,
            "published_slug": published.slug,  # type: ignore[dict-item]
            "unpublished_slug": f"{claim.pk}-not-published",  # type: ignore[dict-item]
            "candidate": candidate.pk,
            "dismissed_candidate": dismissed.pk,
            "article": claim.article_id,
            "claim": claim.pk,
            "citation": citation.pk,
            "source": source.pk,
            "import_job": import_job.pk,
            "export_job": export_job.pk,
            "verdict": VerdictLabel.objects.order_by("order").values_list("pk", flat=True)[0],
            "claim_version": claim.version,
        }
    )


def _fact_checks() -> tuple[FactCheck, FactCheck]:
    """An imported fact-check and our published one (issue 15)."""
    from factcheck.factchecks.claimreview import FactCheckRow
    from factcheck.factchecks.services import save_rows, sync_published_claim

    save_rows([FactCheckRow(url="https://other.example/fc", claim_reviewed="Jobs fell.")])
    claim = ClaimFactory(
        status="published",
        verdict=VerdictLabel.objects.order_by("order").first(),
        rationale="Because.",
    )
    return FactCheck.objects.get(url="https://other.example/fc"), sync_published_claim(claim)


def body_cite(w: World) -> dict[str, Any]:
    return {"claim": w.ids["claim"], "version": w.ids["claim_version"], "stance": "context"}


def body_new_article(w: World) -> dict[str, Any]:
    return {"title": "New", "text": f"A brand new article number {w.ids['claim']}."}


def body_new_claim(w: World) -> dict[str, Any]:
    return {"article": w.ids["article"], "start": 0, "end": 12}


def body_claim_edit(w: World) -> dict[str, Any]:
    return {"version": w.ids["claim_version"], "statement": "Edited"}


def body_new_citation(w: World) -> dict[str, Any]:
    return {"claim": w.ids["claim"], "url": "https://stats.example.org/x", "stance": "supports"}


def body_new_source(w: World) -> dict[str, Any]:
    return {"name": "New source", "domain": f"new{w.ids['source']}.example.org", "kind": "ngo"}


def body_verdict(w: World) -> dict[str, Any]:
    return {"name": "Misleading", "slug": f"misleading-{w.ids['claim']}", "order": 9}


def body_merge(w: World) -> dict[str, Any]:
    return {"into": SourceFactory().pk}


def body_local_url(w: World) -> dict[str, Any]:
    return {"url": "http://127.0.0.1:9/"}  # refused (loopback): the role got past the gate


def body_revision(w: World) -> dict[str, Any]:
    return {"text": f"A corrected text, number {w.ids['claim']}.", "note": "typo"}


def body_transition(status: str) -> Callable[[World], dict[str, Any]]:
    """Puts the world's claim in `status`, ready for a transition (verdict, rationale and
    its citation), and returns the transition's body."""

    def body(w: World) -> dict[str, Any]:
        from factcheck.claims.models import Claim

        Claim.objects.filter(pk=w.ids["claim"]).update(
            status=status, verdict_id=w.ids["verdict"], rationale="Because."
        )
        return {"version": Claim.objects.get(pk=w.ids["claim"]).version, "comment": "Fix it."}

    return body


Body = Callable[[World], dict[str, Any]] | None
A, R, E, D = None, "reviewer", "editor", "admin"


def by_role(anon: int, reviewer: int, editor: int, admin: int) -> dict[str | None, int]:
    return {A: anon, R: reviewer, E: editor, D: admin}


READ = by_role(403, 200, 200, 200)
EDITORS_READ = by_role(403, 403, 200, 200)
EDITOR_200 = by_role(403, 403, 200, 200)
REVIEWER_201 = by_role(403, 201, 201, 201)
# (method, route template, body, expected status per role)
MATRIX: list[tuple[str, str, Body, dict[str | None, int]]] = [
    ("get", "/api/me/", None, READ),
    ("post", "/api/auth/logout/", None, by_role(403, 204, 204, 204)),
    ("get", "/api/articles/", None, READ),
    ("post", "/api/articles/", body_new_article, by_role(403, 201, 201, 201)),
    ("get", "/api/articles/{article}/", None, READ),
    ("patch", "/api/articles/{article}/", lambda w: {"outlet": "X"}, by_role(403, 200, 200, 200)),
    ("delete", "/api/articles/{article}/", None, by_role(403, 403, 403, 204)),
    ("get", "/api/claims/", None, READ),
    ("post", "/api/claims/", body_new_claim, by_role(403, 201, 201, 201)),
    ("get", "/api/claims/{claim}/", None, READ),
    ("patch", "/api/claims/{claim}/", body_claim_edit, by_role(403, 200, 200, 200)),
    ("delete", "/api/claims/{claim}/", None, by_role(403, 403, 403, 204)),
    ("post", "/api/claims/{claim}/submit/", body_transition("draft"), by_role(403, 200, 200, 200)),
    ("post", "/api/claims/{claim}/approve/", body_transition("in_review"), EDITOR_200),
    ("post", "/api/claims/{claim}/return/", body_transition("in_review"), EDITOR_200),
    ("post", "/api/claims/{claim}/publish/", body_transition("approved"), EDITOR_200),
    ("post", "/api/claims/{claim}/unpublish/", body_transition("published"), EDITOR_200),
    ("get", "/api/claims/{claim}/history/", None, READ),
    ("get", "/api/claims/{claim}/comments/", None, READ),
    ("post", "/api/claims/{claim}/comments/", lambda w: {"body": "Hm."}, REVIEWER_201),
    ("get", "/api/citations/", None, READ),
    ("post", "/api/citations/", body_new_citation, by_role(403, 201, 201, 201)),
    ("get", "/api/citations/{citation}/", None, READ),
    (
        "patch",
        "/api/citations/{citation}/",
        lambda w: {"excerpt": "x"},
        by_role(403, 200, 200, 200),
    ),
    ("delete", "/api/citations/{citation}/", None, by_role(403, 204, 204, 204)),
    ("post", "/api/citations/{citation}/recapture/", None, by_role(403, 202, 202, 202)),
    ("get", "/api/sources/", None, READ),
    ("post", "/api/sources/", body_new_source, by_role(403, 201, 201, 201)),
    ("get", "/api/sources/{source}/", None, READ),
    ("patch", "/api/sources/{source}/", lambda w: {"reliability": 1}, by_role(403, 403, 403, 200)),
    ("delete", "/api/sources/{source}/", None, by_role(403, 403, 403, 204)),
    # Imports and corrections (issue 6). A JSON body without a file is a 400 once allowed.
    ("post", "/api/sources/{source}/merge/", body_merge, by_role(403, 403, 403, 200)),
    ("post", "/api/articles/from-url/", body_local_url, by_role(403, 400, 400, 400)),
    ("post", "/api/articles/upload/", None, by_role(403, 400, 400, 400)),
    ("get", "/api/articles/{article}/revisions/", None, READ),
    ("post", "/api/articles/{article}/revisions/", body_revision, by_role(403, 201, 201, 201)),
    ("get", "/api/articles/{article}/revisions/diff/", None, READ),
    ("post", "/api/articles/{article}/revisions/preview/", body_revision, READ),
    ("get", "/api/articles/{article}/orphans/", None, READ),
    # The workspace for a working day (issue 16).
    ("get", "/api/articles/{article}/workspace/", None, READ),
    ("post", "/api/articles/{article}/assign/", lambda w: {"assignee": None}, EDITOR_200),
    ("get", "/api/my-work/", None, READ),
    ("post", "/api/my-work/seen/", None, READ),
    ("get", "/api/people/", None, EDITORS_READ),
    ("get", "/api/imports/", None, READ),
    ("post", "/api/imports/", None, by_role(403, 400, 400, 400)),
    ("get", "/api/imports/{import_job}/", None, READ),
    ("get", "/api/verdict-labels/", None, READ),
    ("post", "/api/verdict-labels/", body_verdict, by_role(403, 403, 403, 201)),
    ("get", "/api/verdict-labels/{verdict}/", None, READ),
    (
        "patch",
        "/api/verdict-labels/{verdict}/",
        lambda w: {"colour": "#000000"},
        by_role(403, 403, 403, 200),
    ),
    ("get", "/api/candidates/", None, READ),
    ("get", "/api/candidates/{candidate}/", None, READ),
    ("post", "/api/candidates/{candidate}/accept/", None, by_role(403, 201, 201, 201)),
    ("post", "/api/candidates/{candidate}/dismiss/", None, by_role(403, 200, 200, 200)),
    ("post", "/api/candidates/{dismissed_candidate}/reopen/", None, by_role(403, 200, 200, 200)),
    ("get", "/api/articles/{article}/candidates/", None, READ),
    ("get", "/api/articles/{article}/tagging/", None, READ),
    *[
        ("get", f"/api/exports/claims.{fmt}", None, EDITORS_READ)
        for fmt in ("csv", "json", "claimreview", "webannotation", "html", "pdf")
    ],
    ("get", "/api/export-jobs/", None, EDITORS_READ),
    ("post", "/api/export-jobs/", lambda w: {"format": "csv"}, by_role(403, 403, 201, 201)),
    ("get", "/api/export-jobs/{export_job}/", None, EDITORS_READ),
    ("get", "/api/export-jobs/{export_job}/download/", None, EDITORS_READ),
    # "Checked before?" and fact-checks (issue 15).
    ("get", "/api/fact-checks/", None, READ),
    ("get", "/api/fact-checks/{factcheck}/", None, READ),
    ("post", "/api/fact-checks/match/", lambda w: {"text": "Jobs fell"}, READ),
    ("get", "/api/fact-checks/suggestions/", lambda w: {"claim": w.ids["claim"]}, READ),
    (
        "get",
        "/api/fact-checks/article-suggestions/",
        lambda w: {"article": w.ids["article"]},
        READ,
    ),
    ("post", "/api/fact-checks/{factcheck}/cite/", body_cite, REVIEWER_201),
    ("get", "/api/fact-check-imports/", None, READ),
    ("post", "/api/fact-check-imports/", None, by_role(403, 400, 400, 400)),
    ("get", "/api/fact-check-imports/{factcheck_import}/", None, READ),
    # The public pages: anyone sees published fact-checks, nobody an unpublished one.
    ("get", "/fact-checks/{published_slug}", None, by_role(200, 200, 200, 200)),
    ("get", "/fact-checks/{unpublished_slug}", None, by_role(404, 404, 404, 404)),
    ("get", "/fact-checks/feed.json", None, by_role(200, 200, 200, 200)),
    ("get", "/fact-checks/corrections", None, by_role(200, 200, 200, 200)),
]

# Routes outside the matrix on purpose, with the reason.
EXEMPT = {
    "/api/auth/login/": "anyone may try to log in; covered by tests/accounts/test_login.py",
    "/api/schema/": "the public OpenAPI description",
    "/api/docs/": "the interactive API docs",
    "/api/": "DRF's browsable root",
    "/api/exports/claims.{fmt}": "one row per format below (/api/exports/claims.csv...)",
}


@pytest.mark.django_db
@pytest.mark.parametrize("role", ROLES, ids=lambda r: r or "anonymous")
@pytest.mark.parametrize(
    ("method", "route", "body", "expected"),
    MATRIX,
    ids=[f"{m.upper()} {r}" for m, r, _, _ in MATRIX],
)
def test_role_matrix(
    client_for: Callable[[str | None], APIClient],
    role: str | None,
    method: str,
    route: str,
    body: Body,
    expected: dict[str | None, int],
) -> None:
    world = make_world()
    client = client_for(role)
    url = route.format(**world.ids)
    data = body(world) if body else None
    response = getattr(client, method)(url, data, format="json")
    assert response.status_code == expected[role], (role, method, url, response.content[:300])


def _api_routes() -> set[str]:
    routes: set[str] = set()

    def walk(patterns: list[Any], prefix: str) -> None:
        for pattern in patterns:
            text = prefix + str(pattern.pattern)
            if isinstance(pattern, URLResolver):
                walk(pattern.url_patterns, text)
            elif isinstance(pattern, URLPattern) and text.startswith("api/"):
                routes.add(_normalise(text))

    walk(get_resolver().url_patterns, "")
    return routes


def _normalise(pattern: str) -> str:
    import re

    text = pattern.replace("^", "").rstrip("$")
    text = re.sub(r"\(\?P<format>[^)]*\)", "", text).replace("\\.", "").replace("/?", "/")
    text = re.sub(r"\(\?P<(\w+)>[^)]*\)", r"{\1}", text)
    text = re.sub(r"<(?:\w+:)?(\w+)>", r"{\1}", text)
    return "/" + text.replace("//", "/")


def test_every_api_route_is_in_the_matrix() -> None:
    covered = {_normalise_template(route) for _, route, _, _ in MATRIX} | set(EXEMPT)
    missing = sorted(r for r in _api_routes() if r not in covered and "{format}" not in r)
    assert len(_api_routes()) > 10
    assert not missing, f"API routes without a row in the role matrix: {missing}"


def _normalise_template(route: str) -> str:
    import re

    return re.sub(r"\{\w+\}", "{pk}", route)


# Evidence changes only while the claim is a draft or returned, whoever asks; a claim in
# review, approved or published answers 409 (with the claim as it is) to every role.
CITATION_ACTIONS: dict[str, tuple[str, str, Callable[[World], dict[str, Any]] | None, int]] = {
    "add": ("post", "/api/citations/", body_new_citation, 201),
    "change": ("patch", "/api/citations/{citation}/", lambda w: {"excerpt": "y"}, 200),
    "remove": ("delete", "/api/citations/{citation}/", None, 204),
}
OPEN_STATES = ("draft", "returned")
CLOSED_STATES = ("in_review", "approved", "published")


@pytest.mark.django_db
@pytest.mark.parametrize("action", list(CITATION_ACTIONS))
@pytest.mark.parametrize("state", OPEN_STATES + CLOSED_STATES)
@pytest.mark.parametrize("role", ROLES, ids=lambda r: r or "anonymous")
def test_citation_matrix(
    client_for: Callable[[str | None], APIClient], role: str | None, state: str, action: str
) -> None:
    from factcheck.claims.models import Citation, Claim

    world = make_world()
    Claim.objects.filter(pk=world.ids["claim"]).update(status=state)
    method, route, body, allowed = CITATION_ACTIONS[action]
    before = list(Citation.objects.filter(claim_id=world.ids["claim"]).values())
    response = getattr(client_for(role), method)(
        route.format(**world.ids), body(world) if body else None, format="json"
    )
    expected = 403 if role is None else allowed if state in OPEN_STATES else 409
    assert response.status_code == expected, response.content[:300]
    after = list(Citation.objects.filter(claim_id=world.ids["claim"]).values())
    if expected in (403, 409):
        assert after == before  # nothing changed behind review
    if expected == 409:
        assert "draft or returned" in response.json()["detail"]
        assert response.json()["current"]["status"] == state
