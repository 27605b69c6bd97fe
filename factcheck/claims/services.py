"""What changes claims and their evidence. Every write goes through one door,
`access_claim_for_write` (lock the row, check role, state and version), and leaves through
`_commit` (send an approved claim back to review, bump the version, record the history
event). Nothing else writes claim or citation rows."""

from __future__ import annotations

from enum import StrEnum
from typing import Any

from django.db import transaction
from django.db.models import F
from django.utils.timezone import now
from rest_framework.exceptions import NotFound, PermissionDenied, ValidationError

from factcheck.accounts.roles import Role, role_of
from factcheck.articles.models import Article
from factcheck.core.exceptions import Conflict

from .anchoring.selectors import describe
from .models import Citation, Claim, ClaimEvent, ClaimStatus

S = ClaimStatus
EDITABLE_FIELDS = ("statement", "claimant", "claim_date", "verdict", "rationale", "assignee")
ANCHOR_FIELDS = ("start", "end", "exact", "prefix", "suffix")
CITATION_FIELDS = ("source", "url", "excerpt", "locator", "stance", "accessed_at")


class Write(StrEnum):
    """What a write touches; each kind has its own state rule (see `_state_problem`)."""

    CONTENT = "content"  # the claim as checked, verdict, rationale, anchor
    EVIDENCE = "evidence"  # citations
    ASSIGNMENT = "assignment"
    DELETION = "deletion"


EVIDENCE_OPEN = frozenset({S.DRAFT, S.RETURNED})
# What an editor approved is what gets published: a reviewer's hands are off a claim in
# review or approved, and a published claim changes only by being returned for correction.
REVIEWER_OPEN = frozenset({S.DRAFT, S.RETURNED})


def _actor(user: Any) -> Any:
    return user if getattr(user, "is_authenticated", False) else None


def record_event(claim: Claim, actor: Any, action: str, changes: dict[str, Any]) -> ClaimEvent:
    """Append to the claim's history (who, what, when). Append-only."""
    return ClaimEvent.objects.create(
        claim=claim, actor=_actor(actor), action=action, changes=changes
    )


def _current(claim: Claim) -> dict[str, Any]:
    from .serializers import ClaimSerializer  # the 409's body shows the claim as it is now

    return dict(ClaimSerializer(claim).data)


def _state_problem(claim: Claim, user: Any, write: Write) -> str | None:
    """Why this user may not make this kind of write to the claim in its state, or None."""
    role = role_of(user)
    state = S(claim.status).label.lower()
    if write == Write.ASSIGNMENT:
        return None
    if write == Write.EVIDENCE:
        if claim.status in EVIDENCE_OPEN:
            return None
        return (
            f"This claim is {state}: its evidence can change only while it is a draft or "
            "returned. Ask an editor to return it first."
        )
    if write == Write.DELETION:
        if role >= Role.ADMIN or user is None:
            return None
        if claim.created_by_id != getattr(user, "pk", None):
            return "You may delete only claims you made; ask an admin to delete this one."
        if claim.status != S.DRAFT:
            return f"This claim is {state}; only drafts can be deleted (ask an admin)."
        return None
    if claim.status == S.PUBLISHED:
        return "This claim is published; an editor must return it for correction first."
    if claim.status not in REVIEWER_OPEN and role < Role.EDITOR and user is not None:
        return f"This claim is {state}; an editor must return it before it can be edited."
    return None


