"""Reading the registry and the captures."""

from __future__ import annotations

from factcheck.claims.models import ClaimStatus

from .models import Capture, Snapshot


def snapshot_is_public(snapshot: Snapshot) -> bool:
    """Cited by a published fact-check: readers may see the copy the verdict rests on."""
    return Capture.objects.filter(
        snapshot=snapshot,
        citation__claim__status=ClaimStatus.PUBLISHED,
        citation__claim__deleted_at__isnull=True,
    ).exists()
