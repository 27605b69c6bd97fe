"""schema.org ClaimReview JSON-LD for published claims: a JSON array of ClaimReview
objects, each with its own @context (what Google's fact-check markup expects per item).

Rating: ratingValue/bestRating/worstRating come from the verdict scale's numeric values,
alternateName is the verdict's name; a verdict outside the numeric scale (Unverifiable)
gets alternateName only, which Google accepts."""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator
from typing import Any

from django.conf import settings
from django.db.models import Max, Min

from factcheck.claims.models import VerdictLabel

from .base import ExportContext
from .rows import Row, claim_text

# Google shows about this many characters of claimReviewed in search results.
CLAIM_REVIEWED_MAX = 75


def rating_bounds() -> tuple[int | None, int | None]:
    bounds = VerdictLabel.objects.filter(rating_value__isnull=False).aggregate(
        best=Max("rating_value"), worst=Min("rating_value")
    )
    return bounds["best"], bounds["worst"]


def claim_url(claim_id: int) -> str:
    return str(settings.FACTCHECK_CLAIM_URL_PATTERN).format(id=claim_id)


def organisation() -> dict[str, str]:
    return {
        "@type": "Organization",
        "name": str(settings.FACTCHECK_ORGANIZATION_NAME),
        "url": str(settings.FACTCHECK_ORGANIZATION_URL),
    }


def claim_review(
    row: Row, best: int | None, worst: int | None, context: ExportContext | None = None
) -> dict[str, Any]:
    """One ClaimReview from an export row; notes what Google would dislike in
    `context.warnings`."""
    reviewed = claim_text(row)
    if context is not None and len(reviewed) > CLAIM_REVIEWED_MAX:
        context.warn(
            f"claim {row['claim_id']}: claimReviewed has {len(reviewed)} characters; Google "
            f"shows about {CLAIM_REVIEWED_MAX}."
        )
    rating: dict[str, Any] = {"@type": "Rating"}
    if row["verdict"]:
        if row["rating_value"] is not None and best is not None and worst is not None:
            rating.update(ratingValue=row["rating_value"], bestRating=best, worstRating=worst)
        rating["alternateName"] = row["verdict"]
    item: dict[str, Any] = {"@type": "Claim"}
    if row["claimant"]:
        item["author"] = {"@type": "Person", "name": row["claimant"]}
    claimed_on = row["claim_date"] or (
        row["article_published_at"].date() if row["article_published_at"] else None
    )
    if claimed_on is not None:
        item["datePublished"] = claimed_on.isoformat()
    appearance: dict[str, Any] = {"@type": "CreativeWork", "headline": row["article_title"]}
    if row["article_url"]:
        appearance["url"] = row["article_url"]
    elif context is not None:
        context.warn(f"claim {row['claim_id']}: its article has no URL for the appearance.")
    if row["outlet"]:
        appearance["publisher"] = {"@type": "Organization", "name": row["outlet"]}
    item["appearance"] = appearance
    review: dict[str, Any] = {
        "@context": "https://schema.org",
        "@type": "ClaimReview",
        "url": claim_url(row["claim_id"]),
        "claimReviewed": reviewed,
        "author": organisation(),
        "reviewRating": rating,
        "itemReviewed": item,
    }
    if row["published_at"] is not None:
        review["datePublished"] = row["published_at"].date().isoformat()
    return review


class ClaimReviewExporter:
    name = "claimreview"
    media_type = "application/ld+json; charset=utf-8"
    # Two JSON-LD formats: distinct names, so one download does not overwrite the other.
    extension = "claimreview.jsonld"
    published_only = True

    def render(self, claims: Iterable[Row], context: ExportContext) -> Iterator[str]:
        best, worst = rating_bounds()
        yield "["
        for n, row in enumerate(claims):
            text = json.dumps(claim_review(row, best, worst, context), ensure_ascii=False)
            yield ("\n" if n == 0 else ",\n") + text
        yield "\n]\n"


def google_problems(review: dict[str, Any]) -> list[str]:
    """What Google's fact-check rich result requires and `review` lacks (empty: passes).

    From Google Search Central's ClaimReview page: claimReviewed, reviewRating (with
    alternateName, or a ratingValue inside bestRating..worstRating), url; author and
    itemReviewed (a Claim) are checked too, because without them the result shows no
    publisher or claimant."""
    problems = []
    if review.get("@type") != "ClaimReview":
        problems.append("@type must be ClaimReview")
    if "schema.org" not in str(review.get("@context", "")):
        problems.append("@context must be https://schema.org")
    reviewed = review.get("claimReviewed")
    if not isinstance(reviewed, str) or not reviewed.strip():
        problems.append("claimReviewed is required")
    url = review.get("url")
    if not isinstance(url, str) or not url.startswith(("http://", "https://")):
        problems.append("url must be an absolute http(s) URL")
    author = review.get("author")
    if not isinstance(author, dict) or author.get("@type") not in ("Organization", "Person"):
        problems.append("author must be an Organization or Person")
    elif not author.get("name"):
        problems.append("author.name is required")
    rating = review.get("reviewRating")
    if not isinstance(rating, dict) or rating.get("@type") != "Rating":
        problems.append("reviewRating must be a Rating")
    else:
        value = rating.get("ratingValue")
        if not rating.get("alternateName") and value is None:
            problems.append("reviewRating needs alternateName or ratingValue")
        if value is not None:
            best, worst = rating.get("bestRating"), rating.get("worstRating")
            if not all(isinstance(v, int | float) for v in (value, best, worst)):
                problems.append("ratingValue, bestRating and worstRating must be numbers")
            elif not worst <= value <= best:
                problems.append("ratingValue must lie between worstRating and bestRating")
    item = review.get("itemReviewed")
    if not isinstance(item, dict) or item.get("@type") != "Claim":
        problems.append("itemReviewed must be a Claim")
    elif "appearance" in item and not isinstance(item["appearance"], dict | list):
        problems.append("itemReviewed.appearance must be a CreativeWork")
    return problems
