from django.contrib import admin

from .models import RoleAssignment


@admin.register(RoleAssignment)
class RoleAssignmentAdmin(admin.ModelAdmin):
    list_display = ["user", "role", "project", "organisation"]
    list_filter = ["role"]
    autocomplete_fields = ["user", "project", "organisation"]
