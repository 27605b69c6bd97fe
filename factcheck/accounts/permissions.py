"""DRF permission classes: one per minimum role, plus 'read as X, write as Y'."""

from __future__ import annotations

from typing import Any

from rest_framework.permissions import SAFE_METHODS, BasePermission
from rest_framework.request import Request

from .roles import Role, role_of


class _MinimumRole(BasePermission):
    minimum = Role.ADMIN
    message = "Your role does not allow this."

    def has_permission(self, request: Request, view: Any) -> bool:
        return role_of(request.user) >= self.minimum


class IsReviewer(_MinimumRole):
    minimum = Role.REVIEWER


class IsEditor(_MinimumRole):
    minimum = Role.EDITOR


class IsAdmin(_MinimumRole):
    minimum = Role.ADMIN


class ReadReviewerWriteAdmin(BasePermission):
    """Reference data (verdict scale) everybody reads and only admins change."""

    message = "Only admins may change this."

    def has_permission(self, request: Request, view: Any) -> bool:
        role = role_of(request.user)
        if request.method in SAFE_METHODS:
            return role >= Role.REVIEWER
        return role >= Role.ADMIN


class DeleteAdminOnly(BasePermission):
    """Reviewers work with the object; deleting it (with its trace) is an admin's call."""

    message = "Only admins may delete this."

    def has_permission(self, request: Request, view: Any) -> bool:
        role = role_of(request.user)
        if request.method == "DELETE":
            return role >= Role.ADMIN
        return role >= Role.REVIEWER
