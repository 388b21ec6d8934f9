"""Organiser pages for recording an activity as its source describes it: the activity itself (with its date as
precisely as stated), and who took part — organisations and municipalities with no named people, and the
numbers of participants the source reports. Thin views: the forms parse, the services decide."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from kopa.accounts.permissions import coordinated_project_ids, is_administrator
from kopa.core.errors import DomainError, attach_to_form
from kopa.projects.models import Project

from . import queries, services
from .forms import ActivityForm, HeadcountForm, ParticipationForm, PastAttendanceForm
from .models import Activity, Headcount, Participation, Registration
from .status import has_taken_place

RELATED = ("organisers", "hosts", "host_municipalities", "topics")


def _projects_for(user):
    """The projects a user may attach an activity to: those they coordinate."""
    projects = Project.objects.order_by("code")
    return projects if is_administrator(user) else projects.filter(pk__in=coordinated_project_ids(user))


def _save(form, call):
    """Run the service with what the form holds; a refusal is shown on the field it concerns."""
    try:
        return call(**form.service_arguments())
    except DomainError as error:
        if error.code == "permission":
            raise PermissionDenied from error
        attach_to_form(form, error)
        return None


@login_required
def activity_new(request):
    if not request.user.has_perm("activities.add_activity"):
        raise PermissionDenied
    form = ActivityForm(request.POST or None, projects=_projects_for(request.user))
    if request.method == "POST" and form.is_valid():
        activity = _save(form, lambda **data: services.create_activity(by=request.user, **data))
        if activity is not None:
            messages.success(request, _("Saved."))
            return redirect(activity)
    return render(request, "activities/activity_form.html", {"form": form, "activity": None})


@login_required
def activity_edit(request, pk):
    activity = get_object_or_404(Activity, pk=pk)
    if not request.user.has_perm("activities.change_activity", activity):
        raise PermissionDenied
    form = ActivityForm(request.POST or None, projects=_projects_for(request.user) | Project.objects.filter(
        pk=activity.project_id), initial=ActivityForm.initial_for(activity))
    if request.method == "POST" and form.is_valid():
        saved = _save(form, lambda **data: services.update_activity(activity=activity, by=request.user, **data))
        if saved is not None:
            messages.success(request, _("Saved."))
            return redirect(activity)
    return render(request, "activities/activity_form.html", {"form": form, "activity": activity})


@login_required
def participation(request, pk):
    """Who took part: the organisations and municipalities the source names, and the numbers it reports."""
    activity = get_object_or_404(Activity, pk=pk)
    if not request.user.has_perm("activities.change_activity", activity):
        raise PermissionDenied
    participation_form = ParticipationForm(request.POST if request.POST.get("form") == "participation" else None,
                                           prefix="p")
    headcount_form = HeadcountForm(request.POST if request.POST.get("form") == "headcount" else None, prefix="h")
    attendance_form = PastAttendanceForm(request.POST if request.POST.get("form") == "attendance" else None,
                                         prefix="a")
    forms = {"participation": participation_form, "headcount": headcount_form, "attendance": attendance_form}
    if request.method == "POST" and request.POST.get("form") in forms:
        form = forms[request.POST["form"]]
        if form.is_valid():
            data = form.cleaned_data
            try:
                if form is participation_form:
                    services.record_participation(activity=activity, by=request.user, **data)
                elif form is headcount_form:
                    services.report_headcount(activity=activity, by=request.user, **data)
                else:
                    services.record_attendance(activity=activity, by=request.user, person=data["position"].person,
                                               position=data["position"], attended=data["attended"])
            except DomainError as error:
                if error.code == "permission":
                    raise PermissionDenied from error
                attach_to_form(form, error)
            else:
                messages.success(request, _("Saved."))
                return redirect("activities:participation", pk=activity.pk)
    return render(request, "activities/participation.html", {
        "activity": activity, "participation_form": participation_form, "headcount_form": headcount_form,
        "attendance_form": attendance_form if has_taken_place(activity) or activity.status == Activity.Status.HELD
        else None, "attendance": Registration.objects.filter(activity=activity, status__in=(
            Registration.Status.ATTENDED, Registration.Status.NO_SHOW)).select_related(
            "person", "organisation", "position").order_by("person__last_name", "pk")[:200],
        "headcounts": activity.headcounts.select_related("organisation"), **queries.took_part(activity),
    })


@login_required
@require_POST
def participation_remove(request, pk, participation_pk):
    record = get_object_or_404(Participation.objects.select_related("activity"), pk=participation_pk,
                               activity_id=pk)
    try:
        services.remove_participation(participation=record, by=request.user)
    except DomainError as error:
        raise PermissionDenied from error
    messages.success(request, _("Removed."))
    return redirect("activities:participation", pk=pk)


@login_required
@require_POST
def headcount_remove(request, pk, headcount_pk):
    record = get_object_or_404(Headcount.objects.select_related("activity"), pk=headcount_pk, activity_id=pk)
    try:
        services.remove_headcount(headcount=record, by=request.user)
    except DomainError as error:
        raise PermissionDenied from error
    messages.success(request, _("Removed."))
    return redirect("activities:participation", pk=pk)
