"""Prints the environment `make test` runs pytest in (as shell `export` lines), and says on
stderr which database and broker the tests use. PostgreSQL and Redis on this machine are
used when they answer; in CI they must.

The tests' Redis databases start at 1 (each pytest-xdist worker adds its index), so a
`make run` on database 0 never sees the tests' tasks, nor they its."""

from __future__ import annotations

import os
import sys

from factcheck.core.services_probe import answers


def main() -> int:
    exports: dict[str, str] = {}
    in_ci = bool(os.environ.get("CI"))
    if not os.environ.get("DATABASE_URL"):
        if answers("127.0.0.1", 5432) or in_ci:
            exports["DATABASE_URL"] = "postgres://postgres@127.0.0.1:5432/factcheck"
        else:
            print(
                "make test: PostgreSQL is not answering on 127.0.0.1:5432; using SQLite.",
                file=sys.stderr,
            )
    if not os.environ.get("REDIS_URL") and (answers("127.0.0.1", 6379) or in_ci):
        exports["REDIS_URL"] = "redis://127.0.0.1:6379/1"
    db = exports.get("DATABASE_URL", os.environ.get("DATABASE_URL", "sqlite (var/)"))
    broker = exports.get("REDIS_URL", os.environ.get("REDIS_URL", "none"))
    print(
        f"make test: database {db} (test_<name>_gwN per xdist worker); broker {broker}"
        " (+N per worker)",
        file=sys.stderr,
    )
    for key, value in exports.items():
        print(f"export {key}={value}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
