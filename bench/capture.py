"""Benchmark capturing cited pages, and the citation POST that asks for a capture.

    DATABASE_URL=postgres://... .venv/bin/python bench/capture.py [--runs 20]

Serves on 127.0.0.1 a 1 MB news-like HTML page and a 50-page PDF report (made once with
WeasyPrint), then measures, in the same run:

- capture of each, the whole path the worker runs (run_capture: SSRF-safe fetch, SHA-256,
  storage, text extraction with trafilatura or PDFium, excerpt check), with the bytes made
  unique per run so no run is saved by de-duplication;
- baseline: a plain fetch of the same bytes (urllib, no checks, no storage);
- the citation POST (API client in process, PostgreSQL, the capture enqueued after
  commit on the configured broker; no worker runs, the queue is purged after).

Prints p95 and median of each and the ratio to the baseline. Targets: capture p95 <= 1 s
for each kind; citation POST p95 <= 100 ms.
"""

from __future__ import annotations

import argparse
import io
import os
import statistics
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "factcheck.settings")
os.environ.setdefault("DJANGO_DEBUG", "0")
os.environ["FACTCHECK_URL_FETCH_ALLOW_LOOPBACK"] = "true"  # the pages are served locally
os.environ.setdefault("FACTCHECK_CAPTURE_DIR", tempfile.mkdtemp(prefix="bench-captures-"))

import django

from bench.benchdb import use_bench_database

if os.environ.get("DATABASE_URL", "").startswith(("postgres://", "postgresql://")):
    use_bench_database("capture")
django.setup()

from django.contrib.auth.models import Group  # noqa: E402
from rest_framework.test import APIClient  # noqa: E402

from factcheck.accounts.models import User  # noqa: E402
from factcheck.articles.models import Article  # noqa: E402
from factcheck.claims.models import Claim  # noqa: E402
from factcheck.claims.services import add_citation, create_claim  # noqa: E402
from factcheck.sources.capture import run_capture  # noqa: E402
from factcheck.sources.models import Capture  # noqa: E402
from tests.security.local_http import Handler, local_server  # noqa: E402

PARAGRAPH = (
    "<p>The statistics office said on Friday that the unemployment rate was {n}.{m} percent "
    "in May, up from the month before, while employers added {k},000 jobs across the "
    "country, more than economists had expected in a survey published last week.</p>\n"
)
EXCERPT_HTML = "employers added 272,000 jobs across the country"
EXCERPT_PDF = "The deficit was 5.8 percent of GDP in 2023"


def html_page(size: int = 1_000_000) -> bytes:
    parts = ["<!doctype html><html><head><title>Labour market</title></head><body><article>"]
    n = 0
    while sum(map(len, parts)) < size:
        parts.append(PARAGRAPH.format(n=n % 9, m=n % 7, k=272 if n == 4000 else 100 + n % 800))
        n += 1
    parts.append("</article></body></html>")
    return "".join(parts).encode()


def pdf_report(pages: int = 50) -> bytes:
    from weasyprint import HTML

    body = "".join(
        f"<h2>Section {p}</h2><p>{'Public finances in the year under review. ' * 40}</p>"
        f'<p style="page-break-after: always">Table {p}: receipts and outlays.</p>'
        for p in range(1, pages)
    )
    buffer = io.BytesIO()
    HTML(string=f"<html><body>{body}<p>{EXCERPT_PDF}.</p></body></html>").write_pdf(buffer)
    return buffer.getvalue()


def p95(values: list[float]) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(0.95 * (len(ordered) - 1)))]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--runs", type=int, default=20)
    args = parser.parse_args()

    page, pdf = html_page(), pdf_report()
    serial = iter(range(10**9))

    def unique(body: bytes, comment: bytes) -> bytes:
        return body + comment % next(serial)  # new bytes each run: no de-duplication

    def serve_html(h: Handler) -> None:
        h.reply(unique(page, b"<!-- %d -->"))

    def serve_pdf(h: Handler) -> None:
        h.reply(unique(pdf, b"\n%% run %d\n"), "application/pdf")

    user, _ = User.objects.get_or_create(username="bench-capture")
    user.groups.add(Group.objects.get_or_create(name="reviewer")[0])
    article, _ = Article.objects.get_or_create(
        title="Bench capture", defaults={"text": "Unemployment rose to 4.3 percent in May."}
    )
    claim = Claim.objects.filter(article=article).first() or create_claim(article, 0, 12, user)
    times: dict[str, list[float]] = {"html": [], "pdf": [], "baseline_html": [], "post": []}
    with local_server({"/page": serve_html, "/report.pdf": serve_pdf}) as server:
        for kind, path, excerpt in (
            ("html", "/page", EXCERPT_HTML),
            ("pdf", "/report.pdf", EXCERPT_PDF),
        ):
            for run in range(args.runs + 1):  # the first is a warm-up
                citation = add_citation(claim.pk, None, url=server.base + path, excerpt=excerpt)
                capture = Capture.objects.get(citation=citation)
                started = time.perf_counter()
                done = run_capture(capture.pk)
                elapsed = time.perf_counter() - started
                assert done is not None and done.status == "captured", done and done.error
                assert done.excerpt_found, f"{kind}: excerpt not found"
                if run:
                    times[kind].append(elapsed)
        for run in range(args.runs + 1):
            started = time.perf_counter()
            with urllib.request.urlopen(server.base + "/page") as response:
                response.read()
            if run:
                times["baseline_html"].append(time.perf_counter() - started)

        api = APIClient()
        api.force_authenticate(user)
        for run in range(args.runs + 1):
            started = time.perf_counter()
            response = api.post(
                "/api/citations/",
                {"claim": claim.pk, "url": f"{server.base}/page?{run}", "excerpt": EXCERPT_HTML},
                format="json",
            )
            elapsed = time.perf_counter() - started
            assert response.status_code == 201, response.content
            if run:
                times["post"].append(elapsed)
    _purge_queue()

    base = statistics.median(times["baseline_html"])
    print(f"pages: HTML {len(page) / 1e6:.2f} MB, PDF {len(pdf) / 1e6:.2f} MB (50 pages)")
    for kind in ("html", "pdf", "post", "baseline_html"):
        values = times[kind]
        print(
            f"  {kind:14} median {statistics.median(values) * 1000:8.1f} ms   "
            f"p95 {p95(values) * 1000:8.1f} ms   x{statistics.median(values) / base:.1f} baseline"
        )
    print(f"FIGURE capture_1mb_html_p95_ms {p95(times['html']) * 1000:.1f} ms target=<=1000")
    print(f"FIGURE capture_50_page_pdf_p95_ms {p95(times['pdf']) * 1000:.1f} ms target=<=1000")
    print(f"FIGURE citation_post_p95_ms {p95(times['post']) * 1000:.1f} ms target=<=100")
    print(f"FIGURE capture_fetch_baseline_ms {base * 1000:.1f} ms target=none")
    return 0


def _purge_queue() -> None:
    """The POSTs enqueued captures no worker will run here."""
    from factcheck.celery import app

    try:
        app.control.purge()
    except Exception as error:  # the broker is away: nothing was queued
        print(f"(queue not purged: {error})")


if __name__ == "__main__":
    sys.exit(main())
