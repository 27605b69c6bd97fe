"""Fact-checks for tests, through the real import path and the real workflow."""

from __future__ import annotations

from typing import Any

from factcheck.claims import workflow
from factcheck.claims.models import Claim
from factcheck.factchecks import services
from factcheck.factchecks.claimreview import FactCheckRow
from factcheck.factchecks.models import FactCheck
from tests.claims.helpers import claim_in


def review(url: str, claim: str, rating: str = "False", **extra: Any) -> dict[str, Any]:
    """A ClaimReview object as another newsroom publishes it."""
    node: dict[str, Any] = {
        "@context": "https://schema.org",
        "@type": "ClaimReview",
        "url": url,
        "claimReviewed": claim,
        "datePublished": "2020-01-06",
        "author": {
            "@type": "Organization",
            "name": "Other Checkers",
            "url": "https://other.example",
        },
        "reviewRating": {
            "@type": "Rating",
            "alternateName": rating,
            "ratingValue": 1,
            "bestRating": 5,
            "worstRating": 1,
        },
        "itemReviewed": {
            "@type": "Claim",
            "author": {"@type": "Person", "name": "A. Politician"},
            "appearance": {"@type": "CreativeWork", "url": "https://social.example/post/1"},
        },
    }
    node.update(extra)
    return node


def save(*items: tuple[str, str] | tuple[str, str, str]) -> list[FactCheck]:
    """Imported fact-checks from (url, claim[, rating]) tuples."""
    rows = [
        FactCheckRow(url=i[0], claim_reviewed=i[1], rating_name=(i[2] if len(i) > 2 else "False"))  # type: ignore[misc]
        for i in items
    ]
    services.save_rows(rows)
    return list(FactCheck.objects.filter(url__in=[r.url for r in rows]).order_by("id"))


def published_claim(reviewer: Any, editor: Any) -> tuple[Claim, FactCheck]:
    """A claim published through the workflow, and our fact-check of it."""
    claim = claim_in("published", reviewer, editor)
    return claim, services.sync_published_claim(claim)


def republish(
    claim: Claim, editor: Any, note: str = "Corrected after a new release.", **changes: Any
) -> tuple[Claim, FactCheck]:
    """Unpublish, change, review again and republish with a correction note."""
    from factcheck.claims.services import update_claim

    claim = workflow.transition(claim.pk, "unpublish", editor, claim.version)
    services.withdraw_claim(claim)
    claim = workflow.transition(claim.pk, "return", editor, claim.version, comment="correct it")
    claim = update_claim(claim.pk, claim.version, editor, **changes)
    for step in ("submit", "approve", "publish"):
        comment = note if step == "publish" else ""
        claim = workflow.transition(claim.pk, step, editor, claim.version, comment=comment)
    return claim, FactCheck.objects.get(claim=claim)  # the workflow kept it in step
