"""Sources met on the way: a URL on a registered domain links to its source, an unknown
domain becomes a source pending review; admins merge duplicates without losing citations."""

from __future__ import annotations

from typing import Any

import pytest
from django.test import Client
from rest_framework.test import APIClient

from factcheck.claims.models import Citation
from factcheck.sources.models import Source, SourceStatus
from factcheck.sources.services import domain_of, merge_sources, source_for_url
from tests.factories import CitationFactory, ClaimFactory, SourceFactory

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("url", "domain"),
    [
        ("https://www.ONS.gov.uk/x", "ons.gov.uk"),
        ("http://stats.example.org.:8080/a?b", "stats.example.org"),
        ("not a url", ""),
    ],
)
def test_domain_of(url: str, domain: str) -> None:
    assert domain_of(url) == domain


def test_a_registered_domain_and_its_subdomains_link_to_the_source() -> None:
    ons = SourceFactory(name="ONS", domain="ons.gov.uk")
    assert source_for_url("https://www.ons.gov.uk/employment", None) == ons
    assert source_for_url("https://data.ons.gov.uk/table/1", None) == ons
    assert Source.objects.count() == 1


def test_an_unknown_domain_becomes_one_pending_proposal_that_no_url_maps_to(
    make_user: Any,
) -> None:
    user = make_user("reviewer")
    first = source_for_url("https://new-think-tank.example/report.pdf", user)
    again = source_for_url("https://www.new-think-tank.example/other", user)
    assert first is None and again is None  # a pending proposal never captures citations
    proposal = Source.objects.get()
    assert (proposal.status, proposal.domain, proposal.created_by, proposal.reliability) == (
        SourceStatus.PENDING,
        "new-think-tank.example",
        user,
        5,
    )


def test_citing_by_url_links_or_proposes_the_source(reviewer_client: APIClient) -> None:
    claim = ClaimFactory()
    bls = SourceFactory(name="BLS", domain="bls.gov")
    known = reviewer_client.post(
        "/api/citations/",
        {"claim": claim.pk, "url": "https://www.bls.gov/cps/", "stance": "supports"},
        format="json",
    )
    unknown = reviewer_client.post(
        "/api/citations/",
        {"claim": claim.pk, "url": "https://blog.example.net/p", "stance": "context"},
        format="json",
    )
    assert known.status_code == unknown.status_code == 201
    assert known.json()["source"] == bls.pk
    assert unknown.json()["source"] is None  # the URL stands; the domain awaits an admin
    pending = Source.objects.get(domain="blog.example.net")
    assert pending.status == SourceStatus.PENDING


def test_merge_moves_every_citation_and_keeps_the_duplicate_as_a_pointer() -> None:
    keep = SourceFactory(name="Office for National Statistics", domain="ons.gov.uk")
    dup = SourceFactory(name="ONS (dup)", domain="statistics.gov.uk")
    citations = [CitationFactory(source=dup) for _ in range(3)] + [CitationFactory(source=keep)]
    older = SourceFactory(name="ONS old", domain="")
    older.merged_into = dup
    older.save()
    moved = merge_sources(dup, keep)
    assert moved == 3
    assert set(Citation.objects.filter(source=keep)) == set(citations)
    dup.refresh_from_db()
    older.refresh_from_db()
    assert (dup.merged_into, dup.active) == (keep, False)
    assert older.merged_into == keep  # no chain left behind
    assert "Merged into" in dup.notes
    # The duplicate's domain now resolves to the survivor.
    assert source_for_url("https://www.statistics.gov.uk/x", None) == keep


def test_merge_follows_the_target_to_its_survivor() -> None:
    a, b, c = SourceFactory(), SourceFactory(), SourceFactory()
    merge_sources(b, c)
    CitationFactory(source=a)
    merge_sources(a, b)  # b is gone: a goes to c
    assert Citation.objects.filter(source=c).count() == 1


def test_merge_into_itself_or_a_cycle_is_refused() -> None:
    from rest_framework.exceptions import ValidationError

    a, b = SourceFactory(), SourceFactory()
    with pytest.raises(ValidationError):
        merge_sources(a, a)
    merge_sources(a, b)
    with pytest.raises(ValidationError):
        merge_sources(b, a)


def test_merge_api_is_for_admins(client_for: Any) -> None:
    dup, keep = SourceFactory(), SourceFactory()
    CitationFactory(source=dup)
    url = f"/api/sources/{dup.pk}/merge/"
    assert client_for("editor").post(url, {"into": keep.pk}, format="json").status_code == 403
    admin = client_for("admin")
    bad = admin.post(url, {"into": 999999}, format="json")
    assert bad.status_code == 400 and "into" in bad.json()
    same = admin.post(url, {"into": dup.pk}, format="json")
    assert same.status_code == 400 and "into" in same.json()
    response = admin.post(url, {"into": keep.pk}, format="json")
    assert response.status_code == 200
    assert response.json()["merged_into"] == keep.pk and response.json()["citations_moved"] == 1


def test_merge_admin_action(make_user: Any) -> None:
    admin_user = make_user("admin")
    admin_user.is_staff = admin_user.is_superuser = True
    admin_user.save()
    client = Client()
    client.force_login(admin_user)
    pending = SourceFactory(name="dup", status=SourceStatus.PENDING)
    approved = SourceFactory(name="main")
    CitationFactory(source=pending)
    response = client.post(
        "/admin/sources/source/",
        {"action": "merge_selected", "_selected_action": [pending.pk, approved.pk]},
        follow=True,
    )
    assert response.status_code == 200
    pending.refresh_from_db()
    assert pending.merged_into == approved  # the approved one survives
    assert Citation.objects.get().source == approved
