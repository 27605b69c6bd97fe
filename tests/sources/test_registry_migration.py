"""The migration that made the registry canonical, on data as it was before: domains as
URLs and mixed case, two active sources on one domain (their citations must survive)."""

from __future__ import annotations

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

BEFORE = [("sources", "0002_citation_to_claims"), ("claims", "0005_claim_publication_and_override")]
AFTER = [("sources", "0004_one_active_source_per_domain")]


@pytest.mark.django_db(transaction=True)
def test_domains_are_normalised_and_duplicates_merged_with_their_citations() -> None:
    executor = MigrationExecutor(connection)
    executor.migrate(BEFORE)
    old = executor.loader.project_state(BEFORE).apps
    Source = old.get_model("sources", "Source")
    Citation = old.get_model("claims", "Citation")
    Claim = old.get_model("claims", "Claim")
    Article = old.get_model("articles", "Article")
    try:
        proposal = Source.objects.create(name="bls (proposed)", domain="bls.gov", status="pending")
        registered = Source.objects.create(
            name="Bureau of Labor Statistics", domain="https://www.BLS.gov/cps/", status="approved"
        )
        xinhua = Source.objects.create(name="Xinhua", domain="https://www.xinhuanet.com/english/")
        broken = Source.objects.create(name="Broken", domain="not a domain")
        article = Article.objects.create(title="a", text="Some text here.", content_hash="x")
        claim = Claim.objects.create(article=article, start=0, end=4, exact="Some")
        cited = Citation.objects.create(claim=claim, source=proposal, url="https://bls.gov/x")

        executor = MigrationExecutor(connection)
        executor.migrate(AFTER)
        new = executor.loader.project_state(AFTER).apps
        Source = new.get_model("sources", "Source")
        Citation = new.get_model("claims", "Citation")
        kept = Source.objects.get(pk=registered.pk)
        merged = Source.objects.get(pk=proposal.pk)
        assert (kept.domain, kept.active) == ("bls.gov", True)
        assert (merged.active, merged.merged_into_id) == (False, kept.pk)  # the approved stays
        assert Citation.objects.get(pk=cited.pk).source_id == kept.pk  # no citation lost
        assert Source.objects.get(pk=xinhua.pk).domain == "xinhuanet.com"
        assert Source.objects.get(pk=broken.pk).domain == ""
        assert "was not a domain name" in Source.objects.get(pk=broken.pk).notes
    finally:
        executor = MigrationExecutor(connection)
        executor.migrate(executor.loader.graph.leaf_nodes())
