"""The ledger: add, correct, remove, duplicate and find expenses and incomes.

Every write is validated by `EntryInput` (the schema the importer and the assistant use too) and is one
unit of work. Another owner's id reads exactly like a deleted one: `NotFoundError`.
"""

from __future__ import annotations

import datetime as dt
import io
import math
from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal
from typing import Any, Literal

import pandas as pd
from sqlalchemy.orm import Session

from fintrack import kinds, paging
from fintrack.categories import DEFAULT_CATEGORIES, DEFAULT_PAYMENT_METHODS, merge_choices
from fintrack.clock import utcnow
from fintrack.db.engine import Database
from fintrack.display import Formats
from fintrack.errors import NotFoundError, ValidationError
from fintrack.events import EXPORT, WRITE, observed
from fintrack.filters import EntryFilter
from fintrack.kinds import ENTRY_KINDS
from fintrack.repository import actions as actions_repo
from fintrack.repository import entries as entries_repo
from fintrack.repository import view_totals
from fintrack.schemas import EntryInput, EntryKind, validate
from fintrack.services import reconcile

PAGE_SIZES = (25, 50, 100, 250)
MAX_PAGE_SIZE = max(PAGE_SIZES)


@dataclass(frozen=True)
class Entry:
    """One expense or income as plain values."""

    id: int
    kind: EntryKind
    date: dt.date
    category: str
    party: str | None
    payment_method: str | None
    amount: Decimal
    notes: str | None
    account_id: int | None = None  # the money account (every stored entry has one)

    def as_form(self) -> dict[str, Any]:
        """The fields a form or `update_entry` takes (everything but the id)."""
        return {"kind": self.kind, "date": self.date, "category": self.category, "party": self.party,
                "payment_method": self.payment_method, "amount": self.amount, "notes": self.notes,
                "account_id": self.account_id}


@dataclass(frozen=True)
class EntryPage:
    """One page of a filtered view plus the count and total of the whole view.

    `next_cursor` and `previous_cursor` are the opaque cursors (`fintrack.paging`) of the pages after and
    before this one, None at either end of the view."""

    frame: pd.DataFrame
    total_count: int
    total_amount: Decimal
    page_size: int = 50
    next_cursor: str | None = None
    previous_cursor: str | None = None

    @property
    def page_count(self) -> int:
        """How many pages the filtered view has (at least one, even when empty)."""
        return max(1, math.ceil(self.total_count / self.page_size))


def check_kind(kind: str) -> EntryKind:
    """`kind` if it is "expense" or "income", else a `ValidationError`."""
    if kind not in ENTRY_KINDS:
        raise ValidationError({"kind": f"must be one of {', '.join(ENTRY_KINDS)}"})
    return kind  # type: ignore[return-value]


def _entry(kind: EntryKind, row: dict[str, Any]) -> Entry:
    return Entry(kind=kind, **row)


def _read(session: Session, *, owner_id: int, kind: EntryKind, entry_id: int) -> Entry:
    row = entries_repo.get(session, owner_id=owner_id, kind=kind, entry_id=entry_id)
    if row is None:
        raise NotFoundError(kind, entry_id)
    return _entry(kind, row)


def category_spellings(session: Session, *, owner_id: int, kind: EntryKind,
                       excluding: str | None = None) -> dict[str, str]:
    """The owner's categories of `kind` by their casefolded name ('rent' -> 'Rent'), the most used spelling
    winning; `excluding` leaves one category out (a rename maps only onto *other* categories)."""
    usage = entries_repo.category_usage(session, owner_id=owner_id, kind=kind)
    return {name.casefold(): name for name, _ in reversed(usage) if name != excluding}  # most used last


def known_categories(session: Session, *, owner_id: int, entries: Sequence[EntryInput]) -> list[EntryInput]:
    """`entries` with each category spelled as the owner already spells it for that kind ('rent' -> 'Rent'),
    so categories differing only in case do not pile up; among new ones the first spelling wins."""
    spelled: dict[tuple[str, str], str] = {}
    for kind in {entry.kind for entry in entries}:
        spellings = category_spellings(session, owner_id=owner_id, kind=kind)
        spelled.update({(kind, folded): name for folded, name in spellings.items()})
    spelled_entries = []
    for entry in entries:
        name = spelled.setdefault((entry.kind, entry.category.casefold()), entry.category)
        spelled_entries.append(entry if name == entry.category else entry.model_copy(update={"category": name}))
    return spelled_entries


