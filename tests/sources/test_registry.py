"""A registry that cannot be captured: canonical domains, one active source per domain,
proposals that are pending and unrated, and URLs that map only to approved sources."""

from __future__ import annotations

from typing import Any

import pytest
from django.db import IntegrityError
from django.test import Client
from rest_framework.test import APIClient

from factcheck.sources.models import Source, SourceStatus
from tests.factories import ClaimFactory, SourceFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def bls() -> Source:
    return SourceFactory(name="Bureau of Labor Statistics", domain="bls.gov", reliability=1)


def test_a_domain_is_stored_in_its_canonical_form(admin_client_api: APIClient) -> None:
    response = admin_client_api.post(
        "/api/sources/",
        {"name": "Xinhua", "domain": "https://www.xinhuanet.com/english/", "kind": "news"},
        format="json",
    )
    assert response.status_code == 201, response.content
    assert response.json()["domain"] == "xinhuanet.com"
    # A later citation of that site links to it: no duplicate source appears.
    claim = ClaimFactory()
    cited = admin_client_api.post(
        "/api/citations/",
        {"claim": claim.pk, "url": "http://www.xinhuanet.com/english/2024/a.htm"},
        format="json",
    )
    assert cited.json()["source"] == response.json()["id"]
    assert Source.objects.filter(domain="xinhuanet.com").count() == 1


@pytest.mark.parametrize("domain", ["not a domain", "localhost", "http://10.0.0.1/"])
def test_what_is_not_a_domain_is_refused(admin_client_api: APIClient, domain: str) -> None:
    response = admin_client_api.post(
        "/api/sources/", {"name": "X", "domain": domain}, format="json"
    )
    assert response.status_code == 400 and "domain" in response.json()


def test_proposing_a_registered_domain_names_the_existing_source(
    reviewer_client: APIClient, bls: Source
) -> None:
    response = reviewer_client.post(
        "/api/sources/",
        {"name": "BLS (mine)", "domain": "WWW.BLS.GOV", "reliability": 1},
        format="json",
    )
    assert response.status_code == 400
    body = response.json()
    assert "Bureau of Labor Statistics" in body["domain"][0]
    assert body["existing_source"] == [str(bls.pk)]
    assert Source.objects.filter(domain="bls.gov").count() == 1


def test_an_admin_cannot_give_two_active_sources_one_domain(
    admin_client_api: APIClient, bls: Source
) -> None:
    other = SourceFactory(domain="census.gov")
    response = admin_client_api.patch(
        f"/api/sources/{other.pk}/", {"domain": "bls.gov"}, format="json"
    )
    assert response.status_code == 400 and "domain" in response.json()
    # The database says so too, whatever the path.
    with pytest.raises(IntegrityError):
        Source.objects.create(name="again", domain="bls.gov")


def test_a_reviewers_proposal_is_pending_and_unrated(reviewer_client: APIClient) -> None:
    response = reviewer_client.post(
        "/api/sources/",
        {
            "name": "My think tank",
            "domain": "think.example",
            "reliability": 1,
            "status": "approved",
        },
        format="json",
    )
    assert response.status_code == 201
    assert (response.json()["status"], response.json()["reliability"]) == ("pending", 5)


def test_a_citation_never_maps_to_a_pending_source(
    reviewer_client: APIClient, admin_client_api: APIClient
) -> None:
    proposal = reviewer_client.post(
        "/api/sources/", {"name": "Proposal", "domain": "think.example"}, format="json"
    ).json()
    claim = ClaimFactory()
    cited = reviewer_client.post(
        "/api/citations/",
        {"claim": claim.pk, "url": "https://think.example/report"},
        format="json",
    )
    assert cited.status_code == 201 and cited.json()["source"] is None
    # Once an admin approves it, new citations link to it.
    admin_client_api.patch(f"/api/sources/{proposal['id']}/", {"status": "approved"}, format="json")
    again = reviewer_client.post(
        "/api/citations/",
        {"claim": claim.pk, "url": "https://think.example/other"},
        format="json",
    )
    assert again.json()["source"] == proposal["id"]


def test_a_proposal_cannot_shadow_a_registered_source_for_citations(
    reviewer_client: APIClient, bls: Source
) -> None:
    # The old hole: a reviewer's source on bls.gov captured later citations of bls.gov.
    reviewer_client.post("/api/sources/", {"name": "Fake BLS", "domain": "bls.gov"}, format="json")
    claim = ClaimFactory()
    cited = reviewer_client.post(
        "/api/citations/", {"claim": claim.pk, "url": "https://www.bls.gov/cps/"}, format="json"
    )
    assert cited.json()["source"] == bls.pk
    assert Source.objects.filter(domain="bls.gov").count() == 1


def test_the_admin_form_normalises_and_refuses_duplicates(make_user: Any, bls: Source) -> None:
    admin_user = make_user("admin")
    admin_user.is_staff = admin_user.is_superuser = True
    admin_user.save()
    browser = Client()
    browser.force_login(admin_user)
    fields = {"kind": "news", "reliability": 5, "status": "approved", "active": "on"}
    duplicate = browser.post(
        "/admin/sources/source/add/", {**fields, "name": "Dup", "domain": "www.BLS.gov"}
    )
    assert duplicate.status_code == 200  # the form again, with the error
    assert "Another active source already has this domain" in duplicate.content.decode()
    created = browser.post(
        "/admin/sources/source/add/",
        {**fields, "name": "Reuters", "domain": "https://www.reuters.com/world/"},
    )
    assert created.status_code == 302
    assert Source.objects.get(name="Reuters").domain == "reuters.com"
    assert Source.objects.get(name="Reuters").status == SourceStatus.APPROVED
