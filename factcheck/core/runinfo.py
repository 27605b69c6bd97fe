"""What `make run` prints before starting the web app, the worker and beat."""

from __future__ import annotations

import os
import sys

import django


def main() -> int:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "factcheck.settings")
    django.setup()
    from django.conf import settings

    from factcheck.core.demo_data import demo_users

    port = os.environ.get("PORT", "8000")
    print()
    print(f"  Factcheck is starting on  http://127.0.0.1:{port}/")
    print(f"  API docs:                  http://127.0.0.1:{port}/api/docs/")
    print(f"  Database: {settings.DATABASES['default']['ENGINE'].rsplit('.', 1)[-1]}")
    if settings.BROKER_KIND == "redis":
        print(f"  Broker:   Redis at {settings.CELERY_BROKER_URL}")
    else:
        print("  Broker:   Redis is not answering on localhost:6379 and REDIS_URL is unset;")
        print("            using Celery's filesystem transport under var/celery-queue/.")
    print("  Demo logins:")
    for user in demo_users():
        print(f"    {user.role:<9} {user.username} / {user.password}")
    print("  Ctrl-C stops the web app, the worker and beat.")
    print()
    sys.stdout.flush()
    return 0


if __name__ == "__main__":
    sys.exit(main())
