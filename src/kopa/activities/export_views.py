"""Participant lists of an activity and of a project for the funder: at once when small, else an export job."""

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404
from django.utils.text import slugify

from kopa.exports.responses import export_response
from kopa.projects.models import Project

from .models import Activity


@login_required
def export_activity(request, pk):
    activity = get_object_or_404(Activity, pk=pk)
    if not request.user.has_perm("activities.manage_registrations", activity):
        raise PermissionDenied
    return export_response(request, kind="participants.activity", parameters={"activity": activity.pk},
                           file_format=request.GET.get("format", "xlsx"), filename=f"participants-{activity.pk}")


@login_required
def export_project(request, project_pk):
    project = get_object_or_404(Project, pk=project_pk)
    if not request.user.has_perm("projects.change_project", project):
        raise PermissionDenied
    return export_response(request, kind="participants.project", parameters={"project": project.pk},
                           file_format=request.GET.get("format", "xlsx"),
                           filename=f"participants-{slugify(project.code)}")
