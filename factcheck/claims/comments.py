"""Comments on a claim: the reviewer ↔ editor conversation, in order, never edited."""

from __future__ import annotations

from typing import Any

from django.db import transaction
from django.db.models import QuerySet
from rest_framework.exceptions import ValidationError

from .models import Claim, Comment
from .services import record_event


def comments_of(claim_id: int) -> QuerySet[Comment]:
    return (
        Comment.objects.filter(claim_id=claim_id)
        .select_related("author")
        .order_by("created_at", "id")
    )


@transaction.atomic
def add_comment(claim: Claim, user: Any, body: str) -> Comment:
    """A new comment; the history shows it too, so the timeline reads as one story."""
    body = (body or "").strip()
    if not body:
        raise ValidationError({"body": ["Write something."]})
    author = user if getattr(user, "is_authenticated", False) else None
    comment = Comment.objects.create(claim=claim, author=author, body=body)
    record_event(claim, user, "commented", {"comment": {"id": comment.pk, "body": body}})
    return comment
