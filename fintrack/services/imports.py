"""Importing a bank or card statement: preview first, then commit all rows or none.

`preview()` reads the file, applies the owner's remembered mapping for that header layout (or a guess),
flags rows already in the books and suggests categories; it writes nothing. `commit()` validates every
row with `EntryInput`, re-checks duplicates inside the transaction, bulk-inserts and remembers the mapping.

Categories: the one the owner used most for the same vendor/client, else the statement's own category
column (if mapped), else "Other". The owner's history wins because it is their own way of filing.

Accounts: a statement goes into one of the owner's money accounts (the one remembered with the layout's
mapping, else the default). Where the statement states a running balance, the preview checks it row by
row and against the account's balance in the books before the statement's first day; a platform's fee
column becomes one expense per row in "Bank fees", so the sales less the fees give the payout.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field, replace
from decimal import Decimal
from typing import Literal

import pandas as pd
from sqlalchemy.exc import SQLAlchemyError

from fintrack.clock import utcnow
from fintrack.db.engine import Database
from fintrack.errors import NotSavedError, ValidationError
from fintrack.events import IMPORT, observed
from fintrack.importing import balances, currency
from fintrack.importing.balances import BalanceCheck
from fintrack.importing.dates import detect_order
from fintrack.importing.guess import guess_mapping, mapping_problems
from fintrack.importing.limits import ImportLimits
from fintrack.importing.mapping import ColumnMapping
from fintrack.importing.matching import entry_key, flag_duplicates, party_key, usual_categories
from fintrack.importing.reading import DEFAULT_LIMITS, Table, cell, read_table
from fintrack.importing.rows import RowError, StatementRow, parse_rows
from fintrack.kinds import ENTRY_KINDS
from fintrack.logs import log_exception
from fintrack.repository import entries as entries_repo
from fintrack.repository import imports as imports_repo
from fintrack.repository import users as users_repo
from fintrack.schemas import EntryInput, EntryKind, validate
from fintrack.services import ledger, money_accounts
from fintrack.services.money_accounts import MoneyAccount

DEFAULT_CATEGORY = "Other"
FEES_CATEGORY = "Bank fees"
INSERT_CHUNK_ROWS = 5_000
MappingSource = Literal["remembered", "guessed", "owner"]
CategorySource = Literal["history", "file", "default", "owner"]
Progress = Callable[[float], None]


@dataclass(frozen=True)
class PreviewRow:
    """A statement row ready to become an entry, with its suggested category and duplicate flag."""

    line: int
    kind: EntryKind
    date: dt.date
    amount: Decimal
    party: str | None
    category: str
    notes: str | None
    duplicate: bool = False
    category_source: CategorySource = "default"

    def entry_data(self) -> dict[str, object]:
        """The values `EntryInput` validates."""
        return {"kind": self.kind, "date": self.date, "category": self.category, "party": self.party,
                "amount": self.amount, "notes": self.notes}


@dataclass(frozen=True)
class Totals:
    """Counts and sums per kind of the rows an import would write."""

    expenses: int = 0
    expenses_total: Decimal = Decimal("0.00")
    incomes: int = 0
    incomes_total: Decimal = Decimal("0.00")
    first_date: dt.date | None = None
    last_date: dt.date | None = None

    @classmethod
    def of(cls, rows: Sequence[PreviewRow]) -> Totals:
        expenses = [row.amount for row in rows if row.kind == "expense"]
        incomes = [row.amount for row in rows if row.kind == "income"]
        dates = [row.date for row in rows]
        return cls(len(expenses), sum(expenses, Decimal("0.00")), len(incomes), sum(incomes, Decimal("0.00")),
                   min(dates, default=None), max(dates, default=None))


@dataclass(frozen=True)
class Preview:
    """Everything the owner checks before confirming an import. Plain values: safe in session state."""

    filename: str
    header: tuple[str, ...]
    signature: str
    encoding: str
    delimiter: str
    mapping: ColumnMapping
    mapping_source: MappingSource
    date_ambiguous: bool
    rows: tuple[PreviewRow, ...]
    errors: tuple[RowError, ...]
    mapping_problems: dict[str, str] = field(default_factory=dict)
    samples: tuple[str, ...] = ()
    date_order_confirmed: bool = False
    account: MoneyAccount | None = None  # the money account the rows go to
    fees: tuple[PreviewRow, ...] = ()  # a platform's fees, one expense per row that had one
    balance_check: BalanceCheck | None = None  # None: the statement states no running balance
    books_before: Decimal | None = None  # the account's balance in the books the day before the first row
    currency_warning: str | None = None  # the statement states another currency than the books'

    @property
    def all_rows(self) -> tuple[PreviewRow, ...]:
        """The statement's rows, then its fees: everything a commit may write."""
        return self.rows + self.fees

    @property
    def books_difference(self) -> Decimal | None:
        """The statement's opening balance less the books' balance before it (None when there is nothing to
        compare); anything but zero means a statement before this one, or an opening balance, is off."""
        if self.balance_check is None or self.books_before is None:
            return None
        return self.balance_check.opening - self.books_before

    @property
    def needs_date_order(self) -> bool:
        """Day-first and month-first both read every date, and the owner has not said which it is.

        A remembered mapping holds the owner's earlier answer; any other mapping (a guess, or one the
        owner changed in some other way) needs the explicit `date_order_confirmed`.
        """
        return self.date_ambiguous and self.mapping_source != "remembered" and not self.date_order_confirmed

    @property
    def duplicates(self) -> int:
        return sum(row.duplicate for row in self.all_rows)

    def to_write(self, *, keep_duplicates: bool = False) -> list[PreviewRow]:
        """The rows a commit would write."""
        return [row for row in self.all_rows if keep_duplicates or not row.duplicate]

    def totals(self, *, keep_duplicates: bool = False) -> Totals:
        return Totals.of(self.to_write(keep_duplicates=keep_duplicates))

    def with_categories(self, categories: dict[int, str]) -> Preview:
        """A copy where the rows on the given lines get the owner's chosen categories."""
        rows = tuple(replace(row, category=categories[row.line], category_source="owner")
                     if categories.get(row.line, row.category) != row.category else row for row in self.rows)
        return replace(self, rows=rows)

    def rows_frame(self) -> pd.DataFrame:
        """The rows as a table for the screen (amounts stay Decimal)."""
        columns = ["line", "kind", "date", "party", "category", "amount", "notes", "duplicate"]
        return pd.DataFrame([[getattr(row, name) for name in columns] for row in self.rows], columns=columns)

    def errors_frame(self) -> pd.DataFrame:
        return pd.DataFrame([(e.line, e.reason, e.text) for e in self.errors], columns=["line", "reason", "row"])


