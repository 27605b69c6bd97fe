"""Thin DRF layer over tagging selectors/services: candidates, decisions, tagging state."""

from __future__ import annotations

import django_filters
from django.db.models import QuerySet
from django.http import Http404
from drf_spectacular.utils import extend_schema
from rest_framework import generics, mixins, status, viewsets
from rest_framework.decorators import action
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from factcheck.articles.models import Article

from . import selectors, services
from .models import Candidate, CandidateKind, CandidateStatus
from .serializers import CandidateSerializer, TaggingStateSerializer


class CandidateFilter(django_filters.FilterSet):
    kind = django_filters.MultipleChoiceFilter(choices=CandidateKind.choices)
    status = django_filters.MultipleChoiceFilter(choices=CandidateStatus.choices)
    min_score = django_filters.NumberFilter("score", lookup_expr="gte")
    # ?min_checkable=0.5: the default display (CHECKABLE_THRESHOLD); without it, all
    min_checkable = django_filters.NumberFilter("checkable", lookup_expr="gte")
    tagger_version = django_filters.CharFilter()

    class Meta:
        model = Candidate
        fields = ["article", "kind", "status", "min_score", "min_checkable", "tagger_version"]


class CandidateViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet):
    """Candidates the pre-tagger found; accept (→ a claim), dismiss, or reopen one."""

    serializer_class = CandidateSerializer
    filterset_class = CandidateFilter
    search_fields = ["text"]
    ordering_fields = ["start", "score", "checkable", "created_at", "decided_at"]

    def get_queryset(self) -> QuerySet[Candidate]:
        return selectors.candidates()

    def _answer(self, candidate: Candidate, code: int = status.HTTP_200_OK) -> Response:
        return Response(CandidateSerializer(selectors.candidates().get(pk=candidate.pk)).data, code)

    def _pk(self) -> int:
        try:
            return int(self.kwargs["pk"])
        except ValueError as error:
            raise Http404 from error

    @extend_schema(request=None, responses={201: CandidateSerializer})
    @action(detail=True, methods=["post"])
    def accept(self, request: Request, pk: str) -> Response:
        """Make a claim anchored on the candidate; 409 when it is already accepted."""
        return self._answer(services.accept_candidate(self._pk(), request.user), 201)

    @extend_schema(request=None, responses={200: CandidateSerializer})
    @action(detail=True, methods=["post"])
    def dismiss(self, request: Request, pk: str) -> Response:
        return self._answer(services.dismiss_candidate(self._pk(), request.user))

    @extend_schema(request=None, responses={200: CandidateSerializer})
    @action(detail=True, methods=["post"])
    def reopen(self, request: Request, pk: str) -> Response:
        """Undo a dismissal (or an acceptance whose claim was deleted)."""
        return self._answer(services.reopen_candidate(self._pk(), request.user))


class ArticleCandidatesView(generics.ListAPIView):  # type: ignore[type-arg]
    """GET /api/articles/{id}/candidates/: the same list as /api/candidates/?article=."""

    serializer_class = CandidateSerializer
    filterset_class = CandidateFilter
    search_fields = ["text"]
    ordering_fields = ["start", "score", "checkable", "created_at", "decided_at"]

    def get_queryset(self) -> QuerySet[Candidate]:
        if getattr(self, "swagger_fake_view", False):  # drf-spectacular's schema pass
            return Candidate.objects.none()
        if not Article.objects.filter(pk=self.kwargs["pk"]).exists():
            raise Http404
        return selectors.article_candidates(self.kwargs["pk"])


class ArticleTaggingView(APIView):
    """GET /api/articles/{id}/tagging/: status, timings, error, counts. One query; answers
    304 to a matching If-None-Match, so the browser can poll it every second."""

    @extend_schema(responses={200: TaggingStateSerializer, 304: None})
    def get(self, request: Request, pk: int) -> Response:
        state = selectors.tagging_state(pk)
        if state is None:
            raise Http404
        etag = state.etag
        headers = {"ETag": etag, "Cache-Control": "no-cache"}
        if etag in _etags(request.headers.get("If-None-Match", "")):
            return Response(status=status.HTTP_304_NOT_MODIFIED, headers=headers)
        return Response(TaggingStateSerializer(state.as_dict()).data, headers=headers)


def _etags(header: str) -> set[str]:
    return {part.strip().removeprefix("W/") for part in header.split(",") if part.strip()}
