"""Work that finds its owner: what is waiting for one person ("My work") and who can be
given work. Read-side only, a fixed number of queries per call."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from django.contrib.auth import get_user_model
from django.db.models import OuterRef, Q, QuerySet, Subquery
from django.utils import timezone

from factcheck.claims.models import Claim, ClaimStatus, Comment

from .models import Article, WorkSeen

LIMIT = 100

CLAIM_ROW = [
    "id",
    "article_id",
    "article__title",
    "exact",
    "statement",
    "status",
    "version",
    "updated_at",
]


def _claims(queryset: QuerySet[Claim]) -> list[dict[str, Any]]:
    last_comment = Comment.objects.filter(claim=OuterRef("pk")).order_by("-created_at", "-id")
    rows = (
        queryset.filter(deleted_at__isnull=True)
        .annotate(
            comment_body=Subquery(last_comment.values("body")[:1]),
            comment_at=Subquery(last_comment.values("created_at")[:1]),
            comment_author=Subquery(last_comment.values("author__username")[:1]),
        )
        .order_by("-updated_at", "-id")
        .values(*CLAIM_ROW, "comment_body", "comment_at", "comment_author")[:LIMIT]
    )
    out = []
    for row in rows:
        out.append(
            {
                "id": row["id"],
                "article": row["article_id"],
                "article_title": row["article__title"],
                "exact": row["exact"][:300],
                "statement": row["statement"][:300],
                "status": row["status"],
                "version": row["version"],
                "updated_at": row["updated_at"],
                "comment": {
                    "body": row["comment_body"],
                    "created_at": row["comment_at"],
                    "author": row["comment_author"],
                }
                if row["comment_body"]
                else None,
            }
        )
    return out


def seen_at(user: Any) -> datetime | None:
    return WorkSeen.objects.filter(user=user).values_list("seen_at", flat=True).first()


def my_work(user: Any) -> dict[str, Any]:
    """Returned to me (with the editor's comment), assigned to me (articles and claims),
    my drafts, my claims in review; and how many of them are new since I last looked."""
    since = seen_at(user)
    mine = Q(created_by=user) | Q(assignee=user)
    returned = _claims(Claim.objects.filter(mine, status=ClaimStatus.RETURNED))
    assigned_claims = _claims(
        Claim.objects.filter(assignee=user).exclude(
            status__in=[ClaimStatus.PUBLISHED, ClaimStatus.RETURNED]
        )
    )
    drafts = _claims(Claim.objects.filter(created_by=user, status=ClaimStatus.DRAFT))
    in_review = _claims(Claim.objects.filter(mine, status=ClaimStatus.IN_REVIEW))
    articles = list(
        Article.objects.filter(assignee=user)
        .order_by("-assigned_at", "-id")
        .values("id", "title", "outlet", "tagging_status", "assigned_at")[:LIMIT]
    )

    def new(at: datetime | None) -> bool:
        return at is not None and (since is None or at > since)

    unread = sum(new(c["updated_at"]) for c in returned) + sum(
        new(a["assigned_at"]) for a in articles
    )
    return {
        "returned": returned,
        "assigned_articles": articles,
        "assigned_claims": assigned_claims,
        "drafts": drafts,
        "in_review": in_review,
        "unread": unread,
        "seen_at": since,
    }


def unread_count(user: Any) -> int:
    return int(my_work(user)["unread"])


def mark_seen(user: Any) -> datetime:
    now = timezone.now()
    WorkSeen.objects.update_or_create(user=user, defaults={"seen_at": now})
    return now


def people() -> list[dict[str, Any]]:
    """Active people with a role, to assign work to (role from their groups)."""
    from factcheck.accounts.roles import role_of

    users = (
        get_user_model()
        .objects.filter(is_active=True)
        .filter(Q(groups__name__in=["reviewer", "editor", "admin"]) | Q(is_superuser=True))
        .distinct()
        .prefetch_related("groups")
        .order_by("username")
    )
    out = []
    for user in users:
        user._role_group_names = {g.name for g in user.groups.all()}  # type: ignore[attr-defined]
        out.append(
            {
                "id": user.pk,
                "username": user.username,
                "display_name": user.get_full_name() or user.username,
                "role": role_of(user).label,
            }
        )
    return out
