"""Writers for tabular exports: one row generator per report, written as XLSX or CSV.

CSV escapes a cell starting with =, +, -, @, | or % (the rule of defusedcsv, applied here without its per-cell
regular expression) so it cannot run as a formula in Excel; it is UTF-8 with a byte-order mark, which Excel needs
to show ā, č, ė, ų correctly. XLSX is written by kopa.core.spreadsheet a row at a time (text stays text), so
memory does not grow with the number of rows. The same writers serve an export sent at once and one written to a
file by a background job (kopa.exports).
"""

import csv
import re
import tempfile
from collections.abc import Iterable, Sequence
from numbers import Number

from django.http import FileResponse, HttpResponse, StreamingHttpResponse

from .spreadsheet import write_xlsx

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
CSV = "text/csv; charset=utf-8"
_NUMBER = re.compile(r"^-?[0-9,\.]+$")
_RISKY = frozenset("@+-=|%")


def defused(value):
    """A cell as CSV may carry it: text that a spreadsheet would run as a formula is quoted with an apostrophe
    (a plain negative number is left alone), empty for None."""
    if type(value) is not str:  # text first and without isinstance against an ABC: this runs for every cell
        if value is None:
            return ""
        if isinstance(value, Number):
            return value
        value = str(value)
    if value and value[0] in _RISKY and not _NUMBER.match(value):
        return "'" + value.replace("|", "\\|")
    return value


class _Echo:
    def write(self, value):
        return value


def csv_lines(header: Sequence[str], rows: Iterable[Sequence]):
    """The CSV text, a line at a time, beginning with the byte-order mark."""
    writer = csv.writer(_Echo())
    yield "\ufeff" + writer.writerow([defused(str(h)) for h in header])
    for row in rows:
        yield writer.writerow([defused(value) for value in row])


def write_csv(target, header: Sequence[str], rows: Iterable[Sequence]) -> None:
    """Into a binary file: encoded in batches, so a big file is written in few calls."""
    batch = []
    for line in csv_lines(header, rows):
        batch.append(line)
        if len(batch) >= 1000:
            target.write("".join(batch).encode("utf-8"))
            batch = []
    target.write("".join(batch).encode("utf-8"))


def csv_response(filename: str, header: Sequence[str], rows: Iterable[Sequence]) -> StreamingHttpResponse:
    response = StreamingHttpResponse(csv_lines(header, rows), content_type=CSV)
    response["Content-Disposition"] = f'attachment; filename="{filename}.csv"'
    return response


def xlsx_bytes(title: str, header: Sequence[str], rows: Iterable[Sequence]) -> bytes:
    with tempfile.TemporaryFile() as handle:
        write_xlsx(handle, title, header, rows)
        handle.seek(0)
        return handle.read()


def xlsx_response(filename: str, title: str, header: Sequence[str], rows: Iterable[Sequence]) -> HttpResponse:
    response = HttpResponse(xlsx_bytes(title, header, rows), content_type=XLSX)
    response["Content-Disposition"] = f'attachment; filename="{filename}.xlsx"'
    return response


def xlsx_file_response(filename: str, title: str, header: Sequence[str], rows: Iterable[Sequence]):
    """Like xlsx_response, for large exports: the workbook is written to a temporary file and sent from there in
    chunks, so memory stays flat."""
    handle = tempfile.TemporaryFile()  # removed by the OS once the response has closed it
    write_xlsx(handle, title, header, rows)
    handle.seek(0)
    return FileResponse(handle, as_attachment=True, filename=f"{filename}.xlsx", content_type=XLSX)


def write_file(target, file_format: str, title: str, header: Sequence[str], rows: Iterable[Sequence]) -> None:
    """The table into a binary file, as CSV or XLSX."""
    if file_format == "csv":
        write_csv(target, header, rows)
    else:
        write_xlsx(target, title, header, rows)
