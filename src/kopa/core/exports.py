"""Writers for tabular exports: one row generator per report, written as XLSX or CSV.

CSV goes through defusedcsv so a cell starting with =, +, - or @ cannot run as a formula in Excel;
it is UTF-8 with a byte-order mark, which Excel needs to show ā, č, ė, ų correctly.
XLSX uses openpyxl's write-only mode, so memory does not grow with the number of rows.
"""

import io
import tempfile
from collections.abc import Iterable, Sequence

from defusedcsv import csv
from django.http import FileResponse, HttpResponse, StreamingHttpResponse
from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.styles import Font

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


class _Echo:
    def write(self, value):
        return value


def csv_response(filename: str, header: Sequence[str], rows: Iterable[Sequence]) -> StreamingHttpResponse:
    writer = csv.writer(_Echo())

    def lines():
        yield "\ufeff" + writer.writerow([str(h) for h in header])
        for row in rows:
            yield writer.writerow(["" if value is None else value for value in row])

    response = StreamingHttpResponse(lines(), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{filename}.csv"'
    return response


def _write_workbook(target, title: str, header: Sequence[str], rows: Iterable[Sequence]) -> None:
    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet(title=title[:31])
    bold = Font(bold=True)
    cells = []
    for value in header:
        cell = WriteOnlyCell(sheet, value=str(value))
        cell.font = bold
        cells.append(cell)
    sheet.append(cells)
    for row in rows:
        # Text stays text: openpyxl would otherwise store "=…" as a formula.
        sheet.append([WriteOnlyCell(sheet, value=v) if not isinstance(v, str) else _text_cell(sheet, v) for v in row])
    workbook.save(target)


def xlsx_bytes(title: str, header: Sequence[str], rows: Iterable[Sequence]) -> bytes:
    buffer = io.BytesIO()
    _write_workbook(buffer, title, header, rows)
    return buffer.getvalue()


def _text_cell(sheet, value: str):
    cell = WriteOnlyCell(sheet, value=value)
    cell.data_type = "s"
    return cell


def xlsx_response(filename: str, title: str, header: Sequence[str], rows: Iterable[Sequence]) -> HttpResponse:
    response = HttpResponse(xlsx_bytes(title, header, rows), content_type=XLSX)
    response["Content-Disposition"] = f'attachment; filename="{filename}.xlsx"'
    return response


def xlsx_file_response(filename: str, title: str, header: Sequence[str], rows: Iterable[Sequence]):
    """Like xlsx_response, for large exports: the workbook is written to a temporary file (openpyxl's
    write-only mode streams rows to disk) and sent from there in chunks, so memory stays flat."""
    handle = tempfile.TemporaryFile()  # removed by the OS once the response has closed it
    _write_workbook(handle, title, header, rows)
    handle.seek(0)
    return FileResponse(handle, as_attachment=True, filename=f"{filename}.xlsx", content_type=XLSX)
