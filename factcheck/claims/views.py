from __future__ import annotations

from typing import Any

from django.db.models import Count, QuerySet
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import mixins, status, viewsets
from rest_framework.decorators import action
from rest_framework.request import Request
from rest_framework.response import Response

from factcheck.accounts.permissions import IsReviewer, ReadReviewerWriteAdmin

from . import comments, history, services, workflow
from .models import Claim, VerdictLabel
from .selectors import ClaimFilter, live_claims
from .serializers import (
    ClaimCreateSerializer,
    ClaimEventSerializer,
    ClaimSerializer,
    ClaimUpdateSerializer,
    CommentSerializer,
    TransitionSerializer,
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
    # Deleting: admins any claim, others their own drafts (checked by claims.services).
    permission_classes = [IsReviewer]
    filterset_class = ClaimFilter
    search_fields = ["exact", "statement", "claimant"]
    ordering_fields = ["start", "created_at", "updated_at", "submitted_at"]

    def get_queryset(self) -> QuerySet[Claim]:
        return (
            live_claims()
            .select_related("created_by", "article", "verdict")
            # The list shows the article's title and outlet, not its text: joining the
            # whole text into every row was most of the claims request's time.
            .defer("article__text", "article__html", "article__sentences")
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
        return _with_etag(Response(self._read(claim.pk), status=status.HTTP_201_CREATED))

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
        return _with_etag(Response(self._read(claim.pk)))

    def retrieve(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        claim = self.get_object()
        response = Response(ClaimSerializer(claim, context=self.get_serializer_context()).data)
        response["ETag"] = f'"{claim.version}"'
        return response

    def destroy(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        """Soft delete. Admins: any claim; reviewers and editors: their own drafts."""
        services.delete_claim(self.get_object().pk, request.user)
        return Response(status=status.HTTP_204_NO_CONTENT)

    def _read(self, pk: int) -> dict[str, Any]:
        return dict(
            ClaimSerializer(
                self.get_queryset().get(pk=pk), context=self.get_serializer_context()
            ).data
        )

    def _transition(self, request: Request, name: str) -> Response:
        claim = self.get_object()
        form = TransitionSerializer(data=request.data)
        form.is_valid(raise_exception=True)
        version = form.validated_data.get("version")
        if version is None and request.headers.get("If-Match"):
            version = _version_from_etag(request.headers["If-Match"])
        workflow.transition(
            claim.pk,
            name,
            request.user,
            version,
            form.validated_data.get("comment", ""),
            form.validated_data.get("override_reason", ""),
        )
        return _with_etag(Response(self._read(claim.pk)))

    @extend_schema(request=TransitionSerializer, responses={200: ClaimSerializer})
    @action(detail=True, methods=["post"])
    def submit(self, request: Request, pk: str | None = None) -> Response:
        """Reviewer: send for review (needs verdict, rationale, citations)."""
        return self._transition(request, "submit")

    @extend_schema(request=TransitionSerializer, responses={200: ClaimSerializer})
    @action(detail=True, methods=["post"])
    def approve(self, request: Request, pk: str | None = None) -> Response:
        return self._transition(request, "approve")

    @extend_schema(request=TransitionSerializer, responses={200: ClaimSerializer})
    @action(detail=True, methods=["post"], url_path="return")
    def return_(self, request: Request, pk: str | None = None) -> Response:
        """Editor: back to the reviewer, with a comment saying what to fix."""
        return self._transition(request, "return")

    @extend_schema(request=TransitionSerializer, responses={200: ClaimSerializer})
    @action(detail=True, methods=["post"])
    def publish(self, request: Request, pk: str | None = None) -> Response:
        return self._transition(request, "publish")

    @extend_schema(request=TransitionSerializer, responses={200: ClaimSerializer})
    @action(detail=True, methods=["post"])
    def unpublish(self, request: Request, pk: str | None = None) -> Response:
        return self._transition(request, "unpublish")

    @extend_schema(
        parameters=[
            OpenApiParameter("action", str, description="only these actions (comma-separated)")
        ],
        responses={200: ClaimEventSerializer(many=True)},
    )
    @action(detail=True, methods=["get"])
    def history(self, request: Request, pk: str | None = None) -> Response:
        """Every change to the claim: who, when, what (oldest first, paginated)."""
        claim = self.get_object()
        actions = [a for a in request.query_params.get("action", "").split(",") if a]
        page = self.paginate_queryset(history.claim_history(claim.pk, actions))
        return self.get_paginated_response(ClaimEventSerializer(page, many=True).data)

    @extend_schema(methods=["GET"], responses={200: CommentSerializer(many=True)})
    @extend_schema(methods=["POST"], request=CommentSerializer, responses={201: CommentSerializer})
    @action(detail=True, methods=["get", "post"], url_path="comments")
    def comments(self, request: Request, pk: str | None = None) -> Response:
        claim = self.get_object()
        if request.method == "POST":
            form = CommentSerializer(data=request.data)
            form.is_valid(raise_exception=True)
            note = comments.add_comment(claim, request.user, form.validated_data["body"])
            return Response(CommentSerializer(note).data, status=status.HTTP_201_CREATED)
        page = self.paginate_queryset(comments.comments_of(claim.pk))
        return self.get_paginated_response(CommentSerializer(page, many=True).data)


def _with_etag(response: Response) -> Response:
    """The claim's version as its ETag, so a client can send it back as If-Match."""
    response["ETag"] = f'"{response.data["version"]}"'
    return response


def _version_from_etag(value: str) -> int | None:
    try:
        return int(value.strip().removeprefix("W/").strip('"'))
    except ValueError:
        return None
