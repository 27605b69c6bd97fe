from __future__ import annotations

from typing import Any

from rest_framework import serializers

from factcheck.accounts.serializers import UserSummarySerializer

from .models import Article


class ArticleListSerializer(serializers.ModelSerializer[Article]):
    candidates_open = serializers.IntegerField(read_only=True)
    claims_count = serializers.IntegerField(read_only=True)
    verdicts_count = serializers.IntegerField(read_only=True)
    assignee = UserSummarySerializer(read_only=True)

    class Meta:
        model = Article
        fields = [
            "id",
            "title",
            "outlet",
            "author",
            "url",
            "published_at",
            "language",
            "tagging_status",
            "revision",
            "created_at",
            "updated_at",
            "assignee",
            "candidates_open",
            "claims_count",
            "verdicts_count",
        ]


class ArticleDetailSerializer(ArticleListSerializer):
    class Meta(ArticleListSerializer.Meta):
        fields = [
            *ArticleListSerializer.Meta.fields,
            "text",
            "html",
            "content_hash",
            "sentences",
            "tagger_version",
            "tagging_error",
            "tagging_queued_at",
            "tagging_started_at",
            "tagging_finished_at",
        ]


class ArticleCreateSerializer(serializers.Serializer[dict[str, Any]]):
    """Import by pasted text or HTML. (URL, file and bulk import have their own endpoints.)"""

    title = serializers.CharField(max_length=500, required=False, allow_blank=True, default="")
    text = serializers.CharField(
        required=False, allow_blank=True, trim_whitespace=False, default=""
    )
    html = serializers.CharField(
        required=False, allow_blank=True, trim_whitespace=False, default=""
    )
    outlet = serializers.CharField(max_length=200, required=False, allow_blank=True, default="")
    author = serializers.CharField(max_length=300, required=False, allow_blank=True, default="")
    url = serializers.URLField(max_length=2000, required=False, allow_blank=True, default="")
    published_at = serializers.DateTimeField(required=False, allow_null=True, default=None)
    language = serializers.CharField(max_length=16, required=False, default="en")

    def validate(self, attrs: dict[str, Any]) -> dict[str, Any]:
        if not attrs["text"].strip() and not attrs["html"].strip():
            raise serializers.ValidationError(
                {"text": ["Give the article's text or its HTML; both are empty."]}
            )
        return attrs


class ArticleUpdateSerializer(serializers.ModelSerializer[Article]):
    """Metadata edits. The text changes only through a new revision."""

    class Meta:
        model = Article
        fields = ["title", "outlet", "author", "url", "published_at", "language", "assignee"]
