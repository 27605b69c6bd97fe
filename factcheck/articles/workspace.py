"""The workspace's one read: the article, its live claims, its candidates, the sentence
scores and the verdict scale, in a fixed number of queries whatever the article's size.

The paged lists (/api/claims/?article=, /api/articles/{id}/candidates/) serialise each row
through DRF and page at 500, so a heavy article took eight or more requests; this reads
plain rows (values_list) and builds the JSON directly. Candidates carry no `text`: it is
the article's slice [start, end), which the client cuts itself."""

from __future__ import annotations

from typing import Any

from django.db.models import Count
from django.http import Http404

from factcheck.accounts.roles import role_of
from factcheck.claims.models import Claim, VerdictLabel
from factcheck.claims.workflow import allowed_transitions
from factcheck.tagging.models import Candidate

from .selectors import article_detail

ARTICLE_FIELDS = [
    "id",
    "title",
    "outlet",
    "author",
    "url",
    "published_at",
    "language",
    "tagging_status",
    "tagging_error",
    "tagger_version",
    "revision",
    "created_at",
    "updated_at",
    "text",
    "content_hash",
    "sentences",
]

CLAIM_FIELDS = [
    "id",
    "start",
    "end",
    "exact",
    "prefix",
    "suffix",
    "anchor_status",
    "anchored_revision",
    "statement",
    "claimant",
    "claim_date",
    "status",
    "verdict",
    "rationale",
    "version",
    "updated_at",
    "created_by",
    "assignee",
]

_FOREIGN = {"verdict", "created_by", "assignee"}

CANDIDATE_FIELDS = ["id", "kind", "start", "end", "data", "score", "status", "claim"]


def workspace(article_id: int, user: Any) -> dict[str, Any]:
    """Everything the workspace shows for one article (404 when there is no such article)."""
    article = (
        article_detail().defer("html").filter(pk=article_id).select_related("assignee").first()
    )
    if article is None:
        raise Http404
    body: dict[str, Any] = {name: getattr(article, name) for name in ARTICLE_FIELDS}
    body["candidates_open"] = article.candidates_open  # type: ignore[attr-defined]
    body["claims_count"] = article.claims_count  # type: ignore[attr-defined]
    body["verdicts_count"] = article.verdicts_count  # type: ignore[attr-defined]
    body["assignee"] = _summary(article.assignee)

    # No join of the article (its whole text) into each claim row: the article is above.
    rows = (
        Claim.objects.filter(article_id=article_id, deleted_at__isnull=True)
        .annotate(citations_count=Count("citations", distinct=True))
        .order_by("start", "end", "id")
        .values_list(
            *[f"{n}_id" if n in _FOREIGN else n for n in CLAIM_FIELDS],
            "citations_count",
            "created_by__username",
            "created_by__first_name",
            "created_by__last_name",
            "assignee__username",
            "assignee__first_name",
            "assignee__last_name",
        )
    )
    role = role_of(user)
    claims = []
    probe = Claim()
    for row in rows:
        claim = dict(zip(CLAIM_FIELDS, row[: len(CLAIM_FIELDS)], strict=True))
        citations, cu, cf, cl, au, af, al = row[len(CLAIM_FIELDS) :]
        claim["article"] = article_id
        claim["citations_count"] = citations
        claim["created_by"] = _person(claim["created_by"], cu, cf, cl)
        claim["assignee"] = _person(claim["assignee"], au, af, al)
        probe.status = claim["status"]
        claim["transitions"] = _transitions(probe, user, role)
        claims.append(claim)

    candidates = [
        dict(zip(CANDIDATE_FIELDS, row, strict=True))
        for row in Candidate.objects.filter(article_id=article_id)
        .order_by("start", "end", "id")
        .values_list(*[f"{n}_id" if n == "claim" else n for n in CANDIDATE_FIELDS])
    ]
    labels = list(
        VerdictLabel.objects.filter(active=True)
        .order_by("order", "id")
        .values("id", "name", "slug", "order", "colour", "description", "rating_value", "active")
    )
    return {"article": body, "claims": claims, "candidates": candidates, "labels": labels}


_TRANSITIONS_BY_STATUS: dict[tuple[str, int], list[str]] = {}


def _transitions(probe: Claim, user: Any, role: int) -> list[str]:
    # The allowed transitions depend only on the state and the role: computed once per pair.
    key = (probe.status, role)
    if key not in _TRANSITIONS_BY_STATUS:
        _TRANSITIONS_BY_STATUS[key] = allowed_transitions(probe, user)
    return list(_TRANSITIONS_BY_STATUS[key])


def _person(pk: int | None, username: str | None, first: str | None, last: str | None) -> Any:
    if pk is None:
        return None
    name = f"{first or ''} {last or ''}".strip()
    return {"id": pk, "username": username, "display_name": name or username}


def _summary(user: Any) -> dict[str, Any] | None:
    if user is None:
        return None
    return {"id": user.pk, "username": user.username, "display_name": user.display_name}
