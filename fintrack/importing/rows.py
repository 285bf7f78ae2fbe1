"""A table and its mapping -> statement rows and the rows that could not be read, with line and reason.

Like Fava's parsers, nothing raises at the first problem: every row is read, and each bad one is reported
so the owner can fix the file or skip those rows.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal

from fintrack.importing.amounts import parse_signed
from fintrack.importing.dates import DateError, parse_date
from fintrack.importing.guess import CREDIT_WORDS, DEBIT_WORDS
from fintrack.importing.mapping import ColumnMapping
from fintrack.importing.reading import Table, cell, filled_width
from fintrack.money import AmountError
from fintrack.schemas import (
    CONTROL_PROBLEM,
    EARLIEST_DATE,
    LATEST_DATE,
    MAX_NOTES_LENGTH,
    EntryKind,
    has_control_characters,
    is_book_date,
)

PARTY_LENGTH = 255
CATEGORY_LENGTH = 100
NOTES_LENGTH = MAX_NOTES_LENGTH


@dataclass(frozen=True)
class StatementRow:
    """One transaction read from a statement; `amount` is positive and `kind` says which way it went."""

    line: int
    kind: EntryKind
    date: dt.date
    amount: Decimal
    party: str | None
    category: str | None
    notes: str | None
    balance: Decimal | None = None  # the account's balance after this row, where the statement says it
    fee: Decimal | None = None  # what a payment platform kept of this row


@dataclass(frozen=True)
class RowError:
    """A row that could not be read: its line in the file, why, and the row as written."""

    line: int
    reason: str
    text: str


class _RowProblem(ValueError):
    pass


def parse_rows(table: Table, mapping: ColumnMapping) -> tuple[list[StatementRow], list[RowError]]:
    """Read every data row of `table` with `mapping`; returns the good rows and the bad ones."""
    rows: list[StatementRow] = []
    errors: list[RowError] = []
    for line, values in table.rows:
        try:
            _check_width(values, table)
            rows.append(_parse_row(line, values, mapping))
        except (_RowProblem, DateError, AmountError) as problem:
            errors.append(RowError(line, str(problem), _row_text(values, table.delimiter)))
    return rows, errors


def _check_width(values: tuple[str, ...], table: Table) -> None:
    """A CSV row with more filled fields than the header is misread (often an unquoted '1,234.50')."""
    width = filled_width(values)
    if table.delimiter and width > len(table.header):
        raise _RowProblem(f"has {width} fields but the header has {len(table.header)} (a value with a "
                          f"'{table.delimiter}' in it must be quoted)")


def _row_text(values: tuple[str, ...], delimiter: str) -> str:
    return (delimiter or " | ").join(values)


def _parse_row(line: int, values: tuple[str, ...], mapping: ColumnMapping) -> StatementRow:
    date = parse_date(cell(values, mapping.date), mapping.date_order)
    if not is_book_date(date):
        raise _RowProblem(f"the date {date.isoformat()} is not between {EARLIEST_DATE.isoformat()} and "
                          f"{LATEST_DATE.isoformat()}")
    kind, amount = _kind_and_amount(values, mapping)
    if mapping.flip_sign:
        kind = "income" if kind == "expense" else "expense"
    return StatementRow(
        line=line, kind=kind, date=date, amount=amount,
        party=_text(values, mapping.party, PARTY_LENGTH, "vendor or client"),
        category=_text(values, mapping.category, CATEGORY_LENGTH, "category"),
        notes=_text(values, mapping.notes, NOTES_LENGTH, "notes"),
        balance=_amount(values, mapping.balance, mapping),
        fee=_fee(values, mapping),
    )


def _fee(values: tuple[str, ...], mapping: ColumnMapping) -> Decimal | None:
    """The row's fee, positive (a platform writes it either way), None for none or zero."""
    fee = _amount(values, mapping.fee, mapping)
    return abs(fee) if fee else None


def _text(values: tuple[str, ...], index: int | None, limit: int, role: str) -> str | None:
    """The cell's text with runs of spaces collapsed, cut to the column's length (bank texts run long)."""
    text = " ".join(cell(values, index).split())
    if has_control_characters(text):
        raise _RowProblem(f"the {role} {CONTROL_PROBLEM}")
    return text[:limit].rstrip() or None


def _kind_and_amount(values: tuple[str, ...], mapping: ColumnMapping) -> tuple[EntryKind, Decimal]:
    if mapping.amount is not None:
        signed = _amount(values, mapping.amount, mapping)
        if signed is None:
            raise _RowProblem("the amount is missing")
    else:
        signed = _debit_credit(values, mapping)
    if signed == 0:
        raise _RowProblem("the amount is zero")
    if mapping.type is not None:
        return _kind_from_type(cell(values, mapping.type)), abs(signed)
    return ("expense" if signed < 0 else "income"), abs(signed)


def _amount(values: tuple[str, ...], index: int | None, mapping: ColumnMapping) -> Decimal | None:
    text = cell(values, index)
    return parse_signed(text, decimal_comma=mapping.decimal_comma) if text else None


def _debit_credit(values: tuple[str, ...], mapping: ColumnMapping) -> Decimal:
    """Money out from the debit column (negative), money in from the credit column; exactly one of them."""
    debit = _amount(values, mapping.debit, mapping)
    credit = _amount(values, mapping.credit, mapping)
    debit, credit = (None if value == 0 else value for value in (debit, credit))
    if debit is not None and credit is not None:
        raise _RowProblem("has both a debit and a credit amount")
    if debit is not None:
        return -abs(debit)
    if credit is not None:
        return abs(credit)
    raise _RowProblem("has neither a debit nor a credit amount")


def _kind_from_type(text: str) -> EntryKind:
    word = text.casefold()
    if word in DEBIT_WORDS:
        return "expense"
    if word in CREDIT_WORDS:
        return "income"
    raise _RowProblem(f"the type '{text}' is neither debit nor credit")
