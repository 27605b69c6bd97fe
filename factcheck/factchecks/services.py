"""What changes fact-checks: importing rows (de-duplicated by URL), keeping our own
published claims in step with the workflow (with public corrections), and citing a
fact-check on a claim (through the claims services, which own citations)."""

from __future__ import annotations

import dataclasses
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from django.conf import settings
from django.db import transaction
from django.utils import timezone
from django.utils.text import slugify
from rest_framework.exceptions import ValidationError

from . import index
from .claimreview import FactCheckRow, RowError
from .models import Correction, FactCheck, FactCheckImportJob, Origin

ROW_FIELDS = tuple(f.name for f in dataclasses.fields(FactCheckRow) if f.name != "extra")


@dataclass
class Saved:
    """What one batch of rows did; `errors` maps a row's position to its error."""

    created: int = 0
    updated: int = 0
    duplicates: int = 0
    errors: dict[int, RowError] = field(default_factory=dict)


@transaction.atomic
def save_rows(rows: Sequence[FactCheckRow], job: FactCheckImportJob | None = None) -> Saved:
    """Create or update fact-checks by URL. A URL seen before updates that row when the
    content changed (a rating revised by its publisher), else counts as a duplicate; a
    URL twice in the batch keeps the later row. Our own fact-checks are not overwritten."""
    result = Saved()
    last: dict[str, int] = {}
    for position, row in enumerate(rows):
        if row.url in last:
            result.duplicates += 1
        last[row.url] = position
    existing = {f.url: f for f in FactCheck.objects.select_for_update().filter(url__in=list(last))}
    new: list[FactCheck] = []
    changed: list[FactCheck] = []
    changes: list[index.Change] = []
    for url, position in last.items():
        row = rows[position]
        values = {name: getattr(row, name) for name in ROW_FIELDS}
        current = existing.get(url)
        if current is None:
            factcheck = FactCheck(origin=Origin.IMPORTED, import_job=job, **values)
            index.set_analysed(factcheck)
            new.append(factcheck)
            continue
        if current.origin == Origin.OURS:
            result.errors[position] = RowError("url", "this URL is one of our own fact-checks")
            continue
        if all(getattr(current, name) == value for name, value in values.items()):
            result.duplicates += 1
            continue
        before = current.search_text
        for name, value in values.items():
            setattr(current, name, value)
        index.set_analysed(current)
        changed.append(current)
        changes.append(index.Change(current.pk, before, current.search_text))
    if new:
        FactCheck.objects.bulk_create(new, batch_size=1000)
        changes += [index.Change(f.pk, None, f.search_text) for f in new]
    if changed:
        FactCheck.objects.bulk_update(
            changed,
            [*ROW_FIELDS, "search_text", "match_entities", "match_numbers", "updated_at"],
            batch_size=1000,
        )
    index.apply(changes)
    result.created, result.updated = len(new), len(changed)
    return result


# --- Our own published claims ---------------------------------------------------------

PUBLIC_FIELDS = ("statement", "claimant", "claim_date", "verdict", "rationale", "evidence")


def public_url(claim_id: int) -> str:
    """The fact-check's public address; the same as the ClaimReview export's `url`."""
    return str(settings.FACTCHECK_CLAIM_URL_PATTERN).format(id=claim_id)


def snapshot_of(claim: Any) -> dict[str, Any]:
    """What the public page shows of a claim, as it is now (called at publication)."""
    verdict = claim.verdict
    article = claim.article
    evidence = []
    citations = claim.citations.select_related("source", "capture__snapshot")
    for citation in citations.order_by("created_at", "id"):
        capture = getattr(citation, "capture", None)
        captured = None
        if capture is not None and capture.status == "captured" and capture.snapshot:
            sha256 = capture.snapshot.sha256
            captured = {
                "sha256": sha256,
                "fetched_at": capture.fetched_at.isoformat() if capture.fetched_at else None,
                "final_url": capture.final_url,
                "view_url": f"/captures/{sha256}/",
                "excerpt_found": capture.excerpt_found,
            }
        evidence.append(
            {
                "url": citation.url,
                "homepage": citation.source.homepage if citation.source else "",
                "source": citation.source.name if citation.source else "",
                "excerpt": citation.excerpt,
                "locator": citation.locator,
                "stance": citation.stance,
                "capture": captured,
            }
        )
    return {
        "statement": claim.statement or claim.exact,
        "exact": claim.exact,
        "claimant": claim.claimant,
        "claim_date": claim.claim_date.isoformat() if claim.claim_date else None,
        "verdict": {
            "name": verdict.name,
            "slug": verdict.slug,
            "rating_value": verdict.rating_value,
            "colour": verdict.colour,
            "description": verdict.description,
        }
        if verdict
        else None,
        "rationale": claim.rationale,
        "article": {
            "id": article.pk,
            "title": article.title,
            "outlet": article.outlet,
            "url": article.url,
            "published_at": article.published_at.isoformat() if article.published_at else None,
        },
        "evidence": evidence,
    }


def _public_changes(before: dict[str, Any], after: dict[str, Any]) -> dict[str, list[Any]]:
    changes: dict[str, list[Any]] = {}
    for name in PUBLIC_FIELDS:
        old, new = before.get(name), after.get(name)
        if name == "verdict":
            old, new = (old or {}).get("name"), (new or {}).get("name")
        elif name == "evidence":
            old = [e["url"] or e["source"] for e in old or []]
            new = [e["url"] or e["source"] for e in new or []]
        if old != new:
            changes[name] = [old, new]
    return changes


