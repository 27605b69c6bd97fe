"""Corrections over HTTP: list and add revisions, the diff between two, the orphans.
Thin: the logic is in revisions.py."""

from __future__ import annotations

from typing import Any

from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import serializers, status
from rest_framework.decorators import action
from rest_framework.exceptions import NotFound, ValidationError
from rest_framework.request import Request
from rest_framework.response import Response

from factcheck.claims.models import AnchorStatus, Claim

from .diff import diff_summary
from .models import Article, ArticleRevision
from .revisions import add_revision, preview_revision
from .serializers import RevisionCreateSerializer, RevisionDetailSerializer, RevisionSerializer


class OrphanSerializer(serializers.ModelSerializer[Claim]):
    """A claim that could not be placed on the current revision: its old anchor, for the
    reviewer to re-attach (PATCH /api/claims/{id}/ with start, end and version)."""

    class Meta:
        model = Claim
        fields = [
            "id",
            "article",
            "start",
            "end",
            "exact",
            "prefix",
            "suffix",
            "anchor_status",
            "anchored_revision",
            "statement",
            "status",
            "version",
            "updated_at",
        ]


_TEXT_FIELD: dict[str, Any] = {
    "required": False,
    "allow_blank": True,
    "trim_whitespace": False,
    "default": "",
}


class RevisionPreviewSerializer(serializers.Serializer[dict[str, Any]]):
    text = serializers.CharField(
        required=False, allow_blank=True, trim_whitespace=False, default=""
    )
    html = serializers.CharField(
        required=False, allow_blank=True, trim_whitespace=False, default=""
    )
    refetch = serializers.BooleanField(required=False, default=False)

    def validate(self, attrs: dict[str, Any]) -> dict[str, Any]:
        if not attrs["refetch"] and not attrs["text"].strip() and not attrs["html"].strip():
            raise serializers.ValidationError(
                {"text": ["Paste the corrected text, or fetch the article's URL again."]}
            )
        return attrs


class RevisionActionsMixin:
    """Adds /revisions/, /revisions/diff/ and /orphans/ to the article viewset."""

    get_object: Any
    paginate_queryset: Any
    get_paginated_response: Any

    @extend_schema(methods=["GET"], responses={200: RevisionSerializer(many=True)}, request=None)
    @extend_schema(
        methods=["POST"],
        request=RevisionCreateSerializer,
        responses={201: RevisionDetailSerializer},
    )
    @action(detail=True, methods=["get", "post"])
    def revisions(self, request: Request, pk: str | None = None) -> Response:
        """GET: the article's revisions, newest first. POST {text|html, note}: a correction;
        claims re-anchor on it (or are marked orphaned) and the tagger re-runs."""
        article = self.get_object()
        if request.method == "POST":
            form = RevisionCreateSerializer(data=request.data)
            form.is_valid(raise_exception=True)
            outcome = add_revision(article.pk, request.user, **form.validated_data)
            body = {
                **RevisionDetailSerializer(outcome.revision).data,
                "claims": {
                    "kept": outcome.kept,
                    "moved": outcome.moved,
                    "orphaned": outcome.orphaned,
                },
            }
            return Response(body, status=status.HTTP_201_CREATED)
        revisions = (
            ArticleRevision.objects.filter(article=article)
            .select_related("created_by")
            .order_by("-number")
        )
        page = self.paginate_queryset(revisions)
        return self.get_paginated_response(RevisionSerializer(page, many=True).data)

    @extend_schema(request=RevisionPreviewSerializer, responses={200: dict})
    @action(detail=True, methods=["post"], url_path="revisions/preview")
    def revisions_preview(self, request: Request, pk: str | None = None) -> Response:
        """What a correction would do, nothing saved: the new text (pasted, or the URL
        fetched again), the diff, and each claim's outcome. POST /revisions/ applies it."""
        article = self.get_object()
        form = RevisionPreviewSerializer(data=request.data)
        form.is_valid(raise_exception=True)
        return Response(preview_revision(article.pk, **form.validated_data))

    @extend_schema(
        parameters=[
            OpenApiParameter("from", int, description="Revision number (default: previous)"),
            OpenApiParameter("to", int, description="Revision number (default: current)"),
        ],
        responses={200: dict},
    )
    @action(detail=True, methods=["get"], url_path="revisions/diff")
    def revisions_diff(self, request: Request, pk: str | None = None) -> Response:
        """What changed between two revisions (paragraph hunks with code-point ranges)."""
        article = self.get_object()
        to = _number(request, "to", article.revision)
        since = _number(request, "from", max(1, to - 1))
        old, new = _revision(article, since), _revision(article, to)
        return Response(
            {
                "article": article.pk,
                "current": article.revision,
                "from": _meta(old),
                "to": _meta(new),
                **diff_summary(old.text, new.text),
            }
        )

    @extend_schema(responses={200: OrphanSerializer(many=True)})
    @action(detail=True, methods=["get"])
    def orphans(self, request: Request, pk: str | None = None) -> Response:
        """Claims that lost their place in a correction, to re-attach by hand."""
        article = self.get_object()
        claims = Claim.objects.filter(
            article=article, anchor_status=AnchorStatus.ORPHANED, deleted_at__isnull=True
        ).order_by("start", "id")
        page = self.paginate_queryset(claims)
        return self.get_paginated_response(OrphanSerializer(page, many=True).data)


def _number(request: Request, name: str, default: int) -> int:
    value = request.query_params.get(name)
    if value in (None, ""):
        return default
    try:
        number = int(str(value))
    except ValueError as error:
        raise ValidationError({name: [f"{value!r} is not a revision number."]}) from error
    if number < 1:
        raise ValidationError({name: ["Revision numbers start at 1."]})
    return number


def _revision(article: Article, number: int) -> ArticleRevision:
    found = (
        ArticleRevision.objects.select_related("created_by")
        .filter(article=article, number=number)
        .first()
    )
    if found is not None:
        return found
    if number == article.revision:  # an article saved without its revision row
        return ArticleRevision(article=article, number=number, text=article.text)
    raise NotFound(f"Article {article.pk} has no revision {number}.")


def _meta(revision: ArticleRevision) -> dict[str, Any]:
    return {
        "number": revision.number,
        "note": revision.note,
        "created_at": revision.created_at,
        "created_by": revision.created_by.get_username() if revision.created_by else None,
    }
