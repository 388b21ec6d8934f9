from django.contrib import admin

from .models import Heartbeat


@admin.register(Heartbeat)
class HeartbeatAdmin(admin.ModelAdmin):
    """Which workers are alive (queued, running and failed jobs: "Task results", from django-tasks-db)."""

    list_display = ("worker_id", "host", "started_at", "seen_at")
    ordering = ["-seen_at"]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False
