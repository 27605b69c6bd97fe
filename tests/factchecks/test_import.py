"""Importing fact-checks: every shape, bad rows reported by number and field, nothing
lost, de-duplicated by URL; through the service, the command and the API."""

from __future__ import annotations

import io
import json
from collections.abc import Callable
from pathlib import Path

import pytest
from django.core.management import call_command
from rest_framework.test import APIClient

from factcheck.factchecks import claimreview, imports
from factcheck.factchecks.claimreview import RowError
from factcheck.factchecks.models import FactCheck, FactCheckImportJob, MatchStats, MatchTerm
from tests.factchecks.helpers import review

pytestmark = pytest.mark.django_db

A = review("https://other.example/a", "The moon is made of cheese.")
B = review("https://other.example/b", "Vaccines contain microchips.", rating="Pants on fire")


def run(name: str, content: bytes) -> dict:
    return imports.import_rows(claimreview.read(name, content))


def test_one_object_all_fields() -> None:
    node = review(
        "https://other.example/full",
        "Unemployment fell to 3.5%.",
        headline="Did unemployment fall?",
        dateModified="2020-02-01T10:00:00Z",
        inLanguage="en",
    )
    node["reviewRating"]["ratingExplanation"] = "It rose."
    node["itemReviewed"]["datePublished"] = "2019-12-30"
    counts = run("one.json", json.dumps(node).encode())
    assert counts["imported"] == 1 and not counts["errors"]
    f = FactCheck.objects.get()
    assert (f.claim_reviewed, f.title, f.claimant) == (
        "Unemployment fell to 3.5%.",
        "Did unemployment fall?",
        "A. Politician",
    )
    assert (f.rating_name, f.rating_value, f.best_rating, f.worst_rating) == ("False", 1, 5, 1)
    assert (f.publisher, f.publisher_url, f.author) == (
        "Other Checkers",
        "https://other.example",
        "",
    )
    assert f.date_published.isoformat() == "2020-01-06"
    assert f.claim_date.isoformat() == "2019-12-30"
    assert f.date_modified is not None and f.language == "en"
    assert f.rating_explanation == "It rose."
    assert f.appearance_url == "https://social.example/post/1"
    assert f.origin == "imported" and f.search_text  # indexed


@pytest.mark.parametrize(
    ("name", "content"),
    [
        ("list.json", json.dumps([A, B])),
        ("graph.jsonld", json.dumps({"@context": "https://schema.org", "@graph": [A, B]})),
        (
            "feed.json",
            json.dumps(
                {
                    "@context": "http://schema.org",
                    "@type": "DataFeed",
                    "dataFeedElement": [
                        {"@type": "DataFeedItem", "dateCreated": "2020-01-06", "item": [A]},
                        {"@type": "DataFeedItem", "item": B},
                    ],
                }
            ),
        ),
        ("lines.jsonl", json.dumps(A) + "\n\n" + json.dumps(B) + "\n"),
        (
            "rows.csv",
            "url,claim_reviewed,rating,publisher,date\n"
            "https://other.example/a,The moon is made of cheese.,False,Other Checkers,2020-01-06\n"
            'https://other.example/b,"Vaccines contain microchips.",Pants on fire,Other,'
            "6 January 2020\n",
        ),
    ],
)
def test_every_shape(name: str, content: str) -> None:
    counts = run(name, content.encode())
    assert (counts["imported"], counts["errors"]) == (2, [])
    assert set(FactCheck.objects.values_list("url", flat=True)) == {
        "https://other.example/a",
        "https://other.example/b",
    }
    assert FactCheck.objects.get(url="https://other.example/b").rating_name == "Pants on fire"


def test_bad_rows_are_reported_and_the_good_ones_kept() -> None:
    rows = [
        A,
        {**B, "url": "not a url"},
        {**B, "url": "https://other.example/c", "claimReviewed": ""},
        "just a string",
        {**B, "url": "https://other.example/d", "@type": "Article"},
        review(
            "https://other.example/e",
            "Bad value",
            reviewRating={"ratingValue": 9, "bestRating": 5, "worstRating": 1},
        ),
        review("https://other.example/f", "Bad date", datePublished="not a date at all"),
        B,
    ]
    counts = run("mixed.json", json.dumps(rows).encode())
    assert counts["imported"] == 2
    by_row = {e["row"]: e["field"] for e in counts["errors"]}
    assert by_row == {
        2: "url",
        3: "claimReviewed",
        4: "row",
        5: "@type",
        6: "reviewRating.ratingValue",
        7: "datePublished",
    }
    assert all(e["error"] for e in counts["errors"])


def test_jsonl_broken_line_and_csv_bad_row() -> None:
    counts = run("x.jsonl", (json.dumps(A) + "\n{not json\n" + json.dumps(B)).encode())
    assert counts["imported"] == 2
    assert counts["errors"] == [{"row": 2, "field": "row", "error": counts["errors"][0]["error"]}]
    counts = run(
        "x.csv",
        b"url,claim_reviewed,rating_value\nhttps://x.example/1,ok,\nhttps://x.example/2,,\n"
        b"https://x.example/3,fine,abc\n",
    )
    assert counts["imported"] == 1
    assert [(e["row"], e["field"]) for e in counts["errors"]] == [
        (2, "claim_reviewed"),
        (3, "rating_value"),
    ]


