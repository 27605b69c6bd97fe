"""A worker SIGKILLed in the middle of an import and of an export — its pool process (the
broker redelivers the message at once) or the whole worker (the message stays unacked;
a new worker's sweeper finds the job's heartbeat stopped): each job completes once, with
true counts, and no row is saved twice. Prints the figures (jobs lost)."""

from __future__ import annotations

import csv
import io
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from factcheck.articles import bulk
from factcheck.articles.models import Article, ImportJob
from factcheck.claims.models import Claim
from factcheck.reports import services as exports
from factcheck.reports.models import ExportJob
from tests.factories import ArticleFactory
from tests.integration.processes import CeleryWorker, wait_until

from .conftest import sweeping_worker

pytestmark = [pytest.mark.integration, pytest.mark.django_db(transaction=True)]

IMPORT_ROWS = 1500
EXPORT_CLAIMS = 30_000


def rows_csv(n: int) -> bytes:
    out = io.StringIO()
    writer = csv.DictWriter(out, ["title", "text"])
    writer.writeheader()
    for i in range(n):
        writer.writerow(
            {"title": f"Row {i}", "text": f"Row {i}: the minister said jobs rose {i}%."}
        )
    return out.getvalue().encode()


def make_claims(n: int) -> None:
    article = ArticleFactory()
    Claim.objects.bulk_create(
        Claim(article=article, start=0, end=12, exact=article.text[:12], statement=f"Claim {i}")
        for i in range(n)
    )


def kill(worker: CeleryWorker, how: str, tmp_path: Path, redis: Any) -> CeleryWorker:
    """Kill the worker as `how` says; return the worker that carries on."""
    if how == "pool-process":
        worker.kill_pool_child()
        return worker
    worker.kill()
    again = sweeping_worker(tmp_path, redis, name="worker-after")
    again.start()
    return again


def progressed(model: Any, pk: int) -> Callable[[], bool]:
    def check() -> bool:
        job = model.objects.get(pk=pk)
        assert job.status != "done", "the job finished before the kill: make it bigger"
        return job.status == "running" and job.processed > 0

    return check


@pytest.mark.parametrize("how", ["pool-process", "whole-worker"])
def test_an_import_killed_midway_completes_once_with_true_counts(
    private_redis: Any, tmp_path: Path, make_user: Callable[..., Any], how: str
) -> None:
    worker = sweeping_worker(tmp_path, private_redis)
    worker.start()
    survivor = worker
    try:
        job = bulk.create_job("big.csv", rows_csv(IMPORT_ROWS), make_user("reviewer"))
        # Nobody enqueues it here: the worker's sweeper finds it queued (as after a
        # request whose broker did not answer) and enqueues it.
        wait_until(progressed(ImportJob, job.pk), 90, "the import to start", every=0.05)
        survivor = kill(worker, how, tmp_path, private_redis)
        wait_until(
            lambda: ImportJob.objects.get(pk=job.pk).status in ("done", "failed"),
            120,
            "the import to finish",
            every=0.2,
        )
    finally:
        survivor.stop()
        worker.stop()
    done = ImportJob.objects.get(pk=job.pk)
    lost = int(done.status != "done")
    print(f"\nFAULT worker-killed({how}) import rows={IMPORT_ROWS} lost={lost}")
    assert done.status == "done", (done.error, survivor.log()[-3000:])
    assert (done.total, done.processed, done.imported, done.duplicates, done.errors) == (
        IMPORT_ROWS,
        IMPORT_ROWS,
        IMPORT_ROWS,
        0,
        [],
    )
    assert Article.objects.filter(import_job=job).count() == IMPORT_ROWS
    assert Article.objects.count() == IMPORT_ROWS


@pytest.mark.parametrize("how", ["pool-process", "whole-worker"])
def test_an_export_killed_midway_completes_once_with_true_counts(
    private_redis: Any, tmp_path: Path, make_user: Callable[..., Any], how: str
) -> None:
    make_claims(EXPORT_CLAIMS)
    worker = sweeping_worker(tmp_path, private_redis)
    worker.start()
    survivor = worker
    try:
        job = exports.create_job(make_user("editor"), "csv", {})
        # Nobody enqueues it here: the worker's sweeper finds it queued (as after a
        # request whose broker did not answer) and enqueues it.
        wait_until(progressed(ExportJob, job.pk), 90, "the export to start", every=0.02)
        survivor = kill(worker, how, tmp_path, private_redis)
        wait_until(
            lambda: ExportJob.objects.get(pk=job.pk).status in ("done", "failed"),
            120,
            "the export to finish",
            every=0.2,
        )
    finally:
        survivor.stop()
        worker.stop()
    done = ExportJob.objects.get(pk=job.pk)
    lost = int(done.status != "done")
    print(f"\nFAULT worker-killed({how}) export claims={EXPORT_CLAIMS} lost={lost}")
    assert done.status == "done", (done.error, survivor.log()[-3000:])
    assert (done.processed, done.total) == (EXPORT_CLAIMS, EXPORT_CLAIMS)
    with done.file.open("rb") as handle:
        rows = list(csv.DictReader(io.StringIO(handle.read().decode(), newline="")))
    assert len(rows) == EXPORT_CLAIMS
    assert len({r["claim_id"] for r in rows}) == EXPORT_CLAIMS
    folder = Path(done.file.path).parent
    assert not list(folder.glob(f".{done.pk}-*.part")), "a partial file was left behind"
