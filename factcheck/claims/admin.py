from django.contrib import admin

from .models import Claim, ClaimEvent, Comment, VerdictLabel


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
    list_display = ("__str__", "article", "status", "verdict", "claimant", "updated_at")
    list_filter = ("status", "verdict", "anchor_status")
    search_fields = ("exact", "statement", "claimant")
    raw_id_fields = ("article", "created_by", "assignee", "reviewed_by")
    readonly_fields = ("start", "end", "exact", "prefix", "suffix", "version")
    inlines = [EventInline]


@admin.register(Comment)
class CommentAdmin(admin.ModelAdmin):  # type: ignore[type-arg]
    list_display = ("claim", "author", "created_at")
    raw_id_fields = ("claim", "author")
