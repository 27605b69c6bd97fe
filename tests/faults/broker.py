"""Point this process's Celery producer at another broker for a while (a dead port, a
silent server), then back. Kombu keeps one connection pool (and one producer pool) per
broker URL in a registry of its own; the app only caches which one it uses, so dropping
the app's references is enough, and closing them would close the registry's pool that
every later publish to that URL gets (kombu: "Acquire on closed pool")."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any


def _drop_pools(app: Any) -> None:
    app._pool = None
    app.amqp._producer_pool = None


@contextmanager
def broker_at(url: str) -> Iterator[None]:
    from factcheck.celery import app

    previous = app.conf.broker_url
    app.conf.broker_url = url
    _drop_pools(app)
    try:
        yield
    finally:
        app.conf.broker_url = previous
        _drop_pools(app)
