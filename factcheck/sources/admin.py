from typing import Any

from django.contrib import admin, messages
from django.db.models import QuerySet

from .models import Capture, Source, SourceStatus
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


@admin.register(Capture)
class CaptureAdmin(admin.ModelAdmin):  # type: ignore[type-arg]
    """Captures are made by the worker; here they can be read (and re-captured in the app)."""

    list_display = ("url", "status", "excerpt_found", "fetched_at", "snapshot")
    list_filter = ("status", "excerpt_found")
    search_fields = ("url", "final_url")

    def has_add_permission(self, request: Any) -> bool:
        return False

    def has_change_permission(self, request: Any, obj: Any = None) -> bool:
        return False
