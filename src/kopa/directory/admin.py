from django.contrib import admin, messages
from django.shortcuts import redirect
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from modeltranslation.admin import TranslationAdmin

from kopa.accounts.permissions import coordinated_organisation_ids
from kopa.core.admin_rules import ReadOnlyAdmin, RulesAdmin
from kopa.core.errors import DomainError

from . import services
from .models import (
    Country,
    Department,
    MergeLog,
    Municipality,
    MunicipalityVariant,
    Organisation,
    OrganisationVariant,
    Person,
    PersonVariant,
    PopulationFigure,
    Position,
    Region,
    Relationship,
    Succession,
)

REVIEW_FIELDS = ["added_by", "added_at", "reviewed_by", "reviewed_at"]


@admin.action(description=gettext_lazy("Mark as reviewed"))
def mark_reviewed(modeladmin, request, queryset):
    """Through the service: the same rule (administrators only) as the review button on Kopā's pages."""
    try:
        for record in queryset:
            services.review_entry(by=request.user, record=record)
    except DomainError as error:
        modeladmin.message_user(request, str(error), messages.ERROR)
    else:
        modeladmin.message_user(request, _("Marked as reviewed."), messages.SUCCESS)


@admin.action(description=gettext_lazy("Merge the two selected (the older one is kept)"))
def merge_two(modeladmin, request, queryset):
    records = list(queryset.order_by("pk")[:3])
    if len(records) != 2:
        modeladmin.message_user(request, _("Select exactly two entries to merge."), messages.ERROR)
        return
    kept, duplicate = records
    try:
        log = services.merge_entries(kept=kept, duplicate=duplicate, by=request.user)
    except DomainError as error:
        modeladmin.message_user(request, str(error), messages.ERROR)
        return
    modeladmin.message_user(request, _("“%(duplicate)s” has been merged into “%(kept)s”.") % {
        "duplicate": log.duplicate_name, "kept": log.kept_name}, messages.SUCCESS)


class OrganisationVariantInline(admin.TabularInline):
    model = OrganisationVariant
    extra = 0


class PersonVariantInline(admin.TabularInline):
    model = PersonVariant
    extra = 0


class MunicipalityVariantInline(admin.TabularInline):
    model = MunicipalityVariant
    extra = 0


class PopulationInline(admin.TabularInline):
    model = PopulationFigure
    extra = 0


class SuccessionInline(admin.TabularInline):
    model = Succession
    fk_name = "predecessor"
    extra = 0
    autocomplete_fields = ["successor"]


@admin.register(Country)
class CountryAdmin(TranslationAdmin):
    list_display = ["code", "name"]


@admin.register(Region)
class RegionAdmin(TranslationAdmin):
    list_display = ["code", "name", "kind", "country"]
    list_filter = ["country", "kind"]


@admin.register(Municipality)
class MunicipalityAdmin(TranslationAdmin):
    list_display = ["code", "name", "kind", "region", "valid_from", "valid_to"]
    list_filter = ["country", "kind", "region"]
    search_fields = ["code", "lau_code", "name_lv", "name_lt", "name_en"]
    inlines = [MunicipalityVariantInline, PopulationInline, SuccessionInline]
    readonly_fields = REVIEW_FIELDS
    actions = [mark_reviewed, merge_two]


class DepartmentInline(admin.TabularInline):
    model = Department
    extra = 0


@admin.register(Organisation)
class OrganisationAdmin(RulesAdmin, TranslationAdmin):
    list_display = ["name", "short_name", "kind", "country", "municipality"]
    list_filter = ["country", "kind"]
    search_fields = ["name_lv", "name_lt", "name_en", "short_name"]
    autocomplete_fields = ["municipality"]
    prepopulated_fields = {"slug": ["name_lv"]}
    inlines = [OrganisationVariantInline, DepartmentInline]
    readonly_fields = REVIEW_FIELDS
    actions = [mark_reviewed, merge_two]
    scope_path = ""
    scope_ids = staticmethod(coordinated_organisation_ids)


class PositionInline(admin.TabularInline):
    model = Position
    extra = 0
    autocomplete_fields = ["organisation"]
    raw_id_fields = ["department"]  # not a <select> of every department in Europe


@admin.register(Person)
class PersonAdmin(admin.ModelAdmin):
    list_display = ["last_name", "first_name", "photo_consent", "publication_consent"]
    search_fields = ["last_name", "first_name", "email"]
    inlines = [PersonVariantInline, PositionInline]
    raw_id_fields = ["user"]  # not a <select> of every account
    readonly_fields = REVIEW_FIELDS
    actions = [mark_reviewed, merge_two, "personal_data", "erase"]

    def _one(self, request, queryset):
        if queryset.count() != 1:
            self.message_user(request, _("Select one person."), messages.ERROR)
            return None
        return queryset.get()

    # The page and the erasure live in kopa.privacy (its service checks the administrator and records it).
    @admin.action(description=gettext_lazy("Download personal data"), permissions=["view"])
    def personal_data(self, request, queryset):
        person = self._one(request, queryset)
        return redirect("privacy:person", pk=person.pk) if person else None

    @admin.action(description=gettext_lazy("Erase personal data"), permissions=["erase"])
    def erase(self, request, queryset):
        person = self._one(request, queryset)
        return redirect("privacy:erase", pk=person.pk) if person else None

    def has_erase_permission(self, request):
        return request.user.is_superuser


@admin.register(Relationship)
class RelationshipAdmin(admin.ModelAdmin):
    list_display = ["first", "kind", "second", "signed_on", "start_date", "end_date"]
    list_filter = ["kind"]
    autocomplete_fields = ["first", "second"]
    readonly_fields = REVIEW_FIELDS


@admin.register(MergeLog)
class MergeLogAdmin(ReadOnlyAdmin):
    """The log is written by merges only: read, never edited."""

    list_display = ["merged_at", "record_type", "duplicate_name", "kept_name", "merged_by"]
    list_filter = ["record_type"]
