from django.contrib import admin

from .models import Correction, FactCheck, FactCheckImportJob


@admin.register(FactCheck)
class FactCheckAdmin(admin.ModelAdmin):  # type: ignore[type-arg]
    list_display = ("claim_reviewed", "rating_name", "publisher", "date_published", "origin")
    list_filter = ("origin", "language")
    search_fields = ("claim_reviewed", "url", "publisher")
    # Rows change through the import and the workflow (services), which keep the match
    # index in step; the admin only looks.
    readonly_fields = [f.name for f in FactCheck._meta.fields]

    def has_add_permission(self, request):  # type: ignore[no-untyped-def]
        return False


@admin.register(Correction)
class CorrectionAdmin(admin.ModelAdmin):  # type: ignore[type-arg]
    list_display = ("factcheck", "created_at", "note")
    readonly_fields = ("factcheck", "note", "changes", "created_at")


@admin.register(FactCheckImportJob)
class FactCheckImportJobAdmin(admin.ModelAdmin):  # type: ignore[type-arg]
    list_display = ("filename", "status", "total", "imported", "updated", "duplicates")
    readonly_fields = [f.name for f in FactCheckImportJob._meta.fields]
