"""Two people editing one record: neither silently overwrites the other.

An edit form carries, in a hidden field, a signed snapshot of the values of the fields it shows as they were
loaded. The service, holding the row lock, compares the record's values now with that snapshot: if anyone changed
one of them meanwhile, it refuses with an `EditConflict` naming each change. The page is shown again with the
user's input kept and a fresh snapshot, so that saving once more overwrites deliberately, knowing what changed.
No column is needed: the values themselves are the version (Django's `signing` keeps them from being forged).
"""

from dataclasses import dataclass
from datetime import UTC, date, datetime
from decimal import Decimal

from django import forms
from django.core import signing
from django.core.exceptions import FieldDoesNotExist
from django.db import models
from django.utils import formats, timezone
from django.utils.text import Truncator
from django.utils.translation import gettext as _

from .errors import DomainError

SALT = "kopa.core.concurrency"
FIELD = "loaded"  # the hidden field's name (prefixed as the form's other fields are)


@dataclass(frozen=True)
class Change:
    """One field someone else changed: its name and its values as loaded and as saved now (comparable form)."""

    name: str
    loaded: object
    now: object


class EditConflict(DomainError):
    """Someone else saved the record after it was loaded; `changes` says what, `fresh` is a snapshot of now."""

    def __init__(self, record, changes: list[Change], current: dict):
        names = ", ".join(str(_model_field(record, change.name).verbose_name) for change in changes)
        super().__init__(_("Someone else changed this record while you were editing it: %(fields)s.")
                         % {"fields": names}, code="conflict")
        self.record, self.changes, self.current = record, changes, current

    @property
    def fresh(self) -> str:
        return sign(self.record, self.current)


def _model_field(record, name):
    return record._meta.get_field(name)


def comparable(field, value):
    """A value as JSON keeps it and as two readings of one record compare equal: objects by their keys, many by
    their sorted keys, times in UTC, amounts to the field's decimals; empty text, no list and None alike."""
    if isinstance(value, models.Model):
        value = value.pk
    elif field.many_to_many:
        value = sorted(item.pk if isinstance(item, models.Model) else int(item) for item in (value or ()))
    if value in ("", None, []) and not isinstance(value, bool):
        return None
    if isinstance(value, datetime):
        return value.astimezone(UTC).isoformat() if timezone.is_aware(value) else value.isoformat()
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, Decimal):
        places = getattr(field, "decimal_places", None)
        return str(value.quantize(Decimal(1).scaleb(-places)) if places is not None else value.normalize())
    if isinstance(value, tuple):
        return list(value)
    return value


def snapshot(record, names, known: dict | None = None) -> dict:
    """The record's values of `names`; `known` holds values already read (a form's initial), saving queries."""
    known = known or {}
    values = {}
    for name in names:
        field = _model_field(record, name)
        if name in known:
            value = known[name]
        elif field.many_to_many:
            value = list(getattr(record, name).values_list("pk", flat=True))
        elif field.is_relation:
            value = getattr(record, field.attname)
        else:
            value = getattr(record, name)
        values[name] = comparable(field, value)
    return values


def sign(record, values: dict) -> str:
    return signing.dumps({"m": record._meta.label_lower, "pk": record.pk, "v": values}, salt=SALT, compress=True)


def unsign(record, token: str) -> dict:
    """The values a snapshot holds; one that was altered, or made for another record, is refused."""
    try:
        data = signing.loads(token, salt=SALT)
    except signing.BadSignature as error:
        raise DomainError(_("This page was altered, or is too old to check: open the edit page again."),
                          code="tampered") from error
    if data.get("m") != record._meta.label_lower or data.get("pk") != record.pk:
        raise DomainError(_("This page was altered, or is too old to check: open the edit page again."),
                          code="tampered")
    return data["v"]


