from django.contrib import admin, messages
from django.core.exceptions import ValidationError
from django.forms.models import BaseInlineFormSet
from django.utils.translation import gettext_lazy as _
from modeltranslation.admin import TranslationAdmin, TranslationTabularInline

from kopa.accounts.permissions import coordinated_project_ids
from kopa.core.admin_rules import RulesAdmin, RulesInline
from kopa.core.errors import DomainError
from kopa.core.money import Currency, amount_or_none

from . import services
from .models import (
    ExchangeRate,
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


@admin.action(description=_("Mark as reviewed"))
def mark_reviewed(modeladmin, request, queryset):
    """Additions by coordinators, checked by an administrator (through the service, which keeps the rule)."""
    try:
        for entry in queryset:
            services.review_entry(entry=entry, by=request.user)
    except DomainError as error:
        modeladmin.message_user(request, str(error.message), level=messages.ERROR)


@admin.display(boolean=True, description=_("reviewed"))
def reviewed(obj):
    return not obj.awaiting_review


REVIEW_FIELDS = ["added_by", "added_at", "reviewed_by", "reviewed_at"]


@admin.register(Fund)
class FundAdmin(TranslationAdmin):
    list_display = ["code", "name", reviewed, "added_by"]
    list_filter = ["reviewed_at"]
    readonly_fields = REVIEW_FIELDS
    actions = [mark_reviewed]
    inlines = [FundingStatementInline]


@admin.register(Programme)
class ProgrammeAdmin(TranslationAdmin):
    list_display = ["code", "name", "start_year", "end_year", reviewed, "added_by"]
    readonly_fields = REVIEW_FIELDS
    actions = [mark_reviewed]
    filter_horizontal = ["funds", "donors"]
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
    """The back office keeps the rule of the pages by calling it: services.check_shares_fit (one rounding rule,
    shares over 100 % refused), and each row is saved by services.set_funding_share."""

    def clean(self):
        super().clean()
        shares = []
        for form in self.forms:
            data = getattr(form, "cleaned_data", None) or {}
            if not data or data.get("DELETE"):
                continue
            currency = data.get("currency") or Currency.EUR
            try:
                rate = services.resolve_rate(currency, data.get("rate")) if data.get("amount") is not None else None
            except DomainError as error:
                raise ValidationError(str(error.message)) from error
            data["rate"] = rate
            shares.append((amount_or_none(data.get("amount"), currency, rate), data.get("percentage")))
        try:
            services.check_shares_fit(self.instance.total if self.instance.total_amount is not None else None, shares)
        except DomainError as error:
            raise ValidationError(str(error.message)) from error


class FundingShareInline(RulesInline):
    model = FundingShare
    formset = FundingShareFormSet
    fields = ["fund", "amount", "currency", "rate", "percentage"]


class WorkPlanInline(RulesInline, TranslationTabularInline):
    model = WorkPlanItem


class IndicatorInline(RulesInline, TranslationTabularInline):
    model = OutputIndicator


@admin.register(Project)
class ProjectAdmin(RulesAdmin, TranslationAdmin):
    list_display = ["code", "acronym", "programme", "start_date", "end_date", "status", reviewed]
    readonly_fields = REVIEW_FIELDS
    actions = [mark_reviewed]
    list_filter = ["programme", "status"]
    search_fields = ["code", "acronym", "title_lv", "title_lt", "title_en"]
    inlines = [PartnershipInline, FundingShareInline, WorkPlanInline, IndicatorInline]
    scope_path = ""
    scope_ids = staticmethod(coordinated_project_ids)

    def has_add_permission(self, request):
        # Coordinators start projects on Kopā's own pages (which warn of duplicates); the back office is for
        # administrators.
        return request.user.is_superuser

    def save_formset(self, request, form, formset, change):
        if formset.model is not FundingShare:
            return super().save_formset(request, form, formset, change)
        project = form.instance
        # Changed and removed rows go first, so moving money between funds is never refused half-way.
        for row in formset.initial_forms:
            if row.instance.pk and (row in formset.deleted_forms or row.has_changed()):
                services.remove_funding_share(share=row.instance, by=request.user)
        for row in formset.forms:
            if row in formset.deleted_forms or not row.has_changed() or not row.cleaned_data:
                continue
            data = row.cleaned_data
            services.set_funding_share(project=project, fund=data["fund"], amount=data.get("amount"),
                                       currency=data.get("currency") or Currency.EUR, rate=data.get("rate"),
                                       percentage=data.get("percentage"), by=request.user)
        formset.new_objects, formset.changed_objects, formset.deleted_objects = [], [], []


@admin.register(ExchangeRate)
class ExchangeRateAdmin(admin.ModelAdmin):
    list_display = ["currency", "date", "rate", "source", "entered_by"]
    list_filter = ["currency"]
    readonly_fields = ["entered_by"]

    def save_model(self, request, obj, form, change):
        if change:
            return super().save_model(request, obj, form, change)
        saved = services.add_exchange_rate(currency=obj.currency, date=obj.date, rate=obj.rate, source=obj.source,
                                           by=request.user)
        obj.pk = saved.pk
