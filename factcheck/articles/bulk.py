"""Bulk import: a CSV or JSONL file of articles, run as an ImportJob with progress and
one error per bad row (its number and the reason) while the good rows import.

Columns (CSV header or JSONL keys): title, text or html or url, outlet, author,
published_at, url. Common aliases are read too (date → published_at, body/content → text,
site/source/publisher → outlet, byline → author), so the Wikinews dumps import as they are.
Rows are numbered from 1 (the first record after a CSV header; the first JSONL line).
"""

from __future__ import annotations

import csv
import io
import json
import logging
import time
from collections.abc import Callable, Iterator
from pathlib import PurePath
from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError as DjangoValidationError
from django.core.files.base import ContentFile
from django.core.validators import URLValidator
from django.db.models import F
from django.utils import timezone
from rest_framework.exceptions import APIException, ValidationError

from factcheck.core.jobs import JobQueue, new_attempt
from factcheck.core.parsers import JSONTooDeep
from factcheck.core.parsers import loads as json_loads

from .decode import decode_bytes
from .imports import from_paste, from_url, parse_date
from .models import Article, ImportJob
from .services import (
    ArticleInput,
    create_article,
    create_articles,
    normalise_text,
    validate_text,
)

log = logging.getLogger(__name__)
ROWS_PER_CHUNK = 100

FIELDS = ("title", "text", "html", "url", "outlet", "author", "published_at", "language")
ALIASES = {
    "date": "published_at",
    "published": "published_at",
    "published_date": "published_at",
    "pubdate": "published_at",
    "body": "text",
    "content": "text",
    "site": "outlet",
    "source": "outlet",
    "publisher": "outlet",
    "sitename": "outlet",
    "byline": "author",
    "headline": "title",
    "link": "url",
    "lang": "language",
}
FORMATS = {".csv": "csv", ".jsonl": "jsonl", ".ndjson": "jsonl", ".json": "jsonl"}
MAX_FILE_BYTES = 200 * 1024 * 1024
PROGRESS_EVERY = 0.5  # seconds between progress writes


class RowError(Exception):
    def __init__(self, field: str, message: str) -> None:
        super().__init__(message)
        self.field = field


def file_format(name: str) -> str:
    suffix = PurePath(name).suffix.lower()
    if suffix not in FORMATS:
        raise ValidationError({"file": [f"{name!r}: a bulk import is a .csv or .jsonl file."]})
    return FORMATS[suffix]


def create_job(name: str, content: bytes, user: Any) -> ImportJob:
    """Check the file is readable, store it and count its rows: an unreadable file is
    refused now, not discovered by the worker."""
    file_format(name)
    if len(content) > MAX_FILE_BYTES:
        raise ValidationError(
            {"file": [f"The file is over the limit of {MAX_FILE_BYTES:,} bytes."]}
        )
    rows = read_rows(name, content)
    total = sum(1 for _ in rows)
    if total == 0:
        raise ValidationError({"file": ["The file has no rows to import."]})
    job = ImportJob(
        filename=PurePath(name).name[:300],
        total=total,
        heartbeat_at=timezone.now(),
        created_by=user if getattr(user, "is_authenticated", False) else None,
    )
    job.file.save(PurePath(name).name, ContentFile(content), save=False)
    job.save()
    return job


