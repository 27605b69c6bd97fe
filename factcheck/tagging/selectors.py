"""Read-side queries for tagging: candidate lists and the article's tagging state, each in
a fixed number of queries."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from django.db.models import Count, Q, QuerySet

from factcheck.articles.models import Article

from .models import Candidate, CandidateKind, CandidateStatus


def candidates() -> QuerySet[Candidate]:
    return Candidate.objects.select_related("decided_by").order_by("article", "start", "end", "id")


def article_candidates(article_id: int) -> QuerySet[Candidate]:
    return candidates().filter(article_id=article_id)


@dataclass(frozen=True)
class TaggingState:
    article: int
    status: str
    error: str
    tagger_version: str
    queued_at: datetime | None
    started_at: datetime | None
    finished_at: datetime | None
    counts: dict[str, dict[str, int]]

    @property
    def timings(self) -> tuple[datetime | None, ...]:
        return (self.queued_at, self.started_at, self.finished_at)

    @property
    def etag(self) -> str:
        parts = [
            self.status,
            self.tagger_version,
            self.error,
            *(
                str(t and t.isoformat())
                for t in (self.queued_at, self.started_at, self.finished_at)
            ),
            repr(sorted((k, sorted(v.items())) for k, v in self.counts.items())),
        ]
        return '"' + hashlib.sha1("|".join(parts).encode(), usedforsecurity=False).hexdigest() + '"'

    def as_dict(self) -> dict[str, Any]:
        duration = None
        if self.started_at and self.finished_at and self.finished_at >= self.started_at:
            duration = round((self.finished_at - self.started_at).total_seconds(), 3)
        return {
            "article": self.article,
            "status": self.status,
            "error": self.error,
            "tagger_version": self.tagger_version,
            "queued_at": self.queued_at,
            "started_at": self.started_at,
            "finished_at": self.finished_at,
            "duration": duration,
            "counts": self.counts,
        }


def tagging_state(article_id: int) -> TaggingState | None:
    """Status, timings and candidate counts by status and by kind: one query."""
    aggregates: dict[str, Any] = {"total": Count("candidates")}
    for status in CandidateStatus.values:
        aggregates[f"status_{status}"] = Count("candidates", filter=Q(candidates__status=status))
    for kind in CandidateKind.values:
        aggregates[f"kind_{kind}"] = Count("candidates", filter=Q(candidates__kind=kind))
    rows = list(
        Article.objects.filter(pk=article_id)
        .order_by()
        .values(
            "tagging_status",
            "tagging_error",
            "tagger_version",
            "tagging_queued_at",
            "tagging_started_at",
            "tagging_finished_at",
        )
        .annotate(**aggregates)[:1]
    )
    if not rows:
        return None
    row = rows[0]
    return TaggingState(
        article=article_id,
        status=row["tagging_status"],
        error=row["tagging_error"],
        tagger_version=row["tagger_version"],
        queued_at=row["tagging_queued_at"],
        started_at=row["tagging_started_at"],
        finished_at=row["tagging_finished_at"],
        counts={
            "total": {"all": row["total"]},
            "status": {s: row[f"status_{s}"] for s in CandidateStatus.values},
            "kind": {k: row[f"kind_{k}"] for k in CandidateKind.values},
        },
    )
