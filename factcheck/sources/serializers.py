from __future__ import annotations

from typing import Any

from rest_framework import serializers

from factcheck.accounts.serializers import UserSummarySerializer

from .models import Citation, Source


class SourceSerializer(serializers.ModelSerializer[Source]):
    class Meta:
        model = Source
        fields = [
            "id",
            "name",
            "domain",
            "homepage",
            "kind",
            "reliability",
            "notes",
            "active",
            "status",
            "merged_into",
            "created_at",
        ]
        read_only_fields = ["merged_into", "created_at"]


class CitationSerializer(serializers.ModelSerializer[Citation]):
    added_by = UserSummarySerializer(read_only=True, allow_null=True)
    source_detail = SourceSerializer(source="source", read_only=True)

    class Meta:
        model = Citation
        fields = [
            "id",
            "claim",
            "source",
            "source_detail",
            "url",
            "excerpt",
            "locator",
            "stance",
            "accessed_at",
            "added_by",
            "created_at",
        ]

    def validate(self, attrs: dict[str, Any]) -> dict[str, Any]:
        source = attrs.get("source", getattr(self.instance, "source", None))
        url = attrs.get("url", getattr(self.instance, "url", ""))
        if source is None and not url:
            raise serializers.ValidationError(
                {"url": ["Cite a source from the registry or give the URL of the source."]}
            )
        return attrs


class SourceMergeSerializer(serializers.Serializer[dict[str, Any]]):
    into = serializers.PrimaryKeyRelatedField(queryset=Source.objects.all())
