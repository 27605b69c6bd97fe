from __future__ import annotations

from typing import Any

from rest_framework import serializers

from .models import Correction, FactCheck, FactCheckImportJob


class FactCheckSerializer(serializers.ModelSerializer):  # type: ignore[type-arg]
    public_url = serializers.SerializerMethodField()
    # Blank when unknown, which a "uri" format would refuse.
    appearance_url = serializers.CharField(read_only=True)
    publisher_url = serializers.CharField(read_only=True)

    class Meta:
        model = FactCheck
        fields = [
            "id",
            "url",
            "origin",
            "claim_reviewed",
            "title",
            "claimant",
            "claim_date",
            "appearance_url",
            "rating_name",
            "rating_value",
            "best_rating",
            "worst_rating",
            "rating_explanation",
            "publisher",
            "publisher_url",
            "author",
            "date_published",
            "date_modified",
            "language",
            "claim",
            "slug",
            "public_url",
            "withdrawn_at",
            "created_at",
        ]
        read_only_fields = fields

    def get_public_url(self, obj: FactCheck) -> str | None:
        return f"/fact-checks/{obj.slug}" if obj.is_public else None


class MatchSerializer(serializers.Serializer):  # type: ignore[type-arg]
    id = serializers.IntegerField()
    url = serializers.CharField()
    claim_reviewed = serializers.CharField()
    rating = serializers.CharField()
    publisher = serializers.CharField()
    date = serializers.DateField(allow_null=True)
    origin = serializers.CharField()
    claimant = serializers.CharField()
    score = serializers.FloatField()


class SuggestionSerializer(MatchSerializer):
    cited = serializers.BooleanField(help_text="Already cited on this claim.")


class MatchResponseSerializer(serializers.Serializer):  # type: ignore[type-arg]
    matches = MatchSerializer(many=True)


class SuggestionsResponseSerializer(serializers.Serializer):  # type: ignore[type-arg]
    text = serializers.CharField(help_text="What was matched: the claim or the sentence.")
    matches = SuggestionSerializer(many=True)


class ArticleSuggestionQuerySerializer(serializers.Serializer):  # type: ignore[type-arg]
    article = serializers.IntegerField(min_value=1)
    top = serializers.IntegerField(min_value=1, max_value=10, default=3)
    min_score = serializers.FloatField(min_value=0, max_value=1, default=0.5)


class SubjectMatchesSerializer(serializers.Serializer):  # type: ignore[type-arg]
    kind = serializers.ChoiceField(choices=["claim", "candidate"])
    id = serializers.IntegerField()
    matches = MatchSerializer(many=True)


class ArticleSuggestionsSerializer(serializers.Serializer):  # type: ignore[type-arg]
    subjects = SubjectMatchesSerializer(many=True)


class CiteResponseSerializer(serializers.Serializer):  # type: ignore[type-arg]
    citation = serializers.IntegerField()
    claim = serializers.IntegerField()
    claim_version = serializers.IntegerField()
    url = serializers.CharField()
    stance = serializers.CharField()


class StrictCharField(serializers.CharField):
    """Text only: DRF's CharField would take 12 for "12", which the schema says is wrong."""

    def to_internal_value(self, data: Any) -> str:
        if not isinstance(data, str):
            self.fail("invalid")
        return super().to_internal_value(data)


class MatchRequestSerializer(serializers.Serializer):  # type: ignore[type-arg]
    text = StrictCharField(max_length=10_000)
    top = serializers.IntegerField(min_value=1, max_value=50, default=5)
    claimant = serializers.CharField(max_length=300, required=False, allow_blank=True, default="")


class SuggestionQuerySerializer(serializers.Serializer):  # type: ignore[type-arg]
    claim = serializers.IntegerField(required=False, min_value=1)
    candidate = serializers.IntegerField(required=False, min_value=1)
    top = serializers.IntegerField(min_value=1, max_value=50, default=5)

    def validate(self, attrs: dict[str, Any]) -> dict[str, Any]:
        if ("claim" in attrs) == ("candidate" in attrs):
            raise serializers.ValidationError({"claim": ["Give either claim or candidate."]})
        return attrs


class CiteSerializer(serializers.Serializer):  # type: ignore[type-arg]
    claim = serializers.IntegerField(min_value=1)
    version = serializers.IntegerField(min_value=1)
    stance = serializers.ChoiceField(
        choices=["context", "supports", "contradicts"], default="context"
    )


class CorrectionSerializer(serializers.ModelSerializer):  # type: ignore[type-arg]
    class Meta:
        model = Correction
        fields = ["id", "note", "changes", "created_at"]


class FactCheckImportJobSerializer(serializers.ModelSerializer):  # type: ignore[type-arg]
    class Meta:
        model = FactCheckImportJob
        fields = [
            "id",
            "filename",
            "status",
            "total",
            "processed",
            "imported",
            "updated",
            "duplicates",
            "errors",
            "error",
            "created_at",
            "finished_at",
        ]
        read_only_fields = fields


class ImportUploadSerializer(serializers.Serializer):  # type: ignore[type-arg]
    file = serializers.FileField()
