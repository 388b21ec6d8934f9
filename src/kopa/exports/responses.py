"""How an export page answers: a small export is sent at once, as before; one over KOPA_EXPORT_THRESHOLD rows
becomes a job (kopa.exports.services.start_export) and the request answers at once with its page. Both write the
same rows with the same writers (kopa.core.exports, or the report's own workbook)."""

import tempfile

from django.conf import settings
from django.http import FileResponse
from django.shortcuts import redirect
from django.utils import translation

from kopa.core.exports import XLSX, csv_response, xlsx_file_response

from . import services
from .kinds import kind as kind_of


def export_response(request, *, kind: str, parameters: dict, file_format: str, filename: str):
    """The caller has checked that the person may see this export (the Kind's rule, as the job checks again)."""
    file_format = "csv" if file_format == "csv" else "xlsx"
    report = kind_of(kind)
    table = report.table(parameters, request.user)
    if request.user.is_authenticated:
        threshold = settings.KOPA_EXPORT_THRESHOLD
        rows = table.count(threshold + 1)
        if rows > threshold:
            job = services.start_export(kind=kind, parameters=parameters, file_format=file_format,
                                        label=report.label(parameters), filename=filename, rows=rows,
                                        by=request.user)
            return redirect("exports:job", job.pk)
    # Small, or asked for without signing in (the public lists): written in the request, fast enough.
    if file_format == "csv":
        return csv_response(filename, table.header, _in_language(table.rows, translation.get_language()))
    if table.write_xlsx is None:
        return xlsx_file_response(filename, table.title, table.header, table.rows)
    handle = tempfile.TemporaryFile()  # removed by the OS once the response has closed it
    table.write_xlsx(handle, table.rows)
    handle.seek(0)
    return FileResponse(handle, as_attachment=True, filename=f"{filename}.xlsx", content_type=XLSX)


def _in_language(rows, language):
    """CSV rows are made while the response is sent, after the request's language may be gone: keep it."""
    with translation.override(language):
        yield from rows
