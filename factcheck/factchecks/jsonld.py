"""schema.org JSON-LD of a fact-check: the ClaimReview embedded in its public page and
carried by the public DataFeed. Ours only, from the published snapshot."""

from __future__ import annotations

import json
from typing import Any

from django.conf import settings
from django.utils.safestring import SafeString, mark_safe

from .models import FactCheck


def organisation() -> dict[str, str]:
    return {
        "@type": "Organization",
        "name": str(settings.FACTCHECK_ORGANIZATION_NAME),
        "url": str(settings.FACTCHECK_ORGANIZATION_URL),
    }


def _number(value: float | None) -> int | float | None:
    if value is None:
        return None
    return int(value) if float(value).is_integer() else value


def claim_review(factcheck: FactCheck, corrections: list[Any] | None = None) -> dict[str, Any]:
    snapshot = factcheck.snapshot or {}
    rating: dict[str, Any] = {"@type": "Rating"}
    if factcheck.rating_name:
        rating["alternateName"] = factcheck.rating_name
    value = _number(factcheck.rating_value)
    if value is not None and factcheck.best_rating is not None:
        rating.update(
            ratingValue=value,
            bestRating=_number(factcheck.best_rating),
            worstRating=_number(factcheck.worst_rating),
        )
    if factcheck.rating_explanation:
        rating["ratingExplanation"] = factcheck.rating_explanation
    item: dict[str, Any] = {"@type": "Claim"}
    if factcheck.claimant:
        item["author"] = {"@type": "Person", "name": factcheck.claimant}
    article = snapshot.get("article") or {}
    claimed_on = factcheck.claim_date or (
        (article.get("published_at") or "")[:10] if article.get("published_at") else None
    )
    if claimed_on:
        item["datePublished"] = str(claimed_on)
    if factcheck.appearance_url or article.get("title"):
        appearance: dict[str, Any] = {"@type": "CreativeWork"}
        if article.get("title"):
            appearance["headline"] = article["title"]
        if factcheck.appearance_url:
            appearance["url"] = factcheck.appearance_url
        if article.get("outlet"):
            appearance["publisher"] = {"@type": "Organization", "name": article["outlet"]}
        item["appearance"] = appearance
    review: dict[str, Any] = {
        "@context": "https://schema.org",
        "@type": "ClaimReview",
        "url": factcheck.url,
        "claimReviewed": factcheck.claim_reviewed,
        "author": organisation(),
        "reviewRating": rating,
        "itemReviewed": item,
    }
    if factcheck.date_published:
        review["datePublished"] = factcheck.date_published.isoformat()
    if factcheck.date_modified:
        review["dateModified"] = factcheck.date_modified.isoformat()
    if factcheck.language:
        review["inLanguage"] = factcheck.language
    if corrections:
        review["correction"] = [
            {
                "@type": "CorrectionComment",
                "text": correction.note,
                "datePublished": correction.created_at.isoformat(),
            }
            for correction in corrections
        ]
    return review


def script_json(data: Any) -> SafeString:
    """JSON safe inside a <script> element: <, > and & escaped as JSON escapes (as
    Django's json_script does), so no text in it can close the element."""
    text = json.dumps(data, ensure_ascii=False, sort_keys=False)
    text = text.replace("<", "\\u003C").replace(">", "\\u003E").replace("&", "\\u0026")
    return mark_safe(text)
