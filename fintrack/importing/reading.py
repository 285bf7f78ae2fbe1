"""Statement bytes -> a `Table`: decoding, delimiter sniffing, the header row, CSV or XLSX.

Banks write UTF-8 with or without a BOM, Windows-1252 (Latin-1) or, in Central and Eastern Europe,
Windows-1250, `,` `;` or tab separated, with CRLF,
LF or old Mac CR-only line endings, and sometimes blank or title lines before the header.
"""

from __future__ import annotations

import csv
import datetime as dt
import hashlib
import io
import re
import zipfile
from collections import Counter
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from itertools import islice

from fintrack.errors import ValidationError
from fintrack.importing.limits import ImportLimits

DELIMITERS = (",", ";", "\t", "|")
ENCODINGS = ("utf-8", "utf-8-sig", "cp1252", "cp1250", "latin-1", "utf-16")
ENCODING_LABELS = {
    "utf-8": "UTF-8", "utf-8-sig": "UTF-8 with BOM", "cp1252": "Latin-1 (Windows-1252)",
    "cp1250": "Central European (Windows-1250)",
    "latin-1": "Latin-1 (ISO-8859-1)", "utf-16": "UTF-16", "xlsx": "Excel workbook",
}
DELIMITER_LABELS = {",": "comma (,)", ";": "semicolon (;)", "\t": "tab", "|": "pipe (|)", "": "none (Excel)"}
_SNIFF_LINES = 60
_XLSX_MAGIC = b"PK\x03\x04"
# Control characters (C0 but tab/LF/CR, DEL, C1) and U+FFFD: a text statement has next to none of them,
# a binary file (a PDF, an image, a zip) decoded as Latin-1 is a quarter made of them.
_BINARY_CHARACTERS = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ufffd]")
MAX_BINARY_SHARE = 0.05
# A non-ASCII character that is neither letter nor digit, beside a letter ('¿' in 'spo¿ywcze').
_SYMBOL_BY_LETTER = re.compile(r"(?<=[^\W\d_])[^\w\s\x00-\x7f]|[^\w\s\x00-\x7f](?=[^\W\d_])")
_NON_ASCII_WORD = re.compile(r"\w*[^\x00-\x7f]\w*")
# Letters where Windows-1250 and Windows-1252 differ (plus Š/Ž, common to both but Central European).
_CENTRAL_LETTERS = frozenset("ąćęłńśźżčďěňřťůľĺŕőűăşţšžĄĆĘŁŃŚŹŻČĎĚŇŘŤŮĽĹŔŐŰĂŞŢŠŽ")
_WESTERN_LETTERS = frozenset("àãåæèìïðñòõøùûþÿœÀÃÅÆÈÌÏÐÑÒÕØÙÛÞŸŒ")
NOT_A_STATEMENT = ("does not look like a bank statement (CSV or XLSX); export the statement from your "
                   "bank's website as CSV or Excel and upload that file")
NOT_A_WORKBOOK = "is not a readable Excel workbook (.xlsx)"
# Title lines a bank may put above the header, on top of the statement's rows: reading stops after
# max_rows + this many non-blank records.
_TITLE_LINES = _SNIFF_LINES
# Excel's own limits: a sheet with a row or column beyond them was not written by a spreadsheet app. The
# columns read are capped lower, so a hostile sheet cannot make every row 16,384 cells wide.
_EXCEL_MAX_ROWS = 1_048_576
_XLSX_MAX_COLUMNS = 256
DEFAULT_LIMITS = ImportLimits()


@dataclass(frozen=True)
class Table:
    """A statement's header and data rows, each row with its line number in the file (1-based)."""

    header: tuple[str, ...]
    rows: tuple[tuple[int, tuple[str, ...]], ...]
    encoding: str
    delimiter: str
    header_line: int = 1

    @property
    def signature(self) -> str:
        """Identifies the layout (the normalised header row), so a confirmed mapping can be remembered."""
        return header_signature(self.header)

    def column(self, index: int | None) -> list[str]:
        """Every value of column `index` (empty text where a row is short)."""
        if index is None:
            return []
        return [cell(values, index) for _, values in self.rows]


def cell(values: tuple[str, ...], index: int | None) -> str:
    """The stripped text at `index`, or '' when the row has no such column."""
    if index is None or index >= len(values):
        return ""
    return values[index].strip()


def header_signature(header: tuple[str, ...] | list[str]) -> str:
    """sha256 of the header row, case and spacing ignored."""
    normalised = "\x1f".join(" ".join(name.split()).casefold() for name in header)
    return hashlib.sha256(normalised.encode()).hexdigest()


