"""The public fact-check pages, the DataFeed and the corrections log: schema-valid
ClaimReview, anonymous access to published content only, XSS-safe, corrections."""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from typing import Any

import pytest
from django.test import Client

from factcheck.claims import workflow
from factcheck.claims.services import update_claim
from factcheck.factchecks import services
from factcheck.factchecks.models import Correction, FactCheck
from factcheck.reports.exporters.claimreview import google_problems
from tests.claims.helpers import claim_in
from tests.factchecks.helpers import published_claim, republish, save
from tests.factories import verdict
from tests.reports.standards import claimreview_validator

pytestmark = pytest.mark.django_db

LD = re.compile(r'<script type="application/ld\+json">(.*?)</script>', re.S)


@pytest.fixture
def people(make_user: Callable[..., Any]) -> tuple[Any, Any]:
    return make_user("reviewer"), make_user("editor")


def embedded(html: str) -> dict[str, Any]:
    found = LD.findall(html)
    assert len(found) == 1
    return json.loads(found[0])


def assert_valid(review: dict[str, Any]) -> None:
    errors = [e.message for e in claimreview_validator().iter_errors(review)]
    assert not errors, errors[:3]
    assert google_problems(review) == []


def test_page_shows_the_published_fact_check(people: tuple[Any, Any]) -> None:
    claim, ours = published_claim(*people)
    response = Client().get(f"/fact-checks/{ours.slug}")
    assert response.status_code == 200
    html = response.content.decode()
    assert "Unemployment fell to 3.5% in 2019." in html
    assert claim.verdict.name in html and "statistics office" in html  # verdict, rationale
    source = claim.citations.get().source
    assert f'href="{source.homepage}"' in html and "Table 1, row 3" in html  # the evidence
    assert 'id="methodology" href="https://example.org/methodology"' in html
    review = embedded(html)
    assert_valid(review)
    assert review["url"] == ours.url == f"https://example.org/fact-checks/{claim.pk}"
    assert review["reviewRating"]["ratingExplanation"] == claim.rationale
    assert review["reviewRating"]["alternateName"] == claim.verdict.name
    assert review["datePublished"] == ours.first_published_at.date().isoformat()
    assert "dateModified" not in review


def test_the_id_alone_redirects_to_the_page(people: tuple[Any, Any]) -> None:
    claim, ours = published_claim(*people)
    response = Client().get(f"/fact-checks/{claim.pk}")
    assert response.status_code == 301 and response["Location"] == f"/fact-checks/{ours.slug}"


def test_evidence_links_to_its_captured_copy(people: tuple[Any, Any]) -> None:
    _, ours = published_claim(*people)
    ours.snapshot["evidence"][0]["capture"] = {
        "sha256": "ab" * 32,
        "fetched_at": "2020-01-02T03:04:05+00:00",
        "final_url": "https://stats.example.org/t1",
        "view_url": f"/captures/{'ab' * 32}/",
    }
    FactCheck.objects.filter(pk=ours.pk).update(snapshot=ours.snapshot)
    html = Client().get(f"/fact-checks/{ours.slug}").content.decode()
    assert f'href="/captures/{"ab" * 32}/"' in html


def test_only_published_fact_checks_are_public(people: tuple[Any, Any]) -> None:
    claim, ours = published_claim(*people)
    imported = save(("https://other.example/x", "Something else"))[0]
    client = Client()
    assert client.get(f"/fact-checks/{ours.slug}").status_code == 200
    assert client.get(f"/fact-checks/{imported.pk}").status_code == 404
    assert client.get("/fact-checks/not-a-slug").status_code == 404
    claim = workflow.transition(claim.pk, "unpublish", people[1], claim.version)
    services.withdraw_claim(claim)
    assert client.get(f"/fact-checks/{ours.slug}").status_code == 404
    feed = client.get("/fact-checks/feed.json").json()
    assert feed["dataFeedElement"] == []
    # A draft never had a page.
    from tests.claims.helpers import claim_in

    draft = claim_in("draft", *people)
    assert client.get(f"/fact-checks/{draft.pk}").status_code == 404


def test_page_is_xss_safe(people: tuple[Any, Any]) -> None:
    reviewer, editor = people
    attack = '</script><script>alert(1)</script><img src=x onerror="alert(2)">'
    from tests.claims.helpers import ready_claim

    claim = ready_claim(reviewer, statement=attack, claimant=attack, rationale=attack)
    for step in ("submit", "approve", "publish"):
        claim = workflow.transition(claim.pk, step, editor, claim.version)
    ours = services.sync_published_claim(claim)
    response = Client().get(f"/fact-checks/{ours.slug}")
    html = response.content.decode()
    assert "<script>alert" not in html and "<img src=x" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    review = embedded(html)  # the JSON-LD block is still one intact element
    assert review["claimReviewed"] == attack
    assert "script-src 'self'" in response["Content-Security-Policy"]


def test_feed_is_a_valid_paged_datafeed(people: tuple[Any, Any]) -> None:
    from factcheck.factchecks import public

    reviewer, editor = people
    published = [published_claim(reviewer, editor)[1] for _ in range(3)]
    response = Client().get("/fact-checks/feed.json")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/ld+json")
    feed = response.json()
    assert feed["@type"] == "DataFeed" and feed["@context"] == "https://schema.org"
    items = [element["item"][0] for element in feed["dataFeedElement"]]
    assert {i["url"] for i in items} == {f.url for f in published}
    for item in items:
        assert_valid({"@context": "https://schema.org", **item})
    from jsonschema import Draft202012Validator

    from tests.reports.standards import _schema_org

    datafeed = Draft202012Validator({"$ref": "schema:DataFeed"}, registry=_schema_org())
    assert not list(datafeed.iter_errors(feed))

    public.FEED_PAGE_SIZE, size = 2, public.FEED_PAGE_SIZE
    try:
        first = Client().get("/fact-checks/feed.json")
        assert len(first.json()["dataFeedElement"]) == 2
        assert 'page=2>; rel="next"' in first["Link"]
        second = Client().get("/fact-checks/feed.json?page=2").json()
        assert len(second["dataFeedElement"]) == 1
        assert Client().get("/fact-checks/feed.json?page=3").status_code == 404
        assert Client().get("/fact-checks/feed.json?page=x").status_code == 400
    finally:
        public.FEED_PAGE_SIZE = size


