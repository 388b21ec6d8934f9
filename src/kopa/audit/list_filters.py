"""What a history page lists, read from its address: the history pages and their export job
(kopa.audit.exports) call the same function with the same query string, so a downloaded file holds the entries
the page lists."""

from django import forms
from django.apps import apps
from django.http import QueryDict
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy

from . import queries
from .models import Entry
from .recording import IGNORED

# The machinery's own bookkeeping is never an entry's object, so never a kind to filter by.
_NOT_KINDS = {"audit", "sessions", "contenttypes", "admin", "axes", "django_tasks_database"}


def _kinds():
    kinds = [(model._meta.label_lower, f"{capfirst(model._meta.verbose_name)} ({model._meta.label_lower})")
             for model in apps.get_models()
             if model._meta.app_label not in _NOT_KINDS and model._meta.label_lower not in IGNORED]
    return [("", gettext_lazy("any"))] + sorted(kinds, key=lambda kind: kind[1].lower())


class HistoryFilter(forms.Form):
    actor = forms.IntegerField(label=gettext_lazy("Who (user number)"), required=False, min_value=1)
    channel = forms.ChoiceField(label=gettext_lazy("Through"), required=False,
                                choices=[("", gettext_lazy("any")), *Entry.Channel.choices])
    action = forms.CharField(label=gettext_lazy("Action (or its beginning)"), required=False, max_length=120)
    model = forms.ChoiceField(label=gettext_lazy("Kind of object"), required=False)
    since = forms.DateField(label=gettext_lazy("From"), required=False,
                            widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"))
    until = forms.DateField(label=gettext_lazy("Until"), required=False,
                            widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"))

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["model"].choices = _kinds()


def history(queryset, query: QueryDict | str) -> tuple[HistoryFilter, object]:
    """`queryset` (a history's entries) filtered by `query`, the page's request.GET or a job's stored query string.
    A filter typed wrong is shown with its error on the form; the others still apply."""
    form = HistoryFilter(QueryDict(query) if isinstance(query, str) else query)
    form.is_valid()
    return form, queries.filtered(queryset, **form.cleaned_data)
