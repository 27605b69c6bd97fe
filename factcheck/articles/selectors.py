"""Read-side queries for articles: what the queue and the workspace show."""

from __future__ import annotations

from django.db.models import QuerySet

from factcheck.claims.models import Claim
from factcheck.core.queries import count_of
from factcheck.tagging.models import Candidate, CandidateStatus

from .models import Article


def article_queue() -> QuerySet[Article]:
    """Articles with the counts the queue shows, in a fixed number of queries."""
    return (
        Article.objects.select_related("assignee", "created_by")
        .defer("text", "html", "sentences")
        .annotate(
            candidates_open=count_of(Candidate.objects.filter(status=CandidateStatus.OPEN)),
            claims_count=count_of(Claim.objects.all()),
            verdicts_count=count_of(Claim.objects.filter(verdict__isnull=False)),
        )
    )


def article_detail() -> QuerySet[Article]:
    return Article.objects.select_related("assignee", "created_by").annotate(
        candidates_open=count_of(Candidate.objects.filter(status=CandidateStatus.OPEN)),
        claims_count=count_of(Claim.objects.all()),
        verdicts_count=count_of(Claim.objects.filter(verdict__isnull=False)),
    )
