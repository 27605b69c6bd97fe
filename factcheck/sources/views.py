from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import django_filters
from django.db.models import QuerySet
from drf_spectacular.utils import extend_schema
from rest_framework import serializers, viewsets
from rest_framework.decorators import action
from rest_framework.request import Request
from rest_framework.response import Response

from factcheck.accounts.permissions import IsAdmin, IsReviewer
from factcheck.accounts.roles import Role, role_of

from . import services
from .models import Citation, Source, SourceStatus
from .serializers import CitationSerializer, SourceMergeSerializer, SourceSerializer


class SourcePermission(IsReviewer):
    """Everybody reads and proposes sources (pending review); admins change them."""

    message = "Only admins may change the source registry."

    def has_permission(self, request: Request, view: Any) -> bool:
        role = role_of(request.user)
        if request.method in ("GET", "HEAD", "OPTIONS", "POST"):
            return role >= Role.REVIEWER
        return role >= Role.ADMIN


class SourceViewSet(viewsets.ModelViewSet):  # type: ignore[type-arg]
    queryset = Source.objects.all()
    serializer_class = SourceSerializer
    permission_classes = [SourcePermission]
    filterset_fields = ["kind", "reliability", "status", "active", "domain"]
    search_fields = ["name", "domain"]
    ordering_fields = ["name", "reliability", "created_at"]

    def get_permissions(self) -> Sequence[Any]:
        if self.action == "merge":
            return [IsAdmin()]
        return super().get_permissions()

    @extend_schema(request=SourceMergeSerializer, responses={200: SourceSerializer})
    @action(detail=True, methods=["post"])
    def merge(self, request: Request, pk: str | None = None) -> Response:
        """Merge this (duplicate) source into `into`; its citations move over."""
        source = self.get_object()
        form = SourceMergeSerializer(data=request.data)
        form.is_valid(raise_exception=True)
        moved = services.merge_sources(source, form.validated_data["into"], request.user)
        source.refresh_from_db()
        return Response({**SourceSerializer(source).data, "citations_moved": moved})

    def perform_create(self, serializer: serializers.BaseSerializer[Source]) -> None:
        # A non-admin's new source waits for an admin's review.
        extra: dict[str, Any] = {"created_by": self.request.user}
        if role_of(self.request.user) < Role.ADMIN:
            extra["status"] = SourceStatus.PENDING
        serializer.save(**extra)


class CitationFilter(django_filters.FilterSet):
    # Not filterset_fields: any "claim__exact" / "claim_id__exact" lookup resolves "exact" to
    # the field Claim.exact (the quoted text), so ?claim=<id> compared the claim's text and
    # matched nothing. A plain keyword filter has no lookup suffix.
    claim = django_filters.NumberFilter(method="filter_claim")

    class Meta:
        model = Citation
        fields = ["source", "stance"]

    def filter_claim(self, queryset: QuerySet[Citation], name: str, value: int) -> Any:
        return queryset.filter(claim=value)


class CitationViewSet(viewsets.ModelViewSet):  # type: ignore[type-arg]
    serializer_class = CitationSerializer
    filterset_class = CitationFilter
    ordering_fields = ["created_at"]

    def get_queryset(self) -> QuerySet[Citation]:
        return Citation.objects.select_related("source", "added_by")

    def perform_create(self, serializer: serializers.BaseSerializer[Citation]) -> None:
        data = dict(serializer.validated_data)
        claim = data.pop("claim")
        serializer.instance = services.add_citation(claim, self.request.user, **data)

    def perform_update(self, serializer: serializers.BaseSerializer[Citation]) -> None:
        assert serializer.instance is not None
        data = dict(serializer.validated_data)
        data.pop("claim", None)
        serializer.instance = services.update_citation(
            serializer.instance, self.request.user, **data
        )

    def perform_destroy(self, instance: Citation) -> None:
        services.remove_citation(instance, self.request.user)

    def destroy(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        return super().destroy(request, *args, **kwargs)