def check_unchanged(record, loaded: dict | None, submitted: dict | None = None) -> None:
    """Call with the row locked. Refuses when a field changed since `loaded`, unless what is being saved into it
    is what it holds now anyway (nothing would be lost). No snapshot (imports, the API): nothing to compare."""
    if not loaded:
        return
    submitted = submitted or {}
    current = snapshot(record, list(loaded))
    changes = []
    for name, was in loaded.items():
        now = current[name]
        if now == was:
            continue
        if name in submitted and comparable(_model_field(record, name), submitted[name]) == now:
            continue
        changes.append(Change(name, was, now))
    if changes:
        raise EditConflict(record, changes, current)


# The form's side ----------------------------------------------------------------------------------------------

class SnapshotField(forms.CharField):
    """The hidden snapshot; cleaned, it is the values it holds (None when absent: a client that sends none). A
    refusal is said above the form: a hidden field has no place to show its own error."""

    widget = forms.HiddenInput

    def __init__(self, record, form, **kwargs):
        super().__init__(required=False, **kwargs)
        self.record, self.form = record, form

    def clean(self, value):
        value = super().clean(value)
        if not value:
            return None
        try:
            return unsign(self.record, value)
        except DomainError as error:
            self.form.add_error(None, error.message)
            return None


def guard(form, record, names=None) -> None:
    """Give an edit form its snapshot: of the record's fields the form shows (or `names`), read from the form's
    initial values where it has them. Its cleaned data then holds `loaded`, for the service to compare."""
    if names is None:
        names = [name for name in form.fields if _is_field_of(record, name)]
    form.fields[FIELD] = SnapshotField(record, form, initial=sign(record, snapshot(record, names, known=form.initial)))


def _is_field_of(record, name) -> bool:
    try:
        field = _model_field(record, name)
    except FieldDoesNotExist:
        return False
    return field.concrete or field.many_to_many


def show_conflict(form, conflict: EditConflict) -> None:
    """Say above the form what changed, by the form's labels ("what you loaded" → "what it is now"), and give it
    a fresh snapshot: the user's input stays in the fields, and saving again overwrites on purpose."""
    lines = [_("Someone else saved this record while you were editing it. Your input is kept below: check it "
               "against these changes, then save again to replace them with it, or leave the page.")]
    for change in conflict.changes:
        form_field = form.fields.get(change.name)
        model_field = _model_field(conflict.record, change.name)
        lines.append(_("%(field)s: you loaded “%(loaded)s”, it is now “%(now)s”.") % {
            "field": form_field.label if form_field is not None and form_field.label else model_field.verbose_name,
            "loaded": display(model_field, change.loaded, form_field),
            "now": display(model_field, change.now, form_field)})
    form.add_error(None, lines)
    form.data = form.data.copy()  # a QueryDict is immutable
    form.data[form.add_prefix(FIELD)] = conflict.fresh


def display(field, value, form_field=None) -> str:
    """A snapshot's value as a person reads it: names, not keys; choices by their labels; local dates."""
    if value is None:
        return _("empty")
    if field.is_relation:
        keys = value if isinstance(value, list) else [value]
        found = {obj.pk: str(obj) for obj in field.related_model._default_manager.filter(pk__in=keys)}
        return "; ".join(found.get(key, f"#{key}") for key in keys)
    choices = getattr(form_field, "choices", None) or field.flatchoices
    if choices:
        labels = {str(key): label for key, label in choices if not isinstance(label, (list, tuple))}
        if str(value) in labels:
            return str(labels[str(value)])
    if isinstance(value, bool):
        return _("yes") if value else _("no")
    if isinstance(field, models.DateTimeField):
        return formats.date_format(timezone.localtime(datetime.fromisoformat(value)), "SHORT_DATETIME_FORMAT")
    if isinstance(field, models.DateField):
        return formats.date_format(date.fromisoformat(value), "SHORT_DATE_FORMAT")
    if isinstance(value, list):
        return ", ".join(str(item) for item in value)
    return Truncator(str(value)).chars(200)
