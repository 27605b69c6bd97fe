from __future__ import annotations

from typing import Any

from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from factcheck.accounts.serializers import UserSummarySerializer

from .models import ExportFormat, ExportJob


class ExportJobSerializer(serializers.ModelSerializer[ExportJob]):
    created_by = UserSummarySerializer(read_only=True, allow_null=True)
    progress = serializers.SerializerMethodField(help_text="0..1")
    download_url = serializers.SerializerMethodField()

    class Meta:
        model = ExportJob
        fields = [
            "id",
            "format",
            "filters",
            "status",
            "total",
            "processed",
            "progress",
            "error",
            "warnings",
            "download_url",
            "created_by",
            "created_at",
            "finished_at",
        ]
        read_only_fields = fields

    def get_progress(self, job: ExportJob) -> float:
        if job.status == ExportJob.Status.DONE:
            return 1.0
        return round(job.processed / job.total, 3) if job.total else 0.0

    def get_download_url(self, job: ExportJob) -> str | None:
        if job.status != ExportJob.Status.DONE:
            return None
        return f"/api/export-jobs/{job.pk}/download/"


Scalar = str | int | float | bool


def _scalar_or_list(key: str, value: Any) -> None:
    """A filter value is a string, number or boolean, or a list of them (any of them):
    what a query string can say. A dict or a nested list is refused by name."""
    items = value if isinstance(value, list) else [value]
    for item in items:
        if item is not None and not isinstance(item, Scalar):
            raise serializers.ValidationError(
                {key: ["must be a string, a number or a list of them, not an object."]}
            )


_SCALAR_SCHEMA: dict[str, Any] = {
    "oneOf": [{"type": "string"}, {"type": "number"}, {"type": "boolean"}]
}


def _filters_schema() -> dict[str, Any]:
    from factcheck.claims.selectors import ClaimFilter

    value = {"oneOf": [*_SCALAR_SCHEMA["oneOf"], {"type": "array", "items": _SCALAR_SCHEMA}]}
    return {
        "type": "object",
        "properties": {name: value for name in sorted(ClaimFilter.base_filters)},
        "additionalProperties": False,
    }


@extend_schema_field(_filters_schema())
class FiltersField(serializers.DictField):
    """The claim filters by name: each a value or a list of values (any of them)."""


class ExportJobCreateSerializer(serializers.Serializer[Any]):
    format = serializers.ChoiceField(choices=ExportFormat.choices)
    filters = FiltersField(
        required=False,
        default=dict,
        help_text="The same filters as GET /api/claims/ takes: name → a value or a list.",
    )

    def validate_filters(self, filters: dict[str, Any]) -> dict[str, Any]:
        for key, value in filters.items():
            _scalar_or_list(key, value)
        return filters
