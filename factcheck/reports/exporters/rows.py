"""One claim as a flat record: what the CSV and JSON Lines exports and the report show.

Everything here reads only what selectors.export_queryset fetched (select_related and the
prefetched citations), so building a row never queries."""

from __future__ import annotations

from typing import Any

from factcheck.claims.models import Claim


def person(user: Any) -> str:
    return user.username if user is not None else ""


def citations_of(claim: Claim) -> list[dict[str, Any]]:
    return [
        {
            "source": citation.source.name if citation.source is not None else "",
            "url": citation.url,
            "excerpt": citation.excerpt,
            "stance": citation.stance,
            "locator": citation.locator,
        }
        for citation in claim.citations.all()
    ]


def iso(value: Any) -> str | None:
    return value.isoformat() if value is not None else None


def claim_record(claim: Claim) -> dict[str, Any]:
    article = claim.article
    return {
        "claim_id": claim.pk,
        "article_id": article.pk,
        "article_title": article.title,
        "article_url": article.url,
        "outlet": article.outlet,
        "article_published_at": iso(article.published_at),
        "start": claim.start,
        "end": claim.end,
        "exact": claim.exact,
        "prefix": claim.prefix,
        "suffix": claim.suffix,
        "anchor_status": claim.anchor_status,
        "claim": claim.statement or claim.exact,
        "claimant": claim.claimant,
        "claim_date": iso(claim.claim_date),
        "verdict": claim.verdict.name if claim.verdict is not None else "",
        "verdict_slug": claim.verdict.slug if claim.verdict is not None else "",
        "rating_value": claim.verdict.rating_value if claim.verdict is not None else None,
        "rationale": claim.rationale,
        "citations": citations_of(claim),
        "status": claim.status,
        "reviewer": person(claim.created_by),
        "editor": person(claim.reviewed_by),
        "assignee": person(claim.assignee),
        "created_at": iso(claim.created_at),
        "submitted_at": iso(claim.submitted_at),
        "approved_at": iso(claim.approved_at),
        "published_at": iso(claim.published_at),
        "version": claim.version,
    }
