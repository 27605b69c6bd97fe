"""Claims placed on a new revision of their article's text: each re-anchored (position,
then the quote near it, then a fuzzy match) or marked orphaned, never dropped. The claims'
side of a correction; the articles app calls it and owns the revision itself."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, cast

from django.db import connection
from django.db.models import Field
from django.utils import timezone

from .anchoring import Anchor, Result, reanchor_many
from .models import AnchorStatus, Claim, ClaimEvent, ClaimStatus
from .services import send_back_to_review

_STATUS = {"exact": AnchorStatus.ANCHORED, "moved": AnchorStatus.MOVED, "fuzzy": AnchorStatus.FUZZY}


@dataclass
class Placement:
    kept: int = 0
    moved: list[int] = field(default_factory=list)
    orphaned: list[int] = field(default_factory=list)


def place_claims_on_revision(
    article_id: int, text: str, old_text: str, revision: int, user: Any
) -> Placement:
    """Re-anchor every live claim of the article on `text` (revision `revision`), which
    replaced `old_text`. Moved claims keep their state; a claim whose quoted text changed
    is a changed claim (an approved one goes back to review). Call inside a transaction."""
    claims = list(
        Claim.objects.select_for_update().filter(article_id=article_id).order_by("start", "id")
    )
    # Claims placed on the text just replaced map through the diff; claims already orphaned
    # (anchored on an older text) can only be found by their quote.
    current = [c for c in claims if c.anchor_status != AnchorStatus.ORPHANED]
    stale = [c for c in claims if c.anchor_status == AnchorStatus.ORPHANED]
    # The rows of the history, in one insert: a correction can move every claim of a long
    # article, and a query per claim made that seconds instead of milliseconds.
    events: list[ClaimEvent] = []
    actor = user if getattr(user, "is_authenticated", False) else None
    placement = Placement()
    for group, base in ((current, old_text), (stale, None)):
        anchors = [Anchor(c.start, c.end, c.exact, c.prefix, c.suffix) for c in group]
        results = reanchor_many(text, anchors, old_text=base)
        for claim, result in zip(group, results, strict=True):
            changes = _place(claim, result, revision)
            if changes is None:
                placement.kept += 1
                continue
            (placement.moved if result.placed else placement.orphaned).append(claim.pk)
            action = "reanchored" if result.placed else "orphaned"
            events.append(ClaimEvent(claim=claim, actor=actor, action=action, changes=changes))
    ClaimEvent.objects.bulk_create(events, batch_size=500)
    _save_placements(claims)
    return placement


PLACEMENT_FIELDS = [
    "start",
    "end",
    "exact",
    "prefix",
    "suffix",
    "anchor_status",
    "anchored_revision",
    "status",
    "approved_at",
    "reviewed_by",
    "approval_override",
    "version",
    "updated_at",
]


def _save_placements(claims: list[Claim]) -> None:
    """One UPDATE per claim, sent as a batch (psycopg pipelines executemany). Django's
    bulk_update builds CASE expressions that took seconds for a thousand claims."""
    if not claims:
        return
    quote = connection.ops.quote_name
    fields = [cast("Field[Any, Any]", Claim._meta.get_field(name)) for name in PLACEMENT_FIELDS]
    sql = "UPDATE {} SET {} WHERE {} = %s".format(
        quote(Claim._meta.db_table),
        ", ".join(f"{quote(field.column)} = %s" for field in fields),
        quote(Claim._meta.pk.column),
    )
    rows = [
        [f.get_db_prep_save(getattr(c, f.attname), connection) for f in fields] + [c.pk]
        for c in claims
    ]
    with connection.cursor() as cursor:
        cursor.executemany(sql, rows)


def _place(claim: Claim, result: Result, revision: int) -> dict[str, Any] | None:
    """Apply `result` to `claim` (unsaved); the history entry's changes, or None when the
    claim kept its place and status."""
    before = {"start": claim.start, "end": claim.end, "exact": claim.exact}
    old_status, old_revision = claim.anchor_status, claim.anchored_revision
    if result.placed:
        new = result.anchor
        claim.start, claim.end, claim.exact = new.start, new.end, new.exact
        claim.prefix, claim.suffix = new.prefix, new.suffix
        claim.anchor_status = _STATUS[result.status]
        claim.anchored_revision = revision
    else:
        claim.anchor_status = AnchorStatus.ORPHANED  # keeps its old anchor and revision
    after = {"start": claim.start, "end": claim.end, "exact": claim.exact}
    if before == after and old_status == claim.anchor_status:
        return None
    claim.version += 1  # a client holding the old anchor must reload (409)
    claim.updated_at = timezone.now()
    changes: dict[str, Any] = {
        "revision": [old_revision, revision],
        "anchor_status": [old_status, claim.anchor_status],
        "score": round(result.score, 3),
        **{k: [before[k], after[k]] for k in before if before[k] != after[k]},
    }
    if claim.status == ClaimStatus.APPROVED and claim.anchor_status in (
        AnchorStatus.FUZZY,
        AnchorStatus.ORPHANED,
    ):
        send_back_to_review(claim, changes)  # the words the editor approved have changed
    return changes
