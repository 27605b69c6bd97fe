"""/api/citations/: a claim's evidence. Thin: every write goes through claims.services,
which allows it only while the claim is a draft or returned."""

from __future__ import annotations

from typing import Any

import django_filters
from django.db.models import QuerySet
from drf_spectacular.utils import extend_schema
from rest_framework import status, viewsets
from rest_framework.decorators import action
from rest_framework.request import Request
from rest_framework.response import Response

from factcheck.accounts.permissions import IsReviewer
from factcheck.sources.capture import recapture

from . import services
from .models import Citation
from .selectors import NumberInFilter
from .serializers import CitationSerializer


class CitationFilter(django_filters.FilterSet):
    # Not filterset_fields: any "claim__exact" / "claim_id__exact" lookup resolves "exact" to
    # the field Claim.exact (the quoted text), so ?claim=<id> compared the claim's text and
    # matched nothing. A plain keyword filter has no lookup suffix.
    claim = NumberInFilter(method="filter_claim", label="claim ids (comma-separated)")

    class Meta:
        model = Citation
        fields = ["source", "stance"]

    def filter_claim(self, queryset: QuerySet[Citation], name: str, value: list[int]) -> Any:
        return queryset.filter(claim_id__in=value)


def _version(request: Request, data: dict[str, Any]) -> int | None:
    version = data.pop("version", None)
    if version is None and request.headers.get("If-Match"):
        try:
            version = int(request.headers["If-Match"].strip().removeprefix("W/").strip('"'))
        except ValueError:
            version = None
    return version


class CitationViewSet(viewsets.ModelViewSet):  # type: ignore[type-arg]
    serializer_class = CitationSerializer
    permission_classes = [IsReviewer]
    filterset_class = CitationFilter
    ordering_fields = ["created_at"]

    def get_queryset(self) -> QuerySet[Citation]:
        return Citation.objects.filter(claim__deleted_at__isnull=True).select_related(
            "source", "added_by", "capture__snapshot"
        )

    def perform_create(self, serializer: CitationSerializer) -> None:  # type: ignore[override]
        data = dict(serializer.validated_data)
        claim = data.pop("claim")
        version = _version(self.request, data)
        created = services.add_citation(claim.pk, self.request.user, version, **data)
        serializer.instance = self.get_queryset().get(pk=created.pk)

    def perform_update(self, serializer: CitationSerializer) -> None:  # type: ignore[override]
        assert serializer.instance is not None
        data = dict(serializer.validated_data)
        data.pop("claim", None)
        version = _version(self.request, data)
        services.update_citation(serializer.instance.pk, self.request.user, version, **data)
        serializer.instance = self.get_queryset().get(pk=serializer.instance.pk)

    def perform_destroy(self, instance: Citation) -> None:
        version = _version(self.request, dict(self.request.data or {}))
        services.remove_citation(instance.pk, self.request.user, version)

    @extend_schema(request=None, responses={202: CitationSerializer})
    @action(detail=True, methods=["post"])
    def recapture(self, request: Request, pk: str | None = None) -> Response:
        """Fetch the cited page again (it changed, or the last capture failed)."""
        citation = self.get_object()
        recapture(citation)
        fresh = self.get_queryset().get(pk=citation.pk)
        return Response(CitationSerializer(fresh).data, status=status.HTTP_202_ACCEPTED)
