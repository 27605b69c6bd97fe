"""Celery wrappers; the logic lives in imports.py. Tasks take IDs."""

from __future__ import annotations

from celery import shared_task
from django.conf import settings

# The same bound as article imports: below the broker's visibility timeout, so a long import
# is never delivered a second time while it still runs.
IMPORT_TIME_LIMIT = int(settings.FACTCHECK_IMPORT_TIME_LIMIT)


@shared_task(
    acks_late=True,
    reject_on_worker_lost=True,
    soft_time_limit=IMPORT_TIME_LIMIT,
    time_limit=IMPORT_TIME_LIMIT + 60,
)
def run_factcheck_import(job_id: int) -> None:
    from .imports import run_job

    run_job(job_id)
