"""The OpenAPI schema and its docs page, public or for signed-in users only
(FACTCHECK_API_DOCS_PUBLIC; production says signed-in only)."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from drf_spectacular.views import SpectacularAPIView, SpectacularSwaggerSplitView
from rest_framework.permissions import BasePermission


class DocsPermission(BasePermission):
    message = "Sign in to read the API schema."

    def has_permission(self, request: Any, view: Any) -> bool:
        if getattr(settings, "FACTCHECK_API_DOCS_PUBLIC", True):
            return True
        return bool(request.user and request.user.is_authenticated)


class SchemaView(SpectacularAPIView):
    permission_classes = [DocsPermission]


class DocsView(SpectacularSwaggerSplitView):
    permission_classes = [DocsPermission]
