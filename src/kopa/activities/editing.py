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
from kopa.core import concurrency
from kopa.core.pages import act
from kopa.projects.models import Project

from . import form_calls, queries, services
from .forms import (
    ActivityForm,
    AwardForm,
    ContributorForm,
    CopyForm,
    HeadcountForm,
    ParticipationForm,
    PastAttendanceForm,
    ProgrammeItemForm,
    SeriesForm,
    SeriesPlacementForm,
    SessionForm,
)
from .models import (
    Activity,
    Award,
    Contributor,
    Headcount,
    Participation,
    ProgrammeItem,
    Registration,
    Series,
    Session,
)
from .status import has_taken_place


def _projects_for(user):
    """The projects a user may attach an activity to: those they coordinate."""
    projects = Project.objects.order_by("code")
    return projects if is_administrator(user) else projects.filter(pk__in=coordinated_project_ids(user))


_run, _save = form_calls.run, form_calls.save


def _remove(request, call, target):
    """A remove button: the service decides (a refusal becomes a message, a permission refusal a 403)."""
    act(request, call, done=_("Removed."))
    return redirect(*target)


@login_required
def activity_new(request):
    if not request.user.has_perm("activities.add_activity"):
        raise PermissionDenied
    form = ActivityForm(request.POST or None, projects=_projects_for(request.user), new=True)
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
    concurrency.guard(form, activity)  # another coordinator's save meanwhile is shown, not overwritten
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
    calls = {
        "participation": lambda data: services.record_participation(activity=activity, by=request.user, **data),
        "headcount": lambda data: services.report_headcount(activity=activity, by=request.user, **data),
        "attendance": lambda data: services.record_attendance(
            activity=activity, by=request.user, person=data["position"].person, position=data["position"],
            attended=data["attended"]),
    }
    form = forms.get(request.POST.get("form")) if request.method == "POST" else None
    if form is not None and form.is_valid():
        if _run(form, lambda: calls[request.POST["form"]](form.cleaned_data)) is not None:
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
    return _remove(request, lambda: services.remove_participation(participation=record, by=request.user),
                   ("activities:participation", pk))


@login_required
@require_POST
def headcount_remove(request, pk, headcount_pk):
    record = get_object_or_404(Headcount.objects.select_related("activity"), pk=headcount_pk, activity_id=pk)
    return _remove(request, lambda: services.remove_headcount(headcount=record, by=request.user),
                   ("activities:participation", pk))


@login_required
def programme(request, pk):
    """Sessions (dates and places), programme items (a day is optional), awards, and the activity's place in a
    series — what a source says about how an activity unfolded."""
    activity = get_object_or_404(Activity.objects.select_related("series"), pk=pk)
    if not request.user.has_perm("activities.change_activity", activity):
        raise PermissionDenied
    posted = request.POST.get("form") if request.method == "POST" else None
    forms = {
        "session": SessionForm(request.POST if posted == "session" else None, prefix="s"),
        "item": ProgrammeItemForm(request.POST if posted == "item" else None, prefix="i"),
        "award": AwardForm(request.POST if posted == "award" else None, activity=activity, prefix="w"),
        "series": SeriesPlacementForm(request.POST if posted == "series" else None, prefix="r", initial={
            "series": activity.series, "series_number": activity.series_number,
            "series_marker": activity.series_marker, "other_kinds": activity.other_kinds}),
    }
    form = forms.get(posted)
    # One transaction: the series and the kinds are saved together, or neither.
    if form is not None and form.is_valid() and _run(
            form, lambda: _programme_call(posted, form, activity, request.user) or True):
        messages.success(request, _("Saved."))
        return redirect("activities:programme", pk=activity.pk)
    return render(request, "activities/programme.html", {
        "activity": activity, "forms": forms,
        "sessions": activity.sessions.select_related("host_municipality").prefetch_related("hosts"),
        "items": activity.programme.select_related("place").order_by("day", "start_time", "position", "pk"),
        "awards": activity.awards.select_related("person", "organisation"),
    })