@dataclass(frozen=True)
class ImportResult:
    """What a commit wrote, and what it left out."""

    totals: Totals
    duplicates_skipped: int
    bad_rows_skipped: int

    @property
    def written(self) -> int:
        return self.totals.expenses + self.totals.incomes


@observed("import.previewed", family=IMPORT, fields=lambda found: {
    "rows": len(found.rows), "duplicates": found.duplicates, "bad_rows": len(found.errors)})
def preview(db: Database, *, owner_id: int, data: bytes, filename: str, mapping: ColumnMapping | None = None,
            encoding: str | None = None, delimiter: str | None = None,
            date_order_confirmed: bool = False, limits: ImportLimits = DEFAULT_LIMITS,
            account_id: int | None = None) -> Preview:
    """Read a statement and show what importing it would do; writes nothing.

    Without `mapping`, the owner's remembered mapping for this header layout is used, else a guess.
    `date_order_confirmed` says the owner explicitly answered the date order of `mapping`. The rows go to
    `account_id`, else the account remembered with the mapping, else the owner's default account.
    Raises `ValidationError` (field `file`) when the file holds no table, or is bigger than `limits`
    (the settings' caps: pass `ImportLimits.from_settings`) allow.
    """
    table = read_table(data, filename, encoding=encoding, delimiter=delimiter, limits=limits)
    with db.transaction() as session:
        chosen, source = _choose_mapping(session, owner_id, table, mapping)
        problems = mapping_problems(table, chosen)
        rows, errors = ([], []) if problems else parse_rows(table, chosen)
        account = money_accounts.chosen_account(session, owner_id=owner_id, account_id=account_id,
                                                remembered=chosen.account_id)
        books_currency = users_repo.get_by_id(session, owner_id=owner_id).currency_code
        fees = _fee_rows(rows, account)
        flags = _duplicate_flags(session, owner_id, rows + fees)
        kinds = {row.kind for row in rows}  # history is only read for the kinds this statement holds
        counts = [(kind, *count) for kind in ENTRY_KINDS if kind in kinds
                  for count in imports_repo.category_counts(session, owner_id=owner_id, kind=kind)]
    usual = usual_categories(counts)
    preview_rows = tuple(_preview_row(row, flag, usual) for row, flag in zip(rows + fees, flags, strict=True))
    ambiguous = chosen.date is not None and detect_order(table.column(chosen.date)).ambiguous
    checked = balances.check(rows) if not errors else None
    return Preview(filename, table.header, table.signature, table.encoding, table.delimiter, chosen, source,
                   ambiguous, preview_rows[:len(rows)], tuple(errors), problems, _samples(table),
                   date_order_confirmed, account, preview_rows[len(rows):], checked,
                   _books_before(db, owner_id, account, rows) if checked else None,
                   currency.mismatch(currency.stated_currencies(table, chosen), books_currency))