def read_table(data: bytes, filename: str = "", *, encoding: str | None = None,
               delimiter: str | None = None, limits: ImportLimits = DEFAULT_LIMITS) -> Table:
    """Read a CSV or XLSX statement. `encoding`/`delimiter` override what is detected.

    Raises `ValidationError` (field `file`) when the file holds no table at all, or is bigger than
    `limits` allow (refused before the part that is too big is read).
    """
    limits.check_bytes(len(data))
    if data.startswith(_XLSX_MAGIC) or filename.lower().endswith((".xlsx", ".xlsm")):
        return _read_xlsx(data, limits)
    if filename.lower().endswith(".xls"):
        raise _file_error("is an old Excel file (.xls); save it as .xlsx or CSV and upload it again")
    text, encoding = decode(data, encoding)
    if not text.strip():
        raise _file_error("is empty")
    if looks_binary(text):
        raise _file_error(NOT_A_STATEMENT)
    delimiter = delimiter if delimiter is not None else sniff_delimiter(text)
    return _table_from_records(_csv_records(text, delimiter), limits, encoding=encoding, delimiter=delimiter)


def _file_error(problem: str) -> ValidationError:
    return ValidationError({"file": problem})


def looks_binary(text: str) -> bool:
    """Whether `text` is mostly not text: more than `MAX_BINARY_SHARE` control or undecodable characters
    (a stray NUL in a real statement is a bad row, not a reason to refuse the file)."""
    return len(_BINARY_CHARACTERS.findall(text)) > MAX_BINARY_SHARE * len(text)


def decode(data: bytes, encoding: str | None = None) -> tuple[str, str]:
    """The text and the encoding it was read with: BOMs first, then UTF-8, then Windows-1252/Latin-1."""
    if encoding:
        try:
            return data.decode(encoding), encoding
        except (UnicodeDecodeError, LookupError):
            raise _file_error(f"cannot be read as {ENCODING_LABELS.get(encoding, encoding)}") from None
    if data.startswith(b"\xef\xbb\xbf"):
        return data.decode("utf-8-sig", errors="replace"), "utf-8-sig"
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return data.decode("utf-16", errors="replace"), "utf-16"
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        return single_byte_decode(data)


def single_byte_decode(data: bytes) -> tuple[str, str]:
    """Text in a one-byte code page: Windows-1252 (Western) unless Windows-1250 (Central European) reads
    more like one language's text.

    Both decode most Polish or Czech files without an error, so the error cannot decide: 'spożywcze' in
    Windows-1250 reads 'spo¿ywcze' as Windows-1252, and 'kůň' reads 'kùò' beside 'Žlutý'. Western text
    ('café', 'Straße', 'Søren', '£12') reads as one alphabet in both, and a tie stays Windows-1252.
    """
    readings = {}
    for candidate in ("cp1252", "cp1250"):
        try:
            readings[candidate] = data.decode(candidate)
        except UnicodeDecodeError:
            continue
    if not readings:
        return data.decode("latin-1"), "latin-1"  # every byte is a Latin-1 character
    best = min(readings, key=lambda candidate: _oddities(readings[candidate]))
    return readings[best], best


def _oddities(text: str) -> int:
    """How unlike one language's text `text` reads: symbols stuck to letters, and words (and the text as a
    whole) mixing letters of the Western and the Central European alphabets."""
    words = _NON_ASCII_WORD.findall(text)
    return (len(_SYMBOL_BY_LETTER.findall(text)) + sum(_mixes_alphabets(word) for word in words)
            + _mixes_alphabets("".join(words)))


def _mixes_alphabets(text: str) -> bool:
    letters = set(text)
    return bool(letters & _CENTRAL_LETTERS) and bool(letters & _WESTERN_LETTERS)


def sniff_delimiter(text: str) -> str:
    """The delimiter that splits the first lines into the most consistent number of fields (> 1)."""
    sample = [line for line in text.splitlines() if line.strip()][:_SNIFF_LINES]
    best, best_score = ",", (0.0, 0)
    for delimiter in DELIMITERS:
        counts = [len(fields) for fields in csv.reader(sample, delimiter=delimiter)]
        width, frequency = _modal_width(count for count in counts if count >= 2)
        if width < 2:
            continue
        score = (frequency / len(counts), width)
        if score > best_score:
            best, best_score = delimiter, score
    return best


def _csv_records(text: str, delimiter: str) -> Iterator[tuple[int, list[str]]]:
    """(first line number, fields) of each record, read as they are asked for; csv accepts CR, LF and
    CRLF line endings alike."""
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    line = 1
    try:
        for fields in reader:
            yield line, fields
            line = reader.line_num + 1
    except csv.Error as exc:
        raise _file_error(f"could not be read as a table near line {line} ({exc})") from None


