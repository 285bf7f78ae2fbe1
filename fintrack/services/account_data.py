"""'Download all my data': everything FinTrack holds for an owner, as a workbook and as a JSON file.

The workbook has a Profile sheet, a Categories sheet (each category with its number of entries) and one
sheet per table of the owner (expenses, incomes, assets, import mappings, the assistant's conversations,
messages, actions and usage, and the list of signed-in sessions): amounts are numbers in the owner's currency,
dates are dates, timestamps ISO 8601 text in UTC.

The JSON file holds the same for a script to read back:
`{"format": "fintrack-account-export", "version": 1, "exported_at": …, "profile": {…}, "categories": […],
"expenses": […], …}`. Money is a decimal string ("1234.50", never a float), dates and timestamps are ISO 8601
(timestamps in UTC with their offset), and what FinTrack stores as JSON text (an import mapping, the tool
calls of a message) is nested as JSON under the column's name without `_json` (`mapping`, `payload`).

No password hash, session token hash or sign-in token leaves (see `fintrack.repository.owner_data`).
"""

from __future__ import annotations

import datetime as dt
import io
import json
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import pandas as pd
from sqlalchemy.orm import Session

from fintrack import excel
from fintrack.clock import utcnow
from fintrack.db.engine import Database
from fintrack.events import EXPORT, observed
from fintrack.excel import Column, ColumnKind, SummarySheet, TableSheet
from fintrack.kinds import ENTRY_KINDS
from fintrack.periods import slugify
from fintrack.repository import entries as entries_repo
from fintrack.repository import owner_data
from fintrack.repository.owner_data import Field
from fintrack.services import accounts
from fintrack.services.exports import XLSX_MIME

JSON_MIME = "application/json"
FORMAT = "fintrack-account-export"
VERSION = 1
JSON_SUFFIX = "_json"
EXCEL_SHEET_NAME_LIMIT = 31
COLUMN_KINDS: dict[str, ColumnKind] = {"money": "money", "date": "date", "integer": "number"}  # the rest: text
CATEGORY_COLUMNS = (Column("kind", "Kind", width=10), Column("name", "Category", width=26),
                    Column("entries", "Entries", "number", 10))


@dataclass(frozen=True)
class DataFile:
    """One file of the export, ready for a download button."""

    name: str
    mime: str
    data: bytes


@observed("account.exported", family=EXPORT, fields=lambda files: {"bytes": sum(len(f.data) for f in files)})
def account_files(db: Database, *, owner_id: int, now: dt.datetime | None = None) -> tuple[DataFile, DataFile]:
    """The workbook and the JSON file of everything the owner has, as of `now`."""
    now = now or utcnow()
    return account_workbook(db, owner_id=owner_id, now=now), account_json(db, owner_id=owner_id, now=now)


def _file_name(business_name: str, now: dt.datetime, suffix: str) -> str:
    return f"fintrack-{slugify(business_name)}-all-data-{now:%Y-%m-%d}{suffix}"


def iso_utc(moment: dt.datetime) -> str:
    """A timestamp as ISO 8601 in UTC; SQLite hands them back without their offset, and they are UTC."""
    aware = moment if moment.tzinfo else moment.replace(tzinfo=dt.UTC)
    return aware.astimezone(dt.UTC).isoformat()


# --- the workbook -----------------------------------------------------------------------------------------


def account_workbook(db: Database, *, owner_id: int, now: dt.datetime) -> DataFile:
    """Profile, Categories, then one sheet per table of the owner."""
    owner = accounts.get_owner(db, owner_id=owner_id)
    with db.transaction() as session:
        profile = owner_data.profile(session, owner_id=owner_id) or {}
        facts = tuple((_header(name), iso_utc(value) if isinstance(value, dt.datetime) else value)
                      for name, value in profile.items())
        sheets = [SummarySheet(facts=(*facts, ("Exported at", iso_utc(now))), name="Profile"),
                  TableSheet("Categories", CATEGORY_COLUMNS, (_categories_frame(session, owner_id),)),
                  *(_table_sheet(session, table, owner_id) for table in owner_data.exported_tables())]
        data = excel.workbook_bytes(sheets, formats=owner.formats)
    return DataFile(_file_name(owner.business_name, now, ".xlsx"), XLSX_MIME, data)