def _fee_rows(rows: Sequence[StatementRow], account: MoneyAccount) -> list[StatementRow]:
    """One expense per row a platform kept a fee of, in the fees category, paid to the platform (the account)."""
    return [StatementRow(row.line, "expense", row.date, row.fee, account.name, FEES_CATEGORY,
                         f"Fee on line {row.line}" + (f": {row.party}" if row.party else ""))
            for row in rows if row.fee]


def _books_before(db: Database, owner_id: int, account: MoneyAccount, rows: Sequence[StatementRow]) -> Decimal:
    """The account's balance in the books at the end of the day before the statement's first row."""
    first = min(row.date for row in rows)
    return money_accounts.balance_of(db, owner_id=owner_id, account_id=account.id, on=first - dt.timedelta(days=1))


def _samples(table: Table) -> tuple[str, ...]:
    """The first value of each column, to show next to its name when the owner maps columns."""
    return tuple(next((text for _, values in table.rows if (text := cell(values, index))), "")
                 for index in range(len(table.header)))


def _choose_mapping(session, owner_id: int, table: Table,  # noqa: ANN001 - a Session
                    mapping: ColumnMapping | None) -> tuple[ColumnMapping, MappingSource]:
    if mapping is not None:
        return mapping, "owner"
    stored = imports_repo.get_mapping(session, owner_id=owner_id, signature=table.signature)
    remembered = ColumnMapping.from_json(stored) if stored else None
    if remembered is not None and not remembered.problems(len(table.header)):
        return remembered, "remembered"
    return guess_mapping(table), "guessed"


def _duplicate_flags(session, owner_id: int, rows: Sequence[StatementRow]) -> list[bool]:  # noqa: ANN001
    """Flags rows already in the owner's books, looking only at the statement's date range."""
    if not rows:
        return []
    first, last = min(row.date for row in rows), max(row.date for row in rows)
    existing = [entry_key(kind, *values) for kind in ENTRY_KINDS if any(row.kind == kind for row in rows)
                for values in imports_repo.existing_keys(session, owner_id=owner_id, kind=kind,
                                                         date_from=first, date_to=last)]
    return flag_duplicates(rows, existing)


def _preview_row(row: StatementRow, duplicate: bool, usual: dict[tuple[str, str], str]) -> PreviewRow:
    category, source = DEFAULT_CATEGORY, "default"
    if (row.kind, party_key(row.party)) in usual:
        category, source = usual[row.kind, party_key(row.party)], "history"
    elif row.category:
        category, source = row.category, "file"
    return PreviewRow(row.line, row.kind, row.date, row.amount, row.party, category, row.notes, duplicate,
                      source)


@observed("import.committed", family=IMPORT, fields=lambda done: {
    "rows": done.written, "duplicates": done.duplicates_skipped, "bad_rows": done.bad_rows_skipped})
