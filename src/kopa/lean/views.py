from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_POST

from kopa.core.errors import DomainError, attach_to_form
from kopa.core.pages import paginate

from . import analysis, comparison, documents, drawings, maps, queries, services
from .forms import (
    CaseFilterForm,
    CaseForm,
    ImprovementForm,
    MapForm,
    MeasurementForm,
    MeasurementPairForm,
    RecordedStepFormSet,
    ServiceFilterForm,
    StepFormSet,
    UploadForm,
    with_more_rows,
)
from .models import EventLog, Improvement, PublicService, ServiceType


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


IMPROVEMENTS_SHOWN = 20  # the newest; all of them a page at a time (?list=improvements)


def service_detail(request, pk, upload_form=None, improvement_form=None):
    if request.GET.get("list") == "improvements":
        service = get_object_or_404(PublicService, pk=pk)
        return render(request, "lean/service_improvements.html", {
            "service": service, "page": paginate(request, queries.service_improvements(service), 50)})
    try:
        context = queries.service_page(pk)
    except PublicService.DoesNotExist:
        return render(request, "core/not_found.html", status=404)
    service = context["service"]
    result = _results(context["shown_log"])
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
        if context["map"] is not None:
            context["improvement_form"] = improvement_form or ImprovementForm(steps=context["map"].steps.all())
    improvements = queries.service_improvements(service)
    context["improvements"] = list(improvements[:IMPROVEMENTS_SHOWN])
    context["improvements_count"] = improvements.count()
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
            log = services.upload_event_log(service=service, file=form.cleaned_data["file"],
                                      name=form.cleaned_data["name"], by=request.user,
                                      duration_basis=form.cleaned_data["duration_basis"] or EventLog.Basis.CALENDAR,
                                      source=form.cleaned_data["source"], notes=form.cleaned_data["notes"],
                                      published=form.cleaned_data["published"])
        except DomainError as error:
            attach_to_form(form, error)
        else:
            _report_analysis(request, log)
            # A test until published: the preview shows what the public page would, the public page is unchanged.
            return redirect("lean:measurement", pk=log.pk)
    return service_detail(request, pk, upload_form=form)


def _report_analysis(request, log: EventLog) -> None:
    """What became of a log just handed over: analysed, refused by the analysis, or waiting for a worker."""
    if log.status == EventLog.Status.DONE:
        messages.success(request, _("The event log has been analysed."))
    elif log.status == EventLog.Status.FAILED:
        messages.error(request, _("The event log could not be analysed: %(error)s") % {"error": log.error})
    else:
        messages.info(request, _("The event log is being analysed; this page shows its progress."))


@login_required
@require_POST
def propose(request, pk):
    service = get_object_or_404(PublicService, pk=pk)
    if not request.user.has_perm("lean.change_processmap", service):
        raise PermissionDenied
    current = service.maps.order_by("-version").first()
    form = ImprovementForm(request.POST, steps=current.steps.all() if current else None)
    if form.is_valid():
        data = form.cleaned_data
        try:
            improvement = services.propose_improvement(
                step=data["step"], kind=data["kind"], title=data["title"], by=request.user,
                expected_effect_lv=data["expected_effect"],
            )
        except DomainError as error:
            attach_to_form(form, error)
        else:
            messages.success(request, _("The improvement has been proposed."))
            return redirect(improvement)
    # The page again, with what was typed and each error next to its field.
    return service_detail(request, pk, improvement_form=form)


