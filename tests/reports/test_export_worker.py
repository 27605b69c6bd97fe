"""An export job run by a REAL Celery worker process (Redis broker, the test database):
created over the API, progress polled, the file downloaded."""

from __future__ import annotations

import csv
import io
import time
from collections.abc import Callable
from typing import Any

import pytest
from rest_framework.test import APIClient

from tests.claims.helpers import claim_in

pytestmark = pytest.mark.integration


def test_a_real_worker_runs_an_export_job(
    tagging_worker: Any, client_for: Callable[[str | None], APIClient], make_user: Any
) -> None:
    reviewer, editor = make_user("reviewer"), make_user("editor")
    published = [claim_in("published", reviewer, editor) for _ in range(3)]
    claim_in("in_review", reviewer, editor)
    client = client_for("editor")
    created = client.post(
        "/api/export-jobs/", {"format": "csv", "filters": {"status": "published"}}, format="json"
    )
    assert created.status_code == 201, created.content
    assert created.json()["status"] == "queued" and created.json()["total"] == 3
    url = f"/api/export-jobs/{created.json()['id']}/"
    deadline = time.monotonic() + 60
    job = created.json()
    while job["status"] not in ("done", "failed") and time.monotonic() < deadline:
        time.sleep(0.3)
        job = client.get(url).json()
    assert job["status"] == "done", (job, tagging_worker.log()[-2000:])
    assert job["progress"] == 1.0 and job["processed"] == 3
    download = client.get(job["download_url"])
    assert download.status_code == 200
    rows = list(csv.DictReader(io.StringIO(b"".join(download.streaming_content).decode())))
    assert sorted(int(r["claim_id"]) for r in rows) == sorted(c.pk for c in published)
