"""Celery wrappers for the capture of cited pages; the logic is in capture.py."""

from __future__ import annotations

from typing import Any

from celery import shared_task
from django.db import InterfaceError, OperationalError


@shared_task(bind=True, acks_late=True, reject_on_worker_lost=True, max_retries=5)
def capture_citation(self: Any, capture_id: int) -> None:
    """Idempotent: a redelivered task finds the capture done and returns."""
    from factcheck.tagging.tasks import backoff

    from .capture import run_capture

    try:
        run_capture(capture_id)
    except (OperationalError, InterfaceError) as error:
        raise self.retry(exc=error, countdown=backoff(self.request.retries)) from error