def _table_from_records(records: Iterable[tuple[int, list[str]]], limits: ImportLimits, *, encoding: str,
                        delimiter: str) -> Table:
    """The header and rows of `records`; reading stops once there are more than `limits.max_rows` rows."""
    most = limits.max_rows + _TITLE_LINES + 1
    filled = list(islice(((line, fields) for line, fields in records if "".join(fields).strip()), most + 1))
    if not filled:
        raise _file_error("is empty")
    header_index = _header_index(filled)
    header_line, header = filled[header_index]
    rows = tuple((line, tuple(fields)) for line, fields in filled[header_index + 1:])
    if len(filled) > most:  # reading stopped early: more rows follow, wherever the header is
        limits.check_rows(len(filled))
    limits.check_rows(len(rows))
    return Table(tuple(name.strip() for name in header), rows, encoding, delimiter, header_line)


def _header_index(records: list[tuple[int, list[str]]]) -> int:
    """The first record as wide as most records: skips title lines some banks put above the header."""
    width, _ = _modal_width(filled_width(fields) for _, fields in records)
    for index, (_, fields) in enumerate(records):
        if filled_width(fields) >= width:
            return index
    return 0


def _modal_width(widths: Iterable[int]) -> tuple[int, int]:
    """The most frequent width and its frequency; a tie goes to the wider (a title line is narrow)."""
    counts = Counter(widths)
    return max(counts.items(), key=lambda item: (item[1], item[0]), default=(0, 0))


def filled_width(fields: list[str] | tuple[str, ...]) -> int:
    """Fields up to the last non-empty one (trailing empty cells do not count)."""
    width = len(fields)
    while width and not fields[width - 1].strip():
        width -= 1
    return width


def _read_xlsx(data: bytes, limits: ImportLimits) -> Table:
    limits.check_expanded(_unpacked_size(data))
    from openpyxl import load_workbook  # imported here: only Excel uploads pay for it

    try:
        workbook = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except Exception:  # noqa: BLE001 - openpyxl raises many kinds for a damaged file
        raise _file_error(NOT_A_WORKBOOK) from None
    try:
        return _table_from_records(_sheet_records(workbook.active), limits, encoding="xlsx", delimiter="")
    except ValidationError:
        raise
    except Exception:  # noqa: BLE001 - a damaged sheet fails while it is read (bad XML, bad CRC)
        raise _file_error(NOT_A_WORKBOOK) from None
    finally:
        workbook.close()


def _unpacked_size(data: bytes) -> int:
    """What the archive's members declare they unpack to, all together (read from its directory only)."""
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            return sum(member.file_size for member in archive.infolist())
    except (zipfile.BadZipFile, ValueError):
        raise _file_error(NOT_A_WORKBOOK) from None


def _sheet_records(sheet) -> Iterator[tuple[int, list[str]]]:  # noqa: ANN001 - openpyxl's ReadOnlyWorksheet
    """(row number, cell texts) of the sheet's non-blank rows, as the sheet is parsed.

    The sheet's declared size is not trusted: rows are read only as far as they exist, at most
    `_XLSX_MAX_COLUMNS` wide, and a row numbered beyond Excel's last one ends the reading as damaged.
    """
    declared = sheet.max_column
    width = declared if declared and declared <= _XLSX_MAX_COLUMNS else _XLSX_MAX_COLUMNS
    sheet.reset_dimensions()
    for number, values in enumerate(sheet.iter_rows(max_col=width, values_only=True), start=1):
        if number > _EXCEL_MAX_ROWS:
            raise _file_error(NOT_A_WORKBOOK)
        if values.count(None) < len(values):  # blank rows are skipped at C speed
            yield number, [_xlsx_text(value) for value in values[:_last_filled(values) + 1]]


def _last_filled(values: tuple[object, ...]) -> int:
    """The index of the last cell that holds a value (trailing empty cells are not converted)."""
    return next(index for index in range(len(values) - 1, -1, -1) if values[index] is not None)


def _xlsx_text(value: object) -> str:
    """A cell as the text a CSV export would have written (dates ISO, numbers without float noise)."""
    if value is None:
        return ""
    if isinstance(value, dt.datetime):
        return value.date().isoformat() if value.time() == dt.time() else value.isoformat(" ")
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, float):
        # 15 significant digits drop the binary noise of a formula's result: =-0.1-0.2 reads as -0.3
        return str(int(value)) if value.is_integer() else format(value, ".15g")
    return str(value)
