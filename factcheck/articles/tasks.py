"""Celery wrappers for article imports; the logic lives in bulk.py. Tasks take IDs.

A redelivered job (worker lost mid-run) is safe to run again: rows already imported are
recognised as duplicates by their content hash or URL."""

from __future__ import annotations

from celery import shared_task

IMPORT_TIME_LIMIT = 4 * 3600


@shared_task(
    acks_late=True,
    reject_on_worker_lost=True,
    soft_time_limit=IMPORT_TIME_LIMIT,
    time_limit=IMPORT_TIME_LIMIT + 60,
)
def run_import_job(job_id: int) -> None:
    from .bulk import run_job

    run_job(job_id)
