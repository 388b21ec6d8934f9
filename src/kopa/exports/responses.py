"""How an export page answers: a small export is sent at once, as before; one over KOPA_EXPORT_THRESHOLD rows
becomes a job (kopa.exports.services.start_export) and the request answers at once with its page. Both write the
same rows with the same writers (kopa.core.exports)."""

from django.conf import settings
from django.shortcuts import redirect

from kopa.core.exports import csv_response, xlsx_file_response

from . import services
from .kinds import kind as kind_of


def export_response(request, *, kind: str, parameters: dict, file_format: str, filename: str):
    """The caller has checked that the person may see this export (the Kind's rule, as the job checks again)."""
    file_format = "csv" if file_format == "csv" else "xlsx"
    report = kind_of(kind)
    table = report.table(parameters)
    if table.total > settings.KOPA_EXPORT_THRESHOLD and request.user.is_authenticated:
        job = services.start_export(kind=kind, parameters=parameters, file_format=file_format,
                                    label=report.label(parameters), filename=filename, rows=table.total,
                                    by=request.user)
        return redirect("exports:job", job.pk)
    # Small, or asked for without signing in (the public project list): written in the request, fast enough.
    if file_format == "csv":
        return csv_response(filename, table.header, table.rows)
    return xlsx_file_response(filename, table.title, table.header, table.rows)
