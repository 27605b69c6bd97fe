"""The PDF report (rendered to PNG with pdftoppm), export jobs (service, API and a real
Celery worker) and the export_verdicts command."""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path
from typing import Any

import pytest
from django.core.management import CommandError, call_command
from rest_framework.test import APIClient

from factcheck.claims.models import Claim
from factcheck.reports import services
from factcheck.reports.models import ExportJob
from tests.conftest import REPO, require

pytestmark = pytest.mark.django_db


def test_pdf_report_renders_and_its_first_page_is_saved(
    editor_client: APIClient, published: list[Claim], tmp_path: Path
) -> None:
    response = editor_client.get("/api/exports/claims.pdf")
    assert response.status_code == 200
    pdf = b"".join(response.streaming_content)
    assert pdf.startswith(b"%PDF-")
    require(shutil.which("pdftoppm") is not None, "pdftoppm (poppler-utils) is not installed")
    (tmp_path / "report.pdf").write_bytes(pdf)
    subprocess.run(
        [
            "pdftoppm",
            "-png",
            "-r",
            "80",
            "-f",
            "1",
            "-l",
            "1",
            "-singlefile",
            str(tmp_path / "report.pdf"),
            str(tmp_path / "page1"),
        ],
        check=True,
    )
    png = (tmp_path / "page1.png").read_bytes()
    assert png.startswith(b"\x89PNG") and len(png) > 10_000
    # The latest rendering, for a person to look at (docs/screenshots has the README's).
    out = REPO / "var" / "screenshots"
    out.mkdir(parents=True, exist_ok=True)
    (out / "report-page1.png").write_bytes(png)


def test_job_runs_to_a_file_with_progress(make_user: Any, published: list[Claim]) -> None:
    editor = make_user("editor")
    job = ExportJob.objects.create(format="claimreview", filters={}, created_by=editor)
    done = services.run_job(job.pk)
    assert done.status == "done"
    assert (done.total, done.processed) == (3, 3)
    reviews = json.loads(Path(done.file.path).read_bytes())
    assert len(reviews) == 3


def test_job_api_creates_reports_and_downloads(
    editor_client: APIClient, published: list[Claim]
) -> None:
    created = editor_client.post(
        "/api/export-jobs/",
        {"format": "csv", "filters": {"status": "published"}},
        format="json",
    )
    assert created.status_code == 201, created.content
    assert created.json()["status"] == "queued"
    assert created.json()["download_url"] is None
    # What the worker does (test_export_worker.py runs a real one).
    services.run_job(created.json()["id"])
    job = editor_client.get(f"/api/export-jobs/{created.json()['id']}/").json()
    assert job["status"] == "done" and job["progress"] == 1.0
    download = editor_client.get(job["download_url"])
    assert download.status_code == 200
    text = b"".join(download.streaming_content).decode()
    assert text.count("\n") == 4  # header + 3 published claims
    listing = editor_client.get("/api/export-jobs/").json()
    assert listing["count"] == 1 and listing["results"][0]["format"] == "csv"
    bad = editor_client.post(
        "/api/export-jobs/", {"format": "csv", "filters": {"verdict_typo": "x"}}, format="json"
    )
    assert bad.status_code == 400 and "verdict_typo" in bad.json()
    assert (
        editor_client.post("/api/export-jobs/", {"format": "xls"}, format="json").status_code == 400
    )


def test_command_writes_the_file_with_a_progress_line(
    published: list[Claim], tmp_path: Path, capsys: Any
) -> None:
    out = tmp_path / "claims.jsonld"
    call_command("export_verdicts", "--format", "claimreview", "-o", str(out))
    assert len(json.loads(out.read_text())) == 3
    err = capsys.readouterr().err
    assert "exported 3/3 (100%)" in err and "3 claims" in err
    out_csv = tmp_path / "drafts.csv"
    call_command("export_verdicts", "--format", "csv", "--state", "draft", "-o", str(out_csv))
    assert out_csv.read_text().count("\n") == 2
    with pytest.raises(CommandError, match="status"):
        call_command("export_verdicts", "--format", "csv", "--status", "nope", "-o", str(out_csv))
