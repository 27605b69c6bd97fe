"""Articles and their revisions. `Article.text` is the canonical plain text every anchor
counts on (code points); a correction is a new revision, never an edit in place."""

from __future__ import annotations

import hashlib

from django.conf import settings
from django.db import models


def content_hash(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


class TaggingStatus(models.TextChoices):
    QUEUED = "queued", "Queued"
    RUNNING = "running", "Running"
    DONE = "done", "Done"
    FAILED = "failed", "Failed"


class Article(models.Model):
    title = models.CharField(max_length=500)
    outlet = models.CharField(max_length=200, blank=True)
    author = models.CharField(max_length=300, blank=True)
    url = models.URLField(max_length=2000, blank=True)
    published_at = models.DateTimeField(null=True, blank=True)
    language = models.CharField(max_length=16, default="en")
    text = models.TextField(help_text="Canonical plain text; anchors count code points in it.")
    html = models.TextField(blank=True, help_text="Sanitised HTML kept for display.")
    content_hash = models.CharField(max_length=64, unique=True, editable=False)
    revision = models.PositiveIntegerField(default=1)

    tagging_status = models.CharField(
        max_length=16, choices=TaggingStatus.choices, default=TaggingStatus.QUEUED
    )
    tagging_error = models.TextField(blank=True)
    tagging_queued_at = models.DateTimeField(null=True, blank=True)
    tagging_started_at = models.DateTimeField(null=True, blank=True)
    tagging_finished_at = models.DateTimeField(null=True, blank=True)
    tagger_version = models.CharField(max_length=32, blank=True)
    # [[start, end, score], ...] per sentence, written by the tagger.
    sentences = models.JSONField(default=list, blank=True)

    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="articles_created",
    )
    assignee = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="articles_assigned",
    )
    assigned_at = models.DateTimeField(null=True, blank=True)
    assigned_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    # The bulk import that brought it in, so the job can report its tagging progress.
    import_job = models.ForeignKey(
        "ImportJob", null=True, blank=True, on_delete=models.SET_NULL, related_name="articles"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        indexes = [
            models.Index(fields=["tagging_status", "tagging_queued_at"]),
            models.Index(fields=["outlet"]),
            models.Index(fields=["url"]),
        ]

    def __str__(self) -> str:
        return self.title

    def save(self, *args: object, **kwargs: object) -> None:
        self.content_hash = content_hash(self.text)
        super().save(*args, **kwargs)  # type: ignore[arg-type]


class ArticleRevision(models.Model):
    """An earlier (or the current) canonical text of an article, kept for ever."""

    article = models.ForeignKey(Article, on_delete=models.CASCADE, related_name="revisions")
    number = models.PositiveIntegerField()
    text = models.TextField()
    html = models.TextField(blank=True)
    content_hash = models.CharField(max_length=64)
    # The input as pasted, when import cleaning (cruft lines, byline) changed it.
    raw = models.TextField(blank=True)
    note = models.CharField(max_length=500, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["article", "number"]
        constraints = [
            models.UniqueConstraint(fields=["article", "number"], name="unique_revision_number")
        ]


class ImportJob(models.Model):
    """A bulk import (CSV/JSONL) run by a worker, with progress and per-row errors."""

    class Status(models.TextChoices):
        QUEUED = "queued", "Queued"
        RUNNING = "running", "Running"
        DONE = "done", "Done"
        FAILED = "failed", "Failed"

    filename = models.CharField(max_length=300)
    file = models.FileField(upload_to="imports/", blank=True)
    status = models.CharField(max_length=16, choices=Status.choices, default=Status.QUEUED)
    total = models.PositiveIntegerField(default=0)
    processed = models.PositiveIntegerField(default=0)
    imported = models.PositiveIntegerField(default=0)
    duplicates = models.PositiveIntegerField(default=0)
    # [{"row": n, "field": "...", "error": "..."}]
    errors = models.JSONField(default=list, blank=True)
    error = models.TextField(blank=True)
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


class WorkSeen(models.Model):
    """When a person last looked at their "My work" page: newer items count as unread."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="work_seen"
    )
    seen_at = models.DateTimeField()
