from __future__ import annotations

from typing import Any

from django.urls import reverse
from rest_framework import serializers

from .domains import normalise_domain
from .models import Capture, Source
from .services import check_domain_free


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
        # validate() names the source already on the domain; DRF's generic check would not.
        validators: list[Any] = []

    def validate_domain(self, value: str) -> str:
        try:
            return normalise_domain(value)
        except ValueError as error:
            raise serializers.ValidationError(str(error)) from error

    def validate(self, attrs: dict[str, Any]) -> dict[str, Any]:
        domain = attrs.get("domain", getattr(self.instance, "domain", ""))
        active = attrs.get("active", getattr(self.instance, "active", True))
        if domain and active:
            check_domain_free(domain, getattr(self.instance, "pk", None))
        return attrs


class CaptureSerializer(serializers.ModelSerializer[Capture]):
    """The API contract of a citation's capture."""

    sha256 = serializers.CharField(source="snapshot.sha256", read_only=True, allow_null=True)
    content_type = serializers.CharField(
        source="snapshot.content_type", read_only=True, allow_null=True
    )
    view_url = serializers.SerializerMethodField(
        help_text="The stored copy, for signed-in users (null until captured)."
    )
    # Plain strings: "" until known, which a "uri" format would not allow.
    final_url = serializers.CharField(read_only=True, help_text="After redirects.")
    archive_url = serializers.CharField(read_only=True, help_text="The Internet Archive's copy.")

    class Meta:
        model = Capture
        fields = [
            "status",
            "error",
            "sha256",
            "content_type",
            "final_url",
            "http_status",
            "fetched_at",
            "excerpt_found",
            "excerpt_score",
            "archive_url",
            "view_url",
        ]
        read_only_fields = fields

    def get_view_url(self, capture: Capture) -> str | None:
        if capture.snapshot is None:
            return None
        return reverse("capture-view", args=[capture.snapshot.sha256])


class SourceMergeSerializer(serializers.Serializer[dict[str, Any]]):
    into = serializers.PrimaryKeyRelatedField(queryset=Source.objects.all())
