"""Exports carry the record of each source: the stored copy's hash, when it was fetched and
a link to it (CSV, JSON), "accessed on" and the hash in the report, and the editor's
reason when a verdict was approved on unverified evidence."""

from __future__ import annotations

import csv
import io
import json
from typing import Any

import pytest
from rest_framework.test import APIClient

from factcheck.claims.services import add_citation
from factcheck.reports.exporters.claimreview import google_problems
from tests.claims.helpers import claim_in
from tests.factories import verified_capture

pytestmark = pytest.mark.django_db


@pytest.fixture
def cited(make_user: Any, settings: Any) -> Any:
    settings.FACTCHECK_SITE_URL = "https://factcheck.example.org"
    reviewer, editor = make_user("reviewer"), make_user("editor")
    claim = claim_in("draft", reviewer, editor)
    citation = add_citation(
        claim.pk, None, url="https://stats.example.org/may", excerpt="4.3 percent in May"
    )
    capture = verified_capture(citation)
    return claim, capture


def read(response: Any) -> str:
    assert response.status_code == 200
    return b"".join(response.streaming_content).decode()


def test_csv_has_the_hash_time_and_link_of_each_source(
    editor_client: APIClient, cited: Any
) -> None:
    claim, capture = cited
    rows = list(csv.DictReader(io.StringIO(read(editor_client.get("/api/exports/claims.csv")))))
    row = next(r for r in rows if r["claim_id"] == str(claim.pk))
    # One line per citation, in the order of the citations cell: a registry source (no
    # page, nothing captured), then the captured page.
    assert row["evidence_sha256"].split("\n") == ["", capture.snapshot.sha256]
    assert row["evidence_fetched_at"].split("\n")[1] == capture.fetched_at.isoformat()
    link = f"https://factcheck.example.org/captures/{capture.snapshot.sha256}/"
    assert row["evidence_copy"].split("\n") == ["", link]
    assert row["approval_override"] == ""


def test_json_has_a_capture_per_citation(editor_client: APIClient, cited: Any) -> None:
    claim, capture = cited
    lines = read(editor_client.get("/api/exports/claims.json")).splitlines()
    record = next(r for r in map(json.loads, lines) if r["claim_id"] == claim.pk)
    by_url = {c["url"]: c for c in record["citations"]}
    assert by_url[""]["capture"] is None
    assert by_url["https://stats.example.org/may"]["capture"] == {
        "status": "captured",
        "excerpt_found": True,
        "sha256": capture.snapshot.sha256,
        "fetched_at": capture.fetched_at.isoformat(),
        "copy_url": f"https://factcheck.example.org/captures/{capture.snapshot.sha256}/",
    }


def test_the_report_says_when_each_source_was_accessed_and_its_hash(
    editor_client: APIClient, cited: Any
) -> None:
    claim, capture = cited
    html = read(editor_client.get(f"/api/exports/claims.html?article={claim.article_id}"))
    day, time = capture.fetched_at.isoformat()[:10], capture.fetched_at.isoformat()[11:16]
    assert f"Accessed on {day} at {time} UTC · SHA-256 {capture.snapshot.sha256}" in html


def test_claimreview_keeps_its_shape(editor_client: APIClient, make_user: Any) -> None:
    claim = claim_in("published", make_user("reviewer"), make_user("editor"))
    reviews = json.loads(read(editor_client.get("/api/exports/claims.claimreview")))
    mine = next(r for r in reviews if r["url"].endswith(f"/{claim.pk}"))
    assert google_problems(mine) == []
