"""A JSON parser that cannot be made to throw: nesting deeper than JSON_MAX_DEPTH (or so
deep the decoder itself recurses out) is a 400 naming the problem, never a
RecursionError (a 500) here or in whatever walks the data next."""

from __future__ import annotations

import json
from typing import IO, Any

from django.conf import settings
from rest_framework.exceptions import ParseError
from rest_framework.parsers import JSONParser

from .limits import JSON_MAX_DEPTH


class JSONTooDeep(ValueError):
    pass


def max_depth() -> int:
    return int(getattr(settings, "FACTCHECK_JSON_MAX_DEPTH", JSON_MAX_DEPTH))


def check_depth(value: Any, limit: int | None = None) -> None:
    """Raise JSONTooDeep when `value` nests lists/objects deeper than `limit` (iterative:
    checking depth must not itself recurse)."""
    limit = max_depth() if limit is None else limit
    stack: list[tuple[Any, int]] = [(value, 1)]
    while stack:
        item, depth = stack.pop()
        if isinstance(item, dict):
            children: Any = item.values()
        elif isinstance(item, list):
            children = item
        else:
            continue
        if depth > limit:
            raise JSONTooDeep(f"JSON nested deeper than {limit} levels.")
        stack.extend((child, depth + 1) for child in children if isinstance(child, dict | list))


def loads(text: str | bytes) -> Any:
    """json.loads with the depth limit: JSONTooDeep or json.JSONDecodeError, nothing else."""
    try:
        value = json.loads(text)
    except RecursionError as error:
        raise JSONTooDeep(f"JSON nested deeper than {max_depth()} levels.") from error
    check_depth(value)
    return value


class DepthLimitedJSONParser(JSONParser):
    """DRF's JSONParser with the depth limit (the default parser for every API view)."""

    def parse(
        self, stream: IO[Any], media_type: str | None = None, parser_context: Any = None
    ) -> Any:
        try:
            data = super().parse(stream, media_type, parser_context)
        except RecursionError as error:  # the C decoder gave up before our check could
            raise ParseError(
                f"JSON parse error - nested deeper than {max_depth()} levels."
            ) from error
        try:
            check_depth(data)
        except JSONTooDeep as error:
            raise ParseError(f"JSON parse error - {error}") from error
        return data
