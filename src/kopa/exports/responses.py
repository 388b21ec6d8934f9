"""How an export page answers: a small export is sent at once, as before; one over KOPA_EXPORT_THRESHOLD rows
becomes a job (kopa.exports.services.start_export), also for a visitor who is not signed in, and the request
answers at once with its page. Both write the
same rows with the same writers (kopa.core.exports, or the report's own workbook)."""

import tempfile

from django.conf import settings
from django.contrib import messages
from django.http import FileResponse
from django.shortcuts import redirect
from django.utils import translation
from django.utils.http import url_has_allowed_host_and_scheme

from kopa.core.errors import DomainError
from kopa.core.exports import XLSX, csv_response, xlsx_file_response

from . import queries, services
from .kinds import kind as kind_of


def export_response(request, *, kind: str, parameters: dict, file_format: str, filename: str):
    """The caller has checked that the person may see this export (the Kind's rule, as the job checks again)."""
    file_format = "csv" if file_format == "csv" else "xlsx"
    report = kind_of(kind)
    table = report.table(parameters, request.user)
    threshold = settings.KOPA_EXPORT_THRESHOLD
    rows = table.count(threshold + 1)
    if rows > threshold:
        # Signed in or not (a visitor downloading a public list): a long file is never written in the request.
        try:
            job = services.start_export(kind=kind, parameters=parameters, file_format=file_format,
                                        label=report.label(parameters), filename=filename, rows=rows,
                                        by=request.user)
        except DomainError as error:
            messages.error(request, error.message)
            return redirect(request.META.get("HTTP_REFERER") if _same_site(request) else "/")
        if not request.user.is_authenticated:
            queries.remember_in_session(request, job)
        return redirect("exports:job", job.pk)
    if file_format == "csv":
        return csv_response(filename, table.header, _in_language(table.rows, translation.get_language()))
    if table.write_xlsx is None:
        return xlsx_file_response(filename, table.title, table.header, table.rows)
    handle = tempfile.TemporaryFile()  # removed by the OS once the response has closed it
    table.write_xlsx(handle, table.rows)
    handle.seek(0)
    return FileResponse(handle, as_attachment=True, filename=f"{filename}.xlsx", content_type=XLSX)


def _same_site(request) -> bool:
    referer = request.META.get("HTTP_REFERER")
    return bool(referer) and url_has_allowed_host_and_scheme(referer, allowed_hosts={request.get_host()},
                                                             require_https=request.is_secure())


def _in_language(rows, language):
    """CSV rows are made while the response is sent, after the request's language may be gone: keep it."""
    with translation.override(language):
        yield from rows
