"""The registry of primary sources, and the captured copies of cited pages."""

from __future__ import annotations

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models

from .domains import normalise_domain


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
        constraints = [
            # One active source per domain: a proposal can never shadow a registered one.
            models.UniqueConstraint(
                fields=["domain"],
                condition=models.Q(active=True) & ~models.Q(domain=""),
                name="one_active_source_per_domain",
                violation_error_message="Another active source already has this domain.",
            ),
        ]

    def __str__(self) -> str:
        return self.name

    def clean(self) -> None:
        """The domain in its canonical form (forms and the admin call this)."""
        try:
            self.domain = normalise_domain(self.domain)
        except ValueError as error:
            raise ValidationError({"domain": str(error)}) from error


class CaptureStatus(models.TextChoices):
    PENDING = "pending", "Pending"
    CAPTURED = "captured", "Captured"
    FAILED = "failed", "Failed"


class Snapshot(models.Model):
    """Bytes fetched from the web, stored once by their SHA-256, with the text extracted
    from them (what excerpts are verified against)."""

    sha256 = models.CharField(max_length=64, unique=True)
    content_type = models.CharField(max_length=100)
    size = models.PositiveBigIntegerField()
    storage_name = models.CharField(max_length=300)
    text = models.TextField(blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    def __str__(self) -> str:
        return f"{self.sha256[:12]} ({self.content_type}, {self.size} bytes)"


class Capture(models.Model):
    """The capture of one citation's URL: when it was fetched, what came back, and whether
    the citation's excerpt is on that page."""

    citation = models.OneToOneField(
        "claims.Citation", on_delete=models.CASCADE, related_name="capture"
    )
    url = models.URLField(max_length=2000)
    excerpt = models.TextField(blank=True, help_text="The excerpt as verified.")
    status = models.CharField(
        max_length=16, choices=CaptureStatus.choices, default=CaptureStatus.PENDING
    )
    error = models.TextField(blank=True)
    snapshot = models.ForeignKey(
        Snapshot, null=True, blank=True, on_delete=models.PROTECT, related_name="captures"
    )
    final_url = models.URLField(max_length=2000, blank=True)
    http_status = models.PositiveSmallIntegerField(null=True, blank=True)
    fetched_at = models.DateTimeField(null=True, blank=True)
    excerpt_found = models.BooleanField(null=True, blank=True)
    excerpt_score = models.FloatField(null=True, blank=True)
    archive_url = models.URLField(max_length=2000, blank=True)
    requested_at = models.DateTimeField()
    attempts = models.PositiveSmallIntegerField(default=0)

    class Meta:
        indexes = [models.Index(fields=["status", "requested_at"])]

    def __str__(self) -> str:
        return f"{self.status}: {self.url}"

    @property
    def verified(self) -> bool:
        """Captured, and the excerpt (if any) found on the page."""
        return self.status == CaptureStatus.CAPTURED and self.excerpt_found is not False
