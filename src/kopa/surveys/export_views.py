"""A questionnaire's responses as CSV or XLSX: at once when few, else an export job."""

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404

from kopa.core.pages import POSITION
from kopa.exports.responses import export_response

from .models import Questionnaire


@login_required
def questionnaire_export(request, pk, kind):
    questionnaire = get_object_or_404(Questionnaire, pk=pk)
    if not request.user.has_perm("surveys.view_results", questionnaire):
        raise PermissionDenied
    query = request.GET.copy()
    for name in POSITION:  # the export is the whole list, not one page of it
        query.pop(name, None)
    return export_response(request, kind="surveys.responses",
                           parameters={"questionnaire": questionnaire.pk, "query": query.urlencode()},
                           file_format=kind, filename=f"survey-{questionnaire.pk}")
