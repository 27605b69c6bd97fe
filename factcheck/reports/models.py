"""Export jobs: large exports run on a worker with progress and a download when ready."""

from __future__ import annotations

from django.conf import settings
from django.db import models


class ExportFormat(models.TextChoices):
    CSV = "csv", "CSV"
    JSON = "json", "JSON Lines"
    CLAIMREVIEW = "claimreview", "schema.org ClaimReview"
    WEBANNOTATION = "webannotation", "W3C Web Annotation"
    HTML = "html", "HTML report"
    PDF = "pdf", "PDF report"


class ExportJob(models.Model):
    class Status(models.TextChoices):
        QUEUED = "queued", "Queued"
        RUNNING = "running", "Running"
        DONE = "done", "Done"
        FAILED = "failed", "Failed"

    format = models.CharField(max_length=16, choices=ExportFormat.choices)
    filters = models.JSONField(default=dict, blank=True)
    status = models.CharField(max_length=16, choices=Status.choices, default=Status.QUEUED)
    total = models.PositiveIntegerField(default=0)
    processed = models.PositiveIntegerField(default=0)
    file = models.FileField(upload_to="exports/", blank=True)
    error = models.TextField(blank=True)
    # Non-fatal notes for the editor, e.g. a claimReviewed longer than Google shows.
    warnings = models.JSONField(default=list, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL
    )
    created_at = models.DateTimeField(auto_now_add=True)
    finished_at = models.DateTimeField(null=True, blank=True)
    # The delivery running it (core.jobs.JobQueue.claim) and its last sign of life; for a
    # queued job, when it was last enqueued. The sweeper judges lost jobs by these.
    attempt = models.CharField(max_length=64, blank=True, editable=False)
    heartbeat_at = models.DateTimeField(null=True, blank=True, editable=False)

    class Meta:
        ordering = ["-created_at"]
