from django.contrib import admin

from .models import ExportJob


@admin.register(ExportJob)
class ExportJobAdmin(admin.ModelAdmin):  # type: ignore[type-arg]
    list_display = ("format", "status", "processed", "total", "created_by", "created_at")
    list_filter = ("format", "status")
