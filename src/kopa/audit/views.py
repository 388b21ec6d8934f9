"""The history pages: an object's history for those who manage it, the whole trail (and any user's changes) for
administrators; each filterable and downloadable as CSV or XLSX. Who reads what: kopa.audit.visibility."""

from django.contrib.auth import get_user_model
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import render
from django.utils.translation import gettext as _

from kopa.exports.responses import export_response

from . import list_filters, queries, values, visibility


def _cursor(request, name):
    try:
        value = int(request.GET.get(name, ""))
    except ValueError:
        return None
    return value if value > 0 else None


def _history(request, queryset, context, *, filename, scope: dict):
    """`scope`: which history, as its export job finds it again ({} the whole trail, else model and object_id)."""
    query = request.GET.copy()
    for name in ("before", "after", "format"):
        query.pop(name, None)
    file_format = request.GET.get("format")
    if file_format in ("csv", "xlsx"):
        return export_response(request, kind="audit.history", parameters={**scope, "query": query.urlencode()},
                               file_format=file_format, filename=filename)
    form, queryset = list_filters.history(queryset, request.GET)
    viewer = visibility.viewer(request.user)
    page = queries.page(queryset, before=_cursor(request, "before"), after=_cursor(request, "after"))
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
    return _history(request, queries.entries(), {"heading": heading}, filename="kopa-audit-trail", scope={})


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
    return _history(request, queries.entries(where), context, filename=f"kopa-history-{model}-{object_id}",
                    scope={"model": model, "object_id": str(object_id)})
