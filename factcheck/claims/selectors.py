"""Reading claims: the one filter set shared by the claims list, the review queue, the
export API, export jobs and the export_verdicts command, and the querysets they read."""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from datetime import timedelta
from itertools import islice
from typing import Any

import django_filters
from django.conf import settings
from django.db.models import Q, QuerySet
from django.utils import timezone
from rest_framework.exceptions import ValidationError

from factcheck.core.filters import AgeDaysFilter, IdFilter, IdInFilter
from factcheck.core.limits import as_id

from .models import Citation, Claim, ClaimStatus


class CharInFilter(django_filters.BaseInFilter, django_filters.CharFilter):
    """Comma-separated values: ?status=in_review,approved."""


class NumberInFilter(django_filters.BaseInFilter, django_filters.NumberFilter):
    """Comma-separated ids: ?article=3,7."""


STATES = {value for value, _ in ClaimStatus.choices}


class ClaimFilter(django_filters.FilterSet):
    """Filters by article, outlet, date range, state, verdict, reviewer and age.

    Dates (`date_from`, `date_to`, inclusive) apply to `date_field`: when the claim was
    created (default), submitted, approved or published, or the article's publication."""

    article = IdInFilter(field_name="article_id")
    outlet = django_filters.CharFilter(field_name="article__outlet", lookup_expr="iexact")
    status = CharInFilter(method="filter_status", label="state (comma-separated)")
    state = CharInFilter(method="filter_status", label="alias of status")
    verdict = CharInFilter(method="filter_verdict", label="verdict slugs or ids")
    reviewer = django_filters.CharFilter(method="filter_reviewer", label="user id or username")
    assignee = IdFilter(field_name="assignee_id")
    created_by = IdFilter(field_name="created_by_id")
    anchor_status = django_filters.CharFilter()
    date_field = django_filters.ChoiceFilter(
        method="filter_noop",
        choices=[(c, c) for c in ("created", "submitted", "approved", "published", "article")],
    )
    date_from = django_filters.DateFilter(method="filter_noop")
    date_to = django_filters.DateFilter(method="filter_noop")
    min_age_days = AgeDaysFilter(
        method="filter_age", label="in its state for at least this many days (0..36500)"
    )

    class Meta:
        model = Claim
        fields: list[str] = []

    DATE_FIELDS = {
        "created": "created_at",
        "submitted": "submitted_at",
        "approved": "approved_at",
        "published": "published_at",
        "article": "article__published_at",
    }

    def filter_noop(self, queryset: QuerySet[Claim], name: str, value: Any) -> QuerySet[Claim]:
        return queryset  # applied together in filter_queryset

    def filter_status(
        self, queryset: QuerySet[Claim], name: str, value: list[str]
    ) -> QuerySet[Claim]:
        unknown = sorted(set(value) - STATES)
        if unknown:
            raise ValidationError(
                {name: [f"Unknown state {unknown[0]!r}; one of {sorted(STATES)}."]}
            )
        return queryset.filter(status__in=value)

    def filter_verdict(
        self, queryset: QuerySet[Claim], name: str, value: list[str]
    ) -> QuerySet[Claim]:
        # as_id, not str.isdigit: '²'.isdigit() is True and int('²') raises.
        ids = [i for i in map(as_id, value) if i is not None]
        slugs = [v for v in value if as_id(v) is None]
        return queryset.filter(Q(verdict_id__in=ids) | Q(verdict__slug__in=slugs))

    def filter_reviewer(self, queryset: QuerySet[Claim], name: str, value: str) -> QuerySet[Claim]:
        user_id = as_id(value)
        if user_id is not None:
            return queryset.filter(created_by_id=user_id)
        return queryset.filter(created_by__username=value)

    def filter_age(self, queryset: QuerySet[Claim], name: str, value: Any) -> QuerySet[Claim]:
        # Age in the current state: since submission for the queue, since the last change
        # otherwise.
        cutoff = timezone.now() - timedelta(days=float(value))
        return queryset.filter(
            Q(status=ClaimStatus.IN_REVIEW, submitted_at__lte=cutoff)
            | (~Q(status=ClaimStatus.IN_REVIEW) & Q(updated_at__lte=cutoff))
        )

    def filter_queryset(self, queryset: QuerySet[Claim]) -> QuerySet[Claim]:
        queryset = super().filter_queryset(queryset)
        data = self.form.cleaned_data
        field = self.DATE_FIELDS[data.get("date_field") or "created"]
        if data.get("date_from"):
            queryset = queryset.filter(**{f"{field}__date__gte": data["date_from"]})
        if data.get("date_to"):
            queryset = queryset.filter(**{f"{field}__date__lte": data["date_to"]})
        return queryset


