"""Capture of cited pages: every cited URL is fetched (through the SSRF-safe fetcher),
its bytes kept once by SHA-256, its text extracted, and the citation's excerpt checked
against that text. The record then shows what the source said when it was cited."""

from __future__ import annotations

import hashlib
import logging
from datetime import timedelta
from typing import TYPE_CHECKING, Any

from django.conf import settings
from django.core.files.base import ContentFile
from django.core.files.storage import Storage, storages
from django.db import IntegrityError, transaction
from django.utils import timezone

from factcheck.articles.fetch import FetchError, fetch_url
from factcheck.core.enqueue import enqueue_on_commit, publish
from factcheck.core.jobs import sweep_after

from .excerpts import find_excerpt
from .models import Capture, CaptureStatus, Snapshot

if TYPE_CHECKING:
    from factcheck.claims.models import Citation

log = logging.getLogger(__name__)

PDF = "application/pdf"
CAPTURE_TYPES = ("text/html", "application/xhtml+xml", "text/plain", PDF)


def capture_storage() -> Storage:
    """Where snapshot bytes live: FACTCHECK_VAR_DIR/captures, or a bucket (STORAGES)."""
    return storages["captures"]


def request_capture(citation: Citation) -> Capture | None:
    """(Re)capture the citation's URL after commit. A citation without a URL has nothing to
    capture. The previous copy stays viewable until the new one is in."""
    if not citation.url:
        Capture.objects.filter(citation=citation).delete()
        return None
    capture, _ = Capture.objects.update_or_create(
        citation=citation,
        defaults={
            "url": citation.url,
            "excerpt": citation.excerpt,
            "status": CaptureStatus.PENDING,
            "error": "",
            "excerpt_found": None,
            "excerpt_score": None,
            "requested_at": timezone.now(),
        },
    )
    # After commit, with a deadline: a stalled broker never holds the request, and the
    # capture stays pending for the sweeper (sweep_captures).
    enqueue_on_commit(CAPTURE_TASK, capture.pk)
    return capture


CAPTURE_TASK = "factcheck.sources.tasks.capture_citation"


def sweep_captures() -> int:
    """Enqueue again the captures left pending for longer than the sweep delay (the broker
    never took them, or their worker died); a duplicate delivery finds them done."""
    cutoff = timezone.now() - timedelta(seconds=sweep_after())
    stale = list(
        Capture.objects.filter(status=CaptureStatus.PENDING, requested_at__lt=cutoff)
        .order_by("requested_at")
        .values_list("pk", flat=True)[:500]
    )
    for capture_id in stale:
        if not publish(CAPTURE_TASK, (capture_id,)):
            break  # the broker is still away; the next sweep tries again
    return len(stale)


def recapture(citation: Citation) -> Capture | None:
    """A fresh capture on request (the page changed, or the last try failed)."""
    with transaction.atomic():
        return request_capture(citation)


def run_capture(capture_id: int) -> Capture | None:
    """Fetch, store and verify one pending capture. Idempotent: a capture that is no longer
    pending (done, or a redelivered task) is left alone, and a result is saved only if the
    citation did not change meanwhile (its request time is the same)."""
    capture = Capture.objects.filter(pk=capture_id).first()
    if capture is None or capture.status != CaptureStatus.PENDING:
        return capture
    requested_at = capture.requested_at
    result: dict[str, Any] = {"attempts": capture.attempts + 1, "fetched_at": timezone.now()}
    try:
        fetched = fetch_url(
            capture.url, max_bytes=settings.FACTCHECK_CAPTURE_MAX_BYTES, accept=CAPTURE_TYPES
        )
    except FetchError as error:
        result.update(status=CaptureStatus.FAILED, error=str(error), http_status=error.http)
    else:
        snapshot = store_snapshot(fetched.body, fetched.content_type, fetched.charset)
        found, score = find_excerpt(capture.excerpt, snapshot.text)
        if found is False and snapshot.content_type != PDF:
            # Not in the main text: the excerpt may be from a table, a caption, a box.
            found, score = _find_in_whole_page(capture.excerpt, fetched.body, fetched.charset)
        result.update(
            status=CaptureStatus.CAPTURED,
            error="",
            snapshot=snapshot,
            final_url=fetched.url,
            http_status=fetched.status,
            excerpt_found=found,
            excerpt_score=score,
        )
    Capture.objects.filter(pk=capture_id, requested_at=requested_at).update(**result)
    capture.refresh_from_db()
    if settings.FACTCHECK_ARCHIVE_WAYBACK and capture.status == CaptureStatus.CAPTURED:
        _ask_wayback(capture)
    return capture


