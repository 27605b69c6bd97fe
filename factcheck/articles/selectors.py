"""Read-side queries for articles: what the queue and the workspace show."""

from __future__ import annotations

from django.db.models import Count, Q, QuerySet

from factcheck.claims.models import Claim
from factcheck.core.queries import count_of
from factcheck.tagging.models import Candidate, CandidateStatus

from .models import Article, ImportJob, TaggingStatus


def _with_counts(articles: QuerySet[Article]) -> QuerySet[Article]:
    # Soft-deleted claims keep their history but no longer count.
    live_claims = Claim.objects.filter(deleted_at__isnull=True)
    return articles.annotate(
        candidates_open=count_of(Candidate.objects.filter(status=CandidateStatus.OPEN)),
        claims_count=count_of(live_claims),
        verdicts_count=count_of(live_claims.filter(verdict__isnull=False)),
    )


def article_queue() -> QuerySet[Article]:
    """Articles with the counts the queue shows, in a fixed number of queries."""
    return _with_counts(
        Article.objects.select_related("assignee", "created_by").defer("text", "html", "sentences")
    )


def article_detail() -> QuerySet[Article]:
    return _with_counts(Article.objects.select_related("assignee", "created_by"))


TAGGING_COUNTS = {
    "tagged": Count("articles", filter=Q(articles__tagging_status=TaggingStatus.DONE)),
    "tagging_failed": Count("articles", filter=Q(articles__tagging_status=TaggingStatus.FAILED)),
}


def import_jobs_with_tagging_counts() -> QuerySet[ImportJob]:
    """Import jobs with how many of their articles are tagged (or failed), one query."""
    return (
        ImportJob.objects.select_related("created_by")
        .annotate(**TAGGING_COUNTS)
        .order_by("-created_at", "-id")
    )


def tagging_counts(job: ImportJob) -> dict[str, int]:
    """The job's tagging counts: from the queryset's annotation, else one query."""
    if not hasattr(job, "tagged"):
        counts = ImportJob.objects.filter(pk=job.pk).aggregate(**TAGGING_COUNTS)
        for name, value in counts.items():
            setattr(job, name, value)
    return {name: getattr(job, name) for name in TAGGING_COUNTS}
