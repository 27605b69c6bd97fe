"""Corrections: a new revision of an article's text, with every claim re-anchored on it
(position, then the quote near it, then a fuzzy match) or marked orphaned, never dropped."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, cast

from django.db import connection, transaction
from django.db.models import Field
from django.utils import timezone
from rest_framework.exceptions import ValidationError

from factcheck.claims.anchoring import Anchor, Result, reanchor_many
from factcheck.claims.models import AnchorStatus, Claim, ClaimEvent
from factcheck.core.exceptions import Conflict
from factcheck.tagging.services import request_tagging

from .carry_candidates import carry_candidates
from .models import Article, ArticleRevision, TaggingStatus, content_hash
from .services import normalise_text, validate_text
from .text_from_html import html_to_text

_STATUS = {"exact": AnchorStatus.ANCHORED, "moved": AnchorStatus.MOVED, "fuzzy": AnchorStatus.FUZZY}


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
        outcome = RevisionOutcome(revision)
        _reanchor_claims(article, old_text, user, outcome)
        carry_candidates(article.pk, old_text, text)
        request_tagging(article)
    return outcome


def _reanchor_claims(article: Article, old_text: str, user: Any, outcome: RevisionOutcome) -> None:
    claims = list(Claim.objects.select_for_update().filter(article=article).order_by("start", "id"))
    # Claims placed on the text just replaced map through the diff; claims already orphaned
    # (anchored on an older text) can only be found by their quote.
    current = [c for c in claims if c.anchor_status != AnchorStatus.ORPHANED]
    stale = [c for c in claims if c.anchor_status == AnchorStatus.ORPHANED]
    # The rows record_event writes, in one insert: a correction can move every claim of a
    # long article, and a query per claim made that seconds instead of milliseconds.
    events: list[ClaimEvent] = []
    actor = user if getattr(user, "is_authenticated", False) else None
    for group, base in ((current, old_text), (stale, None)):
        anchors = [Anchor(c.start, c.end, c.exact, c.prefix, c.suffix) for c in group]
        results = reanchor_many(article.text, anchors, old_text=base)
        for claim, result in zip(group, results, strict=True):
            changes = _place(claim, result, article.revision)
            if changes is None:
                outcome.kept += 1
                continue
            (outcome.moved if result.placed else outcome.orphaned).append(claim.pk)
            action = "reanchored" if result.placed else "orphaned"
            events.append(ClaimEvent(claim=claim, actor=actor, action=action, changes=changes))
    ClaimEvent.objects.bulk_create(events, batch_size=500)
    _save_placements(claims)


PLACEMENT_FIELDS = [
    "start",
    "end",
    "exact",
    "prefix",
    "suffix",
    "anchor_status",
    "anchored_revision",
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
    return {
        "revision": [old_revision, revision],
        "anchor_status": [old_status, claim.anchor_status],
        "score": round(result.score, 3),
        **{k: [before[k], after[k]] for k in before if before[k] != after[k]},
    }


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
