"""Claims, their citations (evidence), the verdict scale, comments and the claim history."""

from __future__ import annotations

from django.conf import settings
from django.db import models


class VerdictLabel(models.Model):
    """One step of the verdict scale. `rating_value` is the ClaimReview ratingValue;
    labels outside the numeric scale (Unverifiable) have none."""

    name = models.CharField(max_length=100)
    slug = models.SlugField(max_length=100, unique=True)
    order = models.PositiveSmallIntegerField(default=0)
    colour = models.CharField(max_length=7, default="#888888", help_text="#rrggbb")
    description = models.TextField(blank=True)
    rating_value = models.PositiveSmallIntegerField(null=True, blank=True)
    active = models.BooleanField(default=True)

    class Meta:
        ordering = ["order", "id"]

    def __str__(self) -> str:
        return self.name


class ClaimStatus(models.TextChoices):
    DRAFT = "draft", "Draft"
    IN_REVIEW = "in_review", "In review"
    RETURNED = "returned", "Returned"
    APPROVED = "approved", "Approved"
    PUBLISHED = "published", "Published"


class AnchorStatus(models.TextChoices):
    ANCHORED = "anchored", "Anchored"
    MOVED = "moved", "Moved"
    FUZZY = "fuzzy", "Fuzzy match"
    ORPHANED = "orphaned", "Orphaned"


class LiveClaimManager(models.Manager["Claim"]):
    """Claims that have not been (soft-)deleted: the default everywhere."""

    def get_queryset(self) -> models.QuerySet[Claim]:
        return super().get_queryset().filter(deleted_at__isnull=True)


class Claim(models.Model):
    article = models.ForeignKey("articles.Article", on_delete=models.CASCADE, related_name="claims")
    # The anchor: W3C TextPositionSelector (code points) + TextQuoteSelector.
    start = models.PositiveIntegerField()
    end = models.PositiveIntegerField()
    exact = models.TextField()
    prefix = models.CharField(max_length=32, blank=True)
    suffix = models.CharField(max_length=32, blank=True)
    anchor_status = models.CharField(
        max_length=16, choices=AnchorStatus.choices, default=AnchorStatus.ANCHORED
    )
    anchored_revision = models.PositiveIntegerField(default=1)

    statement = models.TextField(blank=True, help_text="The claim as checked.")
    claimant = models.CharField(max_length=300, blank=True)
    claim_date = models.DateField(null=True, blank=True)
    status = models.CharField(max_length=16, choices=ClaimStatus.choices, default=ClaimStatus.DRAFT)
    verdict = models.ForeignKey(
        VerdictLabel, null=True, blank=True, on_delete=models.PROTECT, related_name="claims"
    )
    rationale = models.TextField(blank=True)

    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="claims_created",
    )
    assignee = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="claims_assigned",
    )
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="claims_reviewed",
    )
    version = models.PositiveIntegerField(default=1, help_text="Optimistic concurrency.")
    submitted_at = models.DateTimeField(null=True, blank=True)
    approved_at = models.DateTimeField(null=True, blank=True)
    published_at = models.DateTimeField(null=True, blank=True)
    # Set at the first publication and kept: a later publication with changed content is a
    # public correction.
    first_published_at = models.DateTimeField(null=True, blank=True)
    # The editor's reason for approving evidence that could not be verified (blank: verified).
    approval_override = models.TextField(blank=True)
    # Soft delete: a deleted claim leaves lists and exports but keeps its row and history.
    deleted_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    # The default manager hides deleted claims; `all_objects` is for the admin and history.
    objects = LiveClaimManager()
    all_objects = models.Manager()  # noqa: DJ012 (ruff takes it for a field)

    class Meta:
        base_manager_name = "all_objects"
        default_manager_name = "objects"
        ordering = ["article", "start", "end", "id"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(start__gte=0), name="claim_start_nonnegative"
            ),
            models.CheckConstraint(
                condition=models.Q(start__lt=models.F("end")), name="claim_start_before_end"
            ),
        ]
        indexes = [models.Index(fields=["status", "updated_at"])]

    def __str__(self) -> str:
        return (self.statement or self.exact)[:80]


class Stance(models.TextChoices):
    SUPPORTS = "supports", "Supports"
    CONTRADICTS = "contradicts", "Contradicts"
    CONTEXT = "context", "Context"


class Citation(models.Model):
    """Evidence for a claim: a registry source and/or a URL, the excerpt and its stance.
    Part of what an editor approves, so only the claims services write it."""

    claim = models.ForeignKey(Claim, on_delete=models.CASCADE, related_name="citations")
    source = models.ForeignKey(
        "sources.Source",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="citations",
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
        db_table = "sources_citation"  # moved from the sources app; the table stayed
        ordering = ["claim", "created_at", "id"]

    def __str__(self) -> str:
        return f"{self.stance}: {self.url or self.source}"


class Comment(models.Model):
    claim = models.ForeignKey(Claim, on_delete=models.CASCADE, related_name="comments")
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="comments"
    )
    body = models.TextField()
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["claim", "created_at", "id"]


class ClaimEvent(models.Model):
    """One entry of a claim's history: who did what, when, and what changed.
    Append-only; it outlives deleted citations and comments."""

    claim = models.ForeignKey(Claim, on_delete=models.CASCADE, related_name="events")
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL
    )
    action = models.CharField(max_length=32)
    # {"field": [old, new], ...} or a description of the cited/commented object.
    changes = models.JSONField(default=dict, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["claim", "created_at", "id"]