def live_claims() -> QuerySet[Claim]:
    """Claims that have not been (soft-)deleted."""
    return Claim.objects.filter(deleted_at__isnull=True)


def filter_claims(
    filters: Mapping[str, Any], queryset: QuerySet[Claim] | None = None
) -> QuerySet[Claim]:
    """`filters` (query parameters, a job's saved filters, command options) applied to the
    live claims; bad values raise a 400 naming the field."""
    data = {
        k: (",".join(map(str, v)) if isinstance(v, list | tuple) else str(v))
        for k, v in filters.items()
        if v not in (None, "")
    }
    unknown = sorted(set(data) - set(ClaimFilter.base_filters))
    if unknown:
        raise ValidationError(
            {unknown[0]: [f"Unknown filter; use one of {sorted(ClaimFilter.base_filters)}."]}
        )
    filterset = ClaimFilter(data, queryset=queryset if queryset is not None else live_claims())
    if not filterset.is_valid():
        raise ValidationError(filterset.errors)
    return filterset.qs


def export_queryset(filters: Mapping[str, Any]) -> QuerySet[Claim]:
    """The claims an export covers, in report order (article, then position)."""
    return filter_claims(filters).order_by("article_id", "start", "end", "id")


# Row fields of an export: the claim's own, then the article's, verdict's and people's.
EXPORT_FIELDS = {
    "claim_id": "id",
    "article_id": "article_id",
    "start": "start",
    "end": "end",
    "exact": "exact",
    "prefix": "prefix",
    "suffix": "suffix",
    "anchor_status": "anchor_status",
    "statement": "statement",
    "claimant": "claimant",
    "claim_date": "claim_date",
    "status": "status",
    "rationale": "rationale",
    "version": "version",
    "created_at": "created_at",
    "updated_at": "updated_at",
    "submitted_at": "submitted_at",
    "approved_at": "approved_at",
    "published_at": "published_at",
    "approval_override": "approval_override",
    "article_title": "article__title",
    "article_url": "article__url",
    "outlet": "article__outlet",
    "article_author": "article__author",
    "article_published_at": "article__published_at",
    "verdict": "verdict__name",
    "verdict_slug": "verdict__slug",
    "rating_value": "verdict__rating_value",
    "verdict_colour": "verdict__colour",
    "reviewer": "created_by__username",
    "editor": "reviewed_by__username",
    "assignee": "assignee__username",
}
CITATION_FIELDS = {
    "source": "source__name",
    "source_homepage": "source__homepage",
    "url": "url",
    "excerpt": "excerpt",
    "stance": "stance",
    "locator": "locator",
    # The capture of the cited page: what the source said when it was cited.
    "capture_status": "capture__status",
    "excerpt_found": "capture__excerpt_found",
    "sha256": "capture__snapshot__sha256",
    "fetched_at": "capture__fetched_at",
}


def copy_url(sha256: str | None) -> str | None:
    """The absolute link to a stored copy, for files read outside the app."""
    if not sha256:
        return None
    return f"{settings.FACTCHECK_SITE_URL.rstrip('/')}/captures/{sha256}/"


def export_rows(claims: QuerySet[Claim], chunk_size: int = 2000) -> Iterator[dict[str, Any]]:
    """One flat dict per claim (EXPORT_FIELDS, plus "citations": a list of dicts), read
    `chunk_size` claims at a time: two queries per chunk whatever the number of rows.

    Plain values rather than model instances: an export of 10,000 claims with their
    article, verdict, people and citations would otherwise build ~70,000 objects."""
    names = list(EXPORT_FIELDS)
    rows = claims.values_list(*EXPORT_FIELDS.values()).iterator(chunk_size=chunk_size)
    while True:
        batch = [dict(zip(names, values, strict=True)) for values in islice(rows, chunk_size)]
        if not batch:
            return
        by_claim: dict[int, list[dict[str, Any]]] = {row["claim_id"]: [] for row in batch}
        cited = (
            Citation.objects.filter(claim_id__in=list(by_claim))
            .order_by("created_at", "id")
            .values_list("claim_id", *CITATION_FIELDS.values())
        )
        for claim_id, *values in cited:
            citation = dict(zip(CITATION_FIELDS, values, strict=True))
            citation["copy_url"] = copy_url(citation["sha256"])
            by_claim[claim_id].append(citation)
        for row in batch:
            row["citations"] = by_claim[row["claim_id"]]
            yield row
