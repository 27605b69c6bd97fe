"""The life cycle every background job shares (core.jobs, core.enqueue), without a worker:
the registry, claims (one delivery at a time; a redelivery takes over), true counts
after a redelivery, time limits below the visibility timeout, and a request that never
waits on a broker that does not answer."""

from __future__ import annotations

import csv
import io
import socket
import threading
import time
from collections.abc import Iterator
from datetime import timedelta
from typing import Any

import pytest
from django.utils import timezone

from factcheck.articles import bulk
from factcheck.articles.models import Article, ImportJob
from factcheck.core import jobs
from factcheck.core.enqueue import publish
from factcheck.reports import services as exports
from factcheck.reports.models import ExportJob

from .broker import broker_at

pytestmark = pytest.mark.django_db


def rows_csv(n: int, tag: str = "row") -> bytes:
    out = io.StringIO()
    writer = csv.DictWriter(out, ["title", "text"])
    writer.writeheader()
    for i in range(n):
        writer.writerow({"title": f"{tag} {i}", "text": f"Article {tag} number {i} said 4%."})
    return out.getvalue().encode()


def test_every_kind_of_job_is_registered_with_the_sweeper() -> None:
    assert {"tagging", "imports", "exports"} <= set(jobs.sweepers())


def test_one_beat_task_sweeps_them_all(settings: Any) -> None:
    entries = settings.CELERY_BEAT_SCHEDULE.values()
    assert [e["task"] for e in entries] == ["factcheck.core.tasks.sweep_jobs"]


def test_every_task_time_limit_is_below_the_visibility_timeout() -> None:
    """The broker hands an unacknowledged task to another worker after the visibility
    timeout: a task still running then would run twice. So every hard limit is shorter."""
    from django.conf import settings

    from factcheck.celery import app

    app.loader.import_default_modules()
    visibility = settings.CELERY_BROKER_TRANSPORT_OPTIONS.get(
        "visibility_timeout", settings.BROKER_VISIBILITY_TIMEOUT
    )
    ours = {name: task for name, task in app.tasks.items() if name.startswith("factcheck.")}
    assert {
        "factcheck.articles.tasks.run_import_job",
        "factcheck.reports.tasks.run_export_job",
    } <= set(ours)
    for name, task in ours.items():
        hard = task.time_limit or app.conf.task_time_limit
        assert hard is not None, f"{name} has no hard time limit"
        assert hard < visibility, f"{name}: time limit {hard} s >= visibility {visibility} s"
        soft = task.soft_time_limit or app.conf.task_soft_time_limit
        assert soft is not None and soft < hard, name


def test_claims_let_one_delivery_run_and_a_redelivery_take_over(make_user: Any) -> None:
    job = ExportJob.objects.create(format="csv", heartbeat_at=timezone.now())
    queue = exports.JOBS
    assert queue.claim(job.pk, "A")
    assert not queue.claim(job.pk, "B"), "alive in A: B must leave it"
    assert queue.claim(job.pk, "A"), "the same message redelivered (its worker died)"
    ExportJob.objects.filter(pk=job.pk).update(
        heartbeat_at=timezone.now() - timedelta(seconds=jobs.stall_after() + 1)
    )
    assert queue.claim(job.pk, "B"), "A's heartbeat stopped: B takes over"
    assert not queue.update(job.pk, "A", processed=5), "A no longer owns it"
    assert queue.update(job.pk, "B", status="done")
    assert not queue.claim(job.pk, "C") and not queue.claim(job.pk, "B"), "done is done"


def test_a_redelivered_import_reports_true_counts(make_user: Any) -> None:
    """A worker killed after the first half: the next delivery starts from row 1 and
    reports every row as imported once (not half imported, half duplicates)."""
    user = make_user("reviewer")
    content = rows_csv(200)
    job = bulk.create_job("rows.csv", content, user)
    # The first delivery: the first 100 rows saved, then the worker died.
    first = bulk.row_input  # the real path for each row
    inputs = [first(r) for _, r in list(bulk.read_rows("rows.csv", content))[:100]]
    from factcheck.articles.services import create_articles

    create_articles([i for i in inputs if i is not None], user, job)
    ImportJob.objects.filter(pk=job.pk).update(
        status="running", attempt="A", processed=100, imported=100
    )
    done = bulk.run_job(job.pk, attempt="A")  # the broker redelivers the same message
    assert done.status == "done", done.error
    assert (done.total, done.processed, done.imported, done.duplicates) == (200, 200, 200, 0)
    assert Article.objects.filter(import_job=job).count() == 200
    # The same file again is all duplicates.
    again = bulk.run_job(bulk.create_job("rows.csv", content, user).pk)
    assert (again.imported, again.duplicates) == (0, 200)


