"""Fact-checks: ours (a published claim, kept in step with the workflow) and imported
ClaimReview from other newsrooms, in one table so that matching searches both."""

from __future__ import annotations

from django.conf import settings
from django.db import models


class Origin(models.TextChoices):
    OURS = "ours", "Ours"
    IMPORTED = "imported", "Imported"


class FactCheck(models.Model):
    # The URL of the fact-check is its identity: imports are de-duplicated by it.
    url = models.URLField(max_length=2000, unique=True)
    origin = models.CharField(max_length=16, choices=Origin.choices, default=Origin.IMPORTED)
    claim_reviewed = models.TextField()
    title = models.TextField(blank=True, help_text="The fact-check's headline.")
    claimant = models.CharField(max_length=300, blank=True)
    claim_date = models.DateField(null=True, blank=True)
    appearance_url = models.URLField(max_length=2000, blank=True)
    rating_name = models.CharField(max_length=200, blank=True)
    rating_value = models.FloatField(null=True, blank=True)
    best_rating = models.FloatField(null=True, blank=True)
    worst_rating = models.FloatField(null=True, blank=True)
    rating_explanation = models.TextField(blank=True)
    publisher = models.CharField(max_length=300, blank=True)
    publisher_url = models.URLField(max_length=2000, blank=True)
    author = models.CharField(max_length=300, blank=True)
    date_published = models.DateField(null=True, blank=True)
    date_modified = models.DateTimeField(null=True, blank=True)
    language = models.CharField(max_length=16, blank=True)

    # Ours only: the claim it publishes, its public slug, and what was published (the
    # page shows the snapshot, not whatever the claim holds after it went back to review).
    claim = models.OneToOneField(
        "claims.Claim", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    slug = models.SlugField(max_length=80, unique=True, null=True, blank=True)
    snapshot = models.JSONField(default=dict, blank=True)
    first_published_at = models.DateTimeField(null=True, blank=True)
    # Ours only: set while the claim is unpublished; the page and feed leave it out.
    withdrawn_at = models.DateTimeField(null=True, blank=True)

    # Matching: the analysed terms (space-separated, what the full-text index holds),
    # the entities and numbers of the claim (re-ranking features).
    search_text = models.TextField(blank=True, editable=False)
    match_entities = models.TextField(blank=True, editable=False)
    match_numbers = models.TextField(blank=True, editable=False)

    import_job = models.ForeignKey(
        "FactCheckImportJob", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["-date_published", "-id"]
        # No index on withdrawn_at: nearly every row has none, and one tempts the planner
        # away from the full-text GIN index (factchecks_search_gin) when matching.
        indexes = [models.Index(fields=["publisher"])]

    def __str__(self) -> str:
        return self.claim_reviewed[:80]

    @property
    def is_public(self) -> bool:
        return self.origin == Origin.OURS and self.withdrawn_at is None and bool(self.slug)


class MatchTerm(models.Model):
    """How many fact-checks contain a term (document frequency), kept in step with every
    write, so that a match weighs its terms by rarity without scanning the table."""

    term = models.CharField(max_length=100, primary_key=True)
    ndoc = models.IntegerField(default=0)


class MatchStats(models.Model):
    """One row: the number of indexed fact-checks and their total term count (BM25's N
    and average length), so that no match has to count a million rows."""

    ndoc = models.IntegerField(default=0)
    nterms = models.BigIntegerField(default=0)


class Correction(models.Model):
    """A public correction: a published verdict changed through review again."""

    factcheck = models.ForeignKey(FactCheck, on_delete=models.CASCADE, related_name="corrections")
    note = models.TextField()
    # {field: [old, new]} over what the public page shows.
    changes = models.JSONField(default=dict, blank=True)
    created_at = models.DateTimeField()

    class Meta:
        ordering = ["-created_at", "-id"]

    @property
    def summary(self) -> str:
        """What changed, as a reader reads it: "verdict True → False; rationale revised"."""
        parts, revised = [], []
        for name, (old, new) in self.changes.items():
            if name == "verdict":
                parts.append(f"verdict {old or 'none'} → {new or 'none'}")
            else:
                revised.append(name.replace("_", " "))
        if revised:
            parts.append(", ".join(revised) + " revised")
        return "; ".join(parts)


class FactCheckImportJob(models.Model):
    """An import of ClaimReview JSON-LD / JSONL / DataFeed / CSV, run by a worker, with
    progress and one error per bad row."""

    class Status(models.TextChoices):
        QUEUED = "queued", "Queued"
        RUNNING = "running", "Running"
        DONE = "done", "Done"
        FAILED = "failed", "Failed"

    filename = models.CharField(max_length=300)
    file = models.FileField(upload_to="factcheck-imports/", blank=True)
    status = models.CharField(max_length=16, choices=Status.choices, default=Status.QUEUED)
    total = models.PositiveIntegerField(default=0)
    processed = models.PositiveIntegerField(default=0)
    imported = models.PositiveIntegerField(default=0)
    updated = models.PositiveIntegerField(default=0)
    duplicates = models.PositiveIntegerField(default=0)
    # [{"row": n, "field": "...", "error": "..."}]
    errors = models.JSONField(default=list, blank=True)
    error = models.TextField(blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL
    )
    created_at = models.DateTimeField(auto_now_add=True)
    finished_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]
