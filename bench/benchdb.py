"""A PostgreSQL database of a benchmark's own, beside the one DATABASE_URL names, created and
migrated on first use, so benchmarks never touch real data."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

REPO = Path(__file__).resolve().parents[1]


def bench_database_url(suffix: str) -> str:
    base = os.environ.get("DATABASE_URL", "")
    if not base.startswith(("postgres://", "postgresql://")):
        sys.exit(f"this benchmark needs PostgreSQL: set DATABASE_URL=postgres://... ({suffix})")
    parts = urlsplit(base)
    name = (parts.path.lstrip("/") or "factcheck") + f"_bench_{suffix}"
    return urlunsplit(parts._replace(path="/" + name))


def prepare_database(url: str) -> None:
    import psycopg

    parts = urlsplit(url)
    name = parts.path.lstrip("/")
    admin = urlunsplit(parts._replace(path="/postgres"))
    with psycopg.connect(admin, autocommit=True) as conn:
        if not conn.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name]).fetchone():
            conn.execute(f'CREATE DATABASE "{name}"')
    subprocess.run(
        [sys.executable, "manage.py", "migrate", "--noinput", "-v", "0"],
        cwd=REPO,
        env={**os.environ, "DATABASE_URL": url},
        check=True,
    )


def use_bench_database(suffix: str) -> str:
    """Create/migrate the benchmark's database and point this process at it (call before
    django.setup())."""
    url = bench_database_url(suffix)
    prepare_database(url)
    os.environ["DATABASE_URL"] = url
    return url
