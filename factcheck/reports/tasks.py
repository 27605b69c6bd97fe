"""Celery wrapper for export jobs; the work is in services.run_job.

acks_late + reject_on_worker_lost: a worker killed mid-export leaves the message
unacknowledged and it comes back; run_job's claim lets exactly one delivery run the job,
and the job sweeper (core.jobs) re-enqueues one whose worker vanished with its message."""

from __future__ import annotations

from typing import Any

from celery import shared_task


@shared_task(bind=True, acks_late=True, reject_on_worker_lost=True)
def run_export_job(self: Any, job_id: int) -> None:
    from .services import run_job

    run_job(job_id, attempt=self.request.id)
