"""The back office saves through the services, and shows their refusals as the pages do.

A service refuses (DomainError) while the admin is saving: the admin's own transaction around the save rolls back,
so nothing changes, and the same submission is shown again with the service's message on the form, or on the inline
row, it came from — never a server error."""

from contextlib import contextmanager

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpResponseRedirect

from .errors import DomainError


class Refused(Exception):
    """A DomainError raised while saving one inline row (`prefix`) or the inline as a whole (its formset prefix)."""

    def __init__(self, error: DomainError, prefix: str):
        super().__init__(str(error))
        self.error, self.prefix = error, prefix


@contextmanager
def said_on(prefix: str):
    """Service calls made for the row (or formset) with this prefix: a refusal is shown there."""
    try:
        yield
    except DomainError as error:
        raise Refused(error, prefix) from error


def _field(error: DomainError, form) -> str | None:
    return error.field if error.field in form.fields else None


class ShowsRefusalForm:
    """Mixed into the admin's ModelForm for the second showing: the refusal of the main object's save."""

    refusal: DomainError | None = None

    def _post_clean(self):
        super()._post_clean()
        if self.refusal is not None:
            self.add_error(_field(self.refusal, self), str(self.refusal.message))


class ShowsRefusalFormSet:
    """Mixed into an inline's formset for the second showing: the refusal on its row, or above the inline."""

    refused: Refused | None = None

    def clean(self):
        super().clean()
        if self.refused is None:
            return
        for form in self.forms:
            # A row ticked for deletion is not validated again: its refusal is said above the inline.
            if form.prefix == self.refused.prefix and not self._should_delete_form(form):
                form.add_error(_field(self.refused.error, form), str(self.refused.error.message))
                return
        raise ValidationError(str(self.refused.error.message))


class ServiceSavesAdmin:
    """ModelAdmin mixin: saves call services; a refusal is shown on the form instead of a server error."""

    def changeform_view(self, request, object_id=None, form_url="", extra_context=None):
        try:
            return super().changeform_view(request, object_id, form_url, extra_context)
        except (DomainError, Refused) as error:
            if request.method != "POST":
                raise
            if hasattr(request, "_kopa_refused"):
                # Refused again, where no form could say it: said as a message, and still nothing saved.
                message = error.error.message if isinstance(error, Refused) else error.message
                self.message_user(request, str(message), messages.ERROR)
                return HttpResponseRedirect(request.get_full_path())
            # The admin's transaction has rolled back; show the same submission again, this time refused.
            request._kopa_refused = error
            return super().changeform_view(request, object_id, form_url, extra_context)

    def get_form(self, request, obj=None, change=False, **kwargs):
        form = super().get_form(request, obj, change=change, **kwargs)
        refused = getattr(request, "_kopa_refused", None)
        if isinstance(refused, DomainError):
            return type(form.__name__, (ShowsRefusalForm, form), {"refusal": refused})
        return form


class ServiceSavesInline:
    """Inline mixin, with ServiceSavesAdmin: a refusal while saving this inline is shown on its row."""

    def get_formset(self, request, obj=None, **kwargs):
        formset = super().get_formset(request, obj, **kwargs)
        refused = getattr(request, "_kopa_refused", None)
        if isinstance(refused, Refused):
            return type(formset.__name__, (ShowsRefusalFormSet, formset), {"refused": refused})
        return formset


def row_fields(form, *, skip=()) -> dict:
    """What an inline row's form holds for its model's own columns: the values a service is called with (not the
    row's id, its parent, the delete box, nor, where modeltranslation shows the lv/lt/en columns, the bare field)."""
    names = {f.name for f in form._meta.model._meta.concrete_fields if not f.primary_key}
    data = {}
    for name, value in form.cleaned_data.items():
        if name in skip or name not in names:
            continue
        if f"{name}_lv" in form.cleaned_data:
            continue
        data[name] = value
    return data


def save_rows(formset, parent, by, *, add, update, remove, fields=None) -> None:
    """An inline's rows through services: removed rows by `remove(row, by)`, changed ones by
    `update(row, by, **columns)`, new ones by `add(parent, by, **columns)`; a refusal is shown on its row."""
    fields = fields or (lambda form: row_fields(form, skip=(formset.fk.name,)))
    formset.new_objects, formset.changed_objects, formset.deleted_objects = [], [], []
    for row in formset.initial_forms:
        if row in formset.deleted_forms and row.instance.pk:
            with said_on(row.prefix):
                remove(row.instance, by)
            formset.deleted_objects.append(row.instance)
    for row in formset.forms:
        if row in formset.deleted_forms or not row.has_changed():
            continue
        columns = fields(row)
        if "topics" in row.cleaned_data:
            columns["topics"] = row.cleaned_data["topics"]
        with said_on(row.prefix):
            if row.instance.pk:
                formset.changed_objects.append((update(row.instance, by, **columns), row.changed_data))
            else:
                formset.new_objects.append(add(parent, by, **columns))
