from django.contrib import admin

from kopa.core.admin_rules import ReadOnlyAdmin

from .models import Consent, Erasure


@admin.register(Consent)
class ConsentAdmin(ReadOnlyAdmin):
    list_display = ["person", "kind", "given", "at", "how", "by"]
    list_filter = ["kind", "given", "how"]


@admin.register(Erasure)
class ErasureAdmin(ReadOnlyAdmin):
    list_display = ["at", "person_number", "by", "reason"]
