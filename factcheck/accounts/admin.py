from typing import Any

from django import forms
from django.contrib import admin
from django.contrib.auth.admin import UserAdmin
from django.contrib.auth.forms import AdminUserCreationForm
from django.contrib.auth.models import Group

from .models import User

ROLE_CHOICES = [
    ("reviewer", "Reviewer"),
    ("editor", "Editor"),
    ("admin", "Admin"),
    ("", "No role (cannot use the app yet)"),
]


class UserWithRoleCreationForm(AdminUserCreationForm):  # type: ignore[type-arg]
    """The add-user page sets the role at once: a user without one sees nothing but a
    'ask an admin' page, and the group was easy to forget on the second page."""

    role = forms.ChoiceField(choices=ROLE_CHOICES, initial="reviewer", required=False)

    class Meta(AdminUserCreationForm.Meta):  # type: ignore[name-defined]
        model = User
        fields = ("username",)

    def save(self, commit: bool = True) -> Any:
        user = super().save(commit=commit)
        role = self.cleaned_data.get("role")
        if role == "admin":
            user.is_staff = True  # the admin site needs it
            if commit:
                user.save(update_fields=["is_staff"])

        def add_role() -> None:
            if role:
                user.groups.add(Group.objects.get_or_create(name=role)[0])

        if commit:
            add_role()
        else:  # the admin saves the user, then calls save_m2m
            self.save_m2m = add_role  # type: ignore[method-assign]
        return user


@admin.register(User)
class FactcheckUserAdmin(UserAdmin):  # type: ignore[type-arg]
    add_form = UserWithRoleCreationForm
    add_fieldsets = (
        (
            None,
            {
                "classes": ("wide",),
                "fields": ("username", "role", "usable_password", "password1", "password2"),
            },
        ),
    )
    list_display = ("username", "email", "first_name", "last_name", "role_name", "is_active")
    list_filter = ("groups", "is_active", "is_superuser")

    @admin.display(description="role")
    def role_name(self, user: User) -> str:
        return user.role.label
