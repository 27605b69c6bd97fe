"""Background jobs that are never lost: a registry of sweepers, and the life cycle of a
job row (queued → running → done/failed) that the sweepers and the tasks share.

The registry: each app registers a sweeper — a function that re-enqueues its own jobs
left queued (the broker never got them) or stalled (their worker died) and returns how
many it enqueued — from its AppConfig.ready():

    from factcheck.core.jobs import register_sweeper
    register_sweeper("imports", bulk.sweep_jobs)

One beat task (core.tasks.sweep_jobs, every FACTCHECK_JOB_SWEEP_EVERY s) runs them all.

A job row (ImportJob, ExportJob...) with `status`, `attempt` and `heartbeat_at` gets the
rest from JobQueue: enqueue after commit with a deadline; `claim` (one delivery runs a
job at a time, a redelivery of the same message takes over at once); a heartbeat thread
while it runs; `finish` only by the attempt that owns it; and a sweeper that finds the
queued ones nobody took and the running ones whose heartbeat stopped."""

from __future__ import annotations

import logging
import threading
import uuid
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import timedelta
from typing import Any

from django.conf import settings
from django.db import connection
from django.db.models import Q
from django.db.models.functions import Coalesce
from django.utils import timezone

from .enqueue import enqueue_on_commit, publish

log = logging.getLogger(__name__)

Sweeper = Callable[[], int]
_SWEEPERS: dict[str, Sweeper] = {}


def register_sweeper(name: str, sweeper: Sweeper) -> None:
    """Add (or replace) the sweeper of one kind of job."""
    _SWEEPERS[name] = sweeper


def sweepers() -> dict[str, Sweeper]:
    return dict(_SWEEPERS)


def sweep_all() -> dict[str, int]:
    """Run every registered sweeper; one that fails does not stop the others."""
    done: dict[str, int] = {}
    for name, sweeper in sweepers().items():
        try:
            done[name] = sweeper()
        except Exception:
            log.exception("The %s sweeper failed", name)
            done[name] = -1
    if any(done.values()):
        log.info("Job sweep: %s", done)
    return done


def sweep_after() -> float:
    """Seconds a job may wait queued before the sweeper enqueues it again."""
    return float(getattr(settings, "FACTCHECK_JOB_SWEEP_AFTER", 60))


def heartbeat_every() -> float:
    return float(getattr(settings, "FACTCHECK_JOB_HEARTBEAT_EVERY", 5))


def stall_after() -> float:
    """Seconds without a heartbeat after which a running job's worker is taken as dead."""
    return float(getattr(settings, "FACTCHECK_JOB_STALL_AFTER", 30))


def new_attempt() -> str:
    return uuid.uuid4().hex


@dataclass(frozen=True)
class JobQueue:
    """The life cycle of one kind of job row. `task` is the dotted path of a Celery task
    taking the job id (a path: the task module imports the services that use this)."""

    model: Any
    task: str

    # --- enqueue

    def enqueue_on_commit(self, job_id: int) -> None:
        enqueue_on_commit(self.task, job_id, on_refused=lambda: self._note_refused(job_id))

    def _note_refused(self, job_id: int) -> None:
        self.model.objects.filter(pk=job_id, status="queued").update(
            error="Waiting for the task queue; the job starts when it answers."
        )

    # --- the worker's side

    def claim(self, job_id: int, attempt: str) -> bool:
        """Make `attempt` the one running the job: from queued, or from running when the
        owner is this same message redelivered (its worker died) or its heartbeat
        stopped. False: done, failed, or alive in another worker — leave it."""
        now = timezone.now()
        takeover = (
            Q(attempt=attempt)
            | Q(heartbeat_at__isnull=True)
            | Q(heartbeat_at__lt=now - timedelta(seconds=stall_after()))
        )
        claimed = (
            self.model.objects.filter(pk=job_id)
            .filter(Q(status="queued") | (Q(status="running") & takeover))
            .update(status="running", attempt=attempt, heartbeat_at=now, error="")
        )
        return bool(claimed)

    def owned(self, job_id: int, attempt: str) -> Any:
        return self.model.objects.filter(pk=job_id, attempt=attempt, status="running")

    def update(self, job_id: int, attempt: str, **fields: Any) -> bool:
        """Write progress or the outcome, only while `attempt` still owns the job."""
        return bool(self.owned(job_id, attempt).update(**fields))

    @contextmanager
    def heartbeat(self, job_id: int, attempt: str) -> Iterator[None]:
        """Beat every FACTCHECK_JOB_HEARTBEAT_EVERY s from a thread while the block runs:
        the job is alive as long as its process is, whatever step it is on. Inside a
        transaction (a test's, an eager run's) the job row is locked by the caller and a
        beat would only wait on it: no thread then."""
        if connection.in_atomic_block:
            yield
            return
        stop = threading.Event()

        def beat() -> None:
            try:
                while not stop.wait(heartbeat_every()):
                    self.owned(job_id, attempt).update(heartbeat_at=timezone.now())
            except Exception:  # the database went away: the sweeper judges by the clock
                log.warning("Heartbeat of %s %s stopped", self.model.__name__, job_id)
            finally:
                connection.close()  # this thread's own connection

        thread = threading.Thread(target=beat, name=f"heartbeat-{job_id}", daemon=True)
        thread.start()
        try:
            yield
        finally:
            stop.set()
            thread.join(5)

    # --- the sweeper's side

    def _pending_q(self) -> Q:
        """Queued for longer than sweep_after() (counted from the last enqueue), or running
        without a heartbeat for longer than stall_after()."""
        now = timezone.now()
        waiting = Q(status="queued", _since__lt=now - timedelta(seconds=sweep_after()))
        stalled = Q(status="running") & (
            Q(heartbeat_at__isnull=True)
            | Q(heartbeat_at__lt=now - timedelta(seconds=stall_after()))
        )
        return waiting | stalled

    def _pending(self) -> Any:
        return self.model.objects.annotate(_since=Coalesce("heartbeat_at", "created_at")).filter(
            self._pending_q()
        )

    def pending(self) -> list[int]:
        return list(self._pending().order_by("created_at", "pk").values_list("pk", flat=True))

    def sweep(self) -> int:
        """Enqueue every pending job again; stops at the first refusal (a dead broker
        costs one deadline per sweep, not one per job)."""
        enqueued = 0
        for job_id in self.pending():
            # Back to queued with the clock restarted, only if still pending (not claimed
            # meanwhile): the next sweep leaves it alone for a while, and a stalled owner
            # that wakes up finds it no longer owns the job.
            requeued = (
                self._pending()
                .filter(pk=job_id)
                .update(status="queued", attempt="", heartbeat_at=timezone.now())
            )
            if not requeued:
                continue
            if not publish(self.task, (job_id,)):
                break
            enqueued += 1
        if enqueued:
            log.info("Sweeper re-enqueued %s %s(s)", enqueued, self.model.__name__)
        return enqueued