def access_claim_for_write(
    claim_id: int,
    user: Any,
    write: Write,
    expected_version: int | None = None,
    *,
    version_required: bool = True,
) -> Claim:
    """The one door: the live claim, locked for this transaction, if this user may make this
    kind of write to it now. 404 when deleted, 403 below a reviewer (or deleting another's
    claim), 409 with the current claim when stale or in the wrong state, 400 without a
    version where one is required. Call inside a transaction."""
    if user is not None and role_of(user) < Role.REVIEWER:  # None: the system (commands)
        raise PermissionDenied("Your role does not allow changing claims.")
    if expected_version is None and version_required:
        raise ValidationError({"version": ["Send the version you edited (optimistic locking)."]})
    claim = Claim.objects.select_for_update().filter(pk=claim_id).first()
    if claim is None:
        raise NotFound("No such claim (it may have been deleted).")
    if expected_version is not None and claim.version != expected_version:
        raise Conflict(
            f"Someone saved this claim after you opened it (your version {expected_version}, "
            f"current {claim.version}).",
            current=_current(claim),
        )
    problem = _state_problem(claim, user, write)
    if problem:
        if write == Write.DELETION and role_of(user) < Role.ADMIN:
            raise PermissionDenied(problem)
        raise Conflict(problem, current=_current(claim))
    return claim


def lock_claim(claim_id: int, expected_version: int | None) -> Claim:
    """The live claim locked, if nobody saved since `expected_version` (else 409). For the
    workflow, which checks role and state against its transitions itself."""
    if expected_version is None:
        raise ValidationError({"version": ["Send the version you edited (optimistic locking)."]})
    claim = Claim.objects.select_for_update().filter(pk=claim_id).first()
    if claim is None:
        raise NotFound("No such claim (it may have been deleted).")
    if claim.version != expected_version:
        raise Conflict(
            f"Someone saved this claim after you opened it (your version {expected_version}, "
            f"current {claim.version}).",
            current=_current(claim),
        )
    return claim


def send_back_to_review(claim: Claim, changes: dict[str, Any]) -> None:
    """An approved claim that changes is no longer what the editor approved: it goes back
    to review and its approval is cleared (unsaved; the caller saves)."""
    if claim.status != S.APPROVED:
        return
    changes["status"] = [claim.status, S.IN_REVIEW]
    changes["approval_cleared"] = {
        "approved_at": claim.approved_at.isoformat() if claim.approved_at else None,
        "reviewed_by": claim.reviewed_by_id,
    }
    claim.status = S.IN_REVIEW
    claim.approved_at = None
    claim.reviewed_by = None
    claim.approval_override = ""


def _commit(
    claim: Claim, user: Any, action: str, changes: dict[str, Any], *, substantive: bool = True
) -> Claim:
    """Save the claim's new state: back to review if it was approved and this is a change
    of substance, version + 1, one history event."""
    if substantive:
        send_back_to_review(claim, changes)
    claim.version = F("version") + 1  # type: ignore[assignment]
    claim.save()
    claim.refresh_from_db()
    record_event(claim, user, action, changes)
    return claim


def _plain(value: Any) -> Any:
    if hasattr(value, "pk"):
        return value.pk
    if hasattr(value, "isoformat"):
        return value.isoformat()
    return value


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
        created_by=_actor(user),
        statement=fields.pop("statement", "") or "",
        **anchor_fields(article, start, end, exact),
        **fields,
    )
    record_event(claim, user, "created", {"exact": claim.exact, "start": start, "end": end})
    return claim


@transaction.atomic
def update_claim(claim_id: int, expected_version: int | None, user: Any, **fields: Any) -> Claim:
    """Apply an edit only if nobody saved since `expected_version` (else 409) and the
    claim's state lets this user change these fields."""
    write = Write.ASSIGNMENT if set(fields) <= {"assignee"} else Write.CONTENT
    claim = access_claim_for_write(claim_id, user, write, expected_version)
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
    return _commit(claim, user, "updated", changes, substantive=write == Write.CONTENT)


@transaction.atomic
def delete_claim(claim_id: int, user: Any) -> None:
    """Soft delete: the claim leaves every list and export and accepts nothing more; its
    row and history stay, and its candidates are released (reopenable)."""
    from factcheck.factchecks.services import withdraw_claim
    from factcheck.tagging.services import release_candidates

    claim = access_claim_for_write(claim_id, user, Write.DELETION, version_required=False)
    claim.deleted_at = now()
    claim.version = F("version") + 1  # type: ignore[assignment]
    claim.save(update_fields=["deleted_at", "version", "updated_at"])
    record_event(claim, user, "deleted", {"status": claim.status, "exact": claim.exact})
    release_candidates(claim.pk)
    withdraw_claim(claim)  # a deleted claim's fact-check leaves the public pages


