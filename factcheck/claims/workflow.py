"""The editorial workflow: draft → in review → approved → published, and returned.

Each transition is one service function that checks, in this order, the version the
client saw (stale → 409 with the current claim), the actor's role (→ 403), the claim's
state (illegal → 409) and the preconditions (→ 400 naming the missing field). The claim's
history gets one event per transition, and the optional comment becomes a Comment."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.db import transaction
from django.db.models import F
from django.utils import timezone
from rest_framework.exceptions import PermissionDenied, ValidationError

from factcheck.accounts.roles import Role, role_of
from factcheck.core.exceptions import Conflict

from .evidence import evidence_problems
from .models import Claim, ClaimEvent, ClaimStatus, Comment
from .services import lock_claim, record_event

S = ClaimStatus


@dataclass(frozen=True)
class Transition:
    name: str
    sources: tuple[str, ...]
    target: str
    minimum: Role
    comment_required: bool = False


TRANSITIONS: dict[str, Transition] = {
    t.name: t
    for t in (
        Transition("submit", (S.DRAFT, S.RETURNED), S.IN_REVIEW, Role.REVIEWER),
        Transition("approve", (S.IN_REVIEW,), S.APPROVED, Role.EDITOR),
        # An editor may also pull an approved verdict back, or a published one to correct
        # it (its public page keeps the published version until the correction is out).
        Transition("return", (S.IN_REVIEW, S.APPROVED, S.PUBLISHED), S.RETURNED, Role.EDITOR, True),
        Transition("publish", (S.APPROVED,), S.PUBLISHED, Role.EDITOR),
        Transition("unpublish", (S.PUBLISHED,), S.APPROVED, Role.EDITOR),
    )
}


def allowed_transitions(claim: Claim, user: Any) -> list[str]:
    """The transitions this user could make on the claim now (preconditions aside)."""
    role = role_of(user)
    return [t.name for t in TRANSITIONS.values() if claim.status in t.sources and role >= t.minimum]


def submit_problems(claim: Claim) -> dict[str, list[str]]:
    """What stops the claim from going to review, by field; empty when it may go."""
    problems: dict[str, list[str]] = {}
    if claim.verdict_id is None:
        problems["verdict"] = ["Pick a verdict before submitting."]
    if not claim.rationale.strip():
        problems["rationale"] = ["Write the rationale before submitting."]
    citations = list(claim.citations.values_list("source_id", flat=True))
    if not citations:
        problems["citations"] = ["Cite at least one source before submitting."]
    elif settings.FACTCHECK_REQUIRE_TWO_SOURCES:
        independent = {source for source in citations if source is not None}
        if len(independent) < 2:
            problems["citations"] = [
                "Cite at least two independent sources (two different registry sources)."
            ]
    return problems


@transaction.atomic
def transition(
    claim_id: int,
    name: str,
    user: Any,
    expected_version: int | None,
    comment: str = "",
    override_reason: str = "",
) -> Claim:
    """Move the claim along the named transition, or explain why not. Approving needs
    verified evidence or the editor's `override_reason`; republishing changed content
    needs a `comment`, the public correction note."""
    step = TRANSITIONS.get(name)
    if step is None:
        raise ValidationError({"transition": [f"Unknown transition {name!r}."]})
    claim = lock_claim(claim_id, expected_version)
    if role_of(user) < step.minimum:
        raise PermissionDenied(f"Your role may not {name} a verdict; an {step.minimum.label} may.")
    if claim.status not in step.sources:
        from .serializers import ClaimSerializer

        allowed = " or ".join(S(s).label.lower() for s in step.sources)
        raise Conflict(
            f"Cannot {name} a claim that is {S(claim.status).label.lower()}; it must be {allowed}.",
            current=ClaimSerializer(claim).data,
        )
    comment = (comment or "").strip()
    if step.comment_required and not comment:
        raise ValidationError({"comment": ["Say what needs fixing when returning a verdict."]})
    if name == "submit":
        problems = submit_problems(claim)
        if problems:
            raise ValidationError(problems)
    override_reason = (override_reason or "").strip()
    if name == "approve":
        unverified = evidence_problems(claim)
        if unverified and not override_reason:
            from .serializers import ClaimSerializer

            raise Conflict(
                "Evidence is not verified: "
                + "; ".join(f"citation {p['citation']}: {p['problem']}" for p in unverified)
                + '. Fix it, or approve anyway with {"override_reason": "..."}.',
                current=ClaimSerializer(claim).data,
                citations=unverified,
            )
        if not unverified:
            override_reason = ""
    correction: dict[str, Any] | None = None
    published = published_content(claim) if name == "publish" else None
    if published is not None and claim.first_published_at is not None:
        correction = _changes_since_last_publication(claim, published)
        if correction and not comment:
            raise ValidationError(
                {
                    "comment": [
                        "This verdict was published before and has changed: write the "
                        "correction note readers will see (what changed and why)."
                    ]
                }
            )

    before = claim.status
    now = timezone.now()
    actor = user if getattr(user, "is_authenticated", False) else None
    update: dict[str, Any] = {"status": step.target}
    if name == "submit":
        update["submitted_at"] = now
    elif name == "approve":
        update.update(approved_at=now, reviewed_by=actor, approval_override=override_reason)
    elif name == "return":
        update.update(reviewed_by=actor, approved_at=None, approval_override="")
    elif name == "publish":
        update["published_at"] = now
        if claim.first_published_at is None:
            update["first_published_at"] = now
    elif name == "unpublish":
        update["published_at"] = None
    for field, value in update.items():
        setattr(claim, field, value)
    claim.version = F("version") + 1  # type: ignore[assignment]
    claim.save(update_fields=[*update, "version", "updated_at"])
    claim.refresh_from_db()
    changes: dict[str, Any] = {"status": [before, step.target]}
    if comment:
        note = Comment.objects.create(claim=claim, author=actor, body=comment)
        changes["comment"] = {"id": note.pk, "body": comment}
    if override_reason:
        changes["override_reason"] = override_reason
        changes["unverified"] = evidence_problems(claim)
    if published is not None:
        changes["published"] = published
    record_event(claim, user, name, changes)
    if correction:
        record_event(claim, user, "corrected", {"note": comment, "changes": correction})
    _keep_public_fact_check_in_step(claim, name)
    return claim


def _keep_public_fact_check_in_step(claim: Claim, name: str) -> None:
    """The public page shows what was published: it follows a publication and a take-down
    (returning a published claim for correction leaves the published version up)."""
    from factcheck.factchecks.services import sync_published_claim, withdraw_claim

    if name == "publish":
        sync_published_claim(claim)
    elif name == "unpublish":
        withdraw_claim(claim)


def published_content(claim: Claim) -> dict[str, Any]:
    """What readers see of a published verdict, as plain values (kept in the publish
    event, so a later publication can say what changed)."""
    return {
        "statement": claim.statement,
        "claimant": claim.claimant,
        "claim_date": claim.claim_date.isoformat() if claim.claim_date else None,
        "verdict": claim.verdict.name if claim.verdict else None,
        "rationale": claim.rationale,
        "citations": [
            {"source": c.source_id, "url": c.url, "excerpt": c.excerpt, "stance": c.stance}
            for c in claim.citations.order_by("id")
        ],
    }


def _changes_since_last_publication(
    claim: Claim, published: dict[str, Any]
) -> dict[str, list[Any]]:
    last = (
        ClaimEvent.objects.filter(claim=claim, action="publish", changes__has_key="published")
        .order_by("-created_at", "-id")
        .values_list("changes", flat=True)
        .first()
    )
    previous = (last or {}).get("published") or {}
    return {
        key: [previous.get(key), value]
        for key, value in published.items()
        if previous and previous.get(key) != value
    }
