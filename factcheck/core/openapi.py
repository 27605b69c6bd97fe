"""The OpenAPI schema tells the truth about errors: every operation documents the error
statuses it can answer, each with the JSON error body every error has ({"detail": ...,
plus the fields named}), so a client (and schemathesis) knows what to expect.

Which codes: 400 (bad input; every operation takes some), 401/403 unless anyone may call
it, 404 (an unknown id, a page past the end), 409 for writes (a stale version, a
conflicting state, an integrity conflict), 413/415 when there is a request body, 429 where
a throttle applies, 503 (the database restarting: core.exceptions)."""

from __future__ import annotations

from typing import Any

from drf_spectacular.openapi import AutoSchema
from drf_spectacular.plumbing import ResolvedComponent
from rest_framework.permissions import AllowAny

ERROR_SCHEMA = {
    "type": "object",
    "description": "An error: `detail` says what went wrong; a field's name, if one was at "
    "fault, maps to its problems.",
    "properties": {"detail": {"type": "string"}},
    "additionalProperties": True,
}
DESCRIPTIONS = {
    "400": "Bad input (the body names the field and the problem).",
    "401": "Not signed in.",
    "403": "Signed in without the role this needs, or no CSRF token.",
    "404": "Not found (an unknown id, a page past the end).",
    "409": "Conflict: a stale version, a state that does not allow this, or a duplicate.",
    "413": "The request body is over the limit.",
    "415": "The body's media type is not accepted.",
    "429": "Too many requests; see Retry-After.",
    "503": "The database is unavailable; retry.",
}
UNSAFE = {"POST", "PUT", "PATCH", "DELETE"}


class ErrorDocumentingAutoSchema(AutoSchema):
    def map_parsers(self) -> list[Any]:
        """JSON is the API's contract. The default parsers also read forms (DRF's habit),
        but only views that chose their parsers (file uploads) document other types."""
        from rest_framework.settings import api_settings

        if list(self.view.parser_classes) == list(api_settings.DEFAULT_PARSER_CLASSES):
            return ["application/json"]
        return super().map_parsers()  # type: ignore[no-any-return]

    def _error_ref(self) -> dict[str, str]:
        component = ResolvedComponent(
            name="Error", type=ResolvedComponent.SCHEMA, object="Error", schema=ERROR_SCHEMA
        )
        self.registry.register_on_missing(component)
        return component.ref  # type: ignore[no-any-return]

    def _error_codes(self) -> list[str]:
        codes = ["400", "404", "503"]
        anyone = any(isinstance(p, AllowAny) for p in self.view.get_permissions())
        if not anyone:
            codes += ["401", "403"]
        if self.method in UNSAFE:
            codes += ["409"]
            if self.method != "DELETE":
                codes += ["413", "415"]
            if anyone:
                codes += ["403"]  # CSRF
        if getattr(self.view, "throttle_classes", None):
            codes += ["429"]
        return codes

    def _get_response_bodies(self, direction: Any = "response") -> Any:
        responses = super()._get_response_bodies(direction)
        if direction != "response":
            return responses
        ref = self._error_ref()
        for code in self._error_codes():
            responses.setdefault(
                code,
                {
                    "description": DESCRIPTIONS[code],
                    "content": {"application/json": {"schema": ref}},
                },
            )
        return responses


def require_versions(result: dict[str, Any], **kwargs: Any) -> dict[str, Any]:
    """Postprocessing hook: a claim write needs the version the client saw (optimistic
    locking; a write without it is a 400). The serializers leave `version` optional because
    an If-Match header may carry it instead, but a body-only client must send it: say so."""
    for name, component in result.get("components", {}).get("schemas", {}).items():
        prop = component.get("properties", {}).get("version")
        if not name.endswith("Request") or not prop or prop.get("readOnly"):
            continue
        if not str(prop.get("description", "")).startswith("The version you"):
            continue
        required = component.setdefault("required", [])
        if "version" not in required:
            required.append("version")
        prop["description"] += " Required, unless sent as an If-Match header."
    return result
