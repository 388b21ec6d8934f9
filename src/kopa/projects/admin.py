from django.contrib import admin
from modeltranslation.admin import TranslationAdmin, TranslationTabularInline

from kopa.accounts.permissions import coordinated_project_ids
from kopa.core.admin_rules import RulesAdmin, RulesInline

from .models import Fund, FundingShare, OutputIndicator, Partnership, Programme, Project, WorkPlanItem


@admin.register(Fund)
class FundAdmin(TranslationAdmin):
    list_display = ["code", "name"]


@admin.register(Programme)
class ProgrammeAdmin(TranslationAdmin):
    list_display = ["code", "name", "start_year", "end_year"]
    filter_horizontal = ["funds"]


class PartnershipInline(RulesInline):
    model = Partnership
    autocomplete_fields = ["organisation"]


class FundingShareInline(RulesInline):
    model = FundingShare


class WorkPlanInline(RulesInline, TranslationTabularInline):
    model = WorkPlanItem


class IndicatorInline(RulesInline, TranslationTabularInline):
    model = OutputIndicator


@admin.register(Project)
class ProjectAdmin(RulesAdmin, TranslationAdmin):
    list_display = ["code", "acronym", "programme", "start_date", "end_date", "status"]
    list_filter = ["programme", "status"]
    search_fields = ["code", "acronym", "title_lv", "title_lt", "title_en"]
    inlines = [PartnershipInline, FundingShareInline, WorkPlanInline, IndicatorInline]
    scope_path = ""
    scope_ids = staticmethod(coordinated_project_ids)
