from django.contrib import admin

from .models import Candidate


@admin.register(Candidate)
class CandidateAdmin(admin.ModelAdmin):  # type: ignore[type-arg]
    list_display = ("text", "kind", "article", "status", "score", "tagger_version")
    list_filter = ("kind", "status", "tagger_version")
    search_fields = ("text",)
    raw_id_fields = ("article", "claim", "decided_by")
