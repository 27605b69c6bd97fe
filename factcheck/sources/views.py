from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import nh3
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404
from drf_spectacular.utils import extend_schema
from rest_framework import serializers, viewsets
from rest_framework.decorators import action
from rest_framework.request import Request
from rest_framework.response import Response

from factcheck.accounts.permissions import IsAdmin, IsReviewer
from factcheck.accounts.roles import Role, role_of

from . import services
from .capture import decode_page, read_snapshot
from .models import ReliabilityTier, Snapshot, Source, SourceStatus
from .selectors import snapshot_is_public
from .serializers import SourceMergeSerializer, SourceSerializer


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
        # A non-admin's new source is a proposal: pending an admin's review, and unrated.
        extra: dict[str, Any] = {"created_by": self.request.user}
        if role_of(self.request.user) < Role.ADMIN:
            extra.update(status=SourceStatus.PENDING, reliability=ReliabilityTier.UNRATED)
        serializer.save(**extra)


# The stored copy is shown as a document of its own, never as part of the app: scripts
# stripped, and a sandbox CSP that blocks scripts, forms and every outside request.
COPY_CSP = (
    "sandbox; default-src 'none'; style-src 'unsafe-inline'; img-src data:; "
    "frame-ancestors 'self'; base-uri 'none'; form-action 'none'"
)


def capture_view(request: HttpRequest, sha256: str) -> HttpResponse:
    """GET /captures/<sha256>/: the stored copy of a cited page. Signed-in users see every
    copy; anybody sees the copies that published fact-checks cite."""
    snapshot = get_object_or_404(Snapshot, sha256=sha256)
    if role_of(request.user) < Role.REVIEWER and not snapshot_is_public(snapshot):
        return JsonResponse({"detail": "Sign in to see stored copies."}, status=403)
    try:
        body = read_snapshot(snapshot)
    except OSError:
        return JsonResponse({"detail": "The stored copy is missing from the store."}, status=404)
    if snapshot.content_type == "application/pdf":
        response = HttpResponse(body, content_type="application/pdf")
        response["Content-Disposition"] = f'inline; filename="{sha256[:12]}.pdf"'
    elif snapshot.content_type == "text/plain":
        response = HttpResponse(body, content_type="text/plain; charset=utf-8")
    else:
        page = decode_page(body, None)
        response = HttpResponse(nh3.clean(page), content_type="text/html; charset=utf-8")
    if snapshot.content_type != "application/pdf":  # a sandbox stops the browser's PDF viewer
        response["Content-Security-Policy"] = COPY_CSP
    response["X-Content-Type-Options"] = "nosniff"
    response["Cache-Control"] = "private, max-age=3600"
    response["X-Snapshot-SHA256"] = sha256
    return response