def read_rows(name: str, content: bytes) -> Iterator[tuple[int, dict[str, Any] | RowError]]:
    """(row number, fields) per record, or (row number, RowError) for an unreadable one."""
    text = decode_bytes(content, field="file")
    if file_format(name) == "csv":
        csv.field_size_limit(max(settings.FACTCHECK_MAX_ARTICLE_CHARS * 4, 1 << 20))
        reader = csv.DictReader(io.StringIO(text, newline=""))
        if not reader.fieldnames:
            raise ValidationError({"file": ["The CSV file has no header row."]})
        header = [_column(name) for name in reader.fieldnames]
        if not {"text", "html", "url"} & set(header):
            raise ValidationError(
                {
                    "file": [
                        "The CSV header needs a text, html or url column; it has "
                        + ", ".join(reader.fieldnames)
                        + "."
                    ]
                }
            )
        for number, record in enumerate(reader, start=1):
            yield number, {_column(k): v for k, v in record.items() if k is not None}
        return
    number = 0
    for line in text.splitlines():
        if not line.strip():
            continue
        number += 1
        try:
            record = json_loads(line)  # depth-limited: a 1,000-deep line is this row's error
        except json.JSONDecodeError as error:
            yield number, RowError("row", f"not valid JSON ({error.msg}, column {error.colno})")
            continue
        except JSONTooDeep as error:
            yield number, RowError("row", f"not accepted: {error}")
            continue
        if not isinstance(record, dict):
            yield number, RowError("row", "each line must be a JSON object")
            continue
        yield number, {_column(str(k)): v for k, v in record.items()}


def _column(name: str) -> str:
    key = name.strip().lower().replace(" ", "_").replace("-", "_")
    return ALIASES.get(key, key)


_url_ok = URLValidator(schemes=["http", "https"])


def row_input(record: dict[str, Any]) -> ArticleInput | None:
    """The article a record describes, cleaned and checked (RowError or a DRF
    ValidationError naming the field otherwise); None for a URL imported before, which
    is not fetched again."""
    values = {k: ("" if record.get(k) is None else record[k]) for k in FIELDS}
    for key, value in values.items():
        if not isinstance(value, str) and key != "published_at":
            raise RowError(key, "must be text")
    url = values["url"].strip()
    if url:
        try:
            _url_ok(url)
        except DjangoValidationError as error:
            raise RowError("url", f"{url[:80]!r} is not an http(s) URL") from error
    meta = {
        "title": values["title"],
        "outlet": values["outlet"],
        "url": url,
        "published_at": parse_date(values["published_at"]),
        "language": values["language"] or "en",
    }
    if values["text"] or values["html"]:  # whitespace-only is refused by name below
        data = from_paste(text=values["text"], html=values["html"], author=values["author"], **meta)
    elif url:
        if Article.objects.filter(url=url).exists():  # imported before: do not fetch again
            return None
        meta.pop("url")
        data = from_url(url, author=values["author"], **meta)
    else:
        raise RowError("text", "the row has no text, html or url")
    validate_text(normalise_text(data.text))
    return data


def row_error(job_id: int, number: int, error: Exception) -> dict[str, Any]:
    """The error report of one row: its number, the field and the reason."""
    if isinstance(error, RowError):
        return {"row": number, "field": error.field, "error": str(error)}
    if isinstance(error, APIException):
        field, problem = _first_problem(error.detail)
        return {"row": number, "field": field, "error": problem}
    log.exception("Import job %s: row %s failed", job_id, number, exc_info=error)
    return {"row": number, "field": "row", "error": f"unexpected error: {error}"}


def _first_problem(detail: Any) -> tuple[str, str]:
    if isinstance(detail, dict) and detail:
        field, problems = next(iter(detail.items()))
        problem = problems[0] if isinstance(problems, list) and problems else problems
        return str(field), str(problem)
    if isinstance(detail, list) and detail:
        return "row", str(detail[0])
    return "row", str(detail)