def _programme_call(posted, form, activity, user):
    if posted == "session":
        services.add_session(activity=activity, by=user, **form.service_arguments())
    elif posted == "item":
        services.add_programme_item(activity=activity, by=user, **form.service_arguments())
    elif posted == "award":
        services.add_award(activity=activity, by=user, **form.service_arguments())
    else:
        data = form.cleaned_data
        services.place_in_series(activity=activity, series=data["series"], by=user,
                                 number=data["series_number"], marker=data["series_marker"] or "")
        services.set_other_kinds(activity=activity, kinds=data["other_kinds"], by=user)


@login_required
@require_POST
def session_remove(request, pk, session_pk):
    session = get_object_or_404(Session.objects.select_related("activity"), pk=session_pk, activity_id=pk)
    return _remove(request, lambda: services.remove_session(session=session, by=request.user),
                   ("activities:programme", pk))


@login_required
@require_POST
def programme_item_remove(request, pk, item_pk):
    item = get_object_or_404(ProgrammeItem.objects.select_related("activity"), pk=item_pk, activity_id=pk)
    return _remove(request, lambda: services.remove_programme_item(item=item, by=request.user),
                   ("activities:programme", pk))


@login_required
@require_POST
def award_remove(request, pk, award_pk):
    award = get_object_or_404(Award.objects.select_related("activity"), pk=award_pk, activity_id=pk)
    return _remove(request, lambda: services.remove_award(award=award, by=request.user), ("activities:programme", pk))


@login_required
def series_new(request, slug=None):
    """A new series, or (with a slug) a change to one; the service decides who may (its project's or organiser's
    coordinators)."""
    series = get_object_or_404(Series, slug=slug) if slug else None
    if not request.user.has_perm("activities.add_activity"):
        raise PermissionDenied
    projects = _projects_for(request.user)
    if series is not None:
        projects = projects | Project.objects.filter(pk=series.project_id)
    form = SeriesForm(request.POST or None, projects=projects, initial=SeriesForm.initial_for(series))
    if request.method == "POST" and form.is_valid():
        saved = _save(form, lambda **data: services.save_series(by=request.user, series=series, **data))
        if saved is not None:
            messages.success(request, _("Saved."))
            return redirect(saved)
    return render(request, "activities/series_form.html", {"form": form, "series": series})


@login_required
def project_people(request, project_pk):
    """People with a role in a whole project (project manager, contact person …), as its card names them."""
    project = get_object_or_404(Project, pk=project_pk)
    if not request.user.has_perm("projects.change_project", project):
        raise PermissionDenied
    form = ContributorForm(request.POST or None, activity=None, prefix="contributor")
    if request.method == "POST" and form.is_valid():
        saved = _save(form, lambda **data: services.add_contributor(project=project, by=request.user, **data))
        if saved is not None:
            messages.success(request, _("Saved."))
            return redirect("activities:project_people", project_pk=project.pk)
    people = queries.project_contributors(project)
    return render(request, "activities/project_people.html", {"project": project, "form": form, "people": people})


@login_required
@require_POST
def project_person_remove(request, project_pk, contributor_pk):
    contributor = get_object_or_404(Contributor.objects.select_related("project"), pk=contributor_pk,
                                    project_id=project_pk)
    return _remove(request, lambda: services.remove_contributor(contributor=contributor, by=request.user),
                   ("activities:project_people", project_pk))


@login_required
def activity_copy(request, pk):
    """The same activity on a new date (next year's study visit): the plan is copied, what happened is not."""
    activity = get_object_or_404(Activity, pk=pk)
    if not request.user.has_perm("activities.change_activity", activity):
        raise PermissionDenied
    form = CopyForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        copy = _save(form, lambda **data: services.copy_activity(activity=activity, by=request.user, **data))
        if copy is not None:
            messages.success(request, _("The copy has been made. Check it, then open registration."))
            return redirect("activities:edit", pk=copy.pk)
    return render(request, "activities/activity_copy.html", {"activity": activity, "form": form})
