"""The registry of primary sources, and citations that link a claim to one."""

from __future__ import annotations

from django.conf import settings
from django.db import models


class SourceKind(models.TextChoices):
    STATISTICS = "statistics", "Statistics agency"
    GOVERNMENT = "government", "Government"
    COURT = "court", "Court"
    COMPANY = "company", "Company"
    ACADEMIC = "academic", "Academic"
    NGO = "ngo", "NGO"
    NEWS = "news", "News"
    OTHER = "other", "Other"


class ReliabilityTier(models.IntegerChoices):
    PRIMARY = 1, "1 — primary, authoritative"
    ESTABLISHED = 2, "2 — established, reliable"
    MIXED = 3, "3 — mixed record"
    LOW = 4, "4 — low reliability"
    UNRATED = 5, "5 — not yet rated"


class SourceStatus(models.TextChoices):
    APPROVED = "approved", "Approved"
    PENDING = "pending", "Pending review"


class Source(models.Model):
    name = models.CharField(max_length=300)
    domain = models.CharField(max_length=253, blank=True, db_index=True)
    homepage = models.URLField(max_length=2000, blank=True)
    kind = models.CharField(max_length=16, choices=SourceKind.choices, default=SourceKind.OTHER)
    reliability = models.PositiveSmallIntegerField(
        choices=ReliabilityTier.choices, default=ReliabilityTier.UNRATED
    )
    notes = models.TextField(blank=True)
    active = models.BooleanField(default=True)
    status = models.CharField(
        max_length=16, choices=SourceStatus.choices, default=SourceStatus.APPROVED
    )
    merged_into = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.SET_NULL, related_name="merged_sources"
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class Stance(models.TextChoices):
    SUPPORTS = "supports", "Supports"
    CONTRADICTS = "contradicts", "Contradicts"
    CONTEXT = "context", "Context"


class Citation(models.Model):
    claim = models.ForeignKey("claims.Claim", on_delete=models.CASCADE, related_name="citations")
    source = models.ForeignKey(
        Source, null=True, blank=True, on_delete=models.PROTECT, related_name="citations"
    )
    url = models.URLField(max_length=2000, blank=True)
    excerpt = models.TextField(blank=True)
    locator = models.CharField(max_length=300, blank=True, help_text="Page, table, section…")
    stance = models.CharField(max_length=16, choices=Stance.choices, default=Stance.SUPPORTS)
    accessed_at = models.DateTimeField(null=True, blank=True)
    added_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["claim", "created_at", "id"]

    def __str__(self) -> str:
        return f"{self.stance}: {self.url or self.source}"