def _correction_note(claim: Any, since: Any) -> str:
    """The note an editor wrote when republishing (the claim history's 'corrected' event,
    from issue 12 on); a plain one otherwise."""
    events = claim.events.filter(action="corrected")
    if since is not None:
        events = events.filter(created_at__gte=since)
    event = events.order_by("-created_at", "-id").first()
    note = (event.changes or {}).get("note", "") if event is not None else ""
    return str(note).strip()


def _slug(claim: Any) -> str:
    words = slugify(claim.statement or claim.exact)[:60].strip("-")
    return f"{claim.pk}-{words}" if words else str(claim.pk)


@transaction.atomic
def sync_published_claim(claim: Any) -> FactCheck:
    """Make our fact-check of a just-published claim match it (call right after the
    publish transition, in its transaction). A claim published before with different
    public content gets a dated Correction and `date_modified`."""
    from factcheck.reports.exporters.claimreview import organisation, rating_bounds

    now = timezone.now()
    snapshot = snapshot_of(claim)
    best, worst = rating_bounds()
    verdict = snapshot["verdict"] or {}
    org = organisation()
    factcheck = FactCheck.objects.select_for_update().filter(claim=claim).first()
    if factcheck is None:
        factcheck = FactCheck.objects.select_for_update().filter(url=public_url(claim.pk)).first()
    created = factcheck is None
    if factcheck is None:
        first = getattr(claim, "first_published_at", None) or claim.published_at or now
        factcheck = FactCheck(
            origin=Origin.OURS,
            url=public_url(claim.pk),
            slug=_slug(claim),
            first_published_at=first,
        )
    before_terms = None if created or factcheck.withdrawn_at else factcheck.search_text
    previous = factcheck.snapshot or {}
    changes = _public_changes(previous, snapshot) if previous else {}
    if changes:
        correction = Correction(factcheck=factcheck, changes=changes, created_at=now)
        since = factcheck.date_modified or factcheck.first_published_at
        correction.note = _correction_note(claim, since) or (
            f"Updated after review: {correction.summary}."
        )
        correction.save()
        factcheck.date_modified = now
    factcheck.origin = Origin.OURS
    factcheck.claim = claim
    factcheck.snapshot = snapshot
    factcheck.withdrawn_at = None
    factcheck.claim_reviewed = snapshot["statement"]
    factcheck.title = ""
    factcheck.claimant = claim.claimant
    factcheck.claim_date = claim.claim_date
    factcheck.appearance_url = claim.article.url
    factcheck.rating_name = verdict.get("name", "")
    has_value = verdict.get("rating_value") is not None and best is not None
    factcheck.rating_value = verdict.get("rating_value") if has_value else None
    factcheck.best_rating = best if has_value else None
    factcheck.worst_rating = worst if has_value else None
    factcheck.rating_explanation = claim.rationale
    factcheck.publisher = org["name"]
    factcheck.publisher_url = org["url"]
    factcheck.date_published = (factcheck.first_published_at or now).date()
    factcheck.language = claim.article.language
    index.set_analysed(factcheck)
    factcheck.save()
    index.apply([index.Change(factcheck.pk, before_terms, factcheck.search_text)])
    return factcheck


@transaction.atomic
def withdraw_claim(claim: Any) -> FactCheck | None:
    """Take our fact-check of a claim off the public pages, the feed and matching (call on
    unpublish or delete). Its address and corrections stay for a later republication."""
    factcheck = FactCheck.objects.select_for_update().filter(claim=claim).first()
    if factcheck is None or factcheck.withdrawn_at is not None:
        return factcheck
    factcheck.withdrawn_at = timezone.now()
    factcheck.save(update_fields=["withdrawn_at", "updated_at"])
    index.apply([index.Change(factcheck.pk, factcheck.search_text, None)])
    return factcheck


# --- Citing a fact-check on a claim -------------------------------------------------------

STANCES = ("context", "supports", "contradicts")


def cite(factcheck_id: int, claim_id: int, user: Any, version: int | None, stance: str) -> Any:
    """Cite a fact-check as prior work on a claim. The citation is written by the claims
    services (they lock the claim, check role, state and version, record the history)."""
    if stance not in STANCES:
        raise ValidationError({"stance": [f"Choose one of {', '.join(STANCES)}."]})
    factcheck = FactCheck.objects.filter(pk=factcheck_id, withdrawn_at__isnull=True).first()
    if factcheck is None:
        raise ValidationError({"factcheck": ["No such fact-check."]})
    from factcheck.claims.models import Claim

    if not Claim.objects.filter(pk=claim_id, deleted_at__isnull=True).exists():
        raise ValidationError({"claim": ["No such claim."]})
    if factcheck.claim_id is not None and factcheck.claim_id == claim_id:
        raise ValidationError({"claim": ["A claim cannot cite its own fact-check."]})
    fields = {
        "url": factcheck.url,
        "excerpt": factcheck.claim_reviewed,
        "locator": _locator(factcheck),
        "stance": stance,
    }
    from factcheck.claims.services import add_citation

    return add_citation(claim_id, user, expected_version=version, **fields)


def _locator(factcheck: FactCheck) -> str:
    """ "Prior fact-check — publisher, rating, date", within the citation's 300 characters."""
    date = factcheck.date_published.isoformat() if factcheck.date_published else ""
    details = ", ".join(p for p in (factcheck.publisher, factcheck.rating_name, date) if p)
    return f"Prior fact-check — {details}"[:300] if details else "Prior fact-check"
