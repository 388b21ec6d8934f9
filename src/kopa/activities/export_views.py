"""Downloads of activities' lists: the participants of an activity and of a project for the funder, an organiser's
registration list and the public activity list as filtered. Each is sent at once when small, else written by an
export job (kopa.exports) whose file holds the same rows."""

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


def _page_query(request) -> str:
    """The page's filters and sort, as its address holds them (kopa.activities.list_filters reads them)."""
    query = request.GET.copy()
    for name in ("format", "page"):
        query.pop(name, None)
    return query.urlencode()


def activity_list_download(request):
    """The public activity list as filtered, for a report: dates as stated, with their bounds beside them."""
    return export_response(request, kind="activities.list", parameters={"query": _page_query(request)},
                           file_format=request.GET["format"], filename="activities")


def registrations_download(request, activity):
    """The list as filtered and sorted on the page, every row of it. The caller has checked that the user may see
    the list (the kind's rule, asked again by the job and at its download)."""
    return export_response(request, kind="registrations.activity",
                           parameters={"activity": activity.pk, "query": _page_query(request)},
                           file_format=request.GET["format"], filename=f"registrations-{activity.pk}")