def test_unreadable_files_are_refused_by_name() -> None:
    from rest_framework.exceptions import ValidationError

    for name, content in [
        ("x.txt", b"{}"),
        ("x.json", b"{broken"),
        ("x.csv", b"title,body\na,b\n"),
        ("x.json", b"\xff\xfe\x00garbage\xff"),
    ]:
        with pytest.raises(ValidationError) as error:
            list(claimreview.read(name, content))
        assert "file" in error.value.detail


def test_deduplicated_by_url_and_updated_when_changed() -> None:
    run("a.json", json.dumps([A, B, A]).encode())
    assert FactCheck.objects.count() == 2
    again = run("a.json", json.dumps([A, B]).encode())
    assert (again["imported"], again["updated"], again["duplicates"]) == (0, 0, 2)
    revised = json.loads(json.dumps(B))
    revised["reviewRating"]["alternateName"] = "Mostly false"
    revised["claimReviewed"] = "Covid vaccines contain microchips."
    counts = run("b.json", json.dumps([revised]).encode())
    assert counts["updated"] == 1
    f = FactCheck.objects.get(url=B["url"])
    assert f.rating_name == "Mostly false" and "covid" in f.search_text.split()
    # The index statistics follow: 2 rows, 'covid' in one, 'microchip' still in one.
    assert MatchStats.objects.get().ndoc == 2
    assert MatchTerm.objects.get(term="covid").ndoc == 1
    assert MatchTerm.objects.get(term="microchip").ndoc == 1


def test_an_import_never_overwrites_our_own(make_user: Callable[..., object]) -> None:
    from tests.factchecks.helpers import published_claim

    _, ours = published_claim(make_user("reviewer"), make_user("editor"))
    counts = run("x.json", json.dumps(review(ours.url, "Something else")).encode())
    assert counts["imported"] == 0
    assert counts["errors"][0]["field"] == "url"
    ours.refresh_from_db()
    assert ours.origin == "ours" and ours.claim_reviewed != "Something else"


def test_command(tmp_path: Path) -> None:
    path = tmp_path / "checks.jsonl"
    path.write_text(json.dumps(A) + "\n" + json.dumps(B) + "\n", "utf-8")
    out = io.StringIO()
    call_command("import_factchecks", str(path), stdout=out)
    assert "2 imported" in out.getvalue()
    bad = tmp_path / "bad.json"
    bad.write_text(json.dumps([A, {**B, "url": "ftp://x"}]), "utf-8")
    out, err = io.StringIO(), io.StringIO()
    with pytest.raises(SystemExit):
        call_command("import_factchecks", str(bad), stdout=out, stderr=err)
    assert "row 2: url" in err.getvalue()
    assert FactCheck.objects.count() == 2


def test_api_import_job(reviewer_client: APIClient) -> None:
    from django.core.files.uploadedfile import SimpleUploadedFile

    content = json.dumps([A, {**B, "url": "nope"}, B]).encode()
    response = reviewer_client.post(
        "/api/fact-check-imports/",
        {"file": SimpleUploadedFile("checks.json", content)},
        format="multipart",
    )
    assert response.status_code == 202, response.content
    assert response.json()["total"] == 3 and response.json()["status"] == "queued"
    job_id = response.json()["id"]
    imports.run_job(job_id)  # what the worker's task runs
    job = reviewer_client.get(f"/api/fact-check-imports/{job_id}/").json()
    assert (job["status"], job["processed"], job["imported"]) == ("done", 3, 2)
    assert job["errors"] == [{"row": 2, "field": "url", "error": "'nope' is not an http(s) URL"}]
    assert FactCheckImportJob.objects.get().created_by is not None


@pytest.mark.parametrize(
    ("upload", "field"),
    [
        (None, "file"),
        (("x.txt", b"hello"), "file"),
        (("x.json", b"[]"), "file"),
        (("x.json", b"{oops"), "file"),
    ],
)
def test_api_import_refuses_bad_files(
    reviewer_client: APIClient, upload: tuple[str, bytes] | None, field: str
) -> None:
    from django.core.files.uploadedfile import SimpleUploadedFile

    data = {"file": SimpleUploadedFile(*upload)} if upload else {}
    response = reviewer_client.post("/api/fact-check-imports/", data, format="multipart")
    assert response.status_code == 400
    assert field in response.json()
    assert not FactCheckImportJob.objects.exists()


def test_row_error_type() -> None:
    assert isinstance(claimreview._parsed("x"), RowError)


def test_overlong_fields_are_row_errors_naming_the_field() -> None:
    long_rating = review("https://other.example/r", "Claim", rating="R" * 201)
    long_claimant = review("https://other.example/c", "Claim")
    long_claimant["itemReviewed"]["author"]["name"] = "C" * 301
    counts = run("long.json", json.dumps([long_rating, long_claimant, A]).encode())
    assert counts["imported"] == 1
    assert [(e["row"], e["field"]) for e in counts["errors"]] == [
        (1, "reviewRating.alternateName"),
        (2, "itemReviewed.author.name"),
    ]
