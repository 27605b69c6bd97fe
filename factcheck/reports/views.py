"""Thin HTTP layer over reports.services: streamed exports and export jobs (editors)."""

from __future__ import annotations

from typing import Any

from django.db.models import QuerySet
from django.http import FileResponse, StreamingHttpResponse
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import mixins, status, viewsets
from rest_framework.decorators import action
from rest_framework.exceptions import NotFound, ValidationError
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from factcheck.accounts.permissions import IsEditor

from . import services
from .exporters import EXPORTERS
from .models import ExportJob
from .serializers import ExportJobCreateSerializer, ExportJobSerializer

# Beyond this many claims the PDF (laid out in memory) must be an export job.
PDF_STREAM_LIMIT = 500
# Each format's media type, documented as the 200 response's content: JSON ones as JSON
# (any shape: each format is its own standard), the others as a file.
FILE_RESPONSES: dict[Any, Any] = {
    (200, exporter.media_type.split(";")[0]): (
        OpenApiTypes.ANY if "json" in exporter.media_type else OpenApiTypes.BINARY
    )
    for exporter in EXPORTERS.values()
}
# Query parameters that are not filters.
NOT_FILTERS = {"page", "page_size", "download"}


def filters_from(request: Request) -> dict[str, str]:
    """Query parameters as filters; a repeated parameter means any of its values."""
    return {
        key: ",".join(request.query_params.getlist(key))
        for key in request.query_params
        if key not in NOT_FILTERS
    }


class ClaimExportView(APIView):
    """GET /api/exports/claims.{csv,json,claimreview,webannotation,html,pdf}?filters —
    streamed as it is read from the database, never built in memory (PDF aside)."""

    permission_classes = [IsEditor]

    @extend_schema(
        parameters=[
            OpenApiParameter("fmt", OpenApiTypes.STR, OpenApiParameter.PATH, enum=sorted(EXPORTERS))
        ],
        responses=FILE_RESPONSES,
    )
    def get(self, request: Request, fmt: str) -> StreamingHttpResponse:
        exporter, claims, context = services.prepare(fmt, filters_from(request))
        if fmt == "pdf" and context.total > PDF_STREAM_LIMIT:
            raise ValidationError(
                {
                    "format": [
                        f"{context.total} claims are too many for a direct PDF "
                        f"(limit {PDF_STREAM_LIMIT}); start an export job instead."
                    ]
                }
            )
        response = StreamingHttpResponse(
            services.chunks(exporter, claims, context), content_type=exporter.media_type
        )
        disposition = "inline" if fmt == "html" else "attachment"
        response["Content-Disposition"] = f'{disposition}; filename="{services.filename(fmt)}"'
        response["X-Export-Total"] = str(context.total)
        return response


class ExportJobViewSet(
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    mixins.CreateModelMixin,
    viewsets.GenericViewSet,
):
    """Large exports on a worker: POST {format, filters} → a job with progress; download
    when done. Exports are newsroom-wide: every editor sees every job."""

    permission_classes = [IsEditor]
    serializer_class = ExportJobSerializer
    filterset_fields = ["status", "format"]
    ordering_fields = ["created_at"]

    def get_queryset(self) -> QuerySet[ExportJob]:
        return ExportJob.objects.select_related("created_by").order_by("-created_at", "-id")

    @extend_schema(request=ExportJobCreateSerializer, responses={201: ExportJobSerializer})
    def create(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        form = ExportJobCreateSerializer(data=request.data)
        form.is_valid(raise_exception=True)
        job = services.create_job(
            request.user, form.validated_data["format"], form.validated_data["filters"]
        )
        return Response(ExportJobSerializer(job).data, status=status.HTTP_201_CREATED)

    @extend_schema(responses=FILE_RESPONSES)
    @action(detail=True, methods=["get"])
    def download(self, request: Request, pk: str | None = None) -> FileResponse:
        job = self.get_object()
        if job.status != ExportJob.Status.DONE or not job.file:
            raise NotFound("The export is not ready yet.")
        exporter = services.exporter_for(job.format)
        return FileResponse(
            job.file.open("rb"),
            as_attachment=True,
            filename=services.filename(job.format, f"claims-{job.pk}"),
            content_type=exporter.media_type,
        )