def improvement_detail(request, pk):
    improvement = get_object_or_404(
        Improvement.objects.select_related("step__process_map__service__organisation", "result_map", "owner"), pk=pk
    )
    service = improvement.step.process_map.service
    before_map = improvement.step.process_map
    before = maps.figures(list(before_map.steps.all()))
    after = maps.figures(list(improvement.result_map.steps.all())) if improvement.result_map else None
    logs = queries.shown_measurements([service.pk], per_map=True)
    measured_before = logs.get(before_map.pk)
    measured_after = logs.get(improvement.result_map_id) if improvement.result_map_id else None
    return render(request, "lean/improvement_detail.html", {
        "improvement": improvement, "service": service, "before": before, "after": after,
        "measured_before": measured_before, "measured_after": measured_after,
        "can_edit": request.user.has_perm("lean.change_processmap", service),
        "next_statuses": services.IMPROVEMENT_FLOW.get(improvement.status, set()),
    })


@login_required
@require_POST
def improvement_action(request, pk):
    improvement = get_object_or_404(Improvement.objects.select_related("step__process_map__service"), pk=pk)
    action = request.POST.get("action")
    try:
        if action == "carry_out":
            services.carry_out_improvement(improvement=improvement, by=request.user)
        else:
            services.set_improvement_status(improvement=improvement, status=action or "", by=request.user)
    except DomainError as error:
        if error.code == "permission":
            raise PermissionDenied from error
        messages.error(request, str(error))
    else:
        messages.success(request, _("Saved."))
    return redirect(improvement)


