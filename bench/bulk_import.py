"""Benchmark a bulk import: a CSV of 10,000 articles posted to /api/imports/, imported by
a real Celery worker and pre-tagged, with PostgreSQL and Redis, 2 worker processes.

    .venv/bin/python bench/bulk_import.py [--articles 10000] [--runs 3]

Uses its own database (<DATABASE_URL's name>_bench_bulk, created and migrated here) and
Redis database 3 of REDIS_URL's server (its queue is purged). The file is built from the
Wikinews corpus (../shared/corpus/wikinews/*.csv, cycled with an edition line so every
text is new). Each run deletes the articles, posts the file as a user would (the API
returns a job), then follows the job's progress through the API every 0.25 s, printing
it every 10 s, and times from the POST until the job is done and every article it
imported is tagged. Target: <= 120 s for 10,000.

Baseline, same run: reading the file's rows (csv parsing) alone, the floor any import
pays. Also printed: when the rows were all imported (the rest is tagging catching up).
"""

from __future__ import annotations

import argparse
import csv
import io
import os
import statistics
import sys
import time
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from bench.benchdb import bench_database_url, prepare_database  # noqa: E402
from bench.pipeline import load_texts, start_worker, stop_worker  # noqa: E402

TARGET_S = 120.0
PROGRESS_EVERY_S = 10.0


def build_csv(texts: list[str]) -> bytes:
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(["title", "date", "text"])
    for i, text in enumerate(texts):
        writer.writerow([f"Bulk {i}", f"20{i % 25:02d}-0{1 + i % 9}-1{i % 10}", text])
    return out.getvalue().encode()


def reset() -> None:
    from factcheck.articles.models import Article, ImportJob

    Article.objects.all().delete()
    ImportJob.objects.all().delete()


def parse_baseline(content: bytes) -> float:
    """Seconds to read every row of the file (what create_job does to count them)."""
    from factcheck.articles.bulk import read_rows

    started = time.perf_counter()
    rows = sum(1 for _ in read_rows("bench.csv", content))
    assert rows > 0
    return time.perf_counter() - started


def bulk_run(content: bytes, n: int) -> tuple[float, float]:
    """(seconds to all imported, seconds to all tagged), from the POST."""
    from django.core.files.uploadedfile import SimpleUploadedFile
    from django.test import Client

    from factcheck.accounts.models import User

    reset()
    user, _ = User.objects.get_or_create(username="bench-bulk", defaults={"is_superuser": True})
    client = Client()
    client.force_login(user)
    started = time.perf_counter()
    upload = SimpleUploadedFile("bench.csv", content, content_type="text/csv")
    response = client.post("/api/imports/", {"file": upload})
    assert response.status_code == 202, response.content[:500]
    job_id = response.json()["id"]
    imported_at = None
    shown = started
    while True:
        job = client.get(f"/api/imports/{job_id}/").json()
        now = time.perf_counter()
        if job["status"] == "failed":
            sys.exit(f"the import job failed: {job['error']}")
        if imported_at is None and job["status"] == "done":
            imported_at = now - started
        finished = job["tagged"] + job["tagging_failed"]
        if now - shown >= PROGRESS_EVERY_S:
            shown = now
            print(
                f"  {now - started:5.1f} s: {job['processed']:,}/{job['total']:,} rows imported "
                f"({job['percent']}%), {finished:,}/{job['imported']:,} tagged",
                flush=True,
            )
        if imported_at is not None and finished >= job["imported"]:
            break
        time.sleep(0.25)
    assert job["imported"] == n and not job["errors"], (job["imported"], job["errors"][:3])
    assert job["tagging_failed"] == 0, f"{job['tagging_failed']} articles failed tagging"
    return imported_at, time.perf_counter() - started


def redis_db(url: str, number: int) -> str:
    parts = urlsplit(url)
    return urlunsplit(parts._replace(path=f"/{number}"))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--articles", type=int, default=10_000)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--concurrency", type=int, default=2)
    args = parser.parse_args()

    url = bench_database_url("bulk")
    os.environ["DATABASE_URL"] = url
    os.environ["REDIS_URL"] = redis_db(os.environ.get("REDIS_URL", "redis://127.0.0.1:6379/0"), 3)
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "factcheck.settings")
    os.environ["FACTCHECK_LOG_LEVEL"] = "WARNING"
    os.environ.pop("FACTCHECK_TASKS_EAGER", None)
    prepare_database(url)
    import django

    django.setup()
    from django.conf import settings

    if settings.BROKER_KIND != "redis":
        sys.exit("bench/bulk_import.py needs Redis: set REDIS_URL")
    texts = load_texts(args.articles)
    content = build_csv(texts)
    n = len(texts)
    print(
        f"{n:,} articles in one CSV ({len(content) / 1e6:.1f} MB), {args.runs} runs, db {url}, "
        f"broker {settings.CELERY_BROKER_URL}, worker with {args.concurrency} processes, "
        f"{os.cpu_count()} CPUs"
    )
    log = Path(settings.VAR_DIR) / "bench-bulk-worker.log"
    worker = start_worker(args.concurrency, 1, log)
    imported: list[float] = []
    tagged: list[float] = []
    baseline: list[float] = []
    try:
        for run in range(args.runs):
            baseline.append(parse_baseline(content))
            all_imported, all_tagged = bulk_run(content, n)
            imported.append(all_imported)
            tagged.append(all_tagged)
            print(
                f"run {run + 1}: all rows imported after {all_imported:.1f} s, all tagged after "
                f"{all_tagged:.1f} s ({n / all_tagged:.0f} articles/s); reading the rows alone "
                f"{baseline[-1]:.2f} s (load average {os.getloadavg()[0]:.1f})",
                flush=True,
            )
    finally:
        stop_worker(worker)
        reset()
    med = statistics.median
    total = med(tagged)
    print(
        f"median of {args.runs}: bulk import and tag {n:,} articles {total:.1f} s "
        f"(rows imported after {med(imported):.1f} s; x{total / med(baseline):.0f} the "
        f"{med(baseline):.2f} s of reading the rows). Target <= {TARGET_S:.0f} s for 10,000: "
        f"{'met' if total * 10_000 / n <= TARGET_S else 'MISSED'}"
    )
    if n == 10_000:
        print(f"FIGURE bulk_import_10k_s {total:.1f} s target=<={TARGET_S:.0f}")
    print(f"FIGURE bulk_import_rate {n / total:.1f} articles/s target=none")


if __name__ == "__main__":
    main()