def _header(name: str) -> str:
    """'payment_method' -> 'Payment method', 'mapping_json' -> 'Mapping (JSON)'."""
    if name.endswith(JSON_SUFFIX):
        return _header(name.removesuffix(JSON_SUFFIX)) + " (JSON)"
    return name.replace("_", " ").capitalize()


def _column(field: Field) -> Column:
    kind = COLUMN_KINDS.get(field.kind, "text")
    return Column(field.name, _header(field.name), kind, 24 if kind == "text" else 14)


def _table_sheet(session: Session, table: str, owner_id: int) -> TableSheet:
    fields = owner_data.fields(table)
    frames = (_frame(chunk, fields) for chunk in owner_data.row_chunks(session, table_name=table, owner_id=owner_id))
    return TableSheet(_header(table)[:EXCEL_SHEET_NAME_LIMIT], tuple(_column(field) for field in fields), frames)


def _frame(chunk: list[tuple], fields: list[Field]) -> pd.DataFrame:
    """Rows as a DataFrame of Python values (Decimal stays Decimal); timestamps become ISO text in UTC."""
    frame = pd.DataFrame(chunk, columns=[field.name for field in fields], dtype=object)
    for field in fields:
        if field.kind == "timestamp":
            frame[field.name] = frame[field.name].map(lambda value: iso_utc(value) if value else None)
    return frame


def _categories_frame(session: Session, owner_id: int) -> pd.DataFrame:
    return pd.DataFrame(_categories(session, owner_id), columns=[column.key for column in CATEGORY_COLUMNS])


def _categories(session: Session, owner_id: int) -> list[dict[str, Any]]:
    return [{"kind": kind, "name": name, "entries": count} for kind in ENTRY_KINDS
            for name, count in entries_repo.category_usage(session, owner_id=owner_id, kind=kind)]


# --- the JSON file ----------------------------------------------------------------------------------------


def account_json(db: Database, *, owner_id: int, now: dt.datetime) -> DataFile:
    """The same data for a script, written row by row as it streams from the database (no list of rows
    is held besides the file itself)."""
    owner = accounts.get_owner(db, owner_id=owner_id)
    out = io.BytesIO()
    with db.transaction() as session:
        profile = owner_data.profile(session, owner_id=owner_id) or {}
        head = {"format": FORMAT, "version": VERSION, "exported_at": iso_utc(now),
                "profile": _json_row(owner_data.fields(owner_data.PROFILE))(tuple(profile.values())),
                "categories": _categories(session, owner_id)}
        out.write(("{" + ",".join(f"\n {json.dumps(key)}: {_json(value)}" for key, value in head.items())).encode())
        for table in owner_data.exported_tables():
            out.write(f",\n {json.dumps(table)}: [".encode())
            as_json = _json_row(owner_data.fields(table))
            chunks = owner_data.row_chunks(session, table_name=table, owner_id=owner_id)
            for index, values in enumerate(values for chunk in chunks for values in chunk):
                out.write(f"{',' if index else ''}\n  {_json(as_json(values))}".encode())
            out.write(b"\n ]")
        out.write(b"\n}\n")
    return DataFile(_file_name(owner.business_name, now, ".json"), JSON_MIME, out.getvalue())


def _json(value: object) -> str:
    return json.dumps(value, ensure_ascii=False)


JSON_VALUES: dict[str, Callable[[Any], Any]] = {
    "money": str, "date": dt.date.isoformat, "timestamp": iso_utc}  # the rest is JSON already


def _json_row(fields: list[Field]) -> Callable[[tuple], dict[str, Any]]:
    """A row's values to a JSON object: Decimal as its string, dates ISO, timestamps ISO in UTC, stored JSON
    nested under the column's name without `_json`; None stays null."""
    keys = [field.name.removesuffix(JSON_SUFFIX) for field in fields]
    converters = [json.loads if field.name.endswith(JSON_SUFFIX) else JSON_VALUES.get(field.kind) for field in fields]

    def convert(values: tuple) -> dict[str, Any]:
        return {key: value if value is None or to_json is None else to_json(value)
                for key, to_json, value in zip(keys, converters, values, strict=True)}
    return convert
