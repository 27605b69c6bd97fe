"""Every API error is JSON that names the field and the problem.

DRF already answers validation errors as {"field": ["problem"]}. This handler adds a
top-level "detail" everywhere, and turns errors DRF does not know (database integrity,
Django's ValidationError, bad ranges) into 4xx instead of 500s. A database that dropped
the connection or is restarting (OperationalError/InterfaceError) answers 503: the client
may retry, and CONN_HEALTH_CHECKS gives the next request a fresh connection."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.core.exceptions import RequestDataTooBig, SuspiciousOperation
from django.core.exceptions import ValidationError as DjangoValidationError
from django.db import DataError, IntegrityError, InterfaceError, OperationalError
from django.http import Http404, HttpRequest, JsonResponse
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


def too_big_detail() -> str:
    return f"The request body is over the limit of {settings.DATA_UPLOAD_MAX_MEMORY_SIZE:,} bytes."


def json_exception_handler(exc: Exception, context: dict[str, Any]) -> Response | None:
    if isinstance(exc, RequestDataTooBig):
        return Response(
            {"detail": too_big_detail()}, status=status.HTTP_413_REQUEST_ENTITY_TOO_LARGE
        )
    if isinstance(exc, SuspiciousOperation):  # too many fields or files, a bad host...
        return Response({"detail": str(exc)[:300] or "Bad request."}, status=400)
    if isinstance(exc, DjangoValidationError):
        data = exc.message_dict if hasattr(exc, "error_dict") else {"detail": exc.messages}
        return Response(_with_detail(data), status=status.HTTP_400_BAD_REQUEST)
    if isinstance(exc, IntegrityError):
        return Response(
            {"detail": "The data conflicts with what is already saved.", "error": str(exc)[:300]},
            status=status.HTTP_409_CONFLICT,
        )
    if isinstance(exc, DataError):
        # The database refused a value no validator caught (a NUL character, a number out
        # of its column's range): the client's input, so a 400, not a 500.
        return Response(
            {
                "detail": "A value in the request is out of range or not allowed (e.g. a NUL "
                "character)."
            },
            status=status.HTTP_400_BAD_REQUEST,
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


# --- Django's own error pages (urls.py handler400/403/404/500): what reaches them never
# passed through DRF (a body too big read by a middleware, an unknown /api/ path), and
# every client of this app reads JSON. The Django admin keeps its HTML pages.


def _wants_html(request: HttpRequest) -> bool:
    return request.path.startswith("/admin/")


def bad_request(request: HttpRequest, exception: Exception | None = None) -> Any:
    if isinstance(exception, RequestDataTooBig):
        return JsonResponse({"detail": too_big_detail()}, status=413)
    if _wants_html(request):
        from django.views.defaults import bad_request as html

        return html(request, exception)  # type: ignore[arg-type]
    return JsonResponse({"detail": "Bad request."}, status=400)


def permission_denied(request: HttpRequest, exception: Exception | None = None) -> Any:
    if _wants_html(request):
        from django.views.defaults import permission_denied as html

        return html(request, exception)  # type: ignore[arg-type]
    return JsonResponse({"detail": "You do not have permission to do this."}, status=403)


def not_found(request: HttpRequest, exception: Exception | None = None) -> Any:
    if _wants_html(request):
        from django.views.defaults import page_not_found as html

        return html(request, exception)  # type: ignore[arg-type]
    return JsonResponse({"detail": "Not found."}, status=404)


def server_error(request: HttpRequest) -> Any:
    if _wants_html(request):
        from django.views.defaults import server_error as html

        return html(request)
    return JsonResponse({"detail": "Internal error; it has been logged."}, status=500)
