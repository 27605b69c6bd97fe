"""Bulk import: the Wikinews CSV as it is, bad rows reported by number while the good
rows import, the API (job + progress), the command (terminal progress), and a real
Celery worker running the job."""

from __future__ import annotations

import csv
import io
import json
import time
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from rest_framework.test import APIClient

from factcheck.articles.bulk import create_job, run_job
from factcheck.articles.models import Article, ImportJob
from tests.conftest import shared_path

pytestmark = pytest.mark.django_db


def csv_bytes(rows: list[dict[str, str]], fields: list[str]) -> bytes:
    out = io.StringIO()
    writer = csv.DictWriter(out, fields)
    writer.writeheader()
    writer.writerows(rows)
    return out.getvalue().encode()


def wikinews_rows(name: str) -> list[dict[str, str]]:
    csv.field_size_limit(1 << 24)
    with shared_path("corpus", "wikinews", name).open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def test_the_wikinews_csv_imports_as_it_is(make_user: Any) -> None:
    path = shared_path("corpus", "wikinews", "wikinews_2019.csv")
    rows = wikinews_rows("wikinews_2019.csv")
    user = make_user("reviewer")
    job = run_job(create_job(path.name, path.read_bytes(), user).pk)
    assert job.status == ImportJob.Status.DONE, job.error
    n = len(rows)
    assert (job.total, job.processed, job.imported, job.errors) == (n, n, n, [])
    first = Article.objects.get(url=rows[0]["url"])
    assert first.title == rows[0]["title"]
    assert first.published_at is not None
    assert first.published_at.date().isoformat() == rows[0]["date"]
    assert first.created_by == user
    # The same file again: every row is recognised, nothing is duplicated.
    again = run_job(create_job(path.name, path.read_bytes(), user).pk)
    assert (again.imported, again.duplicates) == (0, len(rows))
    assert Article.objects.count() == len(rows)


def test_bad_rows_are_reported_while_good_rows_import(settings: Any) -> None:
    settings.FACTCHECK_MAX_ARTICLE_CHARS = 500
    fields = ["title", "text", "html", "url", "published_at", "author"]
    rows = [
        {"title": "Good one", "text": "The first good article."},
        {"title": "Empty", "text": "   "},
        {"title": "Bad date", "text": "A dated article.", "published_at": "not a date"},
        {"title": "Bad url", "text": "An article with a bad URL.", "url": "javascript:alert(1)"},
        {"title": "Too big", "text": "x" * 501},
        {"title": "Duplicate", "text": "The first good article."},
        {"title": "Nothing"},
        {"title": "Fetch refused", "url": "http://127.0.0.1:9/"},
        {"title": "Good two", "html": "<p>The second <b>good</b> one.</p>", "author": "By: A"},
    ]
    job = run_job(create_job("rows.csv", csv_bytes(rows, fields), None).pk)
    assert job.status == ImportJob.Status.DONE
    assert (job.imported, job.duplicates, job.processed) == (2, 1, 9)
    by_row = {e["row"]: (e["field"], e["error"]) for e in job.errors}
    assert sorted(by_row) == [2, 3, 4, 5, 7, 8]
    assert by_row[2][0] == "text" and "empty" in by_row[2][1]
    assert by_row[3] == ("published_at", "'not a date' is not a date.")
    assert by_row[4][0] == "url"
    assert by_row[5][0] == "text" and "limit is 500" in by_row[5][1]
    assert by_row[7][0] == "text" and "no text, html or url" in by_row[7][1]
    assert by_row[8][0] == "url" and "loopback" in by_row[8][1]
    assert set(Article.objects.values_list("title", flat=True)) == {"Good one", "Good two"}


def test_jsonl_rows_and_their_errors() -> None:
    lines = [
        json.dumps({"title": "One", "text": "JSON line one.", "date": "2020-02-03"}),
        "{not json",
        json.dumps(["a", "list"]),
        "",
        json.dumps({"headline": "Two", "body": "JSON line two.", "site": "Wire"}),
        json.dumps({"title": 5, "text": "typed wrong"}),
    ]
    job = run_job(create_job("rows.jsonl", "\n".join(lines).encode(), None).pk)
    assert job.imported == 2
    assert [(e["row"], e["field"]) for e in job.errors] == [(2, "row"), (3, "row"), (5, "title")]
    two = Article.objects.get(title="Two")
    assert (two.text, two.outlet) == ("JSON line two.", "Wire")


