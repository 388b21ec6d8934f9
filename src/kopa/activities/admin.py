from django import forms
from django.contrib import admin
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from modeltranslation.admin import TranslationAdmin, TranslationStackedInline, TranslationTabularInline

from kopa.accounts.permissions import coordinated_organisation_ids, coordinated_project_ids
from kopa.core.admin_rules import ReadOnlyAdmin, RulesInline
from kopa.core.admin_services import ServiceSavesAdmin, ServiceSavesInline, row_fields, said_on, save_rows
from kopa.core.dates import STATED_DATE_FIELDS, apply_stated_dates
from kopa.core.errors import DomainError
from kopa.directory.models import Organisation
from kopa.projects.models import Project, WorkPlanItem

from . import services
from .models import (
    Activity,
    AddedKind,
    Breakout,
    Material,
    Outcome,
    Photo,
    Poll,
    PollEntry,
    ProgrammeItem,
    Quota,
    Registration,
    WorkingGroup,
    WorkingGroupOutput,
    kinds,
)
from .services.activity import _check as check_activity
from .services.materials import add_material, remove_material, update_material
from .services.outcomes import remove_outcome, update_outcome
from .services.programme import remove_breakout, update_breakout, update_programme_item
from .services.registration import remove_quota


class ProgrammeInline(ServiceSavesInline, RulesInline, TranslationStackedInline):
    model = ProgrammeItem
    autocomplete_fields = ["place"]


class BreakoutInline(ServiceSavesInline, RulesInline, TranslationTabularInline):
    model = Breakout


class OutcomeInline(ServiceSavesInline, RulesInline, TranslationTabularInline):
    model = Outcome


class QuotaInline(ServiceSavesInline, RulesInline):
    model = Quota
    autocomplete_fields = ["organisation"]

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if db_field.name == "breakout":
            kwargs["queryset"] = Breakout.objects.filter(activity_id=request.resolver_match.kwargs.get("object_id"))
        return super().formfield_for_foreignkey(db_field, request, **kwargs)


class MaterialInline(ServiceSavesInline, RulesInline):
    model = Material

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        # Only this activity's programme items and groups (add_material refuses another's).
        if db_field.name in ("programme_item", "breakout"):
            model = ProgrammeItem if db_field.name == "programme_item" else Breakout
            kwargs["queryset"] = model.objects.filter(activity_id=request.resolver_match.kwargs.get("object_id"))
        return super().formfield_for_foreignkey(db_field, request, **kwargs)


def _material_fields(form) -> dict:
    fields = row_fields(form, skip=("activity",))
    if fields.get("file") is None:
        fields.pop("file", None)  # no new upload: the file stays as it is
    elif fields["file"] is False:
        fields["file"] = ""  # the box "clear" ticked
    return fields


# Per inline: (add, update, remove) through the services, each called with the row's own columns.
INLINE_SERVICES = {
    ProgrammeItem: (
        lambda activity, by, topics=(), **f: services.add_programme_item(activity=activity, by=by, topics=topics, **f),
        lambda row, by, topics=None, **f: update_programme_item(item=row, by=by, topics=topics, **f),
        lambda row, by: services.remove_programme_item(item=row, by=by),
    ),
    Breakout: (
        lambda activity, by, topics=(), **f: services.add_breakout(activity=activity, by=by, topics=topics, **f),
        lambda row, by, topics=None, **f: update_breakout(breakout=row, by=by, topics=topics, **f),
        lambda row, by: remove_breakout(breakout=row, by=by),
    ),
    Outcome: (
        lambda activity, by, **f: services.add_outcome(activity=activity, by=by, **f),
        lambda row, by, **f: update_outcome(outcome=row, by=by, **f),
        lambda row, by: remove_outcome(outcome=row, by=by),
    ),
    Material: (
        lambda activity, by, **f: add_material(activity=activity, by=by, **f),
        lambda row, by, **f: update_material(material=row, by=by, **f),
        lambda row, by: remove_material(material=row, by=by),
    ),
}


