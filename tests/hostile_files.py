"""Statements built to hurt, written here byte by byte: a zip bomb of a workbook, oversized CSVs.

Each is small in memory or on disk and expands to what would keep a reader busy for minutes.
"""

from __future__ import annotations

import io
import struct
import zipfile

HEADER = b"Date,Description,Amount\n"
ROW = b"2024-01-02,Corner Shop,-10.00\n"

_CONTENT_TYPES = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
    '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
    '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
    '<Default Extension="xml" ContentType="application/xml"/>'
    '<Override PartName="/xl/workbook.xml" '
    'ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>'
    '<Override PartName="/xl/worksheets/sheet1.xml" '
    'ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>'
    "</Types>")
_ROOT_RELS = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
    '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
    '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/'
    'officeDocument" Target="xl/workbook.xml"/></Relationships>')
_WORKBOOK = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
    '<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" '
    'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">'
    '<sheets><sheet name="Statement" sheetId="1" r:id="rId1"/></sheets></workbook>')
_WORKBOOK_RELS = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
    '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
    '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/'
    'worksheet" Target="worksheets/sheet1.xml"/></Relationships>')
SHEET = "xl/worksheets/sheet1.xml"


def _row(values: tuple[str, ...]) -> bytes:
    """A row without row or cell references (both optional): every statement row is the same bytes, which
    is what lets a zip bomb compress a thousandfold."""
    cells = "".join(f'<c t="inlineStr"><is><t>{text}</t></is></c>' for text in values)
    return f"<row>{cells}</row>".encode()


def workbook(rows: int, *, dimension: str | None = None, extra_xml: str = "") -> bytes:
    """A real .xlsx (written by hand with zipfile) whose first sheet holds a header and `rows` statement
    rows; `dimension` declares the sheet's size (any size, true or not), `extra_xml` ends the sheet data."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, text in (("[Content_Types].xml", _CONTENT_TYPES), ("_rels/.rels", _ROOT_RELS),
                           ("xl/workbook.xml", _WORKBOOK), ("xl/_rels/workbook.xml.rels", _WORKBOOK_RELS)):
            archive.writestr(name, text)
        with archive.open(SHEET, "w") as sheet:
            sheet.write(b'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
                        b'<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">')
            if dimension:
                sheet.write(f'<dimension ref="{dimension}"/>'.encode())
            sheet.write(b"<sheetData>" + _row(("Date", "Description", "Amount")))
            chunk = _row(("2024-01-02", "Corner Shop", "-10.00")) * 10_000
            for start in range(0, rows, 10_000):
                sheet.write(chunk if rows - start >= 10_000 else chunk[:len(chunk) // 10_000 * (rows - start)])
            sheet.write(extra_xml.encode() + b"</sheetData></worksheet>")
    return buffer.getvalue()


def declaring(data: bytes, member: str, file_size: int) -> bytes:
    """`data` (a zip) whose central directory says `member` unpacks to `file_size` bytes: a lie."""
    entry = data.index(b"PK\x01\x02")  # the central directory's first entry
    while data[entry + 46:entry + 46 + struct.unpack_from("<H", data, entry + 28)[0]] != member.encode():
        entry = data.index(b"PK\x01\x02", entry + 4)
    return data[:entry + 24] + struct.pack("<I", file_size) + data[entry + 28:]


def csv_rows(rows: int) -> bytes:
    """A CSV statement with a header and `rows` rows."""
    return HEADER + ROW * rows


def csv_of_size(size: int) -> bytes:
    """A CSV statement of exactly `size` bytes."""
    body = HEADER + ROW * (size // len(ROW) + 1)
    return body[:size]
