"""Capturing cited pages, for real: pages served on 127.0.0.1, fetched through the
SSRF-safe fetcher, stored by SHA-256, their text extracted and the excerpt checked."""

from __future__ import annotations

import hashlib
from pathlib import Path
from typing import Any

import pytest
from django.test import Client
from rest_framework.test import APIClient

from factcheck.claims.models import Citation, ClaimStatus
from factcheck.claims.services import add_citation, update_citation
from factcheck.sources.capture import run_capture
from factcheck.sources.models import Capture, CaptureStatus, Snapshot
from tests.factories import ClaimFactory

from .conftest import STATS_PAGE

pytestmark = pytest.mark.django_db


def cite(url: str, excerpt: str = "", **fields: Any) -> Citation:
    claim = fields.pop("claim", None) or ClaimFactory()
    return add_citation(claim.pk, None, url=url, excerpt=excerpt, stance="supports", **fields)


def captured(citation: Citation) -> Capture:
    capture = run_capture(Capture.objects.get(citation=citation).pk)
    assert capture is not None
    return capture


def test_an_html_page_is_stored_by_its_hash_and_the_excerpt_found(
    cited_pages: Any, capture_store: Path
) -> None:
    # Curly quotes, a dash and a line break in the excerpt: the page has straight ones.
    excerpt = "The unemployment rate was 4.3\n percent in May, up from 4.2 percent in April"
    citation = cite(f"{cited_pages.base}/stats", excerpt)
    assert Capture.objects.get(citation=citation).status == CaptureStatus.PENDING
    capture = captured(citation)
    body = STATS_PAGE.encode()
    assert capture.status == CaptureStatus.CAPTURED, capture.error
    assert capture.snapshot is not None
    assert capture.snapshot.sha256 == hashlib.sha256(body).hexdigest()
    assert (capture_store / capture.snapshot.storage_name).read_bytes() == body
    assert capture.snapshot.content_type == "text/html"
    assert (capture.http_status, capture.final_url) == (200, f"{cited_pages.base}/stats")
    assert capture.fetched_at is not None
    assert (capture.excerpt_found, capture.excerpt_score) == (True, 100.0)


@pytest.mark.parametrize(
    ("excerpt", "found"),
    [
        ("Employers added 272,000 jobs, more than economists had expected - the strongest", True),
        ("“Employers added 272,000 jobs, more than economists had expected”", True),
        ("Youth unemployment 8.1 percent", True),  # in a table: checked on the whole page
        ("Employers added 272,000 jobs, more than economist expected", True),  # a slip
        ("Employers added 927,000 jobs, the strongest month since records began", False),
        ("The unemployment rate fell to a record low", False),
    ],
)
def test_the_excerpt_is_checked_against_the_page(
    cited_pages: Any, excerpt: str, found: bool
) -> None:
    capture = captured(cite(f"{cited_pages.base}/stats", excerpt))
    assert capture.excerpt_found is found, capture.excerpt_score


def test_a_pdf_is_captured_and_its_text_checked(cited_pages: Any) -> None:
    capture = captured(cite(f"{cited_pages.base}/report.pdf", "The deficit was 5.8 percent of GDP"))
    assert capture.status == CaptureStatus.CAPTURED, capture.error
    assert capture.snapshot is not None and capture.snapshot.content_type == "application/pdf"
    assert "5.8 percent" in capture.snapshot.text
    assert capture.excerpt_found is True


@pytest.mark.parametrize(
    ("path", "reason", "http_status"),
    [("/gone", "HTTP 404", 404), ("/image", "image/png", 200)],
)
def test_a_page_that_cannot_be_captured_fails_with_the_reason(
    cited_pages: Any, path: str, reason: str, http_status: int
) -> None:
    capture = captured(cite(f"{cited_pages.base}{path}", "anything"))
    assert capture.status == CaptureStatus.FAILED
    assert reason in capture.error
    assert capture.http_status == http_status
    assert capture.snapshot is None and capture.excerpt_found is None


def test_private_addresses_are_never_fetched(settings: Any) -> None:
    settings.FACTCHECK_URL_FETCH_ALLOW_LOOPBACK = False
    capture = captured(cite("http://127.0.0.1:9/secret", "x"))
    assert capture.status == CaptureStatus.FAILED
    assert "loopback" in capture.error


def test_the_same_bytes_are_stored_once(cited_pages: Any) -> None:
    first = captured(cite(f"{cited_pages.base}/stats", "4.3 percent"))
    second = captured(cite(f"{cited_pages.base}/stats?utm=x", "272,000 jobs"))
    assert first.snapshot_id == second.snapshot_id
    assert Snapshot.objects.count() == 1


def test_a_redelivered_task_leaves_a_finished_capture_alone(cited_pages: Any) -> None:
    capture = captured(cite(f"{cited_pages.base}/stats", "4.3 percent"))
    again = run_capture(capture.pk)
    assert again is not None
    assert (again.fetched_at, again.attempts) == (capture.fetched_at, 1)


def test_changing_the_excerpt_checks_it_again(cited_pages: Any) -> None:
    citation = cite(f"{cited_pages.base}/stats", "4.3 percent")
    assert captured(citation).excerpt_found is True
    update_citation(citation.pk, None, excerpt="a sentence that is not there at all")
    capture = Capture.objects.get(citation=citation)
    assert (capture.status, capture.excerpt_found) == (CaptureStatus.PENDING, None)
    assert captured(citation).excerpt_found is False


def test_a_citation_without_url_has_nothing_to_capture() -> None:
    from tests.factories import SourceFactory

    citation = cite("", source=SourceFactory(), locator="Table 2")
    assert not Capture.objects.filter(citation=citation).exists()


