"""The history as a spreadsheet: the filtered list the page shows, every entry of it, masked as on the page, written
by kopa.core.exports (CSV with a byte-order mark and safe against formulas; XLSX a row at a time by
kopa.core.spreadsheet)."""

from django.utils import translation

from kopa.core.exports import csv_response, xlsx_file_response

from . import queries


def _in_language(rows, language):
    """Rows are made while the response is sent, after the request's language may be gone: keep it."""
    with translation.override(language):
        yield from rows


def history_response(queryset, viewer, *, file_format: str, filename: str, title: str):
    header = queries.export_header()
    rows = _in_language(queries.export_rows(queryset, viewer), translation.get_language())
    if file_format == "xlsx":
        return xlsx_file_response(filename, title, header, rows)
    return csv_response(filename, header, rows)
