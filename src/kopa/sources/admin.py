"""The back office: sources are added and corrected through the services; citations and values are made in the
record's pages and the API (a generic reference is no field to type), removed and chosen here through the
services too."""

from django import forms
from django.contrib import admin, messages
from django.utils.translation import gettext_lazy as _
from rules.contrib.admin import ObjectPermissionsModelAdmin

from kopa.core.errors import DomainError, attach_to_form

from . import checks, services
from .models import Citation, Source, SourcedValue

SOURCE_ADMIN_FIELDS = ["title", "url", "publisher", "organisation", "language", "note", "date_precision",
                       "start_date", "end_date", "year_from", "year_to"]


class SourceAdminForm(forms.ModelForm):
    class Meta:
        model = Source
        fields = SOURCE_ADMIN_FIELDS

    def clean(self):
        try:
            checks.check_source(source=self.instance if self.instance.pk else None, **self.cleaned_data)
        except DomainError as error:
            attach_to_form(self, error)
        return self.cleaned_data

    def _post_clean(self):
        # The service checks (and says why in the reader's words); the model's own checks would repeat it.
        pass


@admin.register(Source)
class SourceAdmin(ObjectPermissionsModelAdmin):
    form = SourceAdminForm
    fields = SOURCE_ADMIN_FIELDS
    list_display = ["title", "publisher", "language", "url", "added_by", "created_at"]
    list_select_related = ["added_by"]
    search_fields = ["title", "publisher", "url"]
    raw_id_fields = ["organisation"]

    def save_model(self, request, obj, form, change):
        if change:
            source = services.update_source(source=obj, by=request.user, **form.cleaned_data)
        else:
            source = services.add_source(by=request.user, **form.cleaned_data)
        obj.pk = source.pk
        obj.refresh_from_db()
        obj._state.adding = False


class RecordRowAdmin(admin.ModelAdmin):
    """Rows that belong to a record of another app: listed and removed here, never typed."""

    list_select_related = ["source", "content_type", "added_by"]
    search_fields = ["source__title", "field"]
    list_filter = ["content_type"]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def _remove(self, request, obj):
        raise NotImplementedError

    def delete_model(self, request, obj):
        try:
            self._remove(request, obj)
        except DomainError as error:
            self.message_user(request, str(error), messages.ERROR)

    def delete_queryset(self, request, queryset):
        for obj in queryset:
            self.delete_model(request, obj)


@admin.register(Citation)
class CitationAdmin(RecordRowAdmin):
    list_display = ["source", "content_type", "object_id", "field", "locator", "added_by", "created_at"]

    def _remove(self, request, obj):
        services.uncite(citation=obj, by=request.user)


@admin.register(SourcedValue)
class SourcedValueAdmin(RecordRowAdmin):
    list_display = ["field", "value", "used", "source", "content_type", "object_id", "added_by", "created_at"]
    actions = ["use_value"]

    def _remove(self, request, obj):
        services.remove_value(value=obj, by=request.user)

    @admin.action(description=_("Use this value for its field"))
    def use_value(self, request, queryset):
        for value in queryset:
            try:
                services.choose_value(value=value, by=request.user)
            except DomainError as error:
                self.message_user(request, str(error), messages.ERROR)
