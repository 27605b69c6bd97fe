"""The source registry: one active source per domain, the source a cited URL belongs
to, proposals, and merging duplicates."""

from __future__ import annotations

from typing import Any
from urllib.parse import urlsplit

from django.db import IntegrityError, transaction
from rest_framework.exceptions import ValidationError

from .domains import normalise_domain, parent_domains
from .models import ReliabilityTier, Source, SourceStatus


def domain_of(url: str) -> str:
    """The registry domain of a URL ("" when it has none)."""
    try:
        return normalise_domain(urlsplit(url).hostname or "")
    except ValueError:
        return ""


def active_source_for_domain(domain: str, exclude: int | None = None) -> Source | None:
    """The active source registered on exactly this (normalised) domain."""
    sources = Source.objects.filter(domain=domain, active=True)
    if exclude is not None:
        sources = sources.exclude(pk=exclude)
    return sources.first() if domain else None


def source_for_url(url: str, user: Any) -> Source | None:
    """The registered, approved source whose domain (or a parent domain) serves `url`;
    never a pending proposal. An unknown domain is proposed for an admin's review (pending,
    unrated) and the citation keeps its URL without a source until then."""
    domain = domain_of(url)
    if not domain:
        return None
    candidates = parent_domains(domain)
    # Active sources, and merged duplicates whose domain still points at their survivor.
    by_domain: dict[str, Source] = {}
    for source in Source.objects.filter(domain__in=candidates).select_related("merged_into"):
        if source.active or source.merged_into is not None:
            by_domain.setdefault(source.domain, source)
            if source.active:
                by_domain[source.domain] = source
    for candidate in candidates:
        found = by_domain.get(candidate)
        if found is None:
            continue
        while not found.active and found.merged_into is not None:
            found = found.merged_into
        return found if found.active and found.status == SourceStatus.APPROVED else None
    propose_source_for_domain(domain, user)
    return None


def propose_source_for_domain(domain: str, user: Any) -> None:
    """A pending, unrated source for a domain nobody registered yet (at most one)."""
    try:
        with transaction.atomic():
            Source.objects.create(
                name=domain,
                domain=domain,
                homepage=f"https://{domain}/",
                status=SourceStatus.PENDING,
                reliability=ReliabilityTier.UNRATED,
                created_by=user if getattr(user, "is_authenticated", False) else None,
            )
    except IntegrityError:
        pass  # proposed by someone else a moment ago


def check_domain_free(domain: str, source_id: int | None = None) -> None:
    """400 naming the registered source when another active source has this domain."""
    existing = active_source_for_domain(domain, exclude=source_id)
    if existing is not None:
        state = "" if existing.status == SourceStatus.APPROVED else " (pending review)"
        raise ValidationError(
            {
                "domain": [
                    f"{domain} is already registered as “{existing.name}” "
                    f"(source #{existing.pk}){state}."
                ],
                "existing_source": [str(existing.pk)],
            }
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
    from factcheck.claims.services import move_citations_to_source

    moved = move_citations_to_source(source.pk, into.pk, user)
    Source.objects.filter(merged_into=source).update(merged_into=into)
    note = f"Merged into #{into.pk} ({into.name})"
    source.merged_into = into
    source.active = False
    source.notes = f"{source.notes}\n{note}".strip()
    source.save(update_fields=["merged_into", "active", "notes"])
    if not into.domain and source.domain:  # after the duplicate left the active set
        into.domain = source.domain
        into.save(update_fields=["domain"])
    return moved
