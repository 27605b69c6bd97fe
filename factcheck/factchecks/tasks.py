"""Celery wrappers; the logic lives in imports.py. Tasks take IDs."""

from __future__ import annotations

from celery import shared_task

IMPORT_TIME_LIMIT = 4 * 3600


@shared_task(
    acks_late=True,
    reject_on_worker_lost=True,
    soft_time_limit=IMPORT_TIME_LIMIT,
    time_limit=IMPORT_TIME_LIMIT + 60,
)
def run_factcheck_import(job_id: int) -> None:
    from .imports import run_job

    run_job(job_id)
