from django.contrib import admin
from django.contrib.auth.admin import UserAdmin

from .models import User


@admin.register(User)
class FactcheckUserAdmin(UserAdmin):  # type: ignore[type-arg]
    list_display = ("username", "email", "first_name", "last_name", "role_name", "is_active")
    list_filter = ("groups", "is_active", "is_superuser")

    @admin.display(description="role")
    def role_name(self, user: User) -> str:
        return user.role.label
