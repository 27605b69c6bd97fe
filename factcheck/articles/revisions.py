"""Corrections: a new revision of an article's text, with every claim re-anchored on it
(position, then the quote near it, then a fuzzy match) or marked orphaned, never dropped."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from django.db import transaction
from django.utils import timezone
from rest_framework.exceptions import ValidationError

from factcheck.claims.anchoring import Anchor, reanchor_many
from factcheck.claims.models import AnchorStatus, Claim
from factcheck.claims.placement import place_claims_on_revision
from factcheck.core.exceptions import Conflict
from factcheck.tagging.services import request_tagging

from .carry_candidates import carry_candidates
from .models import Article, ArticleRevision, TaggingStatus, content_hash
from .services import normalise_text, validate_text
from .text_from_html import html_to_text


@dataclass
class RevisionOutcome:
    revision: ArticleRevision
    kept: int = 0
    moved: list[int] = field(default_factory=list)
    orphaned: list[int] = field(default_factory=list)


def add_revision(
    article_id: int, user: Any, *, text: str = "", html: str = "", note: str = ""
) -> RevisionOutcome:
    """Make `text` (or the text of `html`) the article's current revision and re-anchor
    its claims on it. The earlier revision keeps its text; the tagger re-runs."""
    clean_html = ""
    if html.strip() and not text.strip():
        clean_html, text = html_to_text(html)
    text = normalise_text(text)
    validate_text(text, "html" if clean_html else "text")
    with transaction.atomic():
        article = Article.objects.select_for_update().get(pk=article_id)
        if text == article.text:
            raise ValidationError({"text": ["This is the text of the current revision already."]})
        digest = content_hash(text)
        if Article.objects.filter(content_hash=digest).exclude(pk=article.pk).exists():
            raise Conflict("Another article already has exactly this text.")
        old_text, number = article.text, article.revision + 1
        revision = ArticleRevision.objects.create(
            article=article,
            number=number,
            text=text,
            html=clean_html,
            content_hash=digest,
            note=note[:500],
            created_by=user if getattr(user, "is_authenticated", False) else None,
        )
        article.text, article.html, article.revision = text, clean_html, number
        article.tagging_status = TaggingStatus.QUEUED
        article.tagging_queued_at = timezone.now()
        article.save()
        placed = place_claims_on_revision(article.pk, text, old_text, number, user)
        outcome = RevisionOutcome(revision, placed.kept, placed.moved, placed.orphaned)
        carry_candidates(article.pk, old_text, text)
        request_tagging(article)
    return outcome


def preview_revision(
    article_id: int, *, text: str = "", html: str = "", refetch: bool = False
) -> dict[str, Any]:
    """What adding this revision would do, without doing it: the new canonical text (and
    its HTML), the diff from the current one, and where each live claim would land (kept,
    moved, fuzzy or orphaned). `refetch` reads the article's URL again for the text."""
    from .diff import diff_summary
    from .imports import from_url

    article = Article.objects.get(pk=article_id)
    clean_html = ""
    if refetch:
        if not article.url:
            raise ValidationError({"refetch": ["This article has no URL to fetch again."]})
        fetched = from_url(article.url)
        text, clean_html = fetched.text, fetched.html
    elif html.strip() and not text.strip():
        clean_html, text = html_to_text(html)
    text = normalise_text(text)
    validate_text(text, "html" if clean_html and not refetch else "text")
    if text == article.text:
        raise ValidationError({"text": ["This is the text of the current revision already."]})
    claims = list(
        Claim.objects.filter(article=article, deleted_at__isnull=True).order_by("start", "id")
    )
    current = [c for c in claims if c.anchor_status != AnchorStatus.ORPHANED]
    stale = [c for c in claims if c.anchor_status == AnchorStatus.ORPHANED]
    rows: list[dict[str, Any]] = []
    for group, base in ((current, article.text), (stale, None)):
        anchors = [Anchor(c.start, c.end, c.exact, c.prefix, c.suffix) for c in group]
        for claim, result in zip(group, reanchor_many(text, anchors, old_text=base), strict=True):
            if not result.placed:
                outcome = "orphaned"
            elif (result.anchor.start, result.anchor.end, result.anchor.exact) == (
                claim.start,
                claim.end,
                claim.exact,
            ) and claim.anchor_status == AnchorStatus.ANCHORED:
                outcome = "kept"
            else:
                outcome = "fuzzy" if result.status == "fuzzy" else "moved"
            rows.append(
                {
                    "id": claim.pk,
                    "statement": claim.statement,
                    "exact": claim.exact,
                    "status": claim.status,
                    "outcome": outcome,
                    "new_exact": result.anchor.exact if result.placed else None,
                }
            )
    rows.sort(key=lambda r: ["orphaned", "fuzzy", "moved", "kept"].index(r["outcome"]))
    return {
        "text": text,
        "html": clean_html,
        "diff": diff_summary(article.text, text),
        "claims": rows,
        "counts": {
            k: sum(r["outcome"] == k for r in rows) for k in ("kept", "moved", "fuzzy", "orphaned")
        },
    }
