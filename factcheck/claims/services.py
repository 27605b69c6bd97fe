"""What changes claims: making one from an anchor, editing it under optimistic
concurrency, and recording every change in the claim's history."""

from __future__ import annotations

from typing import Any

from django.db import transaction
from django.db.models import F
from django.utils.timezone import now
from rest_framework.exceptions import ValidationError

from factcheck.accounts.roles import Role, role_of
from factcheck.articles.models import Article
from factcheck.core.exceptions import Conflict

from .anchoring.selectors import describe
from .models import Claim, ClaimEvent, ClaimStatus

EDITABLE_FIELDS = ("statement", "claimant", "claim_date", "verdict", "rationale", "assignee")
ANCHOR_FIELDS = ("start", "end", "exact", "prefix", "suffix")


# A claim's citations are part of what an editor approves, so changing them is a change of
# the claim: its version moves on and a client holding the old version gets a 409.
VERSION_BUMPING_ACTIONS = frozenset({"cited", "citation_updated", "uncited"})


def record_event(claim: Claim, actor: Any, action: str, changes: dict[str, Any]) -> ClaimEvent:
    """Append to the claim's history (who, what, when); citation events bump its version."""
    if action in VERSION_BUMPING_ACTIONS:
        Claim.objects.filter(pk=claim.pk).update(version=F("version") + 1, updated_at=now())
    return ClaimEvent.objects.create(
        claim=claim,
        actor=actor if getattr(actor, "is_authenticated", False) else None,
        action=action,
        changes=changes,
    )


def anchor_fields(article: Article, start: int, end: int, exact: str | None) -> dict[str, Any]:
    """The full anchor for [start, end) of the article's text, checked against `exact`."""
    try:
        anchor = describe(article.text, start, end)
    except ValueError as error:
        raise ValidationError({"start": [str(error)]}) from error
    if exact is not None and exact != anchor.exact:
        raise ValidationError(
            {"exact": ["The selected text does not match the article at these offsets."]}
        )
    return {
        "start": anchor.start,
        "end": anchor.end,
        "exact": anchor.exact,
        "prefix": anchor.prefix,
        "suffix": anchor.suffix,
    }


@transaction.atomic
def create_claim(
    article: Article,
    start: int,
    end: int,
    user: Any,
    exact: str | None = None,
    **fields: Any,
) -> Claim:
    claim = Claim.objects.create(
        article=article,
        anchored_revision=article.revision,
        created_by=user if getattr(user, "is_authenticated", False) else None,
        statement=fields.pop("statement", "") or "",
        **anchor_fields(article, start, end, exact),
        **fields,
    )
    record_event(claim, user, "created", {"exact": claim.exact, "start": start, "end": end})
    return claim


def _plain(value: Any) -> Any:
    if hasattr(value, "pk"):
        return value.pk
    if hasattr(value, "isoformat"):
        return value.isoformat()
    return value


def lock_claim(claim_id: int, expected_version: int | None) -> Claim:
    """The claim, locked for this transaction, if nobody saved since `expected_version`;
    otherwise 409 with the current claim, so the client can show both and let the person
    decide. Call inside a transaction."""
    if expected_version is None:
        raise ValidationError({"version": ["Send the version you edited (optimistic locking)."]})
    claim = Claim.objects.select_for_update().get(pk=claim_id, deleted_at__isnull=True)
    if claim.version != expected_version:
        from .serializers import ClaimSerializer

        raise Conflict(
            f"Someone saved this claim after you opened it (your version {expected_version}, "
            f"current {claim.version}).",
            current=ClaimSerializer(claim).data,
        )
    return claim


# What an editor approved is what gets published: once a claim is in review its content
# changes only by an editor's hand, and a published claim must be unpublished first.
LOCKED_FOR_REVIEWERS = frozenset({ClaimStatus.IN_REVIEW, ClaimStatus.APPROVED})
FREE_FIELDS = frozenset({"assignee"})


def check_editable(claim: Claim, user: Any, fields: set[str]) -> None:
    """409 with the current claim when its state does not allow this user to edit it."""
    if not fields - FREE_FIELDS:
        return
    state = ClaimStatus(claim.status).label.lower()
    if claim.status == ClaimStatus.PUBLISHED:
        problem = "This claim is published; unpublish it before editing."
    elif claim.status in LOCKED_FOR_REVIEWERS and role_of(user) < Role.EDITOR:
        problem = f"This claim is {state}; an editor must return it before it can be edited."
    else:
        return
    from .serializers import ClaimSerializer

    raise Conflict(problem, current=ClaimSerializer(claim).data)


@transaction.atomic
def update_claim(claim_id: int, expected_version: int | None, user: Any, **fields: Any) -> Claim:
    """Apply an edit only if nobody saved since `expected_version` (else 409)."""
    claim = lock_claim(claim_id, expected_version)
    check_editable(claim, user, set(fields))
    if {"start", "end"} & fields.keys():
        start = fields.pop("start", claim.start)
        end = fields.pop("end", claim.end)
        fields.update(anchor_fields(claim.article, start, end, fields.pop("exact", None)))
        fields["anchor_status"] = "anchored"
        fields["anchored_revision"] = claim.article.revision
    changes = {}
    for name, value in fields.items():
        old = getattr(claim, name)
        if _plain(old) != _plain(value):
            changes[name] = [_plain(old), _plain(value)]
            setattr(claim, name, value)
    if not changes:
        return claim
    claim.version = F("version") + 1
    claim.save()
    claim.refresh_from_db()
    record_event(claim, user, "updated", changes)
    return claim


@transaction.atomic
def delete_claim(claim_id: int, user: Any) -> None:
    """Soft delete: the claim leaves every list and export, its row and history stay."""
    claim = Claim.objects.select_for_update().get(pk=claim_id, deleted_at__isnull=True)
    claim.deleted_at = now()
    claim.version = F("version") + 1  # type: ignore[assignment]
    claim.save(update_fields=["deleted_at", "version", "updated_at"])
    record_event(claim, user, "deleted", {"status": claim.status, "exact": claim.exact})
