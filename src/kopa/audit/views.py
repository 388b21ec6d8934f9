"""The history pages: an object's history for those who manage it, the whole trail (and any user's changes) for
administrators; each filterable and downloadable as CSV or XLSX. Who reads what: kopa.audit.visibility."""

from django import forms
from django.apps import apps
from django.contrib.auth import get_user_model
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import render
from django.utils.text import capfirst
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from . import exports, queries, values, visibility
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


def _cursor(request, name):
    try:
        value = int(request.GET.get(name, ""))
    except ValueError:
        return None
    return value if value > 0 else None


def _history(request, queryset, context, *, filename):
    form = HistoryFilter(request.GET)
    form.is_valid()  # a filter typed wrong is shown with its error; the others still apply
    queryset = queries.filtered(queryset, **form.cleaned_data)
    viewer = visibility.viewer(request.user)
    file_format = request.GET.get("format")
    if file_format in ("csv", "xlsx"):
        return exports.history_response(queryset, viewer, file_format=file_format, filename=filename,
                                        title=_("Audit trail"))
    page = queries.page(queryset, before=_cursor(request, "before"), after=_cursor(request, "after"))
    query = request.GET.copy()
    for name in ("before", "after", "format"):
        query.pop(name, None)
    context.update({
        "form": form, "page": page, "query": query.urlencode(),
        "rows": queries.present(page.entries, viewer, request.user),
        "everything": visibility.may_see_everything(request.user),
    })
    response = render(request, "audit/history.html", context)
    response["Cache-Control"] = "no-store"  # personal values may be on it
    return response


@login_required
def everything(request):
    if not visibility.may_see_everything(request.user):
        raise PermissionDenied
    heading = _("Audit trail")
    actor = _cursor(request, "actor")
    if actor is not None:
        name = get_user_model().objects.filter(pk=actor).values_list("username", flat=True).first()
        heading = _("Changes made by %(name)s") % {"name": name or _("user #%(number)s") % {"number": actor}}
    return _history(request, queries.entries(), {"heading": heading}, filename="kopa-audit-trail")


@login_required
def object_history(request, model, object_id):
    instance = visibility.load(model, object_id)
    if instance is None:
        # Gone (or never there): only administrators read what the log still says of it.
        if not visibility.may_see_everything(request.user):
            raise Http404
        label = f"{queries.kind_label(model)} #{object_id}"
    else:
        # 404 rather than 403: whether a person or a draft exists is itself not for everyone.
        if not visibility.may_see_history_of(request.user, instance):
            raise Http404
        label = values.object_label(instance)
    url = getattr(instance, "get_absolute_url", None)
    context = {"heading": _("History of %(object)s") % {"object": label}, "object_label": label,
               "object_url": url() if url is not None else None}
    where = queries.history_filter(model, object_id, instance)
    return _history(request, queries.entries(where), context, filename=f"kopa-history-{model}-{object_id}")
