"""Search-as-you-type pickers for directory entries, instead of drop-downs of the whole directory.

A picker is a plain text input: without JavaScript the user types a name in any language, a short address
or a code, and the form finds the one entry meant (or says that none or several match). With JavaScript
(`kopa/picker.js`) the input suggests entries as the user types, from a small JSON endpoint (`pick/<kind>/`)
that returns at most ten. The page never lists the directory: with 90,000 municipalities a `<select>` made
every form several megabytes.

The field stays a ModelChoiceField or ModelMultipleChoiceField (its queryset still decides what may be
chosen); only its widget changes, turning the typed text into the entry's number before the field validates.
Several entries are separated by ";" or a new line. A suggestion reads "Name [reference]" so that two
entries with the same name are told apart.
"""

import re

from django import forms
from django.apps import apps
from django.db.models import Q
from django.http import Http404, JsonResponse
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_GET

from kopa.core.names import name_key
from kopa.core.translated import in_language_order

_REFERENCE = re.compile(r"\[([^\[\]]+)\]\s*$")
SEPARATORS = re.compile(r"[;\n]")
LIMIT = 10


def kind_of(model) -> str:
    return model._meta.model_name


def reference_of(obj) -> str:
    """What tells an entry apart from another of the same name: its short address, its code, or its number."""
    for field in ("slug", "code"):
        value = getattr(obj, field, None)
        if value:
            return str(value)
    return str(obj.pk)


def label_of(obj) -> str:
    return f"{obj} [{reference_of(obj)}]"


def _name_filter(model, text: str) -> Q:
    """Entries one of whose names is exactly this text (case, diacritics and punctuation aside)."""
    key = name_key(text)
    if not key:
        return Q(pk__in=[])
    fields = {field.name for field in model._meta.get_fields()}
    if "key" in fields:  # directory entries keep their names' keys joined with " | "
        return (Q(key=key) | Q(key__startswith=f"{key} | ") | Q(key__endswith=f" | {key}")
                | Q(key__contains=f" | {key} | "))
    if "person" in fields and "key" in {field.name for field in model._meta.get_field("person").related_model
                                        ._meta.get_fields()}:
        # A position is named by its holder: "Anna Bērziņa" finds her one position (several: "Name [number]")
        return (Q(person__key=key) | Q(person__key__startswith=f"{key} | ") | Q(person__key__endswith=f" | {key}")
                | Q(person__key__contains=f" | {key} | "))
    q = Q()
    for column in ("code", "acronym", "name_lv", "name_lt", "name_en", "title_lv", "title_lt", "title_en"):
        if column in fields:
            q |= Q(**{f"{column}__iexact": text})
    return q


def _reference_filter(model, reference: str) -> Q:
    fields = {field.name for field in model._meta.get_fields()}
    q = Q()
    for column in ("slug", "code"):
        if column in fields:
            q |= Q(**{f"{column}__iexact": reference})
    if reference.isdigit():
        q |= Q(pk=int(reference))
    return q if q else Q(pk__in=[])  # an empty Q() would match every row


def resolve(queryset, text: str, to_field: str | None = None):
    """The pk (or the `to_field`, e.g. a filter's code in links) of the one entry of `queryset` that `text`
    names, or the text itself when none or several do (the field then refuses it with the picker's message)."""
    text = text.strip()
    column = to_field or "pk"
    if not text or (text.isdigit() and column == "pk"):  # an entry's number (what the API and older forms send)
        return text
    if to_field and queryset.filter(**{to_field: text}).exists():
        return text  # the value itself, as a link passes it (?municipality=0001000)
    match = _REFERENCE.search(text)
    if match:
        found = list(queryset.filter(_reference_filter(queryset.model, match.group(1).strip()))
                     .values_list(column, flat=True)[:2])
    else:
        found = list(queryset.filter(_name_filter(queryset.model, text)).values_list(column, flat=True)[:2])
        if not found:
            found = list(queryset.filter(_reference_filter(queryset.model, text)).values_list(column, flat=True)[:2])
    return str(found[0]) if len(found) == 1 else text


