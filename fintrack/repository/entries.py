"""Queries on expenses and incomes, always scoped by owner id; filtering, paging and totals run in SQL.

Both kinds share one shape: `party` is the vendor of an expense or the client of an income. Frames
returned here have the columns of `COLUMNS`, with amounts as Decimal and dates as `datetime.date`.

Every write here also counts the rows it adds, changes and removes in the monthly rollups
(`fintrack.repository.rollups`), in the caller's transaction: nothing else writes entries.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Sequence
from decimal import Decimal
from typing import Any

import pandas as pd
import sqlalchemy as sa
from sqlalchemy import ColumnElement, Integer, Select, delete, func, or_, select, tuple_
from sqlalchemy.ext.compiler import compiles
from sqlalchemy.orm import InstrumentedAttribute, Session
from sqlalchemy.sql.expression import FunctionElement

from fintrack import kinds, paging
from fintrack.db.models import ADD_ENTRY, Expense, Income
from fintrack.db.sql import money_sum
from fintrack.filters import EntryFilter
from fintrack.repository import money_accounts, rollups
from fintrack.repository.actions import written_ids
from fintrack.repository.rollups import Booked
from fintrack.schemas import EntryInput, EntryKind

COLUMNS = ("id", "date", "category", "party", "payment_method", "amount", "notes")
PAGE_COLUMNS = (*COLUMNS, "account_id")  # a page of the view also says each entry's money account
EXPORT_CHUNK_ROWS = 2_000  # rows per streamed chunk: 5,000 peaked at 6.8 MiB, 2,000 at ~2.7 (bench_workbook)
_MODELS: dict[str, type[Expense] | type[Income]] = {model.__tablename__: model for model in (Expense, Income)}
_LIKE_ESCAPE = "\\"


def table_for(kind: EntryKind) -> type[Expense] | type[Income]:
    """The model that stores entries of `kind` (Expense or Income)."""
    return _MODELS[kinds.of(kind).table]


def party_column(kind: EntryKind) -> InstrumentedAttribute:
    """The vendor column of expenses or the client column of incomes."""
    return getattr(table_for(kind), kinds.of(kind).party)


def _values(owner_id: int, entry: EntryInput) -> dict[str, Any]:
    return {
        "user_id": owner_id, "date": entry.date, "category": entry.category, kinds.of(entry.kind).party: entry.party,
        "payment_method": entry.payment_method, "amount": entry.amount, "notes": entry.notes,
    }


def _accounts(session: Session, owner_id: int) -> Callable[[EntryInput], int]:
    """The account each entry goes to: its own (checked to be the owner's) or the owner's default account."""
    known: dict[int | None, int] = {}

    def account_of(entry: EntryInput) -> int:
        if entry.account_id not in known:
            known[entry.account_id] = money_accounts.owned_id(session, owner_id=owner_id, account_id=entry.account_id)
        return known[entry.account_id]

    return account_of


def _booked(entry: EntryInput, account_id: int | None) -> Booked:
    return Booked(entry.date, entry.category, entry.party, entry.amount, account_id)


def _accounted(session: Session, owner_id: int, entries: Iterable[EntryInput]) -> tuple[list[dict[str, Any]],
                                                                                         list[Booked]]:
    """The rows to insert for `entries`, each with the account it goes to, and what the rollups count of them."""
    account_of, rows, booked = _accounts(session, owner_id), [], []
    for entry in entries:
        account_id = account_of(entry)
        rows.append({**_values(owner_id, entry), "account_id": account_id})
        booked.append(_booked(entry, account_id))
    return rows, booked


def _booked_columns(kind: EntryKind) -> tuple[ColumnElement, ...]:
    """The columns of a stored entry that the rollups count, in the order of `Booked`."""
    table = table_for(kind)
    return table.date, table.category, party_column(kind), table.amount, table.account_id


def insert(session: Session, *, owner_id: int, entry: EntryInput) -> int:
    """Add one entry and return its id."""
    table = table_for(entry.kind)
    [row], booked = _accounted(session, owner_id, [entry])
    entry_id = session.execute(sa.insert(table).values(row).returning(table.id)).scalar_one()
    rollups.apply(session, owner_id=owner_id, kind=entry.kind, added=booked)
    return entry_id


def insert_many(session: Session, *, owner_id: int, kind: EntryKind, entries: Iterable[EntryInput]) -> int:
    """Bulk-add entries of one kind (an executemany, not one statement per row); returns how many."""
    entries = list(entries)
    if entries:
        rows, booked = _accounted(session, owner_id, entries)
        session.execute(sa.insert(table_for(kind)), rows)
        rollups.apply(session, owner_id=owner_id, kind=kind, added=booked)
    return len(entries)


def insert_many_returning_ids(session: Session, *, owner_id: int, kind: EntryKind,
                              entries: Sequence[EntryInput]) -> list[int]:
    """Bulk-add entries of one kind (batched INSERT ... RETURNING) and return their ids in the order given."""
    table = table_for(kind)
    statement = sa.insert(table).returning(table.id, sort_by_parameter_order=True)
    rows, booked = _accounted(session, owner_id, entries)
    ids = session.scalars(statement, rows).all()
    rollups.apply(session, owner_id=owner_id, kind=kind, added=booked)
    return list(ids)


def _selected(kind: EntryKind, *, with_account: bool = False) -> tuple[ColumnElement, ...]:
    """The columns of `COLUMNS` (of `PAGE_COLUMNS` `with_account`)."""
    table = table_for(kind)
    return (table.id, table.date, table.category, party_column(kind).label("party"), table.payment_method,
            table.amount, table.notes, *((table.account_id,) if with_account else ()))


def get(session: Session, *, owner_id: int, kind: EntryKind, entry_id: int) -> dict[str, Any] | None:
    """One entry of the owner as a dict with the keys of `PAGE_COLUMNS`, or None."""
    table = table_for(kind)
    row = session.execute(
        select(*_selected(kind, with_account=True)).where(table.id == entry_id, table.user_id == owner_id)
    ).mappings().first()
    return dict(row) if row else None


def update(session: Session, *, owner_id: int, entry_id: int, entry: EntryInput) -> bool:
    """Replace the fields of one entry of the owner; False when it is not theirs or gone.

    The row is locked before its old values are read, so a concurrent edit of it waits and then counts
    from these new values rather than from the same old ones."""
    table = table_for(entry.kind)
    mine = (table.id == entry_id, table.user_id == owner_id)
    row = session.execute(select(*_booked_columns(entry.kind)).where(*mine).with_for_update()).first()
    if row is None:
        return False
    old = Booked(*row)
    values = _values(owner_id, entry)
    account_id = old.account_id  # without one (a form with no account field) the entry stays where it is
    if entry.account_id is not None:
        account_id = values["account_id"] = money_accounts.owned_id(session, owner_id=owner_id,
                                                                    account_id=entry.account_id)
    session.execute(sa.update(table).where(*mine).values(values))
    rollups.apply(session, owner_id=owner_id, kind=entry.kind, added=[_booked(entry, account_id)], removed=[old])
    return True


def owned_ids(session: Session, *, owner_id: int, kind: EntryKind, entry_ids: Sequence[int]) -> set[int]:
    """Which of `entry_ids` exist and belong to the owner."""
    table = table_for(kind)
    found = session.scalars(select(table.id).where(table.user_id == owner_id, table.id.in_(entry_ids)))
    return set(found)


def delete_many(session: Session, *, owner_id: int, kind: EntryKind, entry_ids: Sequence[int]) -> int:
    """Delete the owner's entries among `entry_ids`; returns how many went."""
    table = table_for(kind)
    removed = session.execute(
        delete(table).where(table.user_id == owner_id, table.id.in_(entry_ids)).returning(*_booked_columns(kind))
    ).all()
    rollups.apply(session, owner_id=owner_id, kind=kind, removed=[Booked(*row) for row in removed])
    return len(removed)


def contains_text(column: ColumnElement, text: str) -> ColumnElement[bool]:
    """Case-insensitive substring match that treats % and _ literally ('CAFÉ' finds 'Café')."""
    escaped = text.replace(_LIKE_ESCAPE, _LIKE_ESCAPE * 2).replace("%", "\\%").replace("_", "\\_")
    if text.isascii():  # every database folds ASCII in ILIKE itself: no per-row casefold() call on SQLite
        return column.ilike(f"%{escaped}%", escape=_LIKE_ESCAPE)
    return _contains_folded(column, sa.literal(f"%{escaped}%"), sa.literal(f"%{escaped.casefold()}%"))


class _contains_folded(FunctionElement):  # noqa: N801 - reads like the SQL it renders
    """`column` LIKE a pattern, ignoring case: ILIKE where the database folds Unicode (PostgreSQL); on
    SQLite, whose LIKE folds ASCII only, the `casefold()` registered by `fintrack.db.engine` on both sides."""

    inherit_cache = True
    type = sa.Boolean()


@compiles(_contains_folded)
def _contains_default(element, compiler, **kw):  # noqa: ANN001
    column, pattern, _ = element.clauses
    return compiler.process(column.ilike(pattern, escape=_LIKE_ESCAPE), **kw)


@compiles(_contains_folded, "sqlite")
def _contains_sqlite(element, compiler, **kw):  # noqa: ANN001
    column, _, folded = element.clauses
    return compiler.process(func.casefold(column).like(folded, escape=_LIKE_ESCAPE), **kw)


class _scanned(FunctionElement):  # noqa: N801 - reads like the SQL it renders
    """An owner-id column that SQLite must not look up through an index (rendered `+user_id` there).

    SQLite's planner always prefers the (user_id, date) index for `user_id = ?`, then fetches every row
    of the owner from the table in date order: for one owner's 250,000 rows that is ~20x slower than
    scanning the table (measured in benchmarks/bench_ledger.py). An embedded SQLite holds one business or
    a few, so a scan is the right plan for totals and for filters the index cannot serve. PostgreSQL
    renders the plain column and its planner chooses for itself.
    """

    inherit_cache = True
    type = Integer()


@compiles(_scanned)
def _scanned_default(element, compiler, **kw):  # noqa: ANN001
    return compiler.process(element.clauses, **kw)


@compiles(_scanned, "sqlite")
def _scanned_sqlite(element, compiler, **kw):  # noqa: ANN001
    return f"+{compiler.process(element.clauses, **kw)}"


def _index_serves(filters: EntryFilter) -> bool:
    """True when the (user_id, date) index narrows and orders the view, in date order: no filter but the
    period, or a whole period (both ends) and categories, which the walk through the period's dates skips
    past (a page of two categories in six months of 250,000 entries: 41 ms as a scan on SQLite)."""
    others = set(filters.narrowing()) - {"date_from", "date_to"}
    bounded = filters.date_from is not None and filters.date_to is not None
    return filters.sort.startswith("date") and (not others or (others == {"categories"} and bounded))


def _conditions(owner_id: int, filters: EntryFilter, *, scan: bool) -> list[ColumnElement[bool]]:
    table, party = table_for(filters.kind), party_column(filters.kind)
    owner = _scanned(table.user_id) if scan else table.user_id
    builders: dict[str, Callable[[Any], ColumnElement[bool]]] = {
        "date_from": lambda value: table.date >= value,
        "date_to": lambda value: table.date <= value,
        "categories": lambda value: table.category.in_(value),
        "party_contains": lambda value: contains_text(party, value),
        "payment_method": lambda value: table.payment_method == value,
        "amount_min": lambda value: table.amount >= value,
        "amount_max": lambda value: table.amount <= value,
        "text": lambda value: or_(contains_text(party, value), contains_text(table.notes, value)),
        "added_by_assistant": lambda _: table.id.in_(
            written_ids(owner_id=owner_id, record_kind=filters.kind, action=ADD_ENTRY)),
        "account_id": lambda value: money_accounts.holds(table, owner_id=owner_id, account_id=value),
    }
    return [owner == owner_id, *(builders[name](value) for name, value in filters.narrowing().items())]


def _sort_key(filters: EntryFilter) -> tuple[ColumnElement, ColumnElement]:
    """The columns the view is sorted by: its sort column, then id as the tiebreaker."""
    table = table_for(filters.kind)
    return getattr(table, paging.sort_column(filters.sort)), table.id


def _descending(filters: EntryFilter, *, backwards: bool = False) -> bool:
    return filters.sort.endswith("_desc") != backwards


def _ordering(filters: EntryFilter, *, backwards: bool = False) -> tuple[ColumnElement, ...]:
    """The requested order (reversed when reading `backwards`), with id as the tiebreaker so pages never
    overlap or skip rows."""
    if _descending(filters, backwards=backwards):
        return tuple(column.desc() for column in _sort_key(filters))
    return tuple(column.asc() for column in _sort_key(filters))


def filtered(*, owner_id: int, filters: EntryFilter) -> Select:
    """SELECT of the owner's entries matching `filters`, in the requested order (columns of `COLUMNS`)."""
    conditions = _conditions(owner_id, filters, scan=not _index_serves(filters))
    statement = select(*_selected(filters.kind)).where(*conditions)
    return statement.order_by(*_ordering(filters))


def _frame(rows: Sequence[Any], columns: Sequence[str] = COLUMNS) -> pd.DataFrame:
    return pd.DataFrame([tuple(row) for row in rows], columns=list(columns))


def page_query(*, owner_id: int, filters: EntryFilter, limit: int, cursor: paging.Cursor | None = None,
               from_end: bool = False) -> Select:
    """SELECT of the `limit` rows of the filtered view right after `cursor` (before it when its direction
    is 'before'; without one the first rows, or the last ones `from_end`), read in that direction and
    found by the sort key and id (keyset), never by OFFSET; one row more tells whether more lie beyond."""
    backwards = _backwards(cursor, from_end)
    statement = select(*_selected(filters.kind, with_account=True)).where(
        *_conditions(owner_id, filters, scan=not _index_serves(filters)))
    if cursor is not None:
        key, mark = tuple_(*_sort_key(filters)), tuple_(cursor.key, cursor.id)
        statement = statement.where(key < mark if _descending(filters, backwards=backwards) else key > mark)
    return statement.order_by(*_ordering(filters, backwards=backwards)).limit(limit + 1)


def page(session: Session, *, owner_id: int, filters: EntryFilter, limit: int,
         cursor: paging.Cursor | None = None, from_end: bool = False) -> tuple[pd.DataFrame, bool]:
    """The page `page_query` selects, in the view's order, and whether more rows lie beyond it in the
    direction read."""
    statement = page_query(owner_id=owner_id, filters=filters, limit=limit, cursor=cursor, from_end=from_end)
    rows = session.execute(statement).all()
    more, rows = len(rows) > limit, rows[:limit]
    return _frame(rows[::-1] if _backwards(cursor, from_end) else rows, PAGE_COLUMNS), more


def _backwards(cursor: paging.Cursor | None, from_end: bool) -> bool:
    return from_end if cursor is None else cursor.direction == "before"


def count_query(*, owner_id: int, filters: EntryFilter, few_days: bool = False) -> Select:
    """SELECT of the count and exact sum of the amounts of the owner's entries matching `filters`.

    COUNT(*), not of the id: on PostgreSQL the (user_id, date) index holds the amount, category and vendor or
    client (migration 0010) but not the id, so a few days filtered by those are counted by an index-only scan."""
    table = table_for(filters.kind)
    return select(func.count(), money_sum(table.amount)).where(
        *_conditions(owner_id, filters, scan=not few_days))


def count_and_total(session: Session, *, owner_id: int, filters: EntryFilter,
                    few_days: bool = False) -> tuple[int, Decimal]:
    """How many entries match `filters` and the exact sum of their amounts.

    `few_days` says the filters' period is a few days (the part of a month the rollups cannot answer), which
    the (user_id, date) index finds faster than a scan of the owner's rows on SQLite too."""
    count, total = session.execute(count_query(owner_id=owner_id, filters=filters, few_days=few_days)).one()
    return int(count), Decimal(total)


def frame_for_export(session: Session, *, owner_id: int, filters: EntryFilter,
                     chunk_rows: int = EXPORT_CHUNK_ROWS) -> Iterator[pd.DataFrame]:
    """The whole filtered view, in order, as DataFrames of at most `chunk_rows` rows (streamed)."""
    statement = filtered(owner_id=owner_id, filters=filters).execution_options(yield_per=chunk_rows)
    for rows in session.execute(statement).partitions():
        yield _frame(rows)


def category_usage(session: Session, *, owner_id: int, kind: EntryKind) -> list[tuple[str, int]]:
    """The owner's categories of `kind` with how many entries use each, most used first."""
    table = table_for(kind)
    uses = func.count(table.id)
    rows = session.execute(
        select(table.category, uses).where(table.user_id == owner_id)
        .group_by(table.category).order_by(uses.desc(), table.category)
    ).all()
    return [(category, int(count)) for category, count in rows]


def payment_method_usage(session: Session, *, owner_id: int, kind: EntryKind) -> list[str]:
    """The owner's payment methods of `kind`, most used first."""
    table = table_for(kind)
    uses = func.count(table.id)
    return list(session.scalars(
        select(table.payment_method).where(_scanned(table.user_id) == owner_id, table.payment_method.is_not(None))
        .group_by(table.payment_method).order_by(uses.desc(), table.payment_method)
    ))


def rename_category(session: Session, *, owner_id: int, kind: EntryKind, old: str, new: str) -> int:
    """Move every entry of the owner from category `old` to `new`; returns how many moved."""
    table = table_for(kind)
    moved = [Booked(*row) for row in session.execute(
        sa.update(table).where(table.user_id == owner_id, table.category == old).values(category=new)
        .returning(*_booked_columns(kind))
    )]
    rollups.apply(session, owner_id=owner_id, kind=kind, added=moved,
                  removed=[row._replace(category=old) for row in moved])
    return len(moved)
