"""The production profile: refuses a missing secret, passes Django's deployment checks."""

from __future__ import annotations

import os
import secrets
import subprocess
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]


def run_manage(*args: str, secret: str | None) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": "factcheck.settings_production"}
    env["DJANGO_ALLOWED_HOSTS"] = "factcheck.example.org"
    env.pop("DJANGO_SECRET_KEY", None)
    # The browser tests' conftest allows sync ORM calls in their event loop; not here.
    env.pop("DJANGO_ALLOW_ASYNC_UNSAFE", None)
    if secret is not None:
        env["DJANGO_SECRET_KEY"] = secret
    return subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=REPO,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_production_refuses_to_start_without_a_real_secret() -> None:
    result = run_manage("check", secret=None)
    assert result.returncode != 0
    assert "DJANGO_SECRET_KEY" in result.stderr


def test_check_deploy_is_clean_at_warning_level() -> None:
    result = run_manage(
        "check", "--deploy", "--fail-level", "WARNING", secret=secrets.token_urlsafe(64)
    )
    assert result.returncode == 0, result.stdout + result.stderr


def test_production_shares_one_cache_so_the_login_throttle_counts_across_processes(
    redis_url: str,
) -> None:
    code = (
        "from django.core.cache import caches; from django.conf import settings; "
        "cache = caches['default']; "
        "cache.set('probe', 1); print(type(cache).__name__, cache.get('probe'), "
        "settings.REST_FRAMEWORK['NUM_PROXIES'])"
    )
    result = run_manage("shell", "-c", code, secret=secrets.token_urlsafe(64))
    assert result.returncode == 0, result.stderr
    assert result.stdout.split()[-3:] == ["RedisCache", "1", "1"], result.stdout