class PickerInput(forms.TextInput):
    """A text input that names an entry; `allow_multiple` for several, separated by ";"."""

    template_name = "core/picker_input.html"

    def __init__(self, *args, multiple=False, to_field=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.multiple = multiple
        self.to_field = to_field  # the field's to_field_name: what the value is (a code), if not the pk

    def format_value(self, value):
        if value in (None, "", []):
            return ""
        values = value if isinstance(value, list | tuple) else [value]
        values = [getattr(v, self.to_field or "pk", v) if hasattr(v, "_meta") else v for v in values]
        queryset = self.choices.queryset
        if self.to_field:
            found = queryset.model._default_manager.filter(**{f"{self.to_field}__in": [str(v) for v in values]})
            labels = {str(getattr(obj, self.to_field)): label_of(obj) for obj in found}
        else:
            numbers = [v for v in values if str(v).isdigit()]
            labels = {str(obj.pk): label_of(obj) for obj in queryset.model._default_manager.filter(pk__in=numbers)}
        return "; ".join(labels.get(str(v), str(v)) for v in values)

    def get_context(self, name, value, attrs):
        context = super().get_context(name, value, attrs)
        kind = kind_of(self.choices.queryset.model)
        if kind in PICKABLE:  # people are found by their exact name only: no one lists the directory's people
            context["widget"]["attrs"].update({
                "data-picker": reverse("directory:pick", args=[kind]),
                "data-multiple": "true" if self.multiple else "false",
                "autocomplete": "off",
                "list": f"{context['widget']['attrs'].get('id', name)}_suggestions",
            })
        return context

    def value_from_datadict(self, data, files, name):
        if self.multiple and hasattr(data, "getlist"):
            raw = data.getlist(name)
            if len(raw) > 1:  # several numbers, as a multiple select sent them
                return [resolve(self.choices.queryset, item) for item in raw]
        text = data.get(name, "") or ""
        if isinstance(text, list | tuple):  # a form made in code with a list of entries (numbers or names)
            return [resolve(self.choices.queryset, str(item), self.to_field) for item in text]
        if not self.multiple:
            return resolve(self.choices.queryset, text, self.to_field)
        return [resolve(self.choices.queryset, part, self.to_field) for part in SEPARATORS.split(text) if part.strip()]

    def value_omitted_from_data(self, data, files, name):
        return name not in data


def use_pickers(form, *names) -> None:
    """Replace the drop-downs of these ModelChoice fields by pickers (call after their querysets are set)."""
    for name in names:
        field = form.fields[name]
        multiple = isinstance(field, forms.ModelMultipleChoiceField)
        attrs = {key: value for key, value in field.widget.attrs.items() if key != "size"}
        field.widget = PickerInput(attrs=attrs, multiple=multiple, to_field=field.to_field_name)
        field.widget.choices = field.choices
        message = _("Nothing that may be chosen here is called “%(value)s”: type part of the name and pick one "
                    "of the suggestions, or give the short address or code from its page.")
        field.error_messages["invalid_choice"] = message
        if multiple:  # a text that is no number reaches the field as an invalid "pk"
            field.error_messages["invalid_pk_value"] = _(
                "Nothing that may be chosen here is called “%(pk)s”: type part of the name and pick one of the "
                "suggestions, or give the short address or code from its page.")
        if not field.help_text:
            field.help_text = (_("Type a name, a short address or a code; separate several with “;”.") if multiple
                               else _("Type a name, a short address or a code."))


# What may be picked by typing, by the kind in the endpoint's address. Suggestions are public directory facts;
# the form's own queryset still decides what may be chosen where.
PICKABLE = {
    "organisation": "directory.Organisation",
    "municipality": "directory.Municipality",
    "project": "projects.Project",
    "programme": "projects.Programme",
    "activity": "activities.Activity",
}


def suggestions(model, text: str) -> list[dict]:
    """At most ten entries matching every word of `text` in a name (any language), a code or an acronym."""
    fields = {field.name for field in model._meta.get_fields()}
    entries = model._default_manager.all()
    words = text.split()[:6]
    if not words:
        return []
    for word in words:
        q = Q()
        key = name_key(word)
        if "key" in fields and key:
            q |= Q(key__contains=key)
        for column in ("name_lv", "name_lt", "name_en", "title_lv", "title_lt", "title_en", "acronym"):
            if column in fields:
                q |= Q(**{f"{column}__icontains": word})
        for column in ("code", "slug"):
            if column in fields:
                q |= Q(**{f"{column}__istartswith": word})
        entries = entries.filter(q)
    order = in_language_order("name" if "name_lv" in fields else "title")
    return [{"label": label_of(entry), "id": entry.pk} for entry in entries.order_by(order, "pk")[:LIMIT]]


@require_GET
def pick(request, kind):
    """The picker's suggestions as JSON: `?q=` the typed text (at most 100 characters are read)."""
    if kind not in PICKABLE:
        raise Http404
    model = apps.get_model(PICKABLE[kind])
    response = JsonResponse({"results": suggestions(model, (request.GET.get("q") or "")[:100])})
    response["Cache-Control"] = "private, max-age=60"
    return response
