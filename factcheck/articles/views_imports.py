"""Imports over HTTP: a URL, an uploaded file, and bulk jobs (CSV/JSONL) with progress.
Thin: the logic is in imports.py and bulk.py."""

from __future__ import annotations

from typing import Any

import django_filters
from django.conf import settings
from django.core.exceptions import RequestDataTooBig
from django.db.models import QuerySet
from drf_spectacular.utils import extend_schema
from rest_framework import mixins, status, viewsets
from rest_framework.decorators import action
from rest_framework.parsers import FormParser, MultiPartParser
from rest_framework.request import Request
from rest_framework.response import Response

from factcheck.accounts.permissions import DeleteAdminOnly
from factcheck.core.parsers import DepthLimitedJSONParser as JSONParser

from . import bulk, selectors
from .imports import from_file, from_url
from .models import Article, ImportJob
from .serializers import (
    ArticleDetailSerializer,
    FileImportSerializer,
    ImportJobCreateSerializer,
    ImportJobSerializer,
    UrlImportSerializer,
)
from .services import ArticleInput, create_article

MAX_UPLOAD_BYTES = 20 * 1024 * 1024


class BodyTooLargeIs413:
    """A request body over DATA_UPLOAD_MAX_MEMORY_SIZE raises Django's RequestDataTooBig,
    which would answer a bare HTML 400; say 413 in JSON, with the limit, instead."""

    def handle_exception(self, exc: Exception) -> Response:
        if isinstance(exc, RequestDataTooBig):
            limit = settings.DATA_UPLOAD_MAX_MEMORY_SIZE
            return Response(
                {"detail": f"The request body is over the limit of {limit:,} bytes."},
                status=status.HTTP_413_REQUEST_ENTITY_TOO_LARGE,
            )
        return super().handle_exception(exc)  # type: ignore[misc,no-any-return]


def saved(article_id: int, created: bool) -> Response:
    body = ArticleDetailSerializer(selectors.article_detail().get(pk=article_id)).data
    return Response(
        {**body, "duplicate": not created},
        status=status.HTTP_201_CREATED if created else status.HTTP_200_OK,
    )


class ImportActionsMixin:
    """Adds /articles/from-url/ and /articles/upload/ to the article viewset."""

    @extend_schema(request=UrlImportSerializer, responses={201: ArticleDetailSerializer})
    @action(detail=False, methods=["post"], url_path="from-url")
    def from_url(self, request: Request) -> Response:
        """Fetch the page server-side (SSRF-safe) and import its main text and metadata."""
        form = UrlImportSerializer(data=request.data)
        form.is_valid(raise_exception=True)
        known = Article.objects.filter(url=form.validated_data["url"]).only("pk").first()
        if known is not None:  # imported before: no need to fetch it again
            return saved(known.pk, False)
        data: ArticleInput = from_url(**form.validated_data)
        article, created = create_article(data, request.user)
        return saved(article.pk, created)

    @extend_schema(
        request={"multipart/form-data": FileImportSerializer},
        responses={201: ArticleDetailSerializer},
    )
    @action(
        detail=False,
        methods=["post"],
        parser_classes=[MultiPartParser, FormParser, JSONParser],
    )
    def upload(self, request: Request) -> Response:
        """Import an uploaded .html, .htm, .txt or .md file."""
        form = FileImportSerializer(data=request.data)
        form.is_valid(raise_exception=True)
        meta = dict(form.validated_data)
        upload = meta.pop("file")
        if upload.size > MAX_UPLOAD_BYTES:
            return Response(
                {
                    "detail": f"file: the limit is {MAX_UPLOAD_BYTES:,} bytes.",
                    "file": [f"The file is over the limit of {MAX_UPLOAD_BYTES:,} bytes."],
                },
                status=status.HTTP_413_REQUEST_ENTITY_TOO_LARGE,
            )
        data = from_file(upload.name or "upload.txt", upload.read(), **meta)
        article, created = create_article(data, request.user)
        return saved(article.pk, created)


class ImportJobFilter(django_filters.FilterSet):
    mine = django_filters.BooleanFilter(method="filter_mine")

    class Meta:
        model = ImportJob
        fields = ["status"]

    def filter_mine(self, queryset: QuerySet[ImportJob], name: str, value: bool) -> Any:
        return queryset.filter(created_by=self.request.user) if value else queryset


class ImportJobViewSet(
    BodyTooLargeIs413,
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    mixins.CreateModelMixin,
    viewsets.GenericViewSet,
):
    """Bulk imports: POST a CSV/JSONL file (multipart) → a job; GET it for progress and
    the per-row errors."""

    permission_classes = [DeleteAdminOnly]
    serializer_class = ImportJobSerializer
    filterset_class = ImportJobFilter
    ordering_fields = ["created_at"]
    parser_classes = [MultiPartParser, FormParser, JSONParser]

    def get_queryset(self) -> QuerySet[ImportJob]:
        return selectors.import_jobs_with_tagging_counts()

    @extend_schema(
        request={"multipart/form-data": ImportJobCreateSerializer},
        responses={202: ImportJobSerializer},
    )
    def create(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        form = ImportJobCreateSerializer(data=request.data)
        form.is_valid(raise_exception=True)
        upload = form.validated_data["file"]
        job = bulk.create_job(upload.name or "import.csv", upload.read(), request.user)
        bulk.enqueue_job(job)
        return Response(ImportJobSerializer(job).data, status=status.HTTP_202_ACCEPTED)
