"""Filters shared by the list endpoints. Every value is checked before it reaches the
database: a bad one is a 400 naming the filter, never a 500."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

import django_filters
from django import forms
from django_filters.fields import IsoDateTimeField
from django_filters.rest_framework import DjangoFilterBackend
from drf_spectacular.utils import extend_schema_field
from rest_framework.exceptions import ValidationError

from .limits import MAX_AGE_DAYS, as_id


class UtcIsoDateTimeField(IsoDateTimeField):
    """An ISO 8601 date-time handed to the database in UTC. PostgreSQL refuses UTC offsets
    beyond ±15:59 (a DataError, hence a 500) although ISO 8601 allows them; in UTC the
    instant is the same and always acceptable."""

    def to_python(self, value: Any) -> dt.datetime | None:
        parsed = super().to_python(value)
        if parsed is None or parsed.tzinfo is None:
            return parsed
        try:
            return parsed.astimezone(dt.UTC)
        except OverflowError as error:
            raise forms.ValidationError("Date-time out of range.", code="invalid") from error


class UtcIsoDateTimeFilter(django_filters.IsoDateTimeFilter):
    field_class = UtcIsoDateTimeField


class IdField(forms.Field):
    """A database id: ASCII digits only, at most 18 of them (no '²', no '1e9', no sign,
    nothing a 64-bit column cannot hold)."""

    default_error_messages = {"invalid": "Enter an id: a whole number of up to 18 digits."}

    def to_python(self, value: Any) -> int | None:
        if value in self.empty_values:
            return None
        parsed = as_id(value.strip() if isinstance(value, str) else value)
        if parsed is None:
            raise forms.ValidationError(self.error_messages["invalid"], code="invalid")
        return parsed


@extend_schema_field({"type": "integer", "minimum": 0, "maximum": 10**18 - 1})
class IdFilter(django_filters.Filter):
    field_class = IdField


@extend_schema_field(
    {"type": "string", "pattern": "^[0-9]{1,18}(,[0-9]{1,18})*$", "example": "3,7"}
)
class IdInFilter(django_filters.BaseInFilter, IdFilter):
    """Comma-separated ids: ?article=3,7."""


@extend_schema_field({"type": "number", "minimum": 0, "maximum": MAX_AGE_DAYS})
class AgeDaysFilter(django_filters.NumberFilter):
    """A number of days, 0..MAX_AGE_DAYS: beyond that `now - days` leaves the range of a
    date (OverflowError, hence a 500). 'NaN' and 'Infinity' the decimal field refuses."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("min_value", Decimal(0))
        kwargs.setdefault("max_value", Decimal(MAX_AGE_DAYS))
        super().__init__(*args, **kwargs)


class StrictFilterBackend(DjangoFilterBackend):
    """django-filter, without its leniencies: a typed filter (a number, a date, a boolean,
    an id) given an empty or unreadable value is a 400 naming it, not silently ignored
    (?active=maybe used to list everything)."""

    BOOLEANS = {"true", "false", "1", "0"}

    def get_filterset(self, request: Any, queryset: Any, view: Any) -> Any:
        filterset = super().get_filterset(request, queryset, view)
        if filterset is None:
            return None
        problems: dict[str, list[str]] = {}
        for name, flt in filterset.filters.items():
            if name not in request.query_params:
                continue
            value = request.query_params.get(name, "")
            if isinstance(flt, django_filters.BooleanFilter):
                if value.strip().lower() not in self.BOOLEANS:
                    problems[name] = ["Give true or false."]
            elif value == "" and not isinstance(flt, TEXT_FILTERS):
                problems[name] = ["Give a value, or leave the parameter out."]
        if problems:
            raise ValidationError(problems)
        return filterset


TEXT_FILTERS = (django_filters.CharFilter, django_filters.MultipleChoiceFilter)