def commit(db: Database, *, owner_id: int, preview: Preview, keep_duplicates: bool = False,
           skip_bad_rows: bool = False, progress: Progress | None = None) -> ImportResult:
    """Write the previewed rows in one transaction (all or none) and remember the mapping for the layout.

    Refuses (`ValidationError`) while the mapping is incomplete, the date order is undecided, or rows
    cannot be read, unless `skip_bad_rows`. Duplicates are checked again against the books as they are
    now, and left out unless `keep_duplicates`. A database failure is logged with an id and raised as
    `NotSavedError` showing that id.
    """
    _check_ready(preview, skip_bad_rows)
    entries = _validated(preview.all_rows, preview.account)
    try:
        chosen, flags = _write(db, owner_id, preview, entries, keep_duplicates, progress)
    except SQLAlchemyError as error:  # the database failed, not the statement; the transaction rolled back
        error_id = log_exception("import.failed", error, owner_id=owner_id, rows=len(entries))
        raise NotSavedError("import", error_id) from error
    return ImportResult(Totals.of([row for row, _ in chosen]), sum(flags), len(preview.errors))


def _write(db: Database, owner_id: int, preview: Preview, entries: list[EntryInput], keep_duplicates: bool,
           progress: Progress | None) -> tuple[list[tuple[PreviewRow, EntryInput]], list[bool]]:
    """One transaction: the rows that are not duplicates (with their duplicate flags), and the mapping."""
    with db.transaction() as session:
        entries = ledger.known_categories(session, owner_id=owner_id, entries=entries)
        rows = _statement_rows(preview.all_rows)
        flags = [False] * len(rows) if keep_duplicates else _duplicate_flags(session, owner_id, rows)
        chosen = [pair for pair, duplicate in zip(zip(preview.all_rows, entries, strict=True), flags, strict=True)
                  if not duplicate]
        _insert(session, owner_id, [entry for _, entry in chosen], progress)
        remembered = preview.mapping.with_changes(account_id=preview.account.id if preview.account else None)
        imports_repo.save_mapping(session, owner_id=owner_id, signature=preview.signature,
                                  mapping_json=remembered.to_json(), at=utcnow())
    return chosen, flags


def _check_ready(preview: Preview, skip_bad_rows: bool) -> None:
    if preview.mapping_problems:
        raise ValidationError(preview.mapping_problems)
    if preview.needs_date_order:
        raise ValidationError({"date_order": "say whether the dates are day first or month first"})
    if preview.errors and not skip_bad_rows:
        first = preview.errors[0]
        raise ValidationError({"file": f"{len(preview.errors)} row(s) cannot be read (line {first.line}: "
                                       f"{first.reason}); fix the file or choose to skip them"})


def _validated(rows: Sequence[PreviewRow], account: MoneyAccount | None) -> list[EntryInput]:
    """Every row through the same schema as the entry form, into `account`; any problem stops the whole
    import."""
    entries, problems = [], {}
    into = {"account_id": account.id} if account else {}
    for row in rows:
        try:
            entries.append(validate(EntryInput, row.entry_data() | into))
        except ValidationError as error:
            problems[f"line {row.line}"] = "; ".join(f"{error.label(name).lower()}: {text}"
                                                     for name, text in error.field_errors.items())
    if problems:
        raise ValidationError(problems)
    return entries


def _statement_rows(rows: Sequence[PreviewRow]) -> list[StatementRow]:
    return [StatementRow(row.line, row.kind, row.date, row.amount, row.party, None, None) for row in rows]


def _insert(session, owner_id: int, entries: list[EntryInput], progress: Progress | None) -> None:  # noqa: ANN001
    done = 0
    for kind in ENTRY_KINDS:
        of_kind = [entry for entry in entries if entry.kind == kind]
        for start in range(0, len(of_kind), INSERT_CHUNK_ROWS):
            chunk = of_kind[start:start + INSERT_CHUNK_ROWS]
            entries_repo.insert_many(session, owner_id=owner_id, kind=kind, entries=chunk)
            done += len(chunk)
            if progress:
                progress(done / len(entries))
