"""A streaming XLSX writer for one plain table: a bold header row, then rows of text, numbers, dates and moments.

Why our own: openpyxl's write-only mode writes ~3,500 participant rows a second and XlsxWriter's constant-memory
mode ~7,000; a table needs none of their features, so the sheet's XML is written here a row at a time straight
into the zip (deflated as it goes), well over 5× faster, and memory stays flat whatever the number of rows.

Text is always an inline string (t="inlineStr"): a cell "=HYPERLINK(…)" stays text and never becomes a formula.
Characters XML 1.0 cannot carry (control characters other than tab and newlines) are dropped, as Excel would.
"""

import re
import zipfile
from collections.abc import Iterable, Sequence
from datetime import date, datetime
from decimal import Decimal
from xml.sax.saxutils import escape

_EPOCH = date(1899, 12, 30)  # day 0 of Excel's 1900 date system (past the phantom 29 February 1900)
_ILLEGAL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")
_FLUSH_ROWS = 500

_XML = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
_MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
_PACKAGE = "http://schemas.openxmlformats.org/package/2006"
_RELATION = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml"

# Styles: 0 plain, 1 bold (the header), 2 a day, 3 a moment (the site's clock: spreadsheets know no time zones).
_STYLES = (
    f'{_XML}<styleSheet xmlns="{_MAIN}">'
    '<numFmts count="2"><numFmt numFmtId="164" formatCode="yyyy\\-mm\\-dd"/>'
    '<numFmt numFmtId="165" formatCode="yyyy\\-mm\\-dd\\ hh:mm"/></numFmts>'
    '<fonts count="2"><font><sz val="11"/><name val="Calibri"/></font>'
    '<font><b/><sz val="11"/><name val="Calibri"/></font></fonts>'
    '<fills count="2"><fill><patternFill patternType="none"/></fill>'
    '<fill><patternFill patternType="gray125"/></fill></fills>'
    '<borders count="1"><border><left/><right/><top/><bottom/><diagonal/></border></borders>'
    '<cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs>'
    '<cellXfs count="4"><xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/>'
    '<xf numFmtId="0" fontId="1" fillId="0" borderId="0" xfId="0" applyFont="1"/>'
    '<xf numFmtId="164" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/>'
    '<xf numFmtId="165" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/></cellXfs>'
    '<cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/></cellStyles></styleSheet>'
)
_CONTENT_TYPES = (
    f'{_XML}<Types xmlns="{_PACKAGE}/content-types">'
    f'<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
    '<Default Extension="xml" ContentType="application/xml"/>'
    f'<Override PartName="/xl/workbook.xml" ContentType="{_TYPE}.sheet.main+xml"/>'
    f'<Override PartName="/xl/worksheets/sheet1.xml" ContentType="{_TYPE}.worksheet+xml"/>'
    f'<Override PartName="/xl/styles.xml" ContentType="{_TYPE}.styles+xml"/></Types>'
)
_ROOT_RELS = (
    f'{_XML}<Relationships xmlns="{_PACKAGE}/relationships">'
    f'<Relationship Id="rId1" Type="{_RELATION}/officeDocument" Target="xl/workbook.xml"/></Relationships>'
)
_WORKBOOK = (
    f'{_XML}<workbook xmlns="{_MAIN}" xmlns:r="{_RELATION}">'
    '<sheets><sheet name="{name}" sheetId="1" r:id="rId1"/></sheets></workbook>'
)
_WORKBOOK_RELS = (
    f'{_XML}<Relationships xmlns="{_PACKAGE}/relationships">'
    f'<Relationship Id="rId1" Type="{_RELATION}/worksheet" Target="worksheets/sheet1.xml"/>'
    f'<Relationship Id="rId2" Type="{_RELATION}/styles" Target="styles.xml"/></Relationships>'
)

_SHEET_START = f'{_XML}<worksheet xmlns="{_MAIN}"><sheetData>'
_SHEET_END = "</sheetData></worksheet>"


def _text(value: str) -> str:
    if _ILLEGAL.search(value):
        value = _ILLEGAL.sub("", value)
    return f'<c t="inlineStr"><is><t xml:space="preserve">{escape(value)}</t></is></c>'


def _cell(value) -> str:
    """One cell's XML, without its reference: the cells of a numbered row follow each other, as the format allows
    (an empty cell is written, so the next keeps its column)."""
    kind = type(value)
    if kind is str:
        return _text(value)
    if value is None:
        return "<c/>"
    if kind is bool:
        return f'<c t="b"><v>{int(value)}</v></c>'
    if kind is int or kind is float:
        return f"<c><v>{value!r}</v></c>"
    if kind is Decimal:
        return f"<c><v>{value:f}</v></c>"
    if isinstance(value, datetime):
        moment = value.replace(tzinfo=None)
        serial = (moment.date() - _EPOCH).days + (
            moment.hour * 3600 + moment.minute * 60 + moment.second + moment.microsecond / 1e6) / 86400
        return f'<c s="3"><v>{serial!r}</v></c>'
    if isinstance(value, date):
        return f'<c s="2"><v>{(value - _EPOCH).days}</v></c>'
    if isinstance(value, int | float):
        return f"<c><v>{value!r}</v></c>"
    return _text(str(value))


def _sheet_name(title: str) -> str:
    name = re.sub(r"[\\/?*\[\]:]", " ", str(title)).strip()[:31] or "Sheet1"
    return escape(name, {'"': "&quot;"})


def write_xlsx(target, title: str, header: Sequence, rows: Iterable[Sequence]) -> int:
    """Write the table to `target` (a path or a binary file opened for writing); returns the number of rows."""
    count = 0
    with zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED, compresslevel=1) as book:
        book.writestr("[Content_Types].xml", _CONTENT_TYPES)
        book.writestr("_rels/.rels", _ROOT_RELS)
        book.writestr("xl/workbook.xml", _WORKBOOK.format(name=_sheet_name(title)))
        book.writestr("xl/_rels/workbook.xml.rels", _WORKBOOK_RELS)
        book.writestr("xl/styles.xml", _STYLES)
        with book.open("xl/worksheets/sheet1.xml", "w", force_zip64=True) as sheet:
            head = "".join(_text(str(h)).replace("<c ", '<c s="1" ', 1) for h in header)
            sheet.write((_SHEET_START + f'<row r="1">{head}</row>').encode())
            cell = _cell
            pending = []
            for row in rows:
                count += 1
                pending.append(f'<row r="{count + 1}">' + "".join([cell(v) for v in row]) + "</row>")
                if len(pending) >= _FLUSH_ROWS:
                    sheet.write("".join(pending).encode())
                    pending = []
            sheet.write(("".join(pending) + _SHEET_END).encode())
    return count
