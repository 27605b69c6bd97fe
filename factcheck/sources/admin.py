from django.contrib import admin

from .models import Citation, Source


@admin.register(Source)
class SourceAdmin(admin.ModelAdmin):  # type: ignore[type-arg]
    list_display = ("name", "domain", "kind", "reliability", "status", "active")
    list_filter = ("kind", "reliability", "status", "active")
    search_fields = ("name", "domain")
    list_editable = ("reliability", "status", "active")


@admin.register(Citation)
class CitationAdmin(admin.ModelAdmin):  # type: ignore[type-arg]
    list_display = ("claim", "source", "stance", "url", "created_at")
    list_filter = ("stance",)
    raw_id_fields = ("claim", "source", "added_by")
