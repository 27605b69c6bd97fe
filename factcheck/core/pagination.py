"""Page-number pagination that refuses what it cannot read (a 400 naming the parameter)
instead of quietly falling back to a default: ?page_size=false is a mistake, not 50."""

from __future__ import annotations

from typing import Any

from rest_framework.exceptions import ValidationError
from rest_framework.pagination import PageNumberPagination

from .limits import as_id


class Pagination(PageNumberPagination):
    page_size_query_param = "page_size"
    max_page_size = 500

    def get_page_size(self, request: Any) -> int | None:
        raw = request.query_params.get(self.page_size_query_param)
        if raw is not None:
            size = as_id(raw)
            if size is None or not 1 <= size <= self.max_page_size:
                raise ValidationError(
                    {"page_size": [f"A whole number from 1 to {self.max_page_size}."]}
                )
            return size
        return self.page_size

    def paginate_queryset(self, queryset: Any, request: Any, view: Any = None) -> Any:
        raw = request.query_params.get(self.page_query_param)
        if raw is not None and raw != "last":
            number = as_id(raw)
            if number is None or number < 1:
                raise ValidationError({"page": ["A page number from 1, or 'last'."]})
        return super().paginate_queryset(queryset, request, view)

    def get_schema_operation_parameters(self, view: Any) -> list[dict[str, Any]]:
        parameters = super().get_schema_operation_parameters(view)
        for parameter in parameters:
            if parameter["name"] == self.page_query_param:
                parameter["schema"] = {"type": "integer", "minimum": 1, "maximum": 10**18 - 1}
            elif parameter["name"] == self.page_size_query_param:
                parameter["schema"] = {"type": "integer", "minimum": 1, "maximum": 500}
        return parameters