def run_job(
    job_id: int,
    progress: Callable[[ImportJob], None] | None = None,
    attempt: str | None = None,
) -> ImportJob:
    """Import every row of the job's file, recording progress and per-row errors.

    Only one delivery runs a job (JOBS.claim). A redelivery (its worker died) starts again
    from the first row: rows saved before are found by their content hash, and the counts
    come from the rows themselves — `imported` is the number of articles this job created,
    `duplicates` the rest of the rows read without an error — so they stay true however
    many times the job was started."""
    attempt = attempt or new_attempt()
    if not JOBS.claim(job_id, attempt):
        log.info("Import job %s: not claimed by %s (done, failed or running)", job_id, attempt)
        return ImportJob.objects.get(pk=job_id)
    job = ImportJob.objects.get(pk=job_id)
    errors: list[dict[str, Any]] = []
    processed = 0
    last = 0.0
    try:
        with JOBS.heartbeat(job_id, attempt), job.file.open("rb") as handle:
            content = handle.read()
            # A chunk of rows is saved with a fixed number of queries and its tagging
            # enqueued in batches, so the first articles are tagged while the rest import.
            for chunk in _chunks(read_rows(job.filename, content), ROWS_PER_CHUNK):
                numbers, inputs = [], []
                for number, record in chunk:
                    try:
                        if isinstance(record, RowError):
                            raise record
                        data = row_input(record)
                        if data is not None:  # None: a URL imported before (a duplicate)
                            numbers.append(number)
                            inputs.append(data)
                    except Exception as error:  # one broken row must not stop the others
                        errors.append(row_error(job_id, number, error))
                _save_chunk(job, numbers, inputs, errors)
                errors.sort(key=lambda e: e["row"])  # a chunk's save errors come after
                processed += len(chunk)
                if time.monotonic() - last > PROGRESS_EVERY or processed == job.total:
                    last = time.monotonic()
                    if not _save_progress(job, attempt, processed, errors, progress):
                        log.warning("Import job %s: %s lost the job; stopping", job_id, attempt)
                        return ImportJob.objects.get(pk=job_id)
            _save_progress(job, attempt, processed, errors, progress)
            JOBS.update(
                job_id,
                attempt,
                status=ImportJob.Status.DONE,
                total=processed,
                finished_at=timezone.now(),
            )
    except Exception as error:
        log.exception("Import job %s failed", job_id)
        JOBS.update(
            job_id,
            attempt,
            status=ImportJob.Status.FAILED,
            error=str(error)[:2000],
            finished_at=timezone.now(),
        )
    job.refresh_from_db()
    if progress:
        progress(job)
    return job


def _save_chunk(
    job: ImportJob, numbers: list[int], inputs: list[ArticleInput], errors: list[dict[str, Any]]
) -> list[tuple[Article, bool]]:
    """Save a chunk's articles together; if that fails, one at a time so the error lands
    on its row and the others are saved."""
    try:
        return create_articles(inputs, job.created_by, job)
    except Exception:
        log.exception("Import job %s: a chunk failed; saving its rows one at a time", job.pk)
    saved = []
    for number, data in zip(numbers, inputs, strict=True):
        try:
            saved.append(create_article(data, job.created_by, job))
        except Exception as error:
            errors.append(row_error(job.pk, number, error))
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


def _save_progress(
    job: ImportJob,
    attempt: str,
    processed: int,
    errors: list[dict[str, Any]],
    progress: Callable[[ImportJob], None] | None,
) -> bool:
    """Write the counts, from the rows: False when this attempt no longer owns the job."""
    imported = min(Article.objects.filter(import_job_id=job.pk).count(), processed - len(errors))
    duplicates = max(0, processed - imported - len(errors))
    owned = JOBS.update(
        job.pk,
        attempt,
        processed=processed,
        imported=imported,
        duplicates=duplicates,
        errors=errors,
        total=F("total") if processed <= job.total else processed,
    )
    if progress:
        job.processed, job.imported, job.duplicates, job.errors = (
            processed,
            imported,
            duplicates,
            errors,
        )
        progress(job)
    return owned


# Import jobs share the life cycle of every background job (core.jobs): enqueued after
# commit with a deadline, claimed by one delivery, a heartbeat, swept when lost.
JOBS = JobQueue(ImportJob, "factcheck.articles.tasks.run_import_job")


def enqueue_job(job: ImportJob) -> None:
    """Queue the job once its row is committed. A broker that is down or frozen leaves it
    queued (noted on the job) for the sweeper, never a 500 or a hung request."""
    JOBS.enqueue_on_commit(job.pk)


def sweep_jobs() -> int:
    return JOBS.sweep()
