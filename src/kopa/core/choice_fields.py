"""Choices of a table of a few hundred rows shown by a translated name (the 249 countries of every filter form),
made cheap: the options are read as (key, names) rows instead of model instances, and written by the widget
itself instead of by a template loop (40 µs an option: 10 ms of each list page with a country filter, now 4 ms).
Choosing and checking the value stay ModelChoiceField's own."""

from django import forms
from django.forms.models import ModelChoiceIterator
from django.forms.utils import flatatt
from django.utils.html import format_html
from django.utils.safestring import mark_safe

from kopa.core.translated import reader_languages


class ListedSelect(forms.Select):
    """A <select> whose options are written here, with the markup and attributes Django's template gives them
    (`flatatt`, as its attrs.html: True as a bare name, False left out)."""

    def render(self, name, value, attrs=None, renderer=None):
        widget = self.get_context(name, value, attrs)["widget"]
        parts = [format_html('<select name="{}"{}>', widget["name"], flatatt(widget["attrs"]))]
        for group_name, options, _index in widget["optgroups"]:
            if group_name:
                parts.append(format_html('<optgroup label="{}">', group_name))
            parts.extend(format_html('<option value="{}"{}>{}</option>', str(option["value"]), flatatt(option["attrs"]),
                                     option["label"]) for option in options)
            if group_name:
                parts.append("</optgroup>")
        parts.append("</select>")
        return mark_safe("\n".join(parts))


class _Rows(ModelChoiceIterator):
    def __iter__(self):
        if self.field.empty_label is not None:
            yield ("", self.field.empty_label)
        columns = [f"{self.field.label_field}_{code}" for code in reader_languages()]
        for key, *names in self.queryset.values_list(self.field.to_field_name or "pk", *columns):
            yield (key, next((name for name in names if name), ""))

    def __len__(self):
        return self.queryset.count() + (1 if self.field.empty_label is not None else 0)


class TranslatedNameChoiceField(forms.ModelChoiceField):
    """Options labelled by `label_field` in the reader's language with modeltranslation's fallbacks, as str() of
    such a model gives it."""

    iterator = _Rows
    widget = ListedSelect

    def __init__(self, *args, label_field: str = "name", **kwargs):
        self.label_field = label_field
        super().__init__(*args, **kwargs)
