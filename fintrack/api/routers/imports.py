"""Statement imports: a preview of what a file would write, then its commit (all rows or none).

The API keeps nothing between the two calls: the commit sends the same file again and is previewed afresh
(with the mapping remembered for the bank's layout, as on screen), so a nightly script needs no state and any
app server can answer either call.
"""

from __future__ import annotations

from dataclasses import replace
from decimal import Decimal
from typing import Annotated

from fastapi import APIRouter, Depends, File, Form, UploadFile
from pydantic import BaseModel

from fintrack.api.deps import Db, Reader, Writer, config
from fintrack.api.errors import WRITE_RESPONSES
from fintrack.config import Settings
from fintrack.importing.dates import DateOrder
from fintrack.importing.limits import ImportLimits
from fintrack.importing.rows import RowError
from fintrack.services import imports
from fintrack.services.imports import MappingSource, Preview, PreviewRow
from fintrack.services.imports import Totals as ImportTotals

router = APIRouter(prefix="/imports", tags=["imports"], responses=WRITE_RESPONSES)
Statement = Annotated[UploadFile, File(description="A bank or card statement, CSV or XLSX")]
Order = Annotated[DateOrder | None, Form(description="The date order, when the preview says it must be chosen")]
AccountId = Annotated[int | None, Form(ge=1, le=2**31 - 1, description="The money account the rows go to (else "
                                                                      "the one remembered with the layout, else "
                                                                      "the default)")]


class Mapping(BaseModel):
    """Which column of the file holds what (by header), and how its values are read."""

    columns: dict[str, str]
    date_order: DateOrder
    decimal_comma: bool
    flip_sign: bool
    source: MappingSource


class ImportPreview(BaseModel):
    """What importing the file would do: the rows and their categories (a platform's fees last, `fees` of them,
    one expense each), the account they go to, duplicates, unreadable rows, how far the statement's opening
    balance is from the account's balance in the books (null when the statement states none), and a warning
    when the statement states another currency than the books' (null otherwise: amounts are never converted)."""

    filename: str
    encoding: str
    delimiter: str
    mapping: Mapping
    mapping_problems: dict[str, str]
    needs_date_order: bool
    account_id: int | None
    rows: list[PreviewRow]
    fees: int
    books_difference: Decimal | None
    currency_warning: str | None
    duplicates: int
    bad_rows: list[RowError]
    totals: ImportTotals


class ImportDone(BaseModel):
    """What the commit wrote and what it left out."""

    written: int
    totals: ImportTotals
    duplicates_skipped: int
    bad_rows_skipped: int


def _read(db: Db, owner_id: int, statement: UploadFile, date_order: DateOrder | None, account_id: int | None,
          settings: Settings) -> Preview:
    """The preview of the uploaded file, into the account and with the date order the caller chose (if any)."""
    data, name = statement.file.read(), statement.filename or "statement.csv"
    limits = ImportLimits.from_settings(settings)
    found = imports.preview(db, owner_id=owner_id, data=data, filename=name, limits=limits, account_id=account_id)
    if date_order is None or (date_order == found.mapping.date_order and not found.needs_date_order):
        return found  # a remembered layout keeps its own answer
    return imports.preview(db, owner_id=owner_id, data=data, filename=name, limits=limits,
                           mapping=replace(found.mapping, date_order=date_order), encoding=found.encoding,
                           delimiter=found.delimiter, date_order_confirmed=True, account_id=account_id)


@router.post("", response_model=ImportPreview)
def preview(statement: Statement, access: Reader, db: Db, settings: Annotated[Settings, Depends(config)],
            date_order: Order = None, account_id: AccountId = None) -> ImportPreview:
    """Read a statement and say what importing it would write; writes nothing."""
    found = _read(db, access.owner.id, statement, date_order, account_id, settings)
    columns = {role: found.header[index] for role, index in found.mapping.columns().items()
               if index < len(found.header)}
    return ImportPreview(
        filename=found.filename, encoding=found.encoding, delimiter=found.delimiter,
        mapping=Mapping(columns=columns, date_order=found.mapping.date_order,
                        decimal_comma=found.mapping.decimal_comma, flip_sign=found.mapping.flip_sign,
                        source=found.mapping_source),
        mapping_problems=found.mapping_problems, needs_date_order=found.needs_date_order,
        account_id=found.account.id if found.account else None, rows=list(found.all_rows), fees=len(found.fees),
        books_difference=found.books_difference, currency_warning=found.currency_warning,
        duplicates=found.duplicates, bad_rows=list(found.errors),
        totals=found.totals())


@router.post("/commit", status_code=201, response_model=ImportDone)
def commit(statement: Statement, access: Writer, db: Db, settings: Annotated[Settings, Depends(config)],
           date_order: Order = None, account_id: AccountId = None,
           keep_duplicates: Annotated[bool, Form(description="Write rows already in the books too")] = False,
           skip_bad_rows: Annotated[bool, Form(description="Leave out rows that cannot be read")] = False,
           ) -> ImportDone:
    """Import the statement: every row the preview shows, or none (duplicates left out unless kept)."""
    found = _read(db, access.owner.id, statement, date_order, account_id, settings)
    done = imports.commit(db, owner_id=access.owner.id, preview=found, keep_duplicates=keep_duplicates,
                          skip_bad_rows=skip_bad_rows)
    return ImportDone(written=done.written, totals=done.totals, duplicates_skipped=done.duplicates_skipped,
                      bad_rows_skipped=done.bad_rows_skipped)


