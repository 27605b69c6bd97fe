"""Tagging: queue an article for the pre-tagger once its transaction commits, sweep up
what the broker never got, and record the reviewer's decision on a candidate."""

from __future__ import annotations

import logging
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import timedelta
from typing import TYPE_CHECKING, Any

from django.conf import settings
from django.db import transaction
from django.db.models import Q
from django.shortcuts import get_object_or_404
from django.utils import timezone

from factcheck.articles.models import Article, TaggingStatus
from factcheck.core.exceptions import Conflict

from .models import Candidate, CandidateKind, CandidateStatus

if TYPE_CHECKING:
    from factcheck.claims.models import Claim

log = logging.getLogger(__name__)


def request_tagging(article: Article) -> None:
    """Mark the article queued and enqueue its tagging after commit. A broker that is down
    or frozen never fails (or hangs) the request: the article stays queued and the
    periodic sweeper enqueues it later."""
    if article.tagging_status != TaggingStatus.QUEUED or article.tagging_queued_at is None:
        # (A new article is saved queued already: no second write on the import path.)
        now = timezone.now()
        Article.objects.filter(pk=article.pk).update(
            tagging_status=TaggingStatus.QUEUED, tagging_queued_at=now, tagging_error=""
        )
        article.tagging_status = TaggingStatus.QUEUED
        article.tagging_queued_at = now
    article_id = article.pk
    transaction.on_commit(lambda: _enqueue_or_collect(article_id))


_collector = threading.local()


@contextmanager
def batched_tagging() -> Iterator[None]:
    """Inside the block, request_tagging only collects the committed articles; they are
    enqueued at the end in batches of FACTCHECK_TAGGING_BATCH per task (a bulk import:
    `with batched_tagging(): for row in rows: create_article(...)`)."""
    if getattr(_collector, "ids", None) is not None:  # nested: the outer block enqueues
        yield
        return
    _collector.ids = []
    try:
        yield
    finally:
        ids, _collector.ids = _collector.ids, None
        for chunk in batches(ids):
            if not enqueue_tagging(chunk):
                break  # the broker is away: the sweeper enqueues the rest


def _enqueue_or_collect(article_id: int) -> None:
    ids = getattr(_collector, "ids", None)
    if ids is None:
        enqueue_tagging(article_id)
    else:
        ids.append(article_id)


def request_tagging_many(article_ids: list[int], mark_queued: bool = True) -> None:
    """request_tagging for many articles (a bulk import): batches of TAGGING_BATCH per
    task, so the worker writes each batch with a fixed number of queries. `mark_queued`
    False: they were saved queued (new articles)."""
    ids = list(article_ids)
    if mark_queued:
        Article.objects.filter(pk__in=ids).update(
            tagging_status=TaggingStatus.QUEUED, tagging_queued_at=timezone.now(), tagging_error=""
        )

    def enqueue_all() -> None:
        for chunk in batches(ids):
            if not enqueue_tagging(chunk):
                break  # the broker is away: the sweeper enqueues the rest

    transaction.on_commit(enqueue_all)


def batches(ids: list[int], size: int | None = None) -> list[list[int]]:
    size = size or settings.FACTCHECK_TAGGING_BATCH
    return [ids[i : i + size] for i in range(0, len(ids), size)]


def enqueue_tagging(article_ids: int | list[int], deadline: float | None = None) -> bool:
    """Publish the tagging task (one article, or a batch); False (and the articles left
    queued) when the broker does not take it within `deadline` seconds."""
    from factcheck.core.enqueue import publish

    from .tasks import tag_article, tag_articles

    if isinstance(article_ids, int):
        sent = publish(tag_article, (article_ids,), deadline=deadline)
    else:
        sent = publish(tag_articles, (list(article_ids),), deadline=deadline)
    if not sent:
        log.warning("Could not enqueue tagging of article(s) %s; left queued", article_ids)
    return sent


def pending_articles(older_than: float, now: Any = None) -> list[int]:
    """Articles the broker may never have received: queued for longer than `older_than`
    seconds, or running for longer than the task's hard time limit (a lost worker)."""
    now = now or timezone.now()
    stuck = now - timedelta(seconds=settings.CELERY_TASK_TIME_LIMIT)
    waiting = Q(tagging_status=TaggingStatus.QUEUED) & (
        Q(tagging_queued_at__lte=now - timedelta(seconds=older_than))
        | Q(tagging_queued_at__isnull=True)
    )
    lost = Q(tagging_status=TaggingStatus.RUNNING) & (
        Q(tagging_started_at__lte=stuck) | Q(tagging_started_at__isnull=True)
    )
    return list(
        Article.objects.filter(waiting | lost)
        .order_by("tagging_queued_at", "pk")
        .values_list("pk", flat=True)
    )


