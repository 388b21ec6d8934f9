from django.contrib import admin
from modeltranslation.admin import TranslationAdmin

from kopa.accounts.permissions import coordinated_organisation_ids
from kopa.core.admin_rules import RulesAdmin

from .models import (
    Country,
    Department,
    Municipality,
    Organisation,
    Person,
    PopulationFigure,
    Position,
    Region,
    Succession,
)


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
    search_fields = ["code", "name_lv", "name_lt", "name_en"]
    inlines = [PopulationInline, SuccessionInline]


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
    inlines = [DepartmentInline]
    scope_path = ""
    scope_ids = staticmethod(coordinated_organisation_ids)


class PositionInline(admin.TabularInline):
    model = Position
    extra = 0
    autocomplete_fields = ["organisation"]


@admin.register(Person)
class PersonAdmin(admin.ModelAdmin):
    list_display = ["last_name", "first_name", "photo_consent", "publication_consent"]
    search_fields = ["last_name", "first_name", "email"]
    inlines = [PositionInline]
