from __future__ import annotations

from typing import Any

import django_filters
from django.db.models import QuerySet
from django.http import Http404, HttpResponse
from drf_spectacular.utils import extend_schema
from rest_framework import mixins, status, viewsets
from rest_framework.decorators import action
from rest_framework.request import Request
from rest_framework.response import Response

from factcheck.accounts.permissions import DeleteAdminOnly
from factcheck.core.filters import UtcIsoDateTimeFilter

from . import selectors
from . import workspace as workspace_read
from .imports import from_paste
from .models import Article
from .serializers import (
    ArticleCreateSerializer,
    ArticleDetailSerializer,
    ArticleListSerializer,
    ArticleUpdateSerializer,
)
from .services import create_article
from .views_imports import BodyTooLargeIs413, ImportActionsMixin
from .views_revisions import RevisionActionsMixin
from .views_work import AssignActionMixin


class ArticleFilter(django_filters.FilterSet):
    assigned_to_me = django_filters.BooleanFilter(method="filter_assigned_to_me")
    published_after = UtcIsoDateTimeFilter("published_at", lookup_expr="gte")
    published_before = UtcIsoDateTimeFilter("published_at", lookup_expr="lte")

    class Meta:
        model = Article
        fields = ["outlet", "tagging_status", "language", "assignee"]

    def filter_assigned_to_me(self, queryset: QuerySet[Article], name: str, value: bool) -> Any:
        return queryset.filter(assignee=self.request.user) if value else queryset


class ArticleViewSet(
    BodyTooLargeIs413,
    ImportActionsMixin,
    RevisionActionsMixin,
    AssignActionMixin,
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    mixins.CreateModelMixin,
    mixins.UpdateModelMixin,
    mixins.DestroyModelMixin,
    viewsets.GenericViewSet,
):
    permission_classes = [DeleteAdminOnly]
    filterset_class = ArticleFilter
    search_fields = ["title", "outlet", "author", "url"]
    ordering_fields = ["created_at", "published_at", "title", "outlet"]

    def get_queryset(self) -> QuerySet[Article]:
        if self.action == "list":
            return selectors.article_queue()
        return selectors.article_detail()

    def get_serializer_class(self) -> Any:
        return {
            "list": ArticleListSerializer,
            "create": ArticleCreateSerializer,
            "update": ArticleUpdateSerializer,
            "partial_update": ArticleUpdateSerializer,
        }.get(self.action, ArticleDetailSerializer)

    @extend_schema(request=ArticleCreateSerializer, responses={201: ArticleDetailSerializer})
    def create(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        form = ArticleCreateSerializer(data=request.data)
        form.is_valid(raise_exception=True)
        # Pasted HTML is sanitised; pasted text loses page cruft (the byline → author).
        article, created = create_article(from_paste(**form.validated_data), request.user)
        body = {
            **ArticleDetailSerializer(selectors.article_detail().get(pk=article.pk)).data,
            "duplicate": not created,
        }
        return Response(body, status=status.HTTP_201_CREATED if created else status.HTTP_200_OK)

    def update(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        super().update(request, *args, **kwargs)
        return Response(ArticleDetailSerializer(self.get_queryset().get(pk=kwargs["pk"])).data)

    @extend_schema(responses={200: dict})
    @action(detail=True, methods=["get"])
    def workspace(self, request: Request, pk: str | None = None) -> HttpResponse:
        """The workspace's one read: article (no HTML), live claims, candidates (no text:
        slice the article), sentence scores and the active verdict scale."""
        try:
            article_id = int(str(pk))
        except ValueError as error:
            raise Http404 from error
        # Built as text (the candidates' JSON straight from the database), not through
        # DRF's renderer: this is the one request that opens an article.
        return HttpResponse(
            workspace_read.workspace_json(article_id, request.user),
            content_type="application/json",
        )