def test_the_api_shows_the_capture_and_a_link_to_the_excerpt(
    cited_pages: Any, reviewer_client: APIClient
) -> None:
    claim = ClaimFactory()
    response = reviewer_client.post(
        "/api/citations/",
        {
            "claim": claim.pk,
            "url": f"{cited_pages.base}/stats",
            "excerpt": "Employers added 272,000 jobs, more than economists had expected",
            "stance": "supports",
        },
        format="json",
    )
    assert response.status_code == 201, response.content
    body = response.json()
    assert body["capture"]["status"] == "pending"
    assert body["excerpt_link"] == (
        f"{cited_pages.base}/stats#:~:text=Employers%20added%20272%2C000%20jobs%2C%20more"
        "%20than%20economists%20had%20expected"
    )
    captured(Citation.objects.get(pk=body["id"]))
    capture = reviewer_client.get(f"/api/citations/{body['id']}/").json()["capture"]
    assert set(capture) >= {
        "status",
        "error",
        "sha256",
        "content_type",
        "final_url",
        "fetched_at",
        "excerpt_found",
        "view_url",
    }
    sha = hashlib.sha256(STATS_PAGE.encode()).hexdigest()
    assert capture["status"] == "captured" and capture["sha256"] == sha
    assert capture["excerpt_found"] is True
    assert capture["view_url"] == f"/captures/{sha}/"


def test_recapture_on_request(cited_pages: Any, reviewer_client: APIClient) -> None:
    citation = cite(f"{cited_pages.base}/stats", "4.3 percent")
    first = captured(citation)
    response = reviewer_client.post(f"/api/citations/{citation.pk}/recapture/")
    assert response.status_code == 202
    assert response.json()["capture"]["status"] == "pending"
    second = captured(citation)
    assert second.status == CaptureStatus.CAPTURED and second.fetched_at > first.fetched_at


def test_the_stored_copy_opens_sanitised_in_a_sandbox(
    cited_pages: Any, make_user: Any, client: Client
) -> None:
    capture = captured(cite(f"{cited_pages.base}/stats", "4.3 percent"))
    assert capture.snapshot is not None
    url = f"/captures/{capture.snapshot.sha256}/"
    anonymous = client.get(url)
    assert anonymous.status_code == 403 and "Sign in" in anonymous.json()["detail"]
    client.force_login(make_user("reviewer"))
    response = client.get(url)
    assert response.status_code == 200
    html = response.content.decode()
    assert "272,000 jobs" in html
    assert "<script" not in html and "onclick" not in html
    csp = response["Content-Security-Policy"]
    assert csp.startswith("sandbox;") and "default-src 'none'" in csp
    assert response["X-Content-Type-Options"] == "nosniff"
    assert client.get(f"/captures/{'0' * 64}/").status_code == 404


def test_a_pdf_copy_opens_inline(cited_pages: Any, make_user: Any, client: Client) -> None:
    capture = captured(cite(f"{cited_pages.base}/report.pdf", "5.8 percent"))
    assert capture.snapshot is not None
    client.force_login(make_user("reviewer"))
    response = client.get(f"/captures/{capture.snapshot.sha256}/")
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"].startswith("inline")
    assert response.content.startswith(b"%PDF")


def test_readers_see_the_copies_a_published_fact_check_cites(
    cited_pages: Any, client: Client
) -> None:
    citation = cite(f"{cited_pages.base}/stats", "4.3 percent")
    capture = captured(citation)
    assert capture.snapshot is not None
    url = f"/captures/{capture.snapshot.sha256}/"
    assert client.get(url).status_code == 403
    type(citation.claim).objects.filter(pk=citation.claim_id).update(status=ClaimStatus.PUBLISHED)
    assert client.get(url).status_code == 200


def test_a_damaged_pdf_is_kept_with_no_text(cited_pages: Any) -> None:
    capture = captured(cite(f"{cited_pages.base}/pdf", "anything"))
    assert capture.status == CaptureStatus.CAPTURED  # the bytes are the evidence
    assert capture.snapshot is not None and capture.snapshot.text == ""
    assert capture.excerpt_found is False


def test_the_citation_list_has_a_fixed_query_count(
    cited_pages: Any, reviewer_client: APIClient, django_assert_max_num_queries: Any
) -> None:
    claim = ClaimFactory()
    for n in range(12):
        citation = cite(f"{cited_pages.base}/stats?{n}", "4.3 percent", claim=claim)
        if n % 2:
            captured(citation)
    reviewer_client.get(f"/api/citations/?claim={claim.pk}")  # warm the user's role cache
    with django_assert_max_num_queries(4):
        response = reviewer_client.get(f"/api/citations/?claim={claim.pk}&page_size=100")
    assert response.json()["count"] == 12


def test_the_sweeper_enqueues_captures_left_pending(redis_url: str, settings: Any) -> None:
    from datetime import timedelta

    from django.utils import timezone

    from factcheck.core.jobs import sweepers
    from factcheck.sources.capture import sweep_captures

    assert sweepers()["captures"] is sweep_captures  # registered with the beat sweep
    old = Capture.objects.get(citation=cite("https://stats.example.org/a", "x"))
    fresh = Capture.objects.get(citation=cite("https://stats.example.org/b", "x"))
    Capture.objects.filter(pk=old.pk).update(requested_at=timezone.now() - timedelta(hours=1))
    assert sweep_captures() == 1  # the fresh one may still be on its way
    Capture.objects.filter(pk=fresh.pk).update(status=CaptureStatus.FAILED)
    Capture.objects.filter(pk=old.pk).update(status=CaptureStatus.CAPTURED)
    assert sweep_captures() == 0
