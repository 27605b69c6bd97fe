"""Every API error is JSON that names the field and the problem.

DRF already answers validation errors as {"field": ["problem"]}. This handler adds a
top-level "detail" everywhere, and turns errors DRF does not know (database integrity,
Django's ValidationError, bad ranges) into 4xx instead of 500s. A database that dropped
the connection or is restarting (OperationalError/InterfaceError) answers 503: the client
may retry, and CONN_HEALTH_CHECKS gives the next request a fresh connection."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError as DjangoValidationError
from django.db import IntegrityError, InterfaceError, OperationalError
from django.http import Http404
from rest_framework import status
from rest_framework.exceptions import APIException
from rest_framework.response import Response
from rest_framework.views import exception_handler


class Conflict(APIException):
    """A stale write or an illegal state change: answers 409 with the current state."""

    status_code = status.HTTP_409_CONFLICT
    default_detail = "Conflict."
    default_code = "conflict"

    def __init__(self, detail: str, current: Any = None, **extra: Any) -> None:
        super().__init__(detail)
        self.current = current
        self.extra = extra  # more named parts of the body, e.g. the citations at fault


def json_exception_handler(exc: Exception, context: dict[str, Any]) -> Response | None:
    if isinstance(exc, DjangoValidationError):
        data = exc.message_dict if hasattr(exc, "error_dict") else {"detail": exc.messages}
        return Response(_with_detail(data), status=status.HTTP_400_BAD_REQUEST)
    if isinstance(exc, IntegrityError):
        return Response(
            {"detail": "The data conflicts with what is already saved.", "error": str(exc)[:300]},
            status=status.HTTP_409_CONFLICT,
        )
    if isinstance(exc, OperationalError | InterfaceError):
        # Not str(exc): it may carry the server's address or SQL.
        return Response(
            {"detail": "The database is unavailable; try again shortly."},
            status=status.HTTP_503_SERVICE_UNAVAILABLE,
            headers={"Retry-After": "1"},
        )
    response = exception_handler(exc, context)
    if response is None:
        return None
    if isinstance(exc, Conflict) and (exc.current is not None or exc.extra):
        response.data = {"detail": str(exc.detail), "current": exc.current, **exc.extra}
    elif isinstance(response.data, dict):
        response.data = _with_detail(response.data)
    elif isinstance(response.data, list):
        response.data = {"detail": " ".join(str(item) for item in response.data)}
    if isinstance(exc, Http404):
        response.data = {"detail": "Not found."}
    return response


def _with_detail(data: dict[str, Any]) -> dict[str, Any]:
    if "detail" in data:
        return data
    parts = []
    for field, problems in data.items():
        text = problems[0] if isinstance(problems, list) and problems else problems
        parts.append(f"{field}: {text}")
    return {"detail": "; ".join(parts) or "Invalid request.", **data}