def test_our_feed_imports_into_another_factcheck(people: tuple[Any, Any]) -> None:
    from factcheck.factchecks import claimreview

    published_claim(*people)
    body = Client().get("/fact-checks/feed.json").content
    rows = list(claimreview.read("feed.json", body))
    assert len(rows) == 1 and not isinstance(rows[0][1], claimreview.RowError)
    assert rows[0][1].rating_explanation  # type: ignore[union-attr]


def test_a_changed_verdict_is_a_public_correction(people: tuple[Any, Any]) -> None:
    reviewer, editor = people
    claim, ours = published_claim(reviewer, editor)
    claim, ours = republish(
        claim, editor, verdict=verdict("false"), rationale="The office revised the figure."
    )
    correction = Correction.objects.get(factcheck=ours)
    assert set(correction.changes) == {"verdict", "rationale"}
    assert correction.changes["verdict"] == ["True", "False"]
    html = Client().get(f"/fact-checks/{ours.slug}").content.decode()
    assert f'id="correction-{correction.pk}"' in html
    assert "verdict True → False; rationale revised" in html
    review = embedded(html)
    assert_valid(review)
    assert review["dateModified"] == ours.date_modified.isoformat()
    assert review["correction"][0]["@type"] == "CorrectionComment"
    assert review["reviewRating"]["alternateName"] == "False"
    log = Client().get("/fact-checks/corrections")
    assert log.status_code == 200
    assert f'href="/fact-checks/{ours.slug}"' in log.content.decode()
    # Republishing with nothing changed is no correction.
    claim, ours = republish(claim, editor)
    assert Correction.objects.filter(factcheck=ours).count() == 1


def test_the_page_shows_the_snapshot_not_later_edits(people: tuple[Any, Any]) -> None:
    reviewer, editor = people
    claim, ours = published_claim(reviewer, editor)
    claim = workflow.transition(claim.pk, "unpublish", editor, claim.version)
    claim = workflow.transition(claim.pk, "return", editor, claim.version, comment="x")
    update_claim(claim.pk, claim.version, editor, rationale="A draft nobody approved.")
    # Unpublished without a withdraw call (e.g. before the workflow calls it): still the
    # published text on the page, never the draft.
    html = Client().get(f"/fact-checks/{ours.slug}").content.decode()
    assert "A draft nobody approved." not in html


def test_corrections_log_lists_nothing_private() -> None:
    response = Client().get("/fact-checks/corrections")
    assert response.status_code == 200 and "No corrections so far." in response.content.decode()


def test_the_editors_correction_note_is_shown(people: tuple[Any, Any]) -> None:
    reviewer, editor = people
    claim, ours = published_claim(reviewer, editor)
    # The note the editor writes when republishing changed content (the claims workflow
    # asks for it and records it as a "corrected" event).
    note = "The statistics office revised its table on 3 March."
    claim, ours = republish(claim, editor, note=note, rationale="Revised by the office.")
    correction = Correction.objects.get(factcheck=ours)
    assert correction.note == note
    html = Client().get(f"/fact-checks/{ours.slug}").content.decode()
    assert note in html and "(rationale revised.)" in html
    assert embedded(html)["correction"][0]["text"] == note


def test_feed_and_log_query_counts_are_fixed(people: tuple[Any, Any]) -> None:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    reviewer, editor = people
    claim, _ = published_claim(reviewer, editor)
    republish(claim, editor, rationale="Changed once.")

    def counts() -> tuple[int, int]:
        with CaptureQueriesContext(connection) as feed:
            assert Client().get("/fact-checks/feed.json").status_code == 200
        with CaptureQueriesContext(connection) as log:
            assert Client().get("/fact-checks/corrections").status_code == 200
        return len(feed), len(log)

    few = counts()
    for _ in range(3):
        claim, _ = published_claim(reviewer, editor)
        republish(claim, editor, rationale="Changed.")
    assert counts() == few


def test_page_links_the_captured_copy_of_each_source(people: tuple[Any, Any]) -> None:
    from factcheck.claims.services import add_citation
    from tests.factories import verified_capture

    reviewer, editor = people
    claim = claim_in("draft", reviewer, editor)
    citation = add_citation(
        claim.pk, None, url="https://stats.example.org/may", excerpt="3.5 percent"
    )
    capture = verified_capture(citation)
    for step in ("submit", "approve", "publish"):
        claim = workflow.transition(claim.pk, step, editor, fresh_version(claim))
    ours = FactCheck.objects.get(claim=claim)  # kept in step by the workflow itself
    html = Client().get(f"/fact-checks/{ours.slug}").content.decode()
    assert 'href="https://stats.example.org/may"' in html
    assert f'href="/captures/{capture.snapshot.sha256}/"' in html
    # A reader may open that copy: a published fact-check cites it.
    assert Client().get(f"/captures/{capture.snapshot.sha256}/").status_code != 403


def fresh_version(claim: Any) -> int:
    from factcheck.claims.models import Claim

    return Claim.objects.get(pk=claim.pk).version