class ActivityAdminForm(forms.ModelForm):
    """The back office keeps dates as the services do: the stated date checked, its bounds computed from it."""

    # Built-in and added kinds, as in Kopā's own pages.
    kind = forms.ChoiceField(label=_("kind"), choices=kinds.choices)

    def clean(self):
        cleaned = super().clean()
        for name in STATED_DATE_FIELDS:
            if name in cleaned:
                setattr(self.instance, name, cleaned[name] if name != "days" else cleaned[name] or [])
        try:
            apply_stated_dates(self.instance)
        except DomainError as error:
            raise forms.ValidationError({error.field if error.field in self.fields else None: str(error)}) from error
        for name in STATED_DATE_FIELDS:  # construct_instance writes cleaned_data over the instance afterwards
            if name in cleaned:
                cleaned[name] = getattr(self.instance, name)
        return cleaned

    def _post_clean(self):
        """The service's own checks (a title, a deadline before the end…), said on the field as a form error
        before anything is saved; saving then goes through the same service (ActivityAdmin.save_model)."""
        super()._post_clean()
        if self.errors:
            return
        try:
            check_activity(self.instance)
        except DomainError as error:
            self.add_error(error.field if error.field in self.fields else None, str(error))


@admin.register(AddedKind)
class AddedKindAdmin(TranslationAdmin):
    """Kinds coordinators added: administrators review (or rename) them."""

    list_display = ["code", "name", "added_by", "added_at", "reviewed_at"]
    list_filter = [("reviewed_at", admin.EmptyFieldListFilter)]
    readonly_fields = ["code", "added_by", "added_at", "reviewed_by", "reviewed_at"]
    actions = ["review"]

    def has_add_permission(self, request):
        return False  # added through the kinds page, which checks that the name is new

    @admin.action(description=_("Mark as reviewed"))
    def review(self, request, queryset):
        for kind in queryset:
            services.review_kind(kind=kind, by=request.user)


@admin.register(Activity)
class ActivityAdmin(ServiceSavesAdmin, TranslationAdmin):
    form = ActivityAdminForm
    list_display = ["title", "kind", "start_date", "end_date", "project", "status"]
    list_filter = ["kind", "status", "project"]
    search_fields = ["title_lv", "title_lt", "title_en"]
    date_hierarchy = "start_date"
    autocomplete_fields = ["organisers", "hosts", "host_municipalities", "announced_by", "project"]
    # Registrations, attendance and closing go through the organiser pages, which apply the seat rules; the
    # minutes and whether they are published are set when the activity is closed.
    readonly_fields = ["status", "closed_at", "minutes_lv", "minutes_lt", "minutes_en", "minutes_public"]
    inlines = [ProgrammeInline, BreakoutInline, QuotaInline, OutcomeInline, MaterialInline]

    def get_queryset(self, request):
        queryset = super().get_queryset(request)
        if request.user.is_superuser:
            return queryset
        return queryset.filter(
            Q(project__in=coordinated_project_ids(request.user))
            | Q(organisers__in=coordinated_organisation_ids(request.user))
            | Q(recorded_by=request.user)
        ).distinct()

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        # A coordinator attaches activities only to what they coordinate (attendance counts for that project).
        if not request.user.is_superuser and db_field.name == "project":
            kwargs["queryset"] = Project.objects.filter(pk__in=coordinated_project_ids(request.user))
        if not request.user.is_superuser and db_field.name == "work_plan_item":
            kwargs["queryset"] = WorkPlanItem.objects.filter(project__in=coordinated_project_ids(request.user))
        return super().formfield_for_foreignkey(db_field, request, **kwargs)

    def formfield_for_manytomany(self, db_field, request, **kwargs):
        user = request.user
        if not user.is_superuser and db_field.name == "organisers" and not coordinated_project_ids(user):
            kwargs["queryset"] = Organisation.objects.filter(pk__in=coordinated_organisation_ids(request.user))
        return super().formfield_for_manytomany(db_field, request, **kwargs)

    def save_model(self, request, obj, form, change):
        """Through the services, like the organiser pages: the same checks and, when seats or the quota per
        organisation change, the freed seats offered to the waiting list."""
        data = form.cleaned_data
        fields = {name: data[name] for name in services.ACTIVITY_FIELDS if name in data}
        related = {name: data[name] for name in ("organisers", "hosts", "host_municipalities", "topics")
                   if name in data}
        if change:
            saved = services.update_activity(activity=obj, by=request.user, **fields, **related)
        else:
            saved = services.create_activity(by=request.user, **fields, **related)
        if "other_kinds" in data:
            saved = services.set_other_kinds(activity=saved, kinds=data["other_kinds"] or [], by=request.user)
        if {"series", "series_number", "series_marker"} & set(form.changed_data):
            saved = services.place_in_series(activity=saved, series=data.get("series"), by=request.user,
                                             number=data.get("series_number"), marker=data.get("series_marker") or "")
        # The admin goes on with this object (its inlines, its change message): it is the saved row.
        obj.pk, obj._state.adding, obj._state.db = saved.pk, False, saved._state.db
        for name in fields:
            setattr(obj, name, getattr(saved, name))

    def save_related(self, request, form, formsets, change):
        # Organisers, hosts and topics went through the service; who keeps access is the administrators' list.
        if "recorded_by" in form.cleaned_data:
            form.instance.recorded_by.set(form.cleaned_data["recorded_by"])
        for formset in formsets:
            self.save_formset(request, form, formset, change=change)

    def save_formset(self, request, form, formset, change):
        if formset.model in INLINE_SERVICES:
            # The same rules as the organiser pages: an item's day within the activity's dates, a material's
            # file type and size…
            add, update, remove = INLINE_SERVICES[formset.model]
            return save_rows(formset, form.instance, request.user, add=add, update=update, remove=remove,
                             fields=_material_fields if formset.model is Material else None)
        if formset.model is not Quota:
            return super().save_formset(request, form, formset, change)
        return self._save_quotas(request, form.instance, formset)

    def _save_quotas(self, request, activity, formset):
        # Quotas through set_quota/remove_quota: a raised quota offers its seats to the waiting list.
        formset.new_objects, formset.changed_objects, formset.deleted_objects = [], [], []
        for row in formset.initial_forms:
            if row in formset.deleted_forms:
                with said_on(row.prefix):
                    remove_quota(quota=row.instance, by=request.user)
                formset.deleted_objects.append(row.instance)
        for row in formset.forms:
            if row in formset.deleted_forms or not row.has_changed():
                continue
            data = row.cleaned_data
            old = row.instance if row.instance.pk else None
            with said_on(row.prefix):
                # The form has already written the new organisation onto the row: what it was is in changed_data.
                if old is not None and {"organisation", "breakout"} & set(row.changed_data):
                    remove_quota(quota=old, by=request.user)  # it now concerns another organisation or group
                quota = services.set_quota(activity=activity, organisation=data["organisation"], seats=data["seats"],
                                           breakout=data.get("breakout"), by=request.user)
            if old is None:
                formset.new_objects.append(quota)
            else:
                formset.changed_objects.append((quota, row.changed_data))

    def has_change_permission(self, request, obj=None):
        return request.user.has_perm("activities.change_activity", obj)

    def has_view_permission(self, request, obj=None):
        return request.user.has_perm("activities.change_activity", obj)

    def has_add_permission(self, request):
        return request.user.has_perm("activities.add_activity")

    def has_delete_permission(self, request, obj=None):
        return request.user.has_perm("activities.delete_activity", obj)

    def has_module_permission(self, request):
        return request.user.has_perm("activities.add_activity")


