from django.contrib import admin

from .models import Consent, Erasure


class ReadOnly(admin.ModelAdmin):
    """Written by kopa.privacy.services only: the record of consents and erasures is not edited by hand."""

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(Consent)
class ConsentAdmin(ReadOnly):
    list_display = ["person", "kind", "given", "at", "how", "by"]
    list_filter = ["kind", "given", "how"]


@admin.register(Erasure)
class ErasureAdmin(ReadOnly):
    list_display = ["at", "person_number", "by", "reason"]
