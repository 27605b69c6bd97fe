"""Fact-check import jobs: a file of ClaimReview JSON-LD / JSONL / DataFeed or CSV,
checked and counted when uploaded, imported by a worker in chunks with progress and one
error per bad row (its number, the field, the reason) while the good rows import.
Like the bulk article import (factcheck/articles/bulk.py)."""

from __future__ import annotations

import logging
import time
from collections.abc import Callable, Iterator
from pathlib import PurePath
from typing import Any

from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import timezone
from rest_framework.exceptions import ValidationError

from . import claimreview
from .claimreview import FactCheckRow, RowError
from .models import FactCheckImportJob
from .services import Saved, save_rows

log = logging.getLogger(__name__)
ROWS_PER_CHUNK = 500
MAX_FILE_BYTES = 200 * 1024 * 1024
PROGRESS_EVERY = 0.5  # seconds between progress writes


def create_job(name: str, content: bytes, user: Any) -> FactCheckImportJob:
    """Check that the file is readable, store it and count its rows: an unreadable file
    is refused now (400 naming `file`), not discovered by the worker."""
    claimreview.file_format(name)
    if len(content) > MAX_FILE_BYTES:
        raise ValidationError(
            {"file": [f"The file is over the limit of {MAX_FILE_BYTES:,} bytes."]}
        )
    total = sum(1 for _ in claimreview.read(name, content))
    if total == 0:
        raise ValidationError({"file": ["The file has no fact-checks to import."]})
    job = FactCheckImportJob(
        filename=PurePath(name).name[:300],
        total=total,
        created_by=user if getattr(user, "is_authenticated", False) else None,
    )
    job.file.save(PurePath(name).name, ContentFile(content), save=False)
    job.save()
    return job


def import_rows(
    rows: Iterator[tuple[int, FactCheckRow | RowError]],
    job: FactCheckImportJob | None = None,
    progress: Callable[[dict[str, Any]], None] | None = None,
) -> dict[str, Any]:
    """Import numbered rows in chunks; returns the counts and the per-row errors."""
    counts: dict[str, Any] = {
        "processed": 0,
        "imported": 0,
        "updated": 0,
        "duplicates": 0,
        "errors": [],
    }
    last = 0.0
    for chunk in _chunks(rows, ROWS_PER_CHUNK):
        numbers, good = [], []
        for number, row in chunk:
            if isinstance(row, RowError):
                counts["errors"].append(_error(number, row))
            else:
                numbers.append(number)
                good.append(row)
        saved = _save_chunk(numbers, good, job, counts["errors"])
        counts["imported"] += saved.created
        counts["updated"] += saved.updated
        counts["duplicates"] += saved.duplicates
        counts["processed"] += len(chunk)
        counts["errors"].sort(key=lambda e: e["row"])
        if progress and time.monotonic() - last > PROGRESS_EVERY:
            last = time.monotonic()
            progress(counts)
    if progress:
        progress(counts)
    return counts


def _error(number: int, error: RowError) -> dict[str, Any]:
    return {"row": number, "field": error.field, "error": str(error)}


def _save_chunk(
    numbers: list[int],
    rows: list[FactCheckRow],
    job: FactCheckImportJob | None,
    errors: list[dict[str, Any]],
) -> Saved:
    """Save a chunk together; if that fails, one row at a time, so that the error lands
    on its row and the others are saved."""
    try:
        saved = save_rows(rows, job)
    except Exception:
        log.exception("Fact-check import: a chunk failed; saving its rows one at a time")
        saved = Saved()
        for number, row in zip(numbers, rows, strict=True):
            try:
                one = save_rows([row], job)
            except Exception as failure:
                errors.append({"row": number, "field": "row", "error": f"not saved: {failure}"})
                continue
            saved.created += one.created
            saved.updated += one.updated
            saved.duplicates += one.duplicates
            errors.extend(_error(number, problem) for problem in one.errors.values())
        return saved
    for position, problem in saved.errors.items():
        errors.append(_error(numbers[position], problem))
    return saved


def _chunks(rows: Iterator[Any], size: int) -> Iterator[list[Any]]:
    chunk: list[Any] = []
    for row in rows:
        chunk.append(row)
        if len(chunk) == size:
            yield chunk
            chunk = []
    if chunk:
        yield chunk


def run_job(job_id: int) -> FactCheckImportJob:
    """Import every row of the job's file, recording progress and per-row errors. Safe to
    run again (a redelivered task): rows seen before are duplicates by URL."""
    job = FactCheckImportJob.objects.get(pk=job_id)
    FactCheckImportJob.objects.filter(pk=job_id).update(status=FactCheckImportJob.Status.RUNNING)

    def save_progress(counts: dict[str, Any]) -> None:
        FactCheckImportJob.objects.filter(pk=job_id).update(
            processed=counts["processed"],
            imported=counts["imported"],
            updated=counts["updated"],
            duplicates=counts["duplicates"],
            errors=counts["errors"],
        )

    try:
        with job.file.open("rb") as handle:
            content = handle.read()
        counts = import_rows(claimreview.read(job.filename, content), job, save_progress)
        FactCheckImportJob.objects.filter(pk=job_id).update(
            status=FactCheckImportJob.Status.DONE,
            total=counts["processed"],
            finished_at=timezone.now(),
        )
    except Exception as error:
        log.exception("Fact-check import job %s failed", job_id)
        FactCheckImportJob.objects.filter(pk=job_id).update(
            status=FactCheckImportJob.Status.FAILED,
            error=str(error)[:2000],
            finished_at=timezone.now(),
        )
    job.refresh_from_db()
    return job


def enqueue_job(job: FactCheckImportJob) -> None:
    """Queue the job once its row is committed. A broker that is down leaves it queued
    with the reason, never a 500."""
    from .tasks import run_factcheck_import

    def send() -> None:
        try:
            run_factcheck_import.delay(job.pk)
        except Exception as error:
            log.warning("Could not enqueue fact-check import job %s: %s", job.pk, error)
            FactCheckImportJob.objects.filter(pk=job.pk).update(
                error=f"Waiting for a worker: the task queue is unreachable ({error})."
            )

    transaction.on_commit(send)