def a3_report(request, pk):
    improvement = get_object_or_404(
        Improvement.objects.select_related("step__process_map__service__organisation", "result_map"), pk=pk)
    response = HttpResponse(documents.a3_report(improvement), content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="a3-{improvement.pk}.pdf"'
    return response


def compare(request, code):
    service_type = get_object_or_404(ServiceType, code=code)
    return render(request, "lean/compare.html", {"service_type": service_type,
                                                  "rows": comparison.compare(service_type)})


def _with_steps(formset, steps) -> list[tuple]:
    """Each row of a formset with the map step it stands for (None for the empty rows after them)."""
    return [(form, steps[index] if index < len(steps) else None) for index, form in enumerate(formset.forms)]


def _team_service(request, pk, permission: str) -> PublicService:
    """The service, if the user works on it: anyone else (also someone not logged in) gets 403."""
    service = get_object_or_404(PublicService.objects.select_related("organisation"), pk=pk)
    if not request.user.has_perm(permission, service):
        raise PermissionDenied
    return service


def edit_map(request, pk):
    """The map editor: saving records a new version; earlier versions stay as they were measured."""
    service = _team_service(request, pk, "lean.change_processmap")
    current, steps = queries.current_map(service)
    data = request.POST if request.method == "POST" else None
    adding_rows = data is not None and "add_rows" in data
    if adding_rows:
        data = with_more_rows(data, "steps")
    formset = StepFormSet(data, initial=queries.steps_for_editing(steps), prefix="steps",
                          extra=3 if current else 5)
    map_form = MapForm(data)
    if data is not None and not adding_rows and formset.is_valid() and map_form.is_valid():
        try:
            new_map = services.save_map(service=service, steps=formset.cleaned_steps, by=request.user,
                                        note=map_form.cleaned_data["note"])
        except DomainError as error:
            if error.code == "permission":
                raise PermissionDenied from error
            attach_to_form(map_form, error)
        else:
            messages.success(request, _("Version %(version)d of the map has been saved.")
                             % {"version": new_map.version})
            return redirect(service)
    return render(request, "lean/map_edit.html", {
        "service": service, "map": current, "formset": formset, "map_form": map_form,
        "rows": _with_steps(formset, steps),
    })


def record_cases(request, pk):
    """Cases recorded by hand, for an office without a document system: record one, list, delete, analyse."""
    service = _team_service(request, pk, "lean.add_eventlog")
    current, steps = queries.current_map(service)
    data = request.POST if request.method == "POST" else None
    adding_rows = data is not None and "add_rows" in data
    if adding_rows:
        data = with_more_rows(data, "events")
    case_form = CaseForm(data)
    formset = RecordedStepFormSet(data, initial=[{"activity": step.activity_name} for step in steps],
                                  prefix="events", extra=2 if steps else 5)
    if data is not None and not adding_rows and case_form.is_valid() and formset.is_valid():
        try:
            recorded = services.record_case(service=service, case_ref=case_form.cleaned_data["case_ref"],
                                            events=formset.events(), by=request.user)
        except DomainError as error:
            if error.code == "permission":
                raise PermissionDenied from error
            attach_to_form(case_form, error)
        else:
            messages.success(request, ngettext(
                "Case %(case)s has been recorded with %(count)d step.",
                "Case %(case)s has been recorded with %(count)d steps.", len(recorded),
            ) % {"case": recorded[0].case_ref, "count": len(recorded)})
            return redirect("lean:cases", pk=service.pk)
    filter_form = CaseFilterForm(request.GET or None)
    filter_form.is_valid()
    filters = getattr(filter_form, "cleaned_data", {})
    page = paginate(request, queries.recorded_cases(service, text=filters.get("q") or ""))
    return render(request, "lean/record_cases.html", {
        "service": service, "map": current, "case_form": case_form, "formset": formset,
        "rows": _with_steps(formset, steps),
        "activity_names": list(dict.fromkeys(step.activity_name for step in steps)),
        "filter_form": filter_form, "page": page, "cases": queries.with_recorded_steps(service, page.object_list),
        "bases": EventLog.Basis.choices,
    })


@require_POST
def delete_case(request, pk):
    service = _team_service(request, pk, "lean.add_eventlog")
    case_ref = request.POST.get("case_ref", "")
    try:
        services.delete_recorded_case(service=service, case_ref=case_ref, by=request.user)
    except DomainError as error:
        messages.error(request, str(error))
    else:
        messages.success(request, _("Case %(case)s has been deleted.") % {"case": case_ref})
    return redirect("lean:cases", pk=service.pk)


@require_POST
def analyse_cases(request, pk):
    service = _team_service(request, pk, "lean.add_eventlog")
    try:
        log = services.analyse_recorded_cases(
            service=service, by=request.user,
            duration_basis=request.POST.get("duration_basis") or EventLog.Basis.CALENDAR)
    except DomainError as error:
        messages.error(request, str(error))
        return redirect("lean:cases", pk=service.pk)
    _report_analysis(request, log)
    return redirect("lean:measurement", pk=log.pk)


def _team_measurement(request, pk) -> EventLog:
    """A measurement, for the team of its service only (a test measurement is nobody else's business)."""
    try:
        log = queries.measurement(pk)
    except EventLog.DoesNotExist:
        raise Http404 from None
    if not request.user.has_perm("lean.view_eventlog", log.service):
        raise PermissionDenied
    return log


MEASUREMENTS_SHOWN = 20


def measurements(request, pk):
    """The team's list of a service's measurements: which one the public sees, tests, progress, actions."""
    service = _team_service(request, pk, "lean.view_eventlog")
    # The newest few; all of them page by page at ?measurements=all. The comparison picks from those listed.
    every = request.GET.get("measurements") == "all"
    page = paginate(request, queries.measurement_list(service), 50) if every else None
    logs = list(page) if every else list(queries.measurement_list(service)[:MEASUREMENTS_SHOWN])
    count = page.paginator.count if every else queries.measurement_list(service).count()
    shown = queries.shown_measurement(service)
    analysed = [log for log in logs if log.status == EventLog.Status.DONE]
    pair = MeasurementPairForm(logs=analysed, initial={"a": analysed[1].pk if len(analysed) > 1 else None,
                                                       "b": analysed[0].pk if analysed else None})
    return render(request, "lean/measurements.html", {
        "service": service, "logs": logs, "shown": shown, "pair_form": pair if len(analysed) > 1 else None,
        "every": every, "page": page, "measurement_count": count,
        "analysing": any(log.status in (EventLog.Status.WAITING, EventLog.Status.RUNNING) for log in logs),
    })


def measurement_detail(request, pk):
    """Preview of one measurement as the service page would show it, with its description and publishing."""
    log = _team_measurement(request, pk)
    form = MeasurementForm(request.POST if request.method == "POST" else None,
                           initial={"name": log.name, "source": log.source, "notes": log.notes})
    if request.method == "POST":
        action = request.POST.get("action")
        try:
            if action in ("publish", "unpublish"):
                services.set_published(log=log, published=action == "publish", by=request.user)
                messages.success(request, _("The measurement is published: the public pages show it.")
                                 if action == "publish" else
                                 _("The measurement is a test again: the public pages no longer show it."))
                return redirect("lean:measurement", pk=log.pk)
            if form.is_valid():
                services.describe_measurement(log=log, by=request.user, **form.cleaned_data)
                messages.success(request, _("Saved."))
                return redirect("lean:measurement", pk=log.pk)
        except DomainError as error:
            if error.code == "permission":
                raise PermissionDenied from error
            attach_to_form(form, error)
    steps = list(log.process_map.steps.order_by("position")) if log.process_map else []
    result = _results(log)
    context = {"service": log.service, "log": log, "form": form, "analysis": result, "steps": steps,
               "shown": queries.shown_measurement(log.service)}
    if result:
        context["candidates"] = analysis.elimination_candidates(steps, result) if steps else []
        context["dfg_svg"] = mark_safe(drawings.dfg_svg(result.dfg, result.activities, str(log.service)))
        context["mapping"] = queries.activity_mapping(log, steps)
    return render(request, "lean/measurement_detail.html", context)


def delete_measurement(request, pk):
    """Asks first (GET), deletes on the confirmed POST."""
    log = _team_measurement(request, pk)
    if request.method == "POST":
        try:
            services.delete_measurement(log=log, by=request.user)
        except DomainError as error:
            if error.code == "permission":
                raise PermissionDenied from error
            messages.error(request, str(error))
            return redirect("lean:measurement", pk=log.pk)
        messages.success(request, _("The measurement “%(name)s” has been deleted.") % {"name": log.name})
        return redirect("lean:measurements", pk=log.service_id)
    return render(request, "lean/measurement_delete.html", {"service": log.service, "log": log})


def compare_measurements(request, pk):
    """Two measurements of one service side by side: cases, durations, rework and waiting."""
    service = _team_service(request, pk, "lean.view_eventlog")
    logs = [log for log in queries.measurement_list(service) if log.status == EventLog.Status.DONE]
    form = MeasurementPairForm(request.GET or None, logs=logs)
    pair = None
    if form.is_valid():
        by_pk = {log.pk: log for log in logs}
        pair = analysis_pair(by_pk[form.cleaned_data["a"]], by_pk[form.cleaned_data["b"]])
    return render(request, "lean/measurement_compare.html", {"service": service, "form": form, "pair": pair})


def analysis_pair(first: EventLog, second: EventLog) -> dict:
    """The figures of two measurements row by row; activities that only one of them has show a dash."""
    a, b = analysis.LogAnalysis(**first.results), analysis.LogAnalysis(**second.results)
    waiting_a = {row["activity"]: row for row in a.waiting}
    waiting_b = {row["activity"]: row for row in b.waiting}
    rework_a = {row["activity"]: row for row in a.rework}
    rework_b = {row["activity"]: row for row in b.rework}
    activities = list(dict.fromkeys([row["activity"] for row in a.activities + b.activities]))
    return {
        "first": first, "second": second, "a": a, "b": b,
        "activities": [{"activity": name, "wait_a": waiting_a.get(name, {}).get("median_s"),
                        "wait_b": waiting_b.get(name, {}).get("median_s"),
                        "rework_a": rework_a.get(name, {}).get("cases_with_rework"),
                        "rework_b": rework_b.get(name, {}).get("cases_with_rework")} for name in activities],
    }