# Citations: part of what an editor approves, so a change of one is a change of the claim.


def describe_citation(citation: Citation) -> dict[str, Any]:
    return {
        "citation": citation.pk,
        "source": citation.source_id,
        "url": citation.url,
        "excerpt": citation.excerpt,
        "stance": citation.stance,
        "locator": citation.locator,
    }


def _resolve_source(fields: dict[str, Any], user: Any) -> None:
    from factcheck.sources.services import source_for_url

    if fields.get("source") is None and fields.get("url"):
        fields["source"] = source_for_url(fields["url"], user)


@transaction.atomic
def add_citation(
    claim_id: int, user: Any, expected_version: int | None = None, **fields: Any
) -> Citation:
    """Cite a source on a draft or returned claim; its URL (if any) is captured after
    commit."""
    from factcheck.sources.capture import request_capture

    claim = access_claim_for_write(
        claim_id, user, Write.EVIDENCE, expected_version, version_required=False
    )
    _resolve_source(fields, user)
    citation = Citation.objects.create(claim=claim, added_by=_actor(user), **fields)
    _commit(claim, user, "cited", describe_citation(citation))
    request_capture(citation)
    return citation


@transaction.atomic
def update_citation(
    citation_id: int, user: Any, expected_version: int | None = None, **fields: Any
) -> Citation:
    from factcheck.sources.capture import request_capture

    claim_id = Citation.objects.filter(pk=citation_id).values_list("claim_id", flat=True).first()
    if claim_id is None:
        raise NotFound("No such citation.")
    claim = access_claim_for_write(
        claim_id, user, Write.EVIDENCE, expected_version, version_required=False
    )
    citation = Citation.objects.select_for_update().get(pk=citation_id)
    before = describe_citation(citation)
    if "url" in fields and fields["url"] != citation.url and "source" not in fields:
        fields["source"] = None  # a new URL maps to its own source
    for name, value in fields.items():
        setattr(citation, name, value)
    if citation.source is None:
        resolved: dict[str, Any] = {"source": None, "url": citation.url}
        _resolve_source(resolved, user)
        citation.source = resolved["source"]
    citation.save()
    after = describe_citation(citation)
    if after == before:
        return citation
    _commit(claim, user, "citation_updated", {"before": before, "after": after})
    if (before["url"], before["excerpt"]) != (after["url"], after["excerpt"]):
        request_capture(citation)
    return citation


@transaction.atomic
def remove_citation(citation_id: int, user: Any, expected_version: int | None = None) -> None:
    claim_id = Citation.objects.filter(pk=citation_id).values_list("claim_id", flat=True).first()
    if claim_id is None:
        raise NotFound("No such citation.")
    claim = access_claim_for_write(
        claim_id, user, Write.EVIDENCE, expected_version, version_required=False
    )
    citation = Citation.objects.get(pk=citation_id)
    described = describe_citation(citation)
    citation.delete()
    _commit(claim, user, "uncited", described)


def move_citations_to_source(source_id: int, into_id: int, user: Any) -> int:
    """A registry merge: citations of a duplicate source now name the surviving one. What
    the evidence says is unchanged, so no claim changes state; each claim's history says
    it. Returns how many citations moved."""
    moved = list(Citation.objects.filter(source_id=source_id).values_list("id", "claim_id"))
    Citation.objects.filter(source_id=source_id).update(source_id=into_id)
    ClaimEvent.objects.bulk_create(
        ClaimEvent(
            claim_id=claim_id,
            actor=_actor(user),
            action="citation_source_merged",
            changes={"citation": citation_id, "source": [source_id, into_id]},
        )
        for citation_id, claim_id in moved
    )
    return len(moved)
