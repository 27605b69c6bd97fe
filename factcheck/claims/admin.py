from typing import Any

from django.contrib import admin
from django.db import transaction
from django.db.models import QuerySet
from django.http import HttpRequest

from .models import Claim, ClaimEvent, Comment, VerdictLabel
from .services import delete_claim, record_event


@admin.register(VerdictLabel)
class VerdictLabelAdmin(admin.ModelAdmin):  # type: ignore[type-arg]
    list_display = ("name", "order", "rating_value", "colour", "active")
    list_editable = ("order", "active")
    prepopulated_fields = {"slug": ("name",)}


class EventInline(admin.TabularInline):  # type: ignore[type-arg]
    model = ClaimEvent
    fields = ("created_at", "actor", "action", "changes")
    readonly_fields = fields
    extra = 0
    can_delete = False


@admin.register(Claim)
class ClaimAdmin(admin.ModelAdmin):  # type: ignore[type-arg]
    list_display = (
        "__str__",
        "article",
        "status",
        "verdict",
        "claimant",
        "updated_at",
        "deleted_at",
    )
    list_filter = ("status", "verdict", "anchor_status", ("deleted_at", admin.EmptyFieldListFilter))
    search_fields = ("exact", "statement", "claimant")
    raw_id_fields = ("article", "created_by", "assignee", "reviewed_by")
    readonly_fields = ("start", "end", "exact", "prefix", "suffix", "version", "deleted_at")
    inlines = [EventInline]

    # Deleting here is the same soft delete as the API's: the row and history stay.
    def delete_model(self, request: HttpRequest, obj: Claim) -> None:
        if obj.deleted_at is None:
            delete_claim(obj.pk, request.user)

    def delete_queryset(self, request: HttpRequest, queryset: QuerySet[Claim]) -> None:
        for pk in queryset.filter(deleted_at__isnull=True).values_list("pk", flat=True):
            delete_claim(pk, request.user)


@admin.register(Comment)
class CommentAdmin(admin.ModelAdmin):  # type: ignore[type-arg]
    list_display = ("claim", "author", "created_at")
    raw_id_fields = ("claim", "author")

    # A removed comment leaves its text in the claim's history.
    def delete_model(self, request: HttpRequest, obj: Comment) -> None:
        with transaction.atomic():
            _trace_comment(request.user, obj)
            obj.delete()

    def delete_queryset(self, request: HttpRequest, queryset: QuerySet[Comment]) -> None:
        with transaction.atomic():
            for comment in queryset.select_related("claim"):
                _trace_comment(request.user, comment)
            queryset.delete()


def _trace_comment(user: Any, comment: Comment) -> None:
    record_event(
        comment.claim,
        user,
        "comment_deleted",
        {"comment": {"id": comment.pk, "body": comment.body, "author": comment.author_id}},
    )
