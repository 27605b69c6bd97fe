from __future__ import annotations

from typing import Any

from rest_framework import serializers

from factcheck.accounts.serializers import UserSummarySerializer

from .models import Article, ArticleRevision, ImportJob
from .selectors import tagging_counts
from .text_from_html import plain


class ArticleListSerializer(serializers.ModelSerializer[Article]):
    candidates_open = serializers.IntegerField(read_only=True)
    claims_count = serializers.IntegerField(read_only=True)
    verdicts_count = serializers.IntegerField(read_only=True)
    assignee = UserSummarySerializer(read_only=True, allow_null=True)

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

    # Metadata is plain text on every write, as on import (clean_metadata): no stored HTML.
    def validate_title(self, value: str) -> str:
        title = plain(value, 500)
        if not title:
            raise serializers.ValidationError("The title is empty once its markup is removed.")
        return title

    def validate_outlet(self, value: str) -> str:
        return plain(value, 200)

    def validate_author(self, value: str) -> str:
        return plain(value, 300)


class _MetadataFields(serializers.Serializer[dict[str, Any]]):
    title = serializers.CharField(max_length=500, required=False, allow_blank=True, default="")
    outlet = serializers.CharField(max_length=200, required=False, allow_blank=True, default="")
    author = serializers.CharField(max_length=300, required=False, allow_blank=True, default="")
    published_at = serializers.DateTimeField(required=False, allow_null=True, default=None)
    language = serializers.CharField(max_length=16, required=False, default="en")


class UrlImportSerializer(_MetadataFields):
    """Import from a URL: the server fetches it (SSRF-safe) and extracts the article."""

    url = serializers.URLField(max_length=2000)


class FileImportSerializer(_MetadataFields):
    """Import an uploaded .html, .htm, .txt or .md file (multipart)."""

    file = serializers.FileField()
    url = serializers.URLField(max_length=2000, required=False, allow_blank=True, default="")


class RevisionCreateSerializer(serializers.Serializer[dict[str, Any]]):
    text = serializers.CharField(
        required=False, allow_blank=True, trim_whitespace=False, default=""
    )
    html = serializers.CharField(
        required=False, allow_blank=True, trim_whitespace=False, default=""
    )
    note = serializers.CharField(max_length=500, required=False, allow_blank=True, default="")

    def validate(self, attrs: dict[str, Any]) -> dict[str, Any]:
        if not attrs["text"].strip() and not attrs["html"].strip():
            raise serializers.ValidationError(
                {"text": ["Give the corrected text or its HTML; both are empty."]}
            )
        return attrs


class RevisionSerializer(serializers.ModelSerializer[ArticleRevision]):
    created_by = UserSummarySerializer(read_only=True, allow_null=True)
    chars = serializers.SerializerMethodField()

    class Meta:
        model = ArticleRevision
        fields = ["id", "number", "note", "content_hash", "chars", "created_by", "created_at"]

    def get_chars(self, revision: ArticleRevision) -> int:
        return len(revision.text)


class RevisionDetailSerializer(RevisionSerializer):
    class Meta(RevisionSerializer.Meta):
        fields = [*RevisionSerializer.Meta.fields, "text", "html", "raw"]


class ImportJobSerializer(serializers.ModelSerializer[ImportJob]):
    created_by = UserSummarySerializer(read_only=True, allow_null=True)
    percent = serializers.SerializerMethodField()

    class Meta:
        model = ImportJob
        fields = [
            "id",
            "filename",
            "status",
            "total",
            "processed",
            "imported",
            "duplicates",
            "percent",
            "tagged",
            "tagging_failed",
            "errors",
            "error",
            "created_by",
            "created_at",
            "finished_at",
        ]

    tagged = serializers.SerializerMethodField(
        help_text="Articles of this job the pre-tagger has finished."
    )
    tagging_failed = serializers.SerializerMethodField(
        help_text="Articles of this job the pre-tagger failed on."
    )

    def get_percent(self, job: ImportJob) -> int:
        return 100 if job.total == 0 else min(100, round(100 * job.processed / job.total))

    def get_tagged(self, job: ImportJob) -> int:
        return int(tagging_counts(job)["tagged"])

    def get_tagging_failed(self, job: ImportJob) -> int:
        return int(tagging_counts(job)["tagging_failed"])


class ImportJobCreateSerializer(serializers.Serializer[dict[str, Any]]):
    file = serializers.FileField(help_text="A .csv or .jsonl file of articles.")
