"""Thin HTTP layer for "My work", marking it seen, the people work can go to, and
assigning an article (editors)."""

from __future__ import annotations

from typing import Any

from drf_spectacular.utils import extend_schema
from rest_framework import serializers
from rest_framework.decorators import action
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from factcheck.accounts.permissions import IsEditor, IsReviewer

from . import work
from .services import assign_article


class MyWorkView(APIView):
    """GET: what is waiting for me — returned to me (with the comment), assigned to me,
    my drafts, my claims in review — and `unread`, how many are new since I last looked."""

    permission_classes = [IsReviewer]

    @extend_schema(responses={200: dict})
    def get(self, request: Request) -> Response:
        return Response(work.my_work(request.user))


class MyWorkSeenView(APIView):
    """POST: I have looked at my work; the badge goes back to 0."""

    permission_classes = [IsReviewer]

    @extend_schema(request=None, responses={200: dict})
    def post(self, request: Request) -> Response:
        return Response({"seen_at": work.mark_seen(request.user), "unread": 0})


class PersonSerializer(serializers.Serializer[dict[str, Any]]):
    id = serializers.IntegerField()
    username = serializers.CharField()
    display_name = serializers.CharField()
    role = serializers.CharField()


class PeopleView(APIView):
    """GET: active people with a role, to assign work to (editors)."""

    permission_classes = [IsEditor]

    @extend_schema(responses={200: PersonSerializer(many=True)})
    def get(self, request: Request) -> Response:
        return Response(work.people())


class AssignSerializer(serializers.Serializer[dict[str, Any]]):
    assignee = serializers.IntegerField(allow_null=True, help_text="User id; null: nobody.")


class AssignActionMixin:
    """POST /api/articles/{id}/assign/ {assignee}: editors give an article to someone."""

    get_object: Any

    @extend_schema(request=AssignSerializer, responses={200: AssignSerializer})
    @action(detail=True, methods=["post"], permission_classes=[IsEditor])
    def assign(self, request: Request, pk: str | None = None) -> Response:
        article = self.get_object()
        form = AssignSerializer(data=request.data)
        form.is_valid(raise_exception=True)
        assign_article(article.pk, form.validated_data["assignee"], request.user)
        return Response({"id": article.pk, "assignee": form.validated_data["assignee"]})
