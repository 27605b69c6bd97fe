"""Pages to cite, served for real on 127.0.0.1, and a capture store of the test's own."""

from __future__ import annotations

import io
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from tests.security.local_http import Handler, local_server

STATS_PAGE = """<!doctype html><html><head><title>Labour market, May 2024</title>
<script>window.tracker = 1</script></head><body>
<nav>Home | Statistics | About us</nav>
<article><h1>Labour market overview: May 2024</h1>
<p>The unemployment rate was 4.3 percent in May, up from 4.2 percent in April, the
statistics office said on Friday.</p>
<p>Employers added 272,000 jobs, more than economists had expected — the strongest month
since January.</p>
<table><tr><td>Youth unemployment</td><td>8.1 percent</td></tr></table>
<p onclick="alert(1)">Average hourly earnings rose by 0.4 percent.</p>
</article><footer>© Statistics Office</footer></body></html>"""


def pdf_bytes(pages: int = 2, words: str = "The deficit was 5.8 percent of GDP in 2023.") -> bytes:
    """A real PDF made by WeasyPrint: `pages` pages, `words` on the last one."""
    from weasyprint import HTML

    body = "".join(
        f'<p style="page-break-after: always">Page {n} of the annual report, section {n}.</p>'
        for n in range(1, pages)
    )
    buffer = io.BytesIO()
    HTML(string=f"<html><body>{body}<p>{words}</p></body></html>").write_pdf(buffer)
    return buffer.getvalue()


def _stats(h: Handler) -> None:
    h.reply(STATS_PAGE.encode())


def _report_pdf(h: Handler) -> None:
    h.reply(pdf_bytes(), "application/pdf")


def _gone(h: Handler) -> None:
    h.send_error(404)


def _image(h: Handler) -> None:
    h.reply(b"\x89PNG\r\n", "image/png")


PAGES = {
    "/stats": _stats,
    "/report.pdf": _report_pdf,
    "/gone": _gone,
    "/image": _image,
}


@pytest.fixture
def cited_pages(settings: Any) -> Iterator[Any]:
    """A local web server with pages to cite; fetching from loopback allowed for it."""
    settings.FACTCHECK_URL_FETCH_ALLOW_LOOPBACK = True
    with local_server(PAGES) as server:
        yield server


@pytest.fixture(autouse=True)
def capture_store(settings: Any, tmp_path: Path) -> Path:
    """Each test keeps its captured bytes in its own folder."""
    folder = tmp_path / "captures"
    settings.FACTCHECK_CAPTURE_DIR = str(folder)
    settings.STORAGES = {
        **settings.STORAGES,
        "captures": {
            "BACKEND": "django.core.files.storage.FileSystemStorage",
            "OPTIONS": {"location": str(folder)},
        },
    }
    return folder


def capture_worker_for(tmp_path: Path, settings: Any) -> Any:
    """A REAL Celery worker (not started) that may fetch from 127.0.0.1 and stores its
    captures where this process (and its live server) reads them."""
    from tests.integration.processes import CeleryWorker

    store = tmp_path / "captures"
    settings.STORAGES = {
        **settings.STORAGES,
        "captures": {
            "BACKEND": "django.core.files.storage.FileSystemStorage",
            "OPTIONS": {"location": str(store)},
        },
    }
    return CeleryWorker(
        tmp_path / "worker.log",
        FACTCHECK_URL_FETCH_ALLOW_LOOPBACK="true",
        FACTCHECK_CAPTURE_DIR=str(store),
    )