@observed("entry.created", family=WRITE, fields=lambda entry: {"entry_id": entry.id, "kind": entry.kind})
def add_entry(db: Database, *, owner_id: int, data: dict[str, Any], decimal_mark: str | None = None) -> Entry:
    """Record an expense or income (`data["kind"]`) from form-like values; returns it as stored.

    `decimal_mark` is the owner's where they typed the amount in their own format (the forms)."""
    entry = validate(EntryInput, data, decimal_mark=decimal_mark)
    with db.transaction() as session:
        [entry] = known_categories(session, owner_id=owner_id, entries=[entry])
        entry_id = entries_repo.insert(session, owner_id=owner_id, entry=entry)
        return _read(session, owner_id=owner_id, kind=entry.kind, entry_id=entry_id)


def get_entry(db: Database, *, owner_id: int, kind: str, entry_id: int) -> Entry:
    """One of the owner's entries, or `NotFoundError`."""
    with db.transaction() as session:
        return _read(session, owner_id=owner_id, kind=check_kind(kind), entry_id=entry_id)


@observed("entry.updated", family=WRITE, fields=lambda entry: {"entry_id": entry.id, "kind": entry.kind})
def update_entry(db: Database, *, owner_id: int, kind: str, entry_id: int, data: dict[str, Any],
                 decimal_mark: str | None = None, reopen_reconciled: bool = False) -> Entry:
    """Correct an entry; every field is validated again. The kind of an entry never changes. An entry ticked
    off against a statement is changed only with `reopen_reconciled` (else `ReconciledError`)."""
    entry = validate(EntryInput, {**data, "kind": check_kind(kind)}, decimal_mark=decimal_mark)
    with db.transaction() as session:
        reconcile.release(session, owner_id=owner_id, kind=entry.kind, entry_ids=[entry_id],
                          confirmed=reopen_reconciled)
        [entry] = known_categories(session, owner_id=owner_id, entries=[entry])
        if not entries_repo.update(session, owner_id=owner_id, entry_id=entry_id, entry=entry):
            raise NotFoundError(kind, entry_id)
        return _read(session, owner_id=owner_id, kind=entry.kind, entry_id=entry_id)


@observed("entries.deleted", family=WRITE, fields=lambda deleted: {"entries": deleted})
def delete_entries(db: Database, *, owner_id: int, kind: str, entry_ids: Sequence[int],
                   reopen_reconciled: bool = False) -> int:
    """Delete several entries at once, all or none: any unknown or foreign id deletes nothing, nor does an
    entry ticked off against a statement without `reopen_reconciled` (`ReconciledError`)."""
    kind, wanted = check_kind(kind), sorted(set(entry_ids))
    with db.transaction() as session:
        found = entries_repo.owned_ids(session, owner_id=owner_id, kind=kind, entry_ids=wanted)
        missing = [entry_id for entry_id in wanted if entry_id not in found]
        if missing:
            raise NotFoundError(kind, missing[0])
        reconcile.release(session, owner_id=owner_id, kind=kind, entry_ids=wanted, confirmed=reopen_reconciled)
        actions_repo.mark_records_deleted(session, owner_id=owner_id, record_kind=kind, record_ids=wanted,
                                          at=utcnow())
        return entries_repo.delete_many(session, owner_id=owner_id, kind=kind, entry_ids=wanted)


@observed("entry.duplicated", family=WRITE, fields=lambda entry: {"entry_id": entry.id, "kind": entry.kind})
def duplicate_entry(db: Database, *, owner_id: int, kind: str, entry_id: int,
                    on_date: dt.date | None = None) -> Entry:
    """Copy an entry (optionally to another date, e.g. this month's rent) and return the copy."""
    kind = check_kind(kind)
    with db.transaction() as session:
        original = _read(session, owner_id=owner_id, kind=kind, entry_id=entry_id)
        form = original.as_form() | ({"date": on_date} if on_date else {})
        new_id = entries_repo.insert(session, owner_id=owner_id, entry=validate(EntryInput, form))
        return _read(session, owner_id=owner_id, kind=kind, entry_id=new_id)


def find_entries(db: Database, *, owner_id: int, filters: EntryFilter, cursor: str | None = None,
                 page_size: int = 50) -> EntryPage:
    """One page of the owner's entries matching `filters`, with the count and total of all matches.

    The page is the first one, or the one `cursor` (an `EntryPage`'s next or previous cursor) points to;
    rows added or removed elsewhere in the view never shift it. When the rows past the cursor are gone, the
    last page is shown (the first, when the rows before it are gone), never an empty page while rows exist.
    A cursor that is malformed or of another sort is a `ValidationError`.
    """
    page_size = min(max(1, page_size), MAX_PAGE_SIZE)
    position = paging.decode(cursor, sort=filters.sort) if cursor else None
    with db.transaction() as session:
        count, total = view_totals.count_and_total(session, owner_id=owner_id, filters=filters)
        frame, more, read = _page_at(session, owner_id, filters, position, page_size)
    return EntryPage(frame, count, total, page_size, *_cursors(filters, frame, more, read))


