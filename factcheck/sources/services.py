"""The source registry: finding the source a URL belongs to, citing it on a claim."""

from __future__ import annotations

from typing import Any
from urllib.parse import urlsplit

from django.db import transaction
from rest_framework.exceptions import ValidationError

from factcheck.claims.models import Claim
from factcheck.claims.services import record_event

from .models import Citation, Source, SourceStatus


def domain_of(url: str) -> str:
    host = (urlsplit(url).hostname or "").lower().rstrip(".")
    return host.removeprefix("www.")


def source_for_url(url: str, user: Any) -> Source | None:
    """The registered source whose domain (or a parent domain) serves `url`; an unknown
    domain becomes a new source pending an admin's review."""
    domain = domain_of(url)
    if not domain:
        return None
    labels = domain.split(".")
    candidates = [".".join(labels[i:]) for i in range(len(labels) - 1)]
    by_domain = {s.domain: s for s in Source.objects.filter(domain__in=candidates)}
    for candidate in candidates:
        source = by_domain.get(candidate)
        if source is not None:
            return source.merged_into or source
    return Source.objects.create(
        name=domain,
        domain=domain,
        homepage=f"https://{domain}/",
        status=SourceStatus.PENDING,
        created_by=user if getattr(user, "is_authenticated", False) else None,
    )


@transaction.atomic
def merge_sources(source: Source, into: Source, user: Any = None) -> int:
    """Merge a duplicate `source` into `into`: its citations (and sources merged into it
    before) move over, it is kept inactive with `merged_into` set so old links resolve.
    Returns how many citations moved; none is lost."""
    if source.pk == into.pk:
        raise ValidationError({"into": ["A source cannot be merged into itself."]})
    locked = {
        s.pk: s for s in Source.objects.select_for_update().filter(pk__in=[source.pk, into.pk])
    }
    source, into = locked[source.pk], locked[into.pk]
    while into.merged_into_id is not None:  # merge into the surviving end of a chain
        into = Source.objects.select_for_update().get(pk=into.merged_into_id)
        if into.pk == source.pk:
            raise ValidationError({"into": ["That source was merged into this one."]})
    moved = Citation.objects.filter(source=source).update(source=into)
    Source.objects.filter(merged_into=source).update(merged_into=into)
    if not into.domain and source.domain:
        into.domain = source.domain
        into.save(update_fields=["domain"])
    note = f"Merged into #{into.pk} ({into.name})"
    source.merged_into = into
    source.active = False
    source.notes = f"{source.notes}\n{note}".strip()
    source.save(update_fields=["merged_into", "active", "notes"])
    return moved


@transaction.atomic
def add_citation(claim: Claim, user: Any, **fields: Any) -> Citation:
    if fields.get("source") is None and fields.get("url"):
        fields["source"] = source_for_url(fields["url"], user)
    citation = Citation.objects.create(
        claim=claim, added_by=user if getattr(user, "is_authenticated", False) else None, **fields
    )
    record_event(claim, user, "cited", _describe(citation))
    return citation


@transaction.atomic
def update_citation(citation: Citation, user: Any, **fields: Any) -> Citation:
    before = _describe(citation)
    for name, value in fields.items():
        setattr(citation, name, value)
    citation.save()
    record_event(
        citation.claim, user, "citation_updated", {"before": before, "after": _describe(citation)}
    )
    return citation


@transaction.atomic
def remove_citation(citation: Citation, user: Any) -> None:
    record_event(citation.claim, user, "uncited", _describe(citation))
    citation.delete()


def _describe(citation: Citation) -> dict[str, Any]:
    return {
        "citation": citation.pk,
        "source": citation.source_id,
        "url": citation.url,
        "excerpt": citation.excerpt,
        "stance": citation.stance,
        "locator": citation.locator,
    }
