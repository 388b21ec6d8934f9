from decimal import Decimal

from django.contrib import admin
from django.core.exceptions import ValidationError
from django.forms.models import BaseInlineFormSet
from django.utils.translation import gettext as _
from modeltranslation.admin import TranslationAdmin, TranslationTabularInline

from kopa.accounts.permissions import coordinated_project_ids
from kopa.core.admin_rules import RulesAdmin, RulesInline
from kopa.core.money import Currency, format_money, to_eur

from .models import (
    Fund,
    FundingShare,
    FundingStatement,
    OutputIndicator,
    Partnership,
    Programme,
    Project,
    WorkPlanItem,
)


class FundingStatementInline(TranslationTabularInline):
    """What the programme (or fund) requires its projects to show, and where (C8)."""

    model = FundingStatement
    extra = 0
    fields = ["key", "text", "logo", "logo_alt", "logo_required", "on_articles", "on_activity_pages",
              "on_project_pages", "on_sign_in_sheets", "on_certificates", "position"]


@admin.register(Fund)
class FundAdmin(TranslationAdmin):
    list_display = ["code", "name"]
    inlines = [FundingStatementInline]


@admin.register(Programme)
class ProgrammeAdmin(TranslationAdmin):
    list_display = ["code", "name", "start_year", "end_year"]
    filter_horizontal = ["funds"]
    inlines = [FundingStatementInline]


class PartnershipInline(RulesInline):
    model = Partnership
    autocomplete_fields = ["organisation"]

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if db_field.name == "brought_in_by":
            # Only a partner of this same project can bring in an associated organisation.
            project_id = request.resolver_match.kwargs.get("object_id")
            kwargs["queryset"] = (
                Partnership.objects.filter(project_id=project_id)
                .exclude(role=Partnership.Role.ASSOCIATED)
                .select_related("organisation", "project")
            )
        return super().formfield_for_foreignkey(db_field, request, **kwargs)


class FundingShareFormSet(BaseInlineFormSet):
    """The back office keeps the rule of the pages: the funds cannot pay more than the project total."""

    def clean(self):
        super().clean()
        project = self.instance
        if project.total_amount is None:
            return
        funded = Decimal(0)
        for form in self.forms:
            data = getattr(form, "cleaned_data", None) or {}
            if data.get("DELETE") or data.get("amount") is None:
                continue
            funded += to_eur(data["amount"], data.get("currency") or Currency.EUR)
        if funded - project.total_eur > Decimal("0.005") * max(len(self.forms), 1):
            raise ValidationError(
                _("The funding shares would add up to %(funded)s, more than the project's total budget of %(total)s.")
                % {"funded": format_money(funded), "total": format_money(project.total_eur)}
            )


class FundingShareInline(RulesInline):
    model = FundingShare
    formset = FundingShareFormSet


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
