from django.contrib import admin

from kopa.core.admin_rules import ReadOnlyAdmin

from .models import ExportJob


@admin.register(ExportJob)
class ExportJobAdmin(ReadOnlyAdmin):
    """Who asked for which export and how it went (written only by the export job)."""

    list_display = ("label", "requested_by", "file_format", "state", "rows_done", "rows_total", "created_at",
                    "expires_at")
    list_filter = ("state", "file_format", "kind")
    ordering = ["-created_at"]
