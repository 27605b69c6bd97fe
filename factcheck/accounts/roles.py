"""The three roles of DESIGN.md. Each role includes everything the one before may do."""

from __future__ import annotations

from enum import IntEnum
from typing import Any


class Role(IntEnum):
    NONE = 0
    REVIEWER = 1
    EDITOR = 2
    ADMIN = 3

    @property
    def label(self) -> str:
        return self.name.lower()


GROUP_NAMES = {Role.REVIEWER: "reviewer", Role.EDITOR: "editor", Role.ADMIN: "admin"}


def role_of(user: Any) -> Role:
    """The highest role a user holds; superusers are admins, anonymous users have none."""
    if user is None or not getattr(user, "is_authenticated", False) or not user.is_active:
        return Role.NONE
    if user.is_superuser:
        return Role.ADMIN
    names = getattr(user, "_role_group_names", None)
    if names is None:
        names = set(user.groups.values_list("name", flat=True))
        user._role_group_names = names
    best = Role.NONE
    for role, group in GROUP_NAMES.items():
        if group in names and role > best:
            best = role
    return best


def ensure_role_groups(group_model: Any) -> None:
    for name in GROUP_NAMES.values():
        group_model.objects.get_or_create(name=name)
