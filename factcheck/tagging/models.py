"""Candidates the pre-tagger found in an article, and the reviewer's decision on each."""

from __future__ import annotations

from django.conf import settings
from django.db import models


class CandidateKind(models.TextChoices):
    NUMBER = "number", "Number"
    QUOTE = "quote", "Quote"
    ATTRIBUTION = "attribution", "Attribution"


class CandidateStatus(models.TextChoices):
    OPEN = "open", "Open"
    ACCEPTED = "accepted", "Accepted"
    DISMISSED = "dismissed", "Dismissed"


class Candidate(models.Model):
    article = models.ForeignKey(
        "articles.Article", on_delete=models.CASCADE, related_name="candidates"
    )
    kind = models.CharField(max_length=16, choices=CandidateKind.choices)
    start = models.PositiveIntegerField()
    end = models.PositiveIntegerField()
    text = models.TextField()
    # value/unit/qualifier for numbers, speaker for quotes, source for attributions.
    data = models.JSONField(default=dict, blank=True)
    score = models.FloatField(default=0.5)
    # How likely a fact-checker checks it (0..1, the extractor's `checkable`): below
    # CHECKABLE_THRESHOLD (0.5) the UI hides it by default; never deleted for it.
    checkable = models.FloatField(default=1.0)
    sentence = models.PositiveIntegerField(default=0)
    status = models.CharField(
        max_length=16, choices=CandidateStatus.choices, default=CandidateStatus.OPEN
    )
    tagger_version = models.CharField(max_length=32)
    claim = models.ForeignKey(
        "claims.Claim",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="candidates",
    )
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL
    )
    decided_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["article", "start", "end", "kind"]
        constraints = [
            models.UniqueConstraint(
                fields=["article", "kind", "start", "end"], name="unique_candidate_span"
            ),
            models.CheckConstraint(
                condition=models.Q(start__lt=models.F("end")), name="candidate_start_before_end"
            ),
        ]
        indexes = [models.Index(fields=["article", "status"])]

    def __str__(self) -> str:
        return f"{self.kind}: {self.text[:60]}"
