from django.contrib import admin

from .models import Article, ArticleRevision, ImportJob


class RevisionInline(admin.TabularInline):  # type: ignore[type-arg]
    model = ArticleRevision
    fields = ("number", "content_hash", "note", "created_by", "created_at")
    readonly_fields = fields
    extra = 0
    can_delete = False


@admin.register(Article)
class ArticleAdmin(admin.ModelAdmin):  # type: ignore[type-arg]
    list_display = ("title", "outlet", "published_at", "tagging_status", "revision", "created_at")
    list_filter = ("tagging_status", "outlet", "language")
    search_fields = ("title", "outlet", "author", "url")
    readonly_fields = (
        "text",
        "html",
        "content_hash",
        "revision",
        "sentences",
        "tagger_version",
        "tagging_queued_at",
        "tagging_started_at",
        "tagging_finished_at",
    )
    inlines = [RevisionInline]


@admin.register(ImportJob)
class ImportJobAdmin(admin.ModelAdmin):  # type: ignore[type-arg]
    list_display = ("filename", "status", "processed", "total", "imported", "created_at")
    readonly_fields = ("errors",)
