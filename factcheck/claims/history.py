"""A claim's history: every change to it, its citations, verdict and state, oldest first.

Events are written by services.record_event (edits, citations, deletes), workflow (state
changes) and comments; this module only reads them."""

from __future__ import annotations

from django.db.models import QuerySet

from .models import ClaimEvent


def claim_history(claim_id: int, actions: list[str] | None = None) -> QuerySet[ClaimEvent]:
    """The claim's events in order (only `actions`, if given), each with its actor, in one
    query per page."""
    events = ClaimEvent.objects.filter(claim_id=claim_id)
    if actions:
        events = events.filter(action__in=actions)
    return events.select_related("actor").order_by("created_at", "id")
