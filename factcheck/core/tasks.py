"""The job sweeper (Celery beat): every registered kind of job (core.jobs) that the
broker never got, or whose worker died, is enqueued again."""

from __future__ import annotations

from celery import shared_task


@shared_task(ignore_result=True)
def sweep_jobs() -> dict[str, int]:
    from .jobs import sweep_all

    return sweep_all()