def sweep_pending(older_than: float | None = None) -> int:
    """Re-enqueue whatever is still pending, in batches; returns how many articles were
    enqueued. Stops at the first refusal, so a dead broker costs one deadline in all."""
    if older_than is None:
        older_than = settings.FACTCHECK_TAGGING_SWEEP_AFTER
    enqueued = 0
    for chunk in batches(pending_articles(older_than)):
        # Restart the clock first, so the next sweep does not enqueue them again at once.
        Article.objects.filter(pk__in=chunk).update(
            tagging_status=TaggingStatus.QUEUED, tagging_queued_at=timezone.now()
        )
        if not enqueue_tagging(chunk):
            break
        enqueued += len(chunk)
    if enqueued:
        log.info("Sweeper re-enqueued tagging of %s article(s)", enqueued)
    return enqueued


def retag_if_stale(article: Article) -> bool:
    """Re-request tagging of an article left queued or failed, or tagged by an older
    tagger version (load_demo calls it, so the demo article is tagged when `make run`
    starts whatever happened last time). A running one is the sweeper's business."""
    from .extract import TAGGER_VERSION

    if article.tagging_status == TaggingStatus.RUNNING:
        return False
    if article.tagging_status == TaggingStatus.DONE and article.tagger_version == TAGGER_VERSION:
        return False
    request_tagging(article)
    return True


def mark_failed(article_ids: int | list[int], error: str) -> None:
    ids = [article_ids] if isinstance(article_ids, int) else article_ids
    Article.objects.filter(pk__in=ids).update(
        tagging_status=TaggingStatus.FAILED,
        tagging_error=error[:2000],
        tagging_finished_at=timezone.now(),
    )


# --- The reviewer's decision on a candidate ---------------------------------------------


def _locked(candidate_id: int) -> Candidate:
    # select_for_update(of=self): lock the candidate, not the article (the tagger's lock).
    return get_object_or_404(
        Candidate.objects.select_for_update(of=("self",)).select_related("article"),
        pk=candidate_id,
    )


def _claim_statement(candidate: Candidate) -> str:
    """The claim as checked starts as the candidate's sentence (a quote: the quote)."""
    article = candidate.article
    if candidate.kind != CandidateKind.QUOTE:
        for start, end, *_ in article.sentences or []:
            if start <= candidate.start and candidate.end <= end:
                return str(article.text[start:end])
    return candidate.text


@transaction.atomic
def accept_candidate(candidate_id: int, user: Any) -> Candidate:
    """Make a claim anchored on the candidate (claimant: a quote's speaker) and mark the
    candidate accepted. Accepting twice is a conflict (409), never a second claim."""
    from factcheck.claims.services import create_claim

    candidate = _locked(candidate_id)
    if candidate.status == CandidateStatus.ACCEPTED:
        raise Conflict("This candidate is already accepted.", current=_state(candidate))
    claimant = ""
    if candidate.kind == CandidateKind.QUOTE:
        claimant = str(candidate.data.get("speaker") or "")[:300]
    claim: Claim = create_claim(
        candidate.article,
        candidate.start,
        candidate.end,
        user,
        exact=candidate.text,
        statement=_claim_statement(candidate),
        claimant=claimant,
    )
    _decide(candidate, CandidateStatus.ACCEPTED, user, claim=claim)
    return candidate


@transaction.atomic
def dismiss_candidate(candidate_id: int, user: Any) -> Candidate:
    candidate = _locked(candidate_id)
    if candidate.status != CandidateStatus.OPEN:
        raise Conflict(f"This candidate is already {candidate.status}.", current=_state(candidate))
    _decide(candidate, CandidateStatus.DISMISSED, user, claim=None)
    return candidate


@transaction.atomic
def reopen_candidate(candidate_id: int, user: Any) -> Candidate:
    """Undo a decision. An accepted candidate whose claim still exists stays accepted:
    reopening it would leave the claim without its candidate (delete the claim first)."""
    candidate = _locked(candidate_id)
    if candidate.status == CandidateStatus.OPEN:
        raise Conflict("This candidate is already open.", current=_state(candidate))
    if candidate.status == CandidateStatus.ACCEPTED and _claim_is_live(candidate.claim_id):
        raise Conflict(
            "This candidate's claim still exists; delete the claim to reopen it.",
            current=_state(candidate),
        )
    candidate.status = CandidateStatus.OPEN
    candidate.decided_by = None
    candidate.decided_at = None
    candidate.claim = None
    candidate.save(update_fields=["status", "decided_by", "decided_at", "claim"])
    return candidate


def _claim_is_live(claim_id: int | None) -> bool:
    from factcheck.claims.models import Claim

    return claim_id is not None and Claim.objects.filter(pk=claim_id).exists()


def _decide(candidate: Candidate, status: str, user: Any, claim: Claim | None) -> None:
    candidate.status = status
    candidate.decided_by = user if getattr(user, "is_authenticated", False) else None
    candidate.decided_at = timezone.now()
    candidate.claim = claim
    candidate.save(update_fields=["status", "decided_by", "decided_at", "claim"])


def _state(candidate: Candidate) -> dict[str, Any]:
    return {"id": candidate.pk, "status": candidate.status, "claim": candidate.claim_id}


@transaction.atomic
def release_candidates(claim_id: int) -> int:
    """A deleted claim gives its candidates back: open again, to accept or dismiss anew.
    Returns how many were released."""
    return Candidate.objects.filter(claim_id=claim_id).update(
        status=CandidateStatus.OPEN, claim=None, decided_by=None, decided_at=None
    )