def store_snapshot(body: bytes, content_type: str, charset: str | None) -> Snapshot:
    """The snapshot of these bytes: stored once, however many citations point at them."""
    digest = hashlib.sha256(body).hexdigest()
    existing = Snapshot.objects.filter(sha256=digest).first()
    if existing is not None:
        return existing
    storage = capture_storage()
    name = f"{digest[:2]}/{digest}"
    if not storage.exists(name):
        name = storage.save(name, ContentFile(body))
    text = extract_text(body, content_type, charset)
    try:
        with transaction.atomic():
            return Snapshot.objects.create(
                sha256=digest,
                content_type=content_type,
                size=len(body),
                storage_name=name,
                text=text,
            )
    except IntegrityError:  # another worker stored the same bytes just now
        return Snapshot.objects.get(sha256=digest)


def read_snapshot(snapshot: Snapshot) -> bytes:
    with capture_storage().open(snapshot.storage_name, "rb") as handle:
        return bytes(handle.read())


def extract_text(body: bytes, content_type: str, charset: str | None) -> str:
    """The readable text of a page: PDFium for PDFs, trafilatura's main text for HTML (the
    whole page's text when it finds no main text), the decoded body for plain text."""
    if content_type == PDF:
        return _pdf_text(body)
    text = decode_page(body, charset)
    if content_type == "text/plain":
        return text
    import trafilatura

    main = trafilatura.extract(text, include_tables=True, include_comments=False, fast=True)
    return main or trafilatura.html2txt(text) or ""


def _find_in_whole_page(
    excerpt: str, body: bytes, charset: str | None
) -> tuple[bool | None, float | None]:
    import trafilatura

    return find_excerpt(excerpt, trafilatura.html2txt(decode_page(body, charset)) or "")


def _pdf_text(body: bytes) -> str:
    """PDFium's text of every page: ~1 ms a page, where pypdf took ~20 (a 50-page report
    in 40 ms against 1 s of CPU), which kept a capture inside its second."""
    import pypdfium2

    try:
        document = pypdfium2.PdfDocument(body)
    except pypdfium2.PdfiumError as error:
        # A damaged PDF is still kept (the bytes are the evidence); it has no text to check.
        log.warning("No text from a PDF: %s", error)
        return ""
    try:
        return "\n".join(page.get_textpage().get_text_range() for page in document)
    finally:
        document.close()


def decode_page(body: bytes, charset: str | None) -> str:
    from rest_framework.exceptions import ValidationError

    from factcheck.articles.decode import decode_bytes

    try:
        return decode_bytes(body, charset)
    except ValidationError:
        return body.decode("utf-8", errors="replace")


def _ask_wayback(capture: Capture) -> None:
    """Ask the Internet Archive to save the page too (FACTCHECK_ARCHIVE_WAYBACK; off by
    default). Best effort: our own copy is the record."""
    try:
        fetched = fetch_url(f"https://web.archive.org/save/{capture.url}", max_bytes=1_000_000)
    except FetchError as error:
        log.info("The Internet Archive did not save %s: %s", capture.url, error)
        return
    Capture.objects.filter(pk=capture.pk).update(archive_url=fetched.url)
