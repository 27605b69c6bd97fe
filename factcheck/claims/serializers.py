from __future__ import annotations

from typing import Any

from django.core.validators import RegexValidator
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from factcheck.accounts.serializers import UserSummarySerializer
from factcheck.core.limits import (
    COLOUR,
    EXCERPT_MAX_CHARS,
    RATIONALE_MAX_CHARS,
    STATEMENT_MAX_CHARS,
)
from factcheck.sources.excerpts import text_fragment_url
from factcheck.sources.serializers import CaptureSerializer, SourceSerializer

from .models import Citation, Claim, ClaimEvent, Comment, VerdictLabel


class VerdictLabelSerializer(serializers.ModelSerializer[VerdictLabel]):
    class Meta:
        model = VerdictLabel
        fields = ["id", "name", "slug", "order", "colour", "description", "rating_value", "active"]
        extra_kwargs = {
            "colour": {"validators": [RegexValidator(COLOUR, "A colour is #rrggbb.")]},
            "description": {"max_length": RATIONALE_MAX_CHARS},
        }


class ClaimSerializer(serializers.ModelSerializer[Claim]):
    created_by = UserSummarySerializer(read_only=True, allow_null=True)
    citations_count = serializers.SerializerMethodField()
    transitions = serializers.SerializerMethodField(
        help_text="Workflow actions the requesting user may take now."
    )
    # For the review queue, which lists claims across articles.
    article_title = serializers.CharField(source="article.title", read_only=True)
    outlet = serializers.CharField(source="article.outlet", read_only=True)

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
            "claimant",
            "claim_date",
            "status",
            "verdict",
            "rationale",
            "created_by",
            "assignee",
            "reviewed_by",
            "version",
            "submitted_at",
            "approved_at",
            "published_at",
            "first_published_at",
            "approval_override",
            "created_at",
            "updated_at",
            "citations_count",
            "transitions",
            "article_title",
            "outlet",
        ]
        read_only_fields = [
            "exact",
            "prefix",
            "suffix",
            "anchor_status",
            "anchored_revision",
            "status",
            "reviewed_by",
            "version",
            "submitted_at",
            "approved_at",
            "published_at",
            "first_published_at",
            "approval_override",
        ]

    def get_transitions(self, claim: Claim) -> list[str]:
        from .workflow import allowed_transitions

        request = self.context.get("request")
        return allowed_transitions(claim, request.user) if request is not None else []

    def get_citations_count(self, claim: Claim) -> int:
        annotated = getattr(claim, "citations_count", None)
        return int(annotated) if annotated is not None else claim.citations.count()


class ClaimCreateSerializer(serializers.ModelSerializer[Claim]):
    exact = serializers.CharField(required=False, trim_whitespace=False)

    class Meta:
        model = Claim
        fields = [
            "article",
            "start",
            "end",
            "exact",
            "statement",
            "claimant",
            "claim_date",
            "verdict",
            "rationale",
            "assignee",
        ]
        extra_kwargs = {
            "statement": {"max_length": STATEMENT_MAX_CHARS},
            "rationale": {"max_length": RATIONALE_MAX_CHARS},
        }

    def validate(self, attrs: dict[str, Any]) -> dict[str, Any]:
        if attrs["start"] >= attrs["end"]:
            raise serializers.ValidationError({"end": ["The end must come after the start."]})
        return attrs


class ClaimUpdateSerializer(serializers.ModelSerializer[Claim]):
    version = serializers.IntegerField(required=False, help_text="The version you edited.")
    exact = serializers.CharField(required=False, trim_whitespace=False)

    class Meta:
        model = Claim
        fields = [
            "version",
            "start",
            "end",
            "exact",
            "statement",
            "claimant",
            "claim_date",
            "verdict",
            "rationale",
            "assignee",
        ]
        extra_kwargs = {
            "start": {"required": False},
            "end": {"required": False},
            "statement": {"max_length": STATEMENT_MAX_CHARS},
            "rationale": {"max_length": RATIONALE_MAX_CHARS},
        }


class TransitionSerializer(serializers.Serializer[Any]):
    version = serializers.IntegerField(required=False, help_text="The version you saw.")
    comment = serializers.CharField(
        required=False,
        allow_blank=True,
        max_length=10000,
        help_text="Returning: what to fix. Republishing a changed verdict: the correction note.",
    )
    override_reason = serializers.CharField(
        required=False,
        allow_blank=True,
        max_length=2000,
        help_text="Approving: why the verdict stands although some evidence is not verified.",
    )


class CitationSerializer(serializers.ModelSerializer[Citation]):
    added_by = UserSummarySerializer(read_only=True, allow_null=True)
    source_detail = SourceSerializer(source="source", read_only=True, allow_null=True)
    capture = serializers.SerializerMethodField()
    excerpt_link = serializers.SerializerMethodField(
        help_text="The live page, scrolled to the excerpt (a #:~:text= fragment)."
    )
    version = serializers.IntegerField(
        required=False,
        write_only=True,
        help_text="The claim's version you saw; checked when sent (optimistic locking).",
    )

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
            "capture",
            "excerpt_link",
            "version",
        ]
        extra_kwargs = {"excerpt": {"max_length": EXCERPT_MAX_CHARS}}

    def validate(self, attrs: dict[str, Any]) -> dict[str, Any]:
        source = attrs.get("source", getattr(self.instance, "source", None))
        url = attrs.get("url", getattr(self.instance, "url", ""))
        if source is None and not url:
            raise serializers.ValidationError(
                {"url": ["Cite a source from the registry or give the URL of the source."]}
            )
        if self.instance is not None and "claim" in attrs and attrs["claim"] != self.instance.claim:
            raise serializers.ValidationError(
                {"claim": ["A citation cannot move to another claim."]}
            )
        return attrs

    @extend_schema_field(CaptureSerializer(allow_null=True))
    def get_capture(self, citation: Citation) -> dict[str, Any] | None:
        capture = getattr(citation, "capture", None)
        return dict(CaptureSerializer(capture).data) if capture is not None else None

    def get_excerpt_link(self, citation: Citation) -> str | None:
        if not citation.url:
            return None
        return text_fragment_url(citation.url, citation.excerpt)


class CommentSerializer(serializers.ModelSerializer[Comment]):
    author = UserSummarySerializer(read_only=True, allow_null=True)

    class Meta:
        model = Comment
        fields = ["id", "claim", "author", "body", "created_at"]
        read_only_fields = ["claim"]
        extra_kwargs = {"body": {"max_length": 10000}}


class ClaimEventSerializer(serializers.ModelSerializer[ClaimEvent]):
    actor = UserSummarySerializer(read_only=True, allow_null=True)

    class Meta:
        model = ClaimEvent
        fields = ["id", "claim", "actor", "action", "changes", "created_at"]
