from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from kopa.core.errors import DomainError, attach_to_form
from kopa.core.pages import paginate

from . import analysis, drawings, queries, services
from .forms import ServiceFilterForm, UploadForm
from .models import PublicService


def service_list(request):
    form = ServiceFilterForm(request.GET or None)
    form.is_valid()
    filters = getattr(form, "cleaned_data", {})
    rows = queries.service_list(service_type=filters.get("service_type"), country=filters.get("country"),
                                text=filters.get("q") or "")
    return render(request, "lean/service_list.html", {"form": form, "page": paginate(request, rows)})


def _results(log) -> analysis.LogAnalysis | None:
    if log is None or not log.results:
        return None
    return analysis.LogAnalysis(**log.results)


def service_detail(request, pk, upload_form=None):
    try:
        context = queries.service_page(pk)
    except PublicService.DoesNotExist:
        return render(request, "core/not_found.html", status=404)
    service = context["service"]
    result = _results(context["latest_log"])
    context["analysis"] = result
    if context["map"] is not None:
        context["map_svg"] = mark_safe(drawings.map_svg(context["steps"], str(service)))  # built from escaped parts
        if result:
            context["candidates"] = analysis.elimination_candidates(context["steps"], result)
    if result:
        context["dfg_svg"] = mark_safe(drawings.dfg_svg(result.dfg, result.activities, str(service)))
    context["can_edit"] = request.user.has_perm("lean.change_publicservice", service)
    if context["can_edit"]:
        context["upload_form"] = upload_form or UploadForm()
    return render(request, "lean/service_detail.html", context)


@login_required
@require_POST
def upload(request, pk):
    service = get_object_or_404(PublicService, pk=pk)
    if not request.user.has_perm("lean.add_eventlog", service):
        raise PermissionDenied
    form = UploadForm(request.POST, request.FILES)
    if form.is_valid():
        try:
            services.upload_event_log(service=service, data=form.cleaned_data["file"].read(),
                                      name=form.cleaned_data["name"], by=request.user)
        except DomainError as error:
            attach_to_form(form, error)
        else:
            messages.success(request, _("The event log has been analysed."))
            return redirect(service)
    return service_detail(request, pk, upload_form=form)
