"""Reference data the product needs in every database: the role groups and the default
verdict scale. Migrations create it; this puts it back where tests flush tables."""

from __future__ import annotations

from django.contrib.auth.models import Group

from factcheck.accounts.roles import ensure_role_groups
from factcheck.claims.default_scale import ensure_default_scale
from factcheck.claims.models import VerdictLabel


def ensure_reference_data() -> None:
    ensure_role_groups(Group)
    ensure_default_scale(VerdictLabel)
