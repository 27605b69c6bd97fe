"""Celery wrapper for export jobs; the work is in services.run_job."""

from __future__ import annotations

from celery import shared_task


@shared_task(acks_late=True, reject_on_worker_lost=True)
def run_export_job(job_id: int) -> None:
    from .services import run_job

    run_job(job_id)
