"""The workspace's one read: the article, its live claims, its candidates, the sentence
scores and the verdict scale, in a fixed number of queries whatever the article's size.

The paged lists (/api/claims/?article=, /api/articles/{id}/candidates/) serialise each row
through DRF and page at 500, so a heavy article took eight or more requests; this reads
plain rows (values_list) and builds the JSON directly. Candidates carry no `text`: it is
the article's slice [start, end), which the client cuts itself."""

from __future__ import annotations

import json
from typing import Any

from django.core.serializers.json import DjangoJSONEncoder
from django.db import connection
from django.db.models import Count
from django.http import Http404

from factcheck.accounts.roles import role_of
from factcheck.claims.models import Claim, ClaimStatus, VerdictLabel
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

# Candidates go as arrays in this order (an article can have 12,000 of them: field names
# in every row would be most of the bytes).
CANDIDATE_FIELDS = ["id", "kind", "start", "end", "data", "score", "checkable", "status", "claim"]

# PostgreSQL builds the candidates' JSON itself, as one text value: no row objects in Python.
_CANDIDATES_SQL = """
SELECT coalesce(json_agg(json_build_array(
    id, kind, start, "end", data, score, checkable, status, claim_id)
    ORDER BY start, "end", id), '[]')::text
FROM tagging_candidate WHERE article_id = %s
"""


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

    labels = list(
        VerdictLabel.objects.filter(active=True)
        .order_by("order", "id")
        .values("id", "name", "slug", "order", "colour", "description", "rating_value", "active")
    )
    # The workflow actions this user may take, by claim state (the same for every claim).
    role = role_of(user)
    probe = Claim()
    transitions = {}
    for status in ClaimStatus.values:
        probe.status = status
        transitions[status] = _transitions(probe, user, role)
    return {
        "article": body,
        "transitions": transitions,
        "claims": None,  # filled by workspace_json / claim_rows
        "candidate_fields": CANDIDATE_FIELDS,
        "candidates": None,  # filled by workspace_json / candidate_rows
        "labels": labels,
    }


def claim_rows(article_id: int) -> list[dict[str, Any]]:
    """The article's live claims (any database); what claims_json builds in PostgreSQL."""
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
    claims = []
    for row in rows:
        claim = dict(zip(CLAIM_FIELDS, row[: len(CLAIM_FIELDS)], strict=True))
        citations, cu, cf, cl, au, af, al = row[len(CLAIM_FIELDS) :]
        claim["article"] = article_id
        claim["citations_count"] = citations
        claim["created_by"] = _person(claim["created_by"], cu, cf, cl)
        claim["assignee"] = _person(claim["assignee"], au, af, al)
        claims.append(claim)

    return claims


def candidate_rows(article_id: int) -> list[list[Any]]:
    """The article's candidates as arrays in CANDIDATE_FIELDS order (any database)."""
    return [
        list(row)
        for row in Candidate.objects.filter(article_id=article_id)
        .order_by("start", "end", "id")
        .values_list(*[f"{n}_id" if n == "claim" else n for n in CANDIDATE_FIELDS])
    ]


def candidates_json(article_id: int) -> str:
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute(_CANDIDATES_SQL, [article_id])
            return str(cursor.fetchone()[0])
    return json.dumps(candidate_rows(article_id))


def _person_sql(alias: str) -> str:
    return (
        f"CASE WHEN {alias}.id IS NULL THEN NULL ELSE json_build_object("
        f"'id', {alias}.id, 'username', {alias}.username, 'display_name', coalesce(nullif("
        f"trim({alias}.first_name || ' ' || {alias}.last_name), ''), {alias}.username)) END"
    )


_CLAIM_COLUMNS = {name: f'c."{name}"' for name in CLAIM_FIELDS if name not in _FOREIGN}
_CLAIMS_SQL = f"""
SELECT coalesce(json_agg(json_build_object(
    {", ".join(f"'{k}', {v}" for k, v in _CLAIM_COLUMNS.items())},
    'article', c.article_id,
    'verdict', c.verdict_id,
    'citations_count', (SELECT count(*) FROM sources_citation s WHERE s.claim_id = c.id),
    'created_by', {_person_sql("cu")},
    'assignee', {_person_sql("au")}
) ORDER BY c.start, c."end", c.id), '[]')::text
FROM claims_claim c
LEFT JOIN accounts_user cu ON cu.id = c.created_by_id
LEFT JOIN accounts_user au ON au.id = c.assignee_id
WHERE c.article_id = %s AND c.deleted_at IS NULL
"""


def claims_json(article_id: int) -> str:
    """The article's live claims as JSON text (built by PostgreSQL where it runs)."""
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute(_CLAIMS_SQL, [article_id])
            return str(cursor.fetchone()[0])
    return json.dumps(claim_rows(article_id), cls=DjangoJSONEncoder)


_SLOT = '"__candidates__"'
_CLAIMS_SLOT = '"__claims__"'


def workspace_json(article_id: int, user: Any) -> str:
    """The workspace read as JSON text; the candidates' part comes ready-made."""
    body = workspace(article_id, user)
    body["candidates"] = _SLOT.strip('"')
    body["claims"] = _CLAIMS_SLOT.strip('"')
    text = json.dumps(body, cls=DjangoJSONEncoder, ensure_ascii=False, separators=(",", ":"))
    text = text.replace(_CLAIMS_SLOT, claims_json(article_id), 1)
    return text.replace(_SLOT, candidates_json(article_id), 1)


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