_Read = Literal["first", "after", "before", "last"]


def _page_at(session: Session, owner_id: int, filters: EntryFilter, position: paging.Cursor | None,
             limit: int) -> tuple[pd.DataFrame, bool, _Read]:
    """The page at `position`; whether more rows lie beyond it in the direction read; and how it was read.

    Reading back to the start gives the whole first page rather than the few rows added above it since, and
    reading past the end (its rows were removed) gives the last page."""
    frame, more = entries_repo.page(session, owner_id=owner_id, filters=filters, limit=limit, cursor=position)
    read: _Read = position.direction if position is not None else "first"
    if (read == "before" and len(frame) < limit) or (read == "after" and frame.empty):
        read = "last" if read == "after" else "first"
        frame, more = entries_repo.page(session, owner_id=owner_id, filters=filters, limit=limit,
                                        from_end=read == "last")
    return frame, more, read


def _cursors(filters: EntryFilter, frame: pd.DataFrame, more: bool, read: _Read) -> tuple[str | None, str | None]:
    """(next, previous) cursors of a page that was `read` so and found `more` rows beyond it."""
    if frame.empty:
        return None, None
    column = paging.sort_column(filters.sort)

    def at(row: int, direction: paging.Direction) -> str:
        record = frame.iloc[row]
        return paging.Cursor(filters.sort, record[column], int(record["id"]), direction).encode()

    backwards = read in ("before", "last")
    has_next = read == "before" or (not backwards and more)
    has_previous = read == "after" or (backwards and more)
    return at(-1, "after") if has_next else None, at(0, "before") if has_previous else None


def category_choices(db: Database, *, owner_id: int, kind: str) -> list[str]:
    """Categories to offer: the owner's own, most used first, then the unused defaults for `kind`."""
    kind = check_kind(kind)
    with db.transaction() as session:
        usage = entries_repo.category_usage(session, owner_id=owner_id, kind=kind)
    return merge_choices([category for category, _ in usage], DEFAULT_CATEGORIES[kind])


def payment_method_choices(db: Database, *, owner_id: int, kind: str) -> list[str]:
    """Payment methods to offer: the owner's own, most used first, then the unused defaults."""
    with db.transaction() as session:
        used = entries_repo.payment_method_usage(session, owner_id=owner_id, kind=check_kind(kind))
    return merge_choices(used, DEFAULT_PAYMENT_METHODS)


@observed("export.csv", family=EXPORT, fields=lambda data: {"bytes": len(data)})
def export_csv(db: Database, *, owner_id: int, filters: EntryFilter, formats: Formats | None = None) -> bytes:
    """The whole filtered view as CSV (UTF-8 with BOM so spreadsheet apps read accents right).

    Where the owner's `formats` write a decimal comma, the CSV is the one their spreadsheet opens in columns:
    `;` between fields and amounts like `1234,50`; otherwise (and without `formats`) commas and `1234.50`.
    Dates are ISO (2026-12-05), which every spreadsheet reads as a date.
    """
    local = formats is not None and formats.writes_decimal_comma
    separator = ";" if local else ","
    buffer = io.StringIO()
    header = ["Id", "Date", "Category", kinds.of(filters.kind).party_label, "Payment method", "Amount", "Notes"]
    with db.transaction() as session:
        chunks = entries_repo.frame_for_export(session, owner_id=owner_id, filters=filters)
        for number, chunk in enumerate(chunks):
            rows = _defused(chunk)
            if local:
                rows = rows.assign(amount=rows["amount"].astype(str).str.replace(".", ",", regex=False))  # 1234,50
            rows.to_csv(buffer, index=False, sep=separator, header=header if number == 0 else False)
    if not buffer.tell():
        pd.DataFrame(columns=header).to_csv(buffer, index=False, sep=separator)
    return buffer.getvalue().encode("utf-8-sig")


# the ASCII starters, tab and CR, and their full-width forms (U+FF1D, U+FF0B, U+FF0D, U+FF20), which a
# spreadsheet app with an East Asian input setting reads as the same formula starters
_FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r", "\uff1d", "\uff0b", "\uff0d", "\uff20")
_TEXT_COLUMNS = ("category", "party", "payment_method", "notes")


def _defused(chunk: pd.DataFrame) -> pd.DataFrame:
    """Text a spreadsheet app would run as a formula gets a leading apostrophe (CSV injection).

    Vendors and notes often come from imported bank statements, that is from strangers.
    """
    def defuse(value: object) -> object:
        return f"'{value}" if isinstance(value, str) and value.startswith(_FORMULA_STARTS) else value

    return chunk.assign(**{column: chunk[column].map(defuse) for column in _TEXT_COLUMNS})