def test_duplicates_within_one_file_still_count_as_duplicates(make_user: Any) -> None:
    content = rows_csv(3) + rows_csv(3).split(b"\n", 1)[1]  # the same 3 rows twice
    job = bulk.run_job(bulk.create_job("rows.csv", content, make_user("reviewer")).pk)
    assert (job.processed, job.imported, job.duplicates) == (6, 3, 3)


def test_an_export_redelivery_writes_one_file_with_true_counts(make_user: Any) -> None:
    from tests.factories import ClaimFactory

    for _ in range(3):
        ClaimFactory()
    job = exports.create_job(make_user("editor"), "csv", {})
    ExportJob.objects.filter(pk=job.pk).update(status="running", attempt="A", processed=2)
    done = exports.run_job(job.pk, attempt="A")
    assert (done.status, done.processed, done.total) == ("done", 3, 3)
    again = exports.run_job(job.pk, attempt="B")  # a duplicate delivery: left alone
    assert again.finished_at == done.finished_at
    folder = (exports.Path(done.file.path)).parent
    assert not list(folder.glob(f".{job.pk}-*.part")), "no partial file left behind"


def test_the_sweeper_finds_queued_and_stalled_jobs_only() -> None:
    now = timezone.now()
    old = now - timedelta(seconds=jobs.sweep_after() + 5)
    stale = now - timedelta(seconds=jobs.stall_after() + 5)
    waiting = ExportJob.objects.create(format="csv", heartbeat_at=old)
    fresh = ExportJob.objects.create(format="csv", heartbeat_at=now)
    stalled = ExportJob.objects.create(format="csv", status="running", heartbeat_at=stale)
    alive = ExportJob.objects.create(format="csv", status="running", heartbeat_at=now)
    finished = ExportJob.objects.create(format="csv", status="done", heartbeat_at=old)
    pending = set(exports.JOBS.pending())
    assert waiting.pk in pending and stalled.pk in pending
    assert not pending & {fresh.pk, alive.pk, finished.pk}


@pytest.fixture
def silent_broker(settings: Any) -> Iterator[None]:
    """A TCP port that accepts connections and never answers: a frozen Redis."""
    server = socket.socket()
    server.bind(("127.0.0.1", 0))
    server.listen(50)
    accepted: list[socket.socket] = []
    stop = threading.Event()

    def accept() -> None:
        server.settimeout(0.2)
        while not stop.is_set():
            try:
                accepted.append(server.accept()[0])
            except OSError:
                continue

    thread = threading.Thread(target=accept, daemon=True)
    thread.start()
    settings.CELERY_TASK_ALWAYS_EAGER = False
    try:
        with broker_at(f"redis://127.0.0.1:{server.getsockname()[1]}/0"):
            yield
    finally:
        stop.set()
        thread.join(2)
        for conn in accepted:
            conn.close()
        server.close()


def test_publish_gives_up_at_the_deadline(silent_broker: None) -> None:
    started = time.monotonic()
    assert publish("factcheck.core.tasks.sweep_jobs", deadline=0.5) is False
    assert time.monotonic() - started < 1.5


@pytest.mark.parametrize("kind", ["export", "import"])
def test_a_job_request_answers_fast_and_stays_queued_when_the_broker_hangs(
    silent_broker: None, client_for: Any, kind: str, django_capture_on_commit_callbacks: Any
) -> None:
    from django.core.files.uploadedfile import SimpleUploadedFile

    client = client_for("editor")
    started = time.monotonic()
    with django_capture_on_commit_callbacks(execute=True):
        if kind == "export":
            response = client.post(
                "/api/export-jobs/", {"format": "csv", "filters": {}}, format="json"
            )
        else:
            upload = SimpleUploadedFile("a.csv", rows_csv(2), content_type="text/csv")
            response = client.post("/api/imports/", {"file": upload})
    took = time.monotonic() - started
    assert response.status_code in (201, 202), response.content
    assert took < 3, took
    model = ExportJob if kind == "export" else ImportJob
    job = model.objects.get(pk=response.json()["id"])
    assert job.status == "queued"
    assert "Waiting for the task queue" in job.error