@pytest.mark.parametrize(
    ("name", "content", "problem"),
    [
        ("rows.xlsx", b"PK\x03\x04", ".csv or .jsonl"),
        ("rows.csv", b"", "no header row"),
        ("rows.jsonl", b"\n\n", "no rows"),
        ("rows.csv", b"title,outlet\nA,B\n", "text, html or url column"),
        ("rows.csv", b"\x00\xff\x00\xfe\x00\x00\x01", "encoding"),
    ],
)
def test_unusable_files_are_refused_up_front(name: str, content: bytes, problem: str) -> None:
    from rest_framework.exceptions import ValidationError

    with pytest.raises(ValidationError, match=problem):
        create_job(name, content, None)
    assert ImportJob.objects.count() == 0


def test_api_creates_a_job_and_reports_progress(
    reviewer_client: APIClient, settings: Any, django_assert_max_num_queries: Any
) -> None:
    settings.CELERY_TASK_ALWAYS_EAGER = False
    content = csv_bytes(
        [{"title": "T", "text": "Via the API."}, {"title": "E", "text": ""}], ["title", "text"]
    )
    upload = SimpleUploadedFile("api.csv", content, content_type="text/csv")
    response = reviewer_client.post("/api/imports/", {"file": upload})
    assert response.status_code == 202, response.content
    job_id = response.json()["id"]
    assert response.json()["status"] == "queued" and response.json()["total"] == 2
    run_job(job_id)  # what the worker does (a real worker runs it in the next test)
    body = reviewer_client.get(f"/api/imports/{job_id}/").json()
    assert (body["status"], body["processed"], body["imported"], body["percent"]) == (
        "done",
        2,
        1,
        100,
    )
    assert body["errors"] == [{"row": 2, "field": "text", "error": body["errors"][0]["error"]}]
    assert (body["tagged"], body["tagging_failed"]) == (0, 0)  # no worker here
    for _ in range(3):
        create_job("more.csv", content, None)
    with django_assert_max_num_queries(4):
        listing = reviewer_client.get("/api/imports/?status=queued&page_size=2")
    assert listing.json()["count"] == 3 and len(listing.json()["results"]) == 2


def test_api_refuses_bad_files_naming_the_field(reviewer_client: APIClient) -> None:
    upload = SimpleUploadedFile("rows.txt", b"hello", content_type="text/plain")
    response = reviewer_client.post("/api/imports/", {"file": upload})
    assert response.status_code == 400 and "file" in response.json()
    assert reviewer_client.post("/api/imports/", {}).status_code == 400


def test_the_command_shows_progress_and_row_errors(tmp_path: Any, capsys: Any) -> None:
    path = tmp_path / "rows.csv"
    path.write_bytes(
        csv_bytes(
            [{"title": "A", "text": "Command row."}, {"title": "B", "text": ""}], ["title", "text"]
        )
    )
    with pytest.raises(SystemExit) as exit_status:
        call_command("import_articles", str(path))
    assert exit_status.value.code == 1  # a row failed
    out, err = capsys.readouterr()
    assert "[##############################] 2/2 rows" in err
    assert "row 2: text:" in out and "1 imported, 0 duplicates, 1 errors" in out
    assert Article.objects.filter(title="A").exists()


@pytest.mark.integration
def test_a_real_worker_runs_the_wikinews_job(tagging_worker: Any, client_for: Any) -> None:
    client = client_for("reviewer")
    path = shared_path("corpus", "wikinews", "wikinews_2020.csv")
    rows = len(wikinews_rows("wikinews_2020.csv"))
    upload = SimpleUploadedFile(path.name, path.read_bytes(), content_type="text/csv")
    job_id = client.post("/api/imports/", {"file": upload}).json()["id"]
    seen = set()
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline:
        body = client.get(f"/api/imports/{job_id}/").json()
        seen.add((body["processed"], body["tagged"]))
        if body["status"] in ("done", "failed"):
            break
        time.sleep(0.2)
    assert body["status"] == "done", (body, tagging_worker.log()[-2000:])
    assert (body["imported"], body["errors"]) == (rows, [])
    assert Article.objects.filter(import_job_id=job_id).count() == rows
    # Tagging progress: the job counts its articles as the worker tags them.
    while time.monotonic() < deadline and body["tagged"] + body["tagging_failed"] < rows:
        time.sleep(0.05)
        body = client.get(f"/api/imports/{job_id}/").json()
        seen.add((body["processed"], body["tagged"]))
    assert (body["tagged"], body["tagging_failed"]) == (rows, 0)
    assert len(seen) > 2, seen  # progress was visible on the way, not only at the end
