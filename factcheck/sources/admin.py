from typing import Any

from django.contrib import admin, messages
from django.db.models import QuerySet

from .models import Citation, Source, SourceStatus
from .services import merge_sources


@admin.action(description="Merge the selected sources into one (the approved, oldest)")
def merge_selected(modeladmin: Any, request: Any, queryset: QuerySet[Source]) -> None:
    sources = sorted(queryset, key=lambda s: (s.status != SourceStatus.APPROVED, s.pk))
    if len(sources) < 2:
        modeladmin.message_user(request, "Select two or more sources to merge.", messages.WARNING)
        return
    into, moved = sources[0], 0
    for source in sources[1:]:
        moved += merge_sources(source, into, request.user)
    modeladmin.message_user(
        request, f"Merged {len(sources) - 1} source(s) into {into.name}; {moved} citation(s) moved."
    )


@admin.register(Source)
class SourceAdmin(admin.ModelAdmin):  # type: ignore[type-arg]
    list_display = ("name", "domain", "kind", "reliability", "status", "active")
    list_filter = ("kind", "reliability", "status", "active")
    search_fields = ("name", "domain")
    list_editable = ("reliability", "status", "active")
    actions = [merge_selected]


@admin.register(Citation)
class CitationAdmin(admin.ModelAdmin):  # type: ignore[type-arg]
    list_display = ("claim", "source", "stance", "url", "created_at")
    list_filter = ("stance",)
    raw_id_fields = ("claim", "source", "added_by")
