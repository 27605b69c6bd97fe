"""Production profile behaviour (issue 13, items 3 and 6), run in a child process with
factcheck.settings_production: health probes answer over plain HTTP without a redirect,
the API schema and docs need a signed-in user, gunicorn binds loopback by default."""

from __future__ import annotations

import json
import os
import runpy
import secrets
import subprocess
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]

PROBE = """
import json
from django.test import Client
client = Client()
out = {}
for url in ("/health/live", "/api/schema/", "/api/docs/", "/api/claims/"):
    response = client.get(url, secure=False)
    out[url] = [response.status_code, response.get("Location", "")]
print("RESULT " + json.dumps(out))
"""


def production_probe(secure: bool = False) -> dict[str, list[object]]:
    """GET each URL in a child process on the production settings: [status, Location]."""
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": "factcheck.settings_production"}
    env["DJANGO_ALLOWED_HOSTS"] = "testserver"
    env["DJANGO_SECRET_KEY"] = secrets.token_urlsafe(64)
    env.pop("DJANGO_ALLOW_ASYNC_UNSAFE", None)
    env.pop("FACTCHECK_API_DOCS_PUBLIC", None)
    env.pop("DJANGO_SECURE_SSL_REDIRECT", None)
    result = subprocess.run(
        [sys.executable, "manage.py", "shell", "-c", PROBE.replace("False", str(secure))],
        cwd=REPO,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr[-3000:]
    line = next(x for x in result.stdout.splitlines() if x.startswith("RESULT "))
    return dict(json.loads(line.removeprefix("RESULT ")))


def test_production_health_probes_are_not_redirected_and_docs_need_a_user() -> None:
    seen = production_probe()
    assert seen["/health/live"] == [200, ""], seen
    # Everything else still goes to https first...
    assert seen["/api/claims/"][0] == 301 and seen["/api/claims/"][1].startswith("https://")
    assert seen["/api/schema/"][0] == 301


def test_production_docs_need_a_signed_in_user_over_https() -> None:
    seen = production_probe(secure=True)
    assert seen["/api/schema/"][0] in (401, 403), seen
    assert seen["/api/docs/"][0] in (401, 403), seen
    assert seen["/health/live"][0] == 200, seen


def test_gunicorn_binds_loopback_by_default(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("GUNICORN_BIND", raising=False)
    config = runpy.run_path(str(REPO / "factcheck" / "gunicorn.conf.py"))
    assert config["bind"] == "127.0.0.1:8000"
