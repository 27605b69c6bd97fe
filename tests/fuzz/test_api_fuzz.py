"""API fuzzing: schemathesis over every operation of /api/schema/, in-process against the
WSGI app on the pytest-django test database, logged in as each role (token header).

Checks: no 5xx, and every response with a documented status matches its schema (and its
content type). Undocumented 4xx (404 for a random id, 403 for a role) are fine: the role
matrix decides those. Examples per operation and role: FACTCHECK_FUZZ_EXAMPLES (default
100); CI's budget for the whole file is 10 minutes."""

from __future__ import annotations

import os
from collections.abc import Callable, Iterator
from typing import Any

import pytest
import schemathesis
from hypothesis import HealthCheck, Phase
from hypothesis import settings as hypothesis_settings
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import (
    content_type_conformance,
    response_schema_conformance,
)

from factcheck.wsgi import application

EXAMPLES = int(os.environ.get("FACTCHECK_FUZZ_EXAMPLES", "100"))
CHECKS = [not_a_server_error, response_schema_conformance, content_type_conformance]
ROLES = ("reviewer", "editor", "admin")

schema = schemathesis.openapi.from_wsgi("/api/schema/", application)

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def keep_the_test_connection() -> Iterator[None]:
    """Calling the WSGI app directly fires request_started/finished, whose
    close_old_connections would close the connection holding the test's transaction;
    Django's own test Client disconnects it the same way."""
    from django.core import signals
    from django.db import close_old_connections

    signals.request_started.disconnect(close_old_connections)
    signals.request_finished.disconnect(close_old_connections)
    try:
        yield
    finally:
        signals.request_started.connect(close_old_connections)
        signals.request_finished.connect(close_old_connections)


@pytest.fixture(params=ROLES)
def auth_header(
    request: pytest.FixtureRequest, make_user: Callable[..., Any], settings: Any
) -> dict[str, str]:
    from rest_framework.authtoken.models import Token

    from tests.accounts.test_role_matrix import make_world

    # A fast hasher: nobody logs in with a password here, and PBKDF2 costs ~1 s per user.
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    make_world()  # objects with low ids, so some generated ids hit something real
    token = Token.objects.create(user=make_user(request.param))
    return {"Authorization": f"Token {token.key}"}


@schema.parametrize()
@hypothesis_settings(
    max_examples=EXAMPLES,
    deadline=None,
    database=None,
    derandomize=True,
    # Generate only: no shrinking (a failure keeps the input that caused it) and no
    # coverage phase (hundreds of extra cases per operation would blow the CI budget).
    phases=[Phase.generate],
    suppress_health_check=list(HealthCheck),
)
def test_api_answers_every_input_without_a_5xx(case: Any, auth_header: dict[str, str]) -> None:
    case.call_and_validate(headers=auth_header, checks=CHECKS)
