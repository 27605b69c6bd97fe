"""The one way to hand a task to the broker: after the transaction commits, with a
deadline, never raising. A broker that is down or frozen (Redis paused) costs a request
at most the deadline; the job stays queued in the database and the job sweeper
(core.jobs) enqueues it again later. Nothing is lost and nothing answers 500."""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable
from typing import Any

from django.conf import settings
from django.db import transaction
from django.utils.module_loading import import_string

log = logging.getLogger(__name__)


def deadline_default() -> float:
    return float(getattr(settings, "FACTCHECK_ENQUEUE_DEADLINE", 1.5))


def _task(task: Any) -> Any:
    return import_string(task) if isinstance(task, str) else task


def publish(
    task: Any,
    args: tuple[Any, ...] = (),
    kwargs: dict[str, Any] | None = None,
    deadline: float | None = None,
) -> bool:
    """Send `task` (a Celery task or its dotted path); True when the broker took it within
    `deadline` seconds. Kombu's socket timeouts bound one attempt, but connect + publish +
    retry can still add up; the deadline holds whatever kombu does."""
    task = _task(task)
    if settings.CELERY_TASK_ALWAYS_EAGER:
        task.apply_async(args, kwargs)
        return True
    outcome: dict[str, bool] = {}

    def send() -> None:
        try:
            task.apply_async(args, kwargs)
            outcome["ok"] = True
        except Exception as error:  # refused or misconfigured: the sweeper retries
            log.warning("Could not enqueue %s%s: %s", task.name, args, error)
            outcome["ok"] = False

    # A daemon thread: a frozen broker may hold the publish, not the request (and the
    # process can still exit).
    worker = threading.Thread(target=send, name=f"enqueue-{task.name}", daemon=True)
    worker.start()
    worker.join(deadline_default() if deadline is None else deadline)
    if not outcome.get("ok"):
        log.warning("Broker did not take %s%s in time; left for the sweeper", task.name, args)
        return False
    return True


def enqueue_on_commit(
    task: Any,
    *args: Any,
    deadline: float | None = None,
    on_refused: Callable[[], None] | None = None,
) -> None:
    """publish(task, args) once the current transaction commits (at once outside one).
    `on_refused` runs when the broker did not take it (e.g. to note it on the job)."""

    def send() -> None:
        if not publish(task, args, deadline=deadline) and on_refused is not None:
            try:
                on_refused()
            except Exception:  # a note is a nicety; the request must still answer
                log.exception("on_refused for %s%s failed", task, args)

    transaction.on_commit(send)
