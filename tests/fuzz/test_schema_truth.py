"""The OpenAPI schema tells the truth (issue 13, item 5): schemathesis with ALL its checks
— no 5xx, every status code documented, schema-valid requests accepted, invalid ones
rejected, response bodies, headers and content types as documented — over every
operation, as every role. Few examples per operation and role (FACTCHECK_SCHEMA_EXAMPLES,
default 3) keep the whole file within about three minutes; tests/fuzz/test_api_fuzz.py goes
deeper on 5xx alone."""

from __future__ import annotations

import os
from collections.abc import Callable, Iterator
from typing import Any

import pytest
import schemathesis
from hypothesis import HealthCheck, Phase
from hypothesis import settings as hypothesis_settings
from schemathesis.specs.openapi.checks import positive_data_acceptance

from factcheck.wsgi import application

EXAMPLES = int(os.environ.get("FACTCHECK_SCHEMA_EXAMPLES", "3"))
ROLES = ("reviewer", "editor", "admin")

schema = schemathesis.openapi.from_wsgi("/api/schema/", application)
TOKEN = {"key": ""}  # the role's token for the current test (auth_header fixture)

# A schema-valid request may still be refused (400) for what no schema can say: an id
# that names no object, a rule across fields, the type of an uploaded file, Django's
# stricter reading of a URL. Those refusals name their reason; any other is a failure.
UNKNOWABLE = (
    "does not exist",
    "not one of the available choices",
    "both are empty",
    "must come after",
    "a bulk import is a .csv or .jsonl file",
    "import .html, .htm, .txt or .md files",
    "a fact-check import is a .json, .jsonld, .jsonl or .csv file",  # a file's content
    "has no fact-checks to import",
    "Not valid JSON",
    "its encoding could not be detected",
    "Give either claim or candidate",  # one of two parameters: a rule across fields
    "Enter a valid URL",
    "could not be resolved",  # a generated host name: the URL import fetches it
    "Unknown state",  # export-job filters are documented as values, not each one's domain
    # What a JSON Schema format allows and Django cannot hold (year 0, a leap second) or a
    # form field refuses (NUL): documented as plain strings with a format.
    "Enter a valid date",
    "Datetime has wrong format",
    "Null characters are not allowed",
)


@schema.auth(refresh_interval=None)
class TokenAuth:
    """The role's token, so schemathesis knows the credentials (and checks that the API
    refuses the request without them)."""

    def get(self, case: Any, ctx: Any) -> str:
        return TOKEN["key"]

    def set(self, case: Any, data: str, ctx: Any) -> None:
        case.headers = {**(case.headers or {}), "Authorization": f"Token {data}"}


@schemathesis.check
def positive_data_acceptance_knowing_the_data(ctx: Any, response: Any, case: Any) -> Any:
    try:
        return positive_data_acceptance(ctx, response, case)
    except Exception:
        if response.status_code == 400 and any(r in response.text for r in UNKNOWABLE):
            return None
        raise


pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def keep_the_test_connection() -> Iterator[None]:
    """The WSGI app's request_started/finished would close the test's connection."""
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
def role_token(request: pytest.FixtureRequest, make_user: Callable[..., Any], settings: Any) -> str:
    from django.core.cache import cache
    from rest_framework.authtoken.models import Token

    from tests.accounts.test_role_matrix import make_world

    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    cache.clear()  # login throttles start empty
    make_world()
    TOKEN["key"] = Token.objects.create(user=make_user(request.param)).key
    return TOKEN["key"]


@schema.parametrize()
@hypothesis_settings(
    max_examples=EXAMPLES,
    deadline=None,
    database=None,
    derandomize=True,
    phases=[Phase.explicit, Phase.generate],
    suppress_health_check=list(HealthCheck),
)
def test_the_schema_tells_the_truth(case: Any, role_token: str) -> None:
    case.call_and_validate(
        excluded_checks=[positive_data_acceptance],
        additional_checks=[positive_data_acceptance_knowing_the_data],
    )