@admin.register(Registration)
class RegistrationAdmin(ReadOnlyAdmin):
    """Read-only: changes go through the services (seats, quotas, waiting list)."""

    list_display = ["person", "activity", "organisation", "status", "created_at", "sample"]
    list_filter = ["status", "sample"]
    search_fields = ["person__last_name", "person__first_name"]


class PollEntryInline(TranslationTabularInline):
    model = PollEntry

    # Once a vote has opened its entries stay as they are: deleting one would delete its votes.
    def has_add_permission(self, request, obj=None):
        return obj is None or obj.status == Poll.Status.DRAFT

    def has_delete_permission(self, request, obj=None):
        return obj is None or obj.status == Poll.Status.DRAFT


@admin.register(Poll)
class PollAdmin(TranslationAdmin):
    list_display = ["question", "activity", "status"]
    readonly_fields = ["status"]
    inlines = [PollEntryInline]

    def get_readonly_fields(self, request, obj=None):
        if obj is not None and obj.status != Poll.Status.DRAFT:
            return ["status", "registered_only", "activity"]
        return ["status"]


@admin.register(Photo)
class PhotoAdmin(TranslationAdmin):
    list_display = ["caption", "activity", "is_public"]
    # Publishing checks consent: it happens through the service, not by ticking a box here.
    readonly_fields = ["is_public"]
    filter_horizontal = ["people"]

    def get_readonly_fields(self, request, obj=None):
        # Who is in a public photo was checked for consent; changing it needs publishing anew.
        return ["is_public", "people"] if obj is not None and obj.is_public else ["is_public"]


class WorkingGroupOutputInline(TranslationTabularInline):
    model = WorkingGroupOutput
    extra = 0


@admin.register(WorkingGroup)
class WorkingGroupAdmin(TranslationAdmin):
    list_display = ["name", "theme", "project"]
    prepopulated_fields = {"slug": ["name_lv"]}
    filter_horizontal = ["members"]
    inlines = [WorkingGroupOutputInline]
