"""python manage.py import_articles FILE [--queue] [--user NAME]

Imports a CSV or JSONL file of articles (columns: title, text or html or url, outlet,
author, published_at, url) with a progress bar, then lists each bad row with its number
and reason. By default the rows import in this process; --queue hands the job to the
Celery workers and follows its progress. Exit status 1 when any row failed."""

from __future__ import annotations

import sys
import time
from pathlib import Path
from typing import Any

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError, CommandParser
from rest_framework.exceptions import ValidationError

from factcheck.articles import bulk
from factcheck.articles.models import ImportJob

BAR_WIDTH = 30


def progress_line(job: ImportJob) -> str:
    total = max(job.total, job.processed, 1)
    filled = round(BAR_WIDTH * job.processed / total)
    bar = "#" * filled + "-" * (BAR_WIDTH - filled)
    return (
        f"\r[{bar}] {job.processed}/{job.total} rows · {job.imported} imported · "
        f"{job.duplicates} duplicates · {len(job.errors)} errors"
    )


class Command(BaseCommand):
    help = "Import articles from a CSV or JSONL file, with progress and per-row errors."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("file", type=Path)
        parser.add_argument("--queue", action="store_true", help="run on the Celery workers")
        parser.add_argument("--user", help="username recorded as the importer")

    def handle(self, *args: Any, **options: Any) -> None:
        path: Path = options["file"]
        if not path.is_file():
            raise CommandError(f"{path}: no such file")
        user = None
        if options["user"]:
            user = get_user_model().objects.filter(username=options["user"]).first()
            if user is None:
                raise CommandError(f"no user named {options['user']!r}")
        try:
            job = bulk.create_job(path.name, path.read_bytes(), user)
        except ValidationError as error:
            raise CommandError(f"{path}: {error.detail}") from error
        self.stderr.write(f"Import job {job.pk}: {job.total} rows from {path.name}")
        queued = options["queue"]
        job = self._follow(job) if queued else bulk.run_job(job.pk, progress=self._draw)
        self._draw(job)
        self.stderr.write("")
        for row in job.errors:
            self.stdout.write(f"row {row['row']}: {row['field']}: {row['error']}")
        if job.status == ImportJob.Status.FAILED:
            raise CommandError(f"the import failed: {job.error}")
        self.stdout.write(
            f"{job.imported} imported, {job.duplicates} duplicates, {len(job.errors)} errors"
        )
        if job.errors:
            sys.exit(1)

    def _draw(self, job: ImportJob) -> None:
        self.stderr.write(progress_line(job), ending="")
        self.stderr.flush()

    def _follow(self, job: ImportJob) -> ImportJob:
        from factcheck.articles.tasks import run_import_job

        run_import_job.delay(job.pk)
        while job.status not in (ImportJob.Status.DONE, ImportJob.Status.FAILED):
            time.sleep(0.5)
            job.refresh_from_db()
            self._draw(job)
        return job
