"""Participant lists of an activity and of a project for the funder: at once when small, else an export job."""

import tempfile

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import FileResponse
from django.shortcuts import get_object_or_404
from django.utils.text import slugify
from django.utils.translation import gettext as _

from kopa.core.exports import XLSX, csv_response, xlsx_file_response
from kopa.exports.responses import export_response
from kopa.projects.models import Project

from . import exports, registration_list
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


def activity_list_download(request, activities):
    """The public activity list as filtered, for a report: dates as stated, with their bounds beside them."""
    rows = exports.activity_rows(activities)
    if request.GET["format"] == "csv":
        return csv_response("activities", exports.activity_header(), rows)
    return xlsx_file_response("activities", _("Activities"), exports.activity_header(), rows)


def registrations_download(request, activity, rows, show_contacts: bool):
    """The list as filtered and sorted on the page, every row of it."""
    columns = exports.registration_columns(show_contacts)
    positions = registration_list.queue_positions(activity)
    lines = (registration_list.Row(r, positions.get(r.pk), show_contacts and request.user.has_perm(
        "directory.view_person_contact", r.person)) for r in rows.prefetch_related("person__positions").iterator(
        chunk_size=2000))
    values = exports.registration_rows(lines, show_contacts)
    filename = f"registrations-{activity.pk}"
    if request.GET["format"] == "csv":
        return csv_response(filename, [heading for heading, _kind in columns], values)
    handle = tempfile.TemporaryFile()  # removed by the OS once the response has closed it
    exports.registration_xlsx(handle, _("Registrations"), columns, values)
    handle.seek(0)
    return FileResponse(handle, as_attachment=True, filename=f"{filename}.xlsx", content_type=XLSX)
