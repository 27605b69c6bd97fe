"""The fuzz tests create jobs by the hundred (articles to tag, imports, exports): they
must not fill the shared broker's queue, which a real worker in another test would then
work through first. Publishing goes to a closed port instead and gives up at once; the
jobs stay queued in the test's own (rolled back) database."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest


@pytest.fixture(autouse=True)
def no_broker(settings: Any) -> Iterator[None]:
    from factcheck.celery import app

    settings.FACTCHECK_ENQUEUE_DEADLINE = 0.05
    settings.CELERY_TASK_ALWAYS_EAGER = False
    previous = app.conf.broker_url
    app.conf.broker_url = "redis://127.0.0.1:1/0"  # nothing listens on port 1
    _reset_pool(app)
    try:
        yield
    finally:
        app.conf.broker_url = previous
        _reset_pool(app)


def _reset_pool(app: Any) -> None:
    app.pool.force_close_all()
    app._pool = None
