from django.contrib import admin, messages
from django.core.exceptions import ValidationError
from django.forms.models import BaseInlineFormSet
from django.utils.translation import gettext_lazy as _
from modeltranslation.admin import TranslationAdmin, TranslationTabularInline

from kopa.accounts.permissions import coordinated_project_ids
from kopa.core.admin_rules import RulesAdmin, RulesInline
from kopa.core.admin_services import ServiceSavesAdmin, ServiceSavesInline, row_fields, said_on, save_rows
from kopa.core.errors import DomainError
from kopa.core.money import Currency, amount_or_none

from . import checks, services
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
from .services.partners import remove_partner, set_partner_role
from .services.plan import remove_indicator, remove_work_plan_item, update_indicator, update_work_plan_item


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


class PartnershipInline(ServiceSavesInline, RulesInline):
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
    """The back office keeps the rule of the pages by calling it: checks.check_shares_fit (one rounding rule,
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
                rate = checks.resolve_rate(currency, data.get("rate")) if data.get("amount") is not None else None
            except DomainError as error:
                raise ValidationError(str(error.message)) from error
            data["rate"] = rate
            shares.append((amount_or_none(data.get("amount"), currency, rate), data.get("percentage")))
        try:
            checks.check_shares_fit(self.instance.total if self.instance.total_amount is not None else None, shares)
        except DomainError as error:
            raise ValidationError(str(error.message)) from error


class FundingShareInline(ServiceSavesInline, RulesInline):
    model = FundingShare
    formset = FundingShareFormSet
    fields = ["fund", "amount", "currency", "rate", "percentage"]


class WorkPlanInline(ServiceSavesInline, RulesInline, TranslationTabularInline):
    model = WorkPlanItem


class IndicatorInline(ServiceSavesInline, RulesInline, TranslationTabularInline):
    model = OutputIndicator


# Per inline saved row by row: (add, update, remove) through the services, with the row's own columns.
ROW_SERVICES = {
    WorkPlanItem: (
        lambda project, by, **f: services.add_work_plan_item(project=project, by=by, **f),
        lambda row, by, **f: update_work_plan_item(item=row, by=by, **f),
        lambda row, by: remove_work_plan_item(item=row, by=by),
    ),
    OutputIndicator: (
        lambda project, by, **f: services.add_indicator(project=project, by=by, **f),
        lambda row, by, **f: update_indicator(indicator=row, by=by, **f),
        lambda row, by: remove_indicator(indicator=row, by=by),
    ),
}


@admin.register(Project)
class ProjectAdmin(ServiceSavesAdmin, RulesAdmin, TranslationAdmin):
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

    def save_model(self, request, obj, form, change):
        """Through the services, like Kopā's own pages: the same checks and the same stored values (a period stated
        to the month kept as its bounds, a total's dated rate, a code without spaces…)."""
        data = form.cleaned_data
        fields = {name: data[name] for name in services.PROJECT_FIELDS if name in data}
        topics = data.get("topics")
        if change:
            saved = services.update_project(project=obj, by=request.user, topics=topics, **fields)
        else:
            # An administrator adding a project here has decided it is new: no question about duplicates.
            saved = services.create_project(by=request.user, topics=topics or (), confirm_new=True, **fields)
        # The admin goes on with this object (its inlines, its change message): it is the saved row.
        obj.pk, obj._state.adding, obj._state.db = saved.pk, False, saved._state.db
        for name in fields:
            setattr(obj, name, getattr(saved, name))

    def save_related(self, request, form, formsets, change):
        # Topics went through the service with the project; each inline through its own.
        for formset in formsets:
            self.save_formset(request, form, formset, change=change)

    def save_formset(self, request, form, formset, change):
        project, by = form.instance, request.user
        if formset.model is FundingShare:
            return self._save_funding_shares(project, by, formset)
        if formset.model is Partnership:
            return self._save_partners(project, by, formset)
        if formset.model in ROW_SERVICES:
            add, update, remove = ROW_SERVICES[formset.model]
            return save_rows(formset, project, by, add=add, update=update, remove=remove)
        return super().save_formset(request, form, formset, change)

    def _save_funding_shares(self, project, by, formset):
        # Changed and removed rows go first, so moving money between funds is never refused half-way.
        for row in formset.initial_forms:
            if row.instance.pk and (row in formset.deleted_forms or row.has_changed()):
                with said_on(row.prefix):
                    services.remove_funding_share(share=row.instance, by=by)
        for row in formset.forms:
            if row in formset.deleted_forms or not row.has_changed() or not row.cleaned_data:
                continue
            data = row.cleaned_data
            with said_on(row.prefix):
                services.set_funding_share(project=project, fund=data["fund"], amount=data.get("amount"),
                                           currency=data.get("currency") or Currency.EUR, rate=data.get("rate"),
                                           percentage=data.get("percentage"), by=by)
        formset.new_objects, formset.changed_objects, formset.deleted_objects = [], [], []

    def _save_partners(self, project, by, formset):
        """Partners by add_partner/update_partner/set_partner_role/remove_partner: one lead partner, associated
        organisations brought in by a partner of the project, budgets converted at a dated rate."""
        formset.new_objects, formset.changed_objects, formset.deleted_objects = [], [], []
        for row in formset.initial_forms:
            if row in formset.deleted_forms and row.instance.pk:
                with said_on(row.prefix):
                    remove_partner(partnership=row.instance, by=by)
                formset.deleted_objects.append(row.instance)
        rows = [row for row in formset.forms if row not in formset.deleted_forms and row.has_changed()]
        # The lead handed over in one save: the old lead steps down before the new one takes the role.
        rows.sort(key=lambda row: row.cleaned_data.get("role") == Partnership.Role.LEAD_PARTNER)
        for row in rows:
            data = row.cleaned_data
            budget = {name: value for name, value in row_fields(row, skip=("project",)).items()
                      if name in services.PARTNER_FIELDS}
            with said_on(row.prefix):
                # The form has already written the new values onto the row: what changed is in changed_data.
                if row.instance.pk and "organisation" in row.changed_data:
                    remove_partner(partnership=row.instance, by=by)  # another organisation: a new partner
                    row.instance.pk = None
                if not row.instance.pk:
                    formset.new_objects.append(services.add_partner(
                        project=project, organisation=data["organisation"], role=data["role"],
                        brought_in_by=data.get("brought_in_by"), by=by, **budget))
                    continue
                if {"role", "brought_in_by"} & set(row.changed_data):
                    set_partner_role(partnership=row.instance, role=data["role"],
                                     brought_in_by=data.get("brought_in_by"), by=by)
                formset.changed_objects.append(
                    (services.update_partner(partnership=row.instance, by=by, **budget), row.changed_data))


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
