"""Organiser pages for the sections of an activity (parallel groups with their seat quotas, materials, votes,
follow-up activities) and for standing working groups. Thin views: the forms parse, the services decide (the
same services the API and the back office call)."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from kopa.accounts.permissions import coordinated_project_ids, is_administrator
from kopa.core.pages import act
from kopa.projects.models import Project

from . import services
from .form_calls import save
from .models import Activity, Breakout, Material, Quota, WorkingGroup
from .permissions import organised_by
from .section_forms import (
    BreakoutForm,
    FollowUpForm,
    MaterialForm,
    MemberForm,
    PollForm,
    QuotaForm,
    WorkingGroupForm,
)
from .services.registration import remove_quota


def _activity(request, pk, permission="activities.change_activity"):
    activity = get_object_or_404(Activity, pk=pk)
    if not request.user.has_perm(permission, activity):
        raise PermissionDenied
    return activity


def _remove(request, activity, model, item_pk, service, keyword, page):
    """A remove button of a section: the item must belong to the activity; the service decides (a refusal is a
    message, a permission refusal a 403)."""
    item = get_object_or_404(model, pk=item_pk, activity=activity)
    act(request, lambda: service(**{keyword: item}, by=request.user), done=_("Removed."))
    return redirect(page, pk=activity.pk)


@login_required
def groups(request, pk):
    """Parallel groups (theme, seats) and the seats kept for organisations, in the whole activity or a group."""
    activity = _activity(request, pk)
    posted = request.POST.get("form") if request.method == "POST" else None
    forms = {
        "breakout": BreakoutForm(request.POST if posted == "breakout" else None, prefix="b"),
        "quota": QuotaForm(request.POST if posted == "quota" else None, prefix="q", activity=activity),
    }
    form = forms.get(posted)
    if form is not None:
        if posted == "quota" and not request.user.has_perm("activities.manage_registrations", activity):
            raise PermissionDenied
        call = services.add_breakout if posted == "breakout" else services.set_quota
        if form.is_valid() and save(form, lambda **data: call(activity=activity, by=request.user, **data)):
            messages.success(request, _("Saved."))
            return redirect("activities:groups", pk=activity.pk)
    return render(request, "activities/groups.html", {
        "activity": activity, "forms": forms,
        "breakouts": activity.breakouts.order_by("pk"),
        "quotas": activity.quotas.select_related("organisation", "breakout").order_by("organisation__name", "pk"),
    })


@login_required
@require_POST
def breakout_remove(request, pk, breakout_pk):
    return _remove(request, _activity(request, pk), Breakout, breakout_pk, services.remove_breakout, "breakout",
                   "activities:groups")


@login_required
@require_POST
def quota_remove(request, pk, quota_pk):
    return _remove(request, _activity(request, pk, "activities.manage_registrations"), Quota, quota_pk,
                   remove_quota, "quota", "activities:groups")


@login_required
def materials(request, pk):
    """Handouts, presentations and links of the activity or one of its groups (checked for type and size)."""
    activity = _activity(request, pk)
    form = MaterialForm(request.POST or None, request.FILES or None, activity=activity)
    if request.method == "POST" and form.is_valid() and save(
            form, lambda **data: services.add_material(activity=activity, by=request.user, **data)):
        messages.success(request, _("Saved."))
        return redirect("activities:materials", pk=activity.pk)
    return render(request, "activities/materials.html", {
        "activity": activity, "form": form,
        "materials": activity.materials.select_related("breakout").order_by("pk"),
    })


@login_required
@require_POST
def material_remove(request, pk, material_pk):
    return _remove(request, _activity(request, pk), Material, material_pk, services.remove_material, "material",
                   "activities:materials")


@login_required
def votes(request, pk):
    """Prepare a vote of the audience; it opens and closes from the record page (or the activity page)."""
    activity = _activity(request, pk)
    form = PollForm(request.POST or None)
    if request.method == "POST" and form.is_valid() and save(
            form, lambda **data: services.create_poll(activity=activity, by=request.user, **data)):
        messages.success(request, _("The vote has been prepared: open it when the audience is ready."))
        return redirect("activities:record", pk=activity.pk)
    return render(request, "activities/votes.html", {
        "activity": activity, "form": form, "polls": activity.polls.prefetch_related("entries").order_by("pk")})


@login_required
def follow_ups(request, pk):
    """Activities announced at this one; only those the user may change can be linked."""
    activity = _activity(request, pk)
    mine = Activity.objects.all() if is_administrator(request.user) else \
        Activity.objects.filter(organised_by(request.user))
    form = FollowUpForm(request.POST or None, activity=activity, activities=mine.distinct())
    if request.method == "POST" and form.is_valid():
        follow_up = form.cleaned_data["follow_up"]
        if save(form, lambda **_data: services.update_activity(activity=follow_up, by=request.user,
                                                                        announced_by=activity)):
            messages.success(request, _("Saved."))
            return redirect("activities:follow_ups", pk=activity.pk)
    return render(request, "activities/follow_ups.html", {
        "activity": activity, "form": form, "follow_ups": activity.follow_ups.order_by("start_date", "pk")})


@login_required
@require_POST
def follow_up_remove(request, pk, follow_up_pk):
    activity = _activity(request, pk)
    follow_up = get_object_or_404(Activity, pk=follow_up_pk, announced_by=activity)
    act(request, lambda: services.update_activity(activity=follow_up, by=request.user, announced_by=None),
        done=_("Removed."))
    return redirect("activities:follow_ups", pk=activity.pk)


def _group_projects(user):
    """The projects a user may keep a working group in: those they coordinate (every project for an
    administrator)."""

    projects = Project.objects.order_by("code", "pk")
    return projects if is_administrator(user) else projects.filter(pk__in=coordinated_project_ids(user))


@login_required
def working_group_new(request):
    projects = _group_projects(request.user)
    if not projects.exists():
        raise PermissionDenied
    form = WorkingGroupForm(request.POST or None, projects=projects)
    group = form.is_valid() and save(form, lambda **data: services.create_working_group(by=request.user, **data)) \
        if request.method == "POST" else None
    if group:
        messages.success(request, _("The working group has been created."))
        return redirect("activities:working_group_edit", slug=group.slug)
    return render(request, "activities/working_group_form.html", {"form": form, "group": None})


@login_required
def working_group_edit(request, slug):
    """A working group's names, theme, project and topics, and its members (picked from the directory)."""
    group = get_object_or_404(WorkingGroup.objects.select_related("project"), slug=slug)
    if not request.user.has_perm("activities.change_workinggroup", group):
        raise PermissionDenied
    posted = request.POST.get("form") if request.method == "POST" else None
    form = WorkingGroupForm(request.POST if posted == "details" else None, projects=_group_projects(request.user),
                            initial=WorkingGroupForm.initial_for(group))
    member_form = MemberForm(request.POST if posted == "member" else None, prefix="m")
    if posted == "details" and form.is_valid() and save(
            form, lambda **data: services.update_working_group(group=group, by=request.user, **data)):
        messages.success(request, _("Saved."))
        return redirect("activities:working_group_edit", slug=group.slug)
    if posted == "member" and member_form.is_valid() and save(
            member_form, lambda **data: services.add_member(group=group, by=request.user, **data)):
        messages.success(request, _("Saved."))
        return redirect("activities:working_group_edit", slug=group.slug)
    return render(request, "activities/working_group_form.html", {
        "form": form, "member_form": member_form, "group": group,
        "members": group.members.order_by("last_name", "first_name", "pk")})


@login_required
@require_POST
def working_group_member_remove(request, slug, person_pk):
    group = get_object_or_404(WorkingGroup, slug=slug)
    if not request.user.has_perm("activities.change_workinggroup", group):
        raise PermissionDenied
    person = get_object_or_404(group.members, pk=person_pk)
    act(request, lambda: services.remove_member(group=group, person=person, by=request.user), done=_("Removed."))
    return redirect("activities:working_group_edit", slug=group.slug)
