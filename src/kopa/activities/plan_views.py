"""Copying a project's activity plan into another project, or into the same one for a new year.

It lives in activities, which sits above projects: the copy is the activities app's service."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import ngettext

from kopa.accounts.permissions import coordinated_project_ids
from kopa.core.errors import DomainError, attach_to_form
from kopa.projects.copy_forms import PlanCopyForm
from kopa.projects.models import Project

from .services.copying import copy_plan


def _projects_for(user):
    """The projects `user` may copy into: those they coordinate (administrators: every project)."""
    projects = Project.objects.order_by("code", "pk")
    return projects if user.is_superuser else projects.filter(pk__in=coordinated_project_ids(user))


@login_required
def plan_copy(request, pk):
    project = get_object_or_404(Project, pk=pk)
    if not request.user.has_perm("projects.change_project", project):
        raise PermissionDenied
    activities = project.activities.order_by("start_date", "pk")
    plan = list(activities)  # read once for the page; the boxes are the form's own choices
    form = PlanCopyForm(request.POST or None, activities=activities, projects=_projects_for(request.user),
                        initial={"activities": [a.pk for a in plan], "into": project, "offset": 1, "unit": "years"})
    if request.method == "POST" and form.is_valid():
        into = form.cleaned_data["into"]
        try:
            copies = copy_plan(activities=form.cleaned_data["activities"], into=into, by=request.user,
                               **form.shift())
        except DomainError as error:
            attach_to_form(form, error)
        else:
            messages.success(request, ngettext("%(count)d activity copied. Check it, then open registration.",
                                               "%(count)d activities copied. Check them, then open registration.",
                                               len(copies)) % {"count": len(copies)})
            return redirect(into)
    return render(request, "projects/plan_copy.html", {"project": project, "form": form, "plan": plan})
