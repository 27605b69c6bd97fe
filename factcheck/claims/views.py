from __future__ import annotations

from typing import Any

from django.db.models import Count, QuerySet
from drf_spectacular.utils import extend_schema
from rest_framework import mixins, status, viewsets
from rest_framework.request import Request
from rest_framework.response import Response

from factcheck.accounts.permissions import DeleteAdminOnly, ReadReviewerWriteAdmin

from . import services
from .models import Claim, VerdictLabel
from .serializers import (
    ClaimCreateSerializer,
    ClaimSerializer,
    ClaimUpdateSerializer,
    VerdictLabelSerializer,
)


class VerdictLabelViewSet(viewsets.ModelViewSet):  # type: ignore[type-arg]
    queryset = VerdictLabel.objects.all()
    serializer_class = VerdictLabelSerializer
    permission_classes = [ReadReviewerWriteAdmin]
    filterset_fields = ["active"]
    ordering_fields = ["order"]


class ClaimViewSet(
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    mixins.CreateModelMixin,
    mixins.UpdateModelMixin,
    mixins.DestroyModelMixin,
    viewsets.GenericViewSet,
):
    permission_classes = [DeleteAdminOnly]
    filterset_fields = ["article", "status", "verdict", "assignee", "created_by", "anchor_status"]
    search_fields = ["exact", "statement", "claimant"]
    ordering_fields = ["start", "created_at", "updated_at"]

    def get_queryset(self) -> QuerySet[Claim]:
        return (
            Claim.objects.select_related("created_by")
            .annotate(citations_count=Count("citations"))
            .order_by("article", "start", "end", "id")
        )

    def get_serializer_class(self) -> Any:
        return {
            "create": ClaimCreateSerializer,
            "update": ClaimUpdateSerializer,
            "partial_update": ClaimUpdateSerializer,
        }.get(self.action, ClaimSerializer)

    @extend_schema(request=ClaimCreateSerializer, responses={201: ClaimSerializer})
    def create(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        form = ClaimCreateSerializer(data=request.data)
        form.is_valid(raise_exception=True)
        data = dict(form.validated_data)
        claim = services.create_claim(
            data.pop("article"),
            data.pop("start"),
            data.pop("end"),
            request.user,
            exact=data.pop("exact", None),
            **data,
        )
        return Response(self._read(claim.pk), status=status.HTTP_201_CREATED)

    @extend_schema(request=ClaimUpdateSerializer, responses={200: ClaimSerializer})
    def update(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        claim = self.get_object()
        form = ClaimUpdateSerializer(claim, data=request.data, partial=True)
        form.is_valid(raise_exception=True)
        data = dict(form.validated_data)
        version = data.pop("version", None)
        if version is None and request.headers.get("If-Match"):
            version = _version_from_etag(request.headers["If-Match"])
        services.update_claim(claim.pk, version, request.user, **data)
        return Response(self._read(claim.pk))

    def retrieve(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        claim = self.get_object()
        response = Response(ClaimSerializer(claim).data)
        response["ETag"] = f'"{claim.version}"'
        return response

    def _read(self, pk: int) -> dict[str, Any]:
        return dict(ClaimSerializer(self.get_queryset().get(pk=pk)).data)


def _version_from_etag(value: str) -> int | None:
    try:
        return int(value.strip().removeprefix("W/").strip('"'))
    except ValueError:
        return None
