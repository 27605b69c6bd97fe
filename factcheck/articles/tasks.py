"""Celery wrappers for article imports; the logic lives in bulk.py. Tasks take IDs.

A redelivered job (worker lost mid-run) is safe to run again: rows already imported are
recognised by their content hash or URL, and the counts come from the rows. The time
limit comes from FACTCHECK_IMPORT_TIME_LIMIT, which settings keeps below the broker's
visibility timeout, so a long import is never handed to a second worker while it runs."""

from __future__ import annotations

from typing import Any

from celery import shared_task
from django.conf import settings

IMPORT_TIME_LIMIT = int(settings.FACTCHECK_IMPORT_TIME_LIMIT)


@shared_task(
    bind=True,
    acks_late=True,
    reject_on_worker_lost=True,
    soft_time_limit=IMPORT_TIME_LIMIT,
    time_limit=IMPORT_TIME_LIMIT + 60,
)
def run_import_job(self: Any, job_id: int) -> None:
    from .bulk import run_job

    run_job(job_id, attempt=self.request.id)
