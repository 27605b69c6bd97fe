from __future__ import annotations

from rest_framework import serializers

from factcheck.accounts.serializers import UserSummarySerializer

from .models import Candidate


class CandidateSerializer(serializers.ModelSerializer[Candidate]):
    decided_by = UserSummarySerializer(read_only=True, allow_null=True)

    class Meta:
        model = Candidate
        fields = [
            "id",
            "article",
            "kind",
            "start",
            "end",
            "text",
            "data",
            "score",
            "checkable",
            "sentence",
            "status",
            "tagger_version",
            "claim",
            "decided_by",
            "decided_at",
            "created_at",
        ]
        read_only_fields = fields


class TaggingStateSerializer(serializers.Serializer[dict[str, object]]):
    """The article's tagging state, for polling (see the ETag on the response)."""

    article = serializers.IntegerField()
    status = serializers.CharField()
    error = serializers.CharField()
    tagger_version = serializers.CharField()
    queued_at = serializers.DateTimeField(allow_null=True)
    started_at = serializers.DateTimeField(allow_null=True)
    finished_at = serializers.DateTimeField(allow_null=True)
    duration = serializers.FloatField(allow_null=True, help_text="Seconds from start to finish.")
    counts = serializers.DictField(child=serializers.DictField(child=serializers.IntegerField()))
