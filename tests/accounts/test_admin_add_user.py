"""The admin's add-user page sets the role on its first page (issue 16)."""

from __future__ import annotations

from typing import Any

import pytest
from django.test import Client

from factcheck.accounts.models import User

pytestmark = pytest.mark.django_db


def test_the_add_user_page_creates_the_user_with_the_chosen_role(make_user: Any) -> None:
    admin = make_user("admin")
    admin.is_staff = admin.is_superuser = True
    admin.save()
    client = Client()
    client.force_login(admin)
    page = client.get("/admin/accounts/user/add/").content.decode()
    assert 'name="role"' in page
    response = client.post(
        "/admin/accounts/user/add/",
        {
            "username": "newcomer",
            "role": "editor",
            "usable_password": "true",
            "password1": "a-long-password-123",
            "password2": "a-long-password-123",
        },
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    assert User.objects.get(username="newcomer").role.label == "editor"
