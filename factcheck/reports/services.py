"""Exports: choosing the claims (the shared ClaimFilter), running an exporter over them in
chunks, and export jobs that do the same on a worker with progress."""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterable, Iterator, Mapping
from pathlib import Path
from typing import IO, Any

from django.conf import settings
from django.db import transaction
from django.db.models import QuerySet
from django.utils import timezone
from rest_framework.exceptions import ValidationError

from factcheck.claims.models import Claim, ClaimStatus
from factcheck.claims.selectors import export_queryset, export_rows
from factcheck.core.jobs import JobQueue, new_attempt

from .exporters import EXPORTERS, ExportContext
from .exporters.report import summary
from .models import ExportJob

log = logging.getLogger(__name__)

# Claims read per chunk (each chunk's citations come in one more query).
CHUNK_SIZE = 500
# How often a job writes its progress (rows).
PROGRESS_EVERY = 500


def exporter_for(fmt: str) -> Any:
    exporter = EXPORTERS.get(fmt)
    if exporter is None:
        raise ValidationError({"format": [f"Unknown format {fmt!r}; one of {sorted(EXPORTERS)}."]})
    return exporter


def claims_for(fmt: str, filters: Mapping[str, Any]) -> QuerySet[Claim]:
    """The claims an export of `fmt` covers; ClaimReview is for published claims only."""
    claims = export_queryset(filters)
    if exporter_for(fmt).published_only:
        claims = claims.filter(status=ClaimStatus.PUBLISHED)
    return claims


def prepare(fmt: str, filters: Mapping[str, Any]) -> tuple[Any, QuerySet[Claim], ExportContext]:
    """Validate format and filters (400 naming the field) before anything is sent."""
    exporter = exporter_for(fmt)
    claims = claims_for(fmt, filters)
    context = ExportContext(total=claims.count(), filters=dict(filters))
    if fmt in ("html", "pdf"):
        context.summary = summary(claims)
    return exporter, claims, context


def _counted(
    rows: Iterable[dict[str, Any]], progress: Callable[[int], None] | None
) -> Iterator[dict[str, Any]]:
    n = 0
    for n, row in enumerate(rows, 1):
        if progress is not None and n % PROGRESS_EVERY == 0:
            progress(n)
        yield row
    if progress is not None and (n == 0 or n % PROGRESS_EVERY):
        progress(n)


def chunks(
    exporter: Any,
    claims: QuerySet[Claim],
    context: ExportContext,
    progress: Callable[[int], None] | None = None,
) -> Iterator[bytes]:
    """The export as byte chunks, reading the claims `CHUNK_SIZE` at a time."""
    rows = _counted(export_rows(claims, CHUNK_SIZE), progress)
    for piece in exporter.render(rows, context):
        yield piece if isinstance(piece, bytes) else piece.encode("utf-8")


def write_export(
    fmt: str,
    filters: Mapping[str, Any],
    out: IO[bytes],
    progress: Callable[[int, int], None] | None = None,
) -> ExportContext:
    """Write the whole export to `out`; `progress(done, total)` as it goes."""
    exporter, claims, context = prepare(fmt, filters)
    report = (lambda done: progress(done, context.total)) if progress else None
    for piece in chunks(exporter, claims, context, report):
        out.write(piece)
    return context


def filename(fmt: str, stem: str = "claims") -> str:
    return f"{stem}.{exporter_for(fmt).extension}"


# --- Jobs


# Export jobs share the life cycle of every background job (core.jobs): enqueued after
# commit with a deadline, claimed by one delivery, a heartbeat, swept when lost.
JOBS = JobQueue(ExportJob, "factcheck.reports.tasks.run_export_job")


def sweep_jobs() -> int:
    return JOBS.sweep()


@transaction.atomic
def create_job(user: Any, fmt: str, filters: Mapping[str, Any]) -> ExportJob:
    """A queued job; the filters are checked now so a typo is a 400, not a failed job."""
    claims = claims_for(fmt, filters)
    job = ExportJob.objects.create(
        format=fmt,
        filters=dict(filters),
        total=claims.count(),
        created_by=user if getattr(user, "is_authenticated", False) else None,
        heartbeat_at=timezone.now(),
    )
    JOBS.enqueue_on_commit(job.pk)
    return job


def run_job(job_id: int, attempt: str | None = None) -> ExportJob:
    """Run a job to a file under MEDIA_ROOT/exports/, recording progress. A job that is
    done, failed or running alive elsewhere is left alone (a duplicate delivery); a
    redelivery after its worker died starts it again from the first row, so `processed`
    always counts rows really written."""
    attempt = attempt or new_attempt()
    if not JOBS.claim(job_id, attempt):
        log.info("export job %s: not claimed by %s (done, failed or running)", job_id, attempt)
        return ExportJob.objects.get(pk=job_id)
    job = ExportJob.objects.get(pk=job_id)
    JOBS.update(job_id, attempt, processed=0)
    relative = f"exports/{job.pk}-{filename(job.format)}"
    path = Path(settings.MEDIA_ROOT) / relative
    path.parent.mkdir(parents=True, exist_ok=True)
    # Each attempt writes its own file; the one that finishes renames it into place.
    partial = path.with_name(f".{path.name}.{attempt}.part")

    def progress(done: int, total: int) -> None:
        JOBS.update(job_id, attempt, processed=done, total=total)

    try:
        with JOBS.heartbeat(job_id, attempt), partial.open("wb") as out:
            context = write_export(job.format, job.filters, out, progress)
    except Exception as error:
        log.exception("export job %s failed", job_id)
        JOBS.update(
            job_id,
            attempt,
            status=ExportJob.Status.FAILED,
            error=str(error)[:2000],
            finished_at=timezone.now(),
        )
        partial.unlink(missing_ok=True)
        raise
    if JOBS.owned(job_id, attempt).exists():
        partial.replace(path)
        # Partial files of attempts whose worker died on the way.
        for leftover in path.parent.glob(f".{path.name}.*.part"):
            leftover.unlink(missing_ok=True)
        JOBS.update(
            job_id,
            attempt,
            status=ExportJob.Status.DONE,
            file=relative,
            processed=context.total,
            total=context.total,
            warnings=context.warnings,
            finished_at=timezone.now(),
        )
    else:  # another delivery took over while this one stalled: its file wins
        partial.unlink(missing_ok=True)
    job.refresh_from_db()
    return job
