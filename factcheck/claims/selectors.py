"""Reading claims: the one filter set shared by the claims list, the review queue, the
export API, export jobs and the export_verdicts command, and the querysets they read."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import timedelta
from typing import Any

import django_filters
from django.db.models import Prefetch, Q, QuerySet
from django.utils import timezone
from rest_framework.exceptions import ValidationError

from factcheck.sources.models import Citation

from .models import Claim, ClaimStatus


class CharInFilter(django_filters.BaseInFilter, django_filters.CharFilter):
    """Comma-separated values: ?status=in_review,approved."""


class NumberInFilter(django_filters.BaseInFilter, django_filters.NumberFilter):
    """Comma-separated ids: ?article=3,7."""


STATES = {value for value, _ in ClaimStatus.choices}


class ClaimFilter(django_filters.FilterSet):
    """Filters by article, outlet, date range, state, verdict, reviewer and age.

    Dates (`date_from`, `date_to`, inclusive) apply to `date_field`: when the claim was
    created (default), submitted, approved or published, or the article's publication."""

    article = NumberInFilter(field_name="article_id")
    outlet = django_filters.CharFilter(field_name="article__outlet", lookup_expr="iexact")
    status = CharInFilter(method="filter_status", label="state (comma-separated)")
    state = CharInFilter(method="filter_status", label="alias of status")
    verdict = CharInFilter(method="filter_verdict", label="verdict slugs or ids")
    reviewer = django_filters.CharFilter(method="filter_reviewer", label="user id or username")
    assignee = django_filters.NumberFilter(field_name="assignee_id")
    created_by = django_filters.NumberFilter(field_name="created_by_id")
    anchor_status = django_filters.CharFilter()
    date_field = django_filters.ChoiceFilter(
        method="filter_noop",
        choices=[(c, c) for c in ("created", "submitted", "approved", "published", "article")],
    )
    date_from = django_filters.DateFilter(method="filter_noop")
    date_to = django_filters.DateFilter(method="filter_noop")
    min_age_days = django_filters.NumberFilter(
        method="filter_age", label="in its state for at least this many days"
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
        ids = [int(v) for v in value if v.isdigit()]
        slugs = [v for v in value if not v.isdigit()]
        return queryset.filter(Q(verdict_id__in=ids) | Q(verdict__slug__in=slugs))

    def filter_reviewer(self, queryset: QuerySet[Claim], name: str, value: str) -> QuerySet[Claim]:
        if value.isdigit():
            return queryset.filter(created_by_id=int(value))
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
        k: (",".join(map(str, v)) if isinstance(v, list | tuple) else v)
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
    """The claims to export, with everything a row shows fetched in a fixed number of
    queries per chunk (use with .iterator(chunk_size=...))."""
    citations = Citation.objects.select_related("source").order_by("created_at", "id")
    return (
        filter_claims(filters)
        .select_related("article", "verdict", "created_by", "reviewed_by", "assignee")
        .prefetch_related(Prefetch("citations", queryset=citations))
        .order_by("article_id", "start", "end", "id")
    )
