"""Monthly rollups of the books, always scoped by owner id: kept by the entry writes, read by the reports.

`category_months` and `party_months` hold, per owner, kind and month, how many entries fall in each
category (or with each vendor or client, '' for none) and their exact sum in whole cents. Every write to
the entries goes through `fintrack.repository.entries`, which calls `apply` in the same transaction with
the rows it added and removed. `apply` adds deltas with one upsert per touched cell
(INSERT ... ON CONFLICT DO UPDATE SET entries = entries + excluded.entries, ...), never read-modify-write,
so concurrent writers of one owner cannot lose each other's counts. A cell whose entries all went keeps
zeros; every read skips it.

`account_days` holds, per owner, money account and day, how many entries went through the account and their
incomes less expenses in whole cents (`NO_ACCOUNT` for entries without one): kept by the same calls, read by
the balances (`fintrack.repository.account_days`). A day, not a month: five years are ~1,800 cells an account,
few enough that a balance on any day and the balance over time are sums of cells, with no days read from the
entries.

A report for a period reads the whole months it covers here and the days of a month it only partly covers
from the entries (`split`), by the (user_id, date) index.
"""

from __future__ import annotations

import calendar
import datetime as dt
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from decimal import Decimal
from typing import Any, NamedTuple

from sqlalchemy import BigInteger, Insert, cast, delete, func, insert, literal_column, select, union_all
from sqlalchemy.orm import Session

from fintrack.db.models import AccountDay, Base, CategoryMonth, PartyMonth
from fintrack.db.sql import cents_sum, month_start, upsert_insert
from fintrack.kinds import KINDS, EntryKind, Kind
from fintrack.repository import books_stamps

Rollup = type[CategoryMonth] | type[PartyMonth]
ROLLUPS: tuple[Rollup, ...] = (CategoryMonth, PartyMonth)
NO_PARTY = ""
NO_ACCOUNT = 0  # the account_days cell of entries without an account (they count in the owner's default)
SIGNS = {"expense": -1, "income": 1}  # what an entry of each kind does to its account's balance


class Booked(NamedTuple):
    """What of an entry the rollups count: its day, category, vendor or client, amount and money account."""

    date: dt.date
    category: str
    party: str | None
    amount: Decimal
    account_id: int | None


def cents(amount: Decimal) -> int:
    """An amount of money (two decimals) in whole cents."""
    return int((amount * 100).to_integral_value())


def from_cents(value: int | Decimal | None) -> Decimal:
    """Whole cents (an integer, or a SUM of them PostgreSQL returns as NUMERIC) as an amount with two decimals
    (1234 -> Decimal("12.34"))."""
    return Decimal(int(value or 0)).scaleb(-2)


def _grouped_by(rollup: Rollup) -> str:
    return "category" if rollup is CategoryMonth else "party"


def _key(rollup: Rollup, row: Booked) -> str:
    return row.category if rollup is CategoryMonth else (row.party or NO_PARTY)


# --- writes ---------------------------------------------------------------------------------------------


def apply(session: Session, *, owner_id: int, kind: EntryKind, added: Iterable[Booked] = (),
          removed: Iterable[Booked] = ()) -> None:
    """Count `added` rows in and `removed` rows out of the owner's cells of `kind`, and stamp the owner's books
    anew (first: a writer takes the owner's stamp row before any cell, so writers of one owner queue there)."""
    books_stamps.touch(session, owner_id=owner_id)
    added, removed = list(added), list(removed)
    deltas: dict[Rollup, dict[tuple[dt.date, str], list[int]]] = {rollup: defaultdict(lambda: [0, 0])
                                                                  for rollup in ROLLUPS}
    for sign, rows in ((1, added), (-1, removed)):
        for row in rows:
            for rollup in ROLLUPS:
                cell = deltas[rollup][(row.date.replace(day=1), _key(rollup, row))]
                cell[0] += sign
                cell[1] += sign * cents(row.amount)
    for rollup, cells in deltas.items():
        changed = [{"user_id": owner_id, "kind": kind, "month": month, _grouped_by(rollup): key,
                    "entries": count, "total_cents": total}
                   for (month, key), (count, total) in sorted(cells.items()) if count or total]
        if changed:  # sorted: concurrent writers lock shared cells in the same order (no deadlock)
            _add(session, rollup, changed)
    _apply_account_days(session, owner_id=owner_id, kind=kind, added=added, removed=removed)


def _apply_account_days(session: Session, *, owner_id: int, kind: EntryKind, added: list[Booked],
                        removed: list[Booked]) -> None:
    """Count the rows in and out of the owner's account_days cells (an expense takes from the account)."""
    cells: dict[tuple[int, dt.date], list[int]] = defaultdict(lambda: [0, 0])
    for sign, rows in ((1, added), (-1, removed)):
        for row in rows:
            cell = cells[(row.account_id or NO_ACCOUNT, row.date)]
            cell[0] += sign
            cell[1] += sign * SIGNS[kind] * cents(row.amount)
    changed = [{"user_id": owner_id, "account_id": account_id, "day": day, "entries": count, "net_cents": net}
               for (account_id, day), (count, net) in sorted(cells.items()) if count or net]
    if changed:
        _add(session, AccountDay, changed)


def _add(session: Session, rollup: Rollup | type[AccountDay], rows: list[dict[str, Any]]) -> None:
    """Upsert `rows` into `rollup`, adding each counted (non-key) column to the cell it lands on."""
    statement = upsert_insert(session, rollup)
    counted = [column.name for column in rollup.__table__.columns if not column.primary_key]
    statement = statement.on_conflict_do_update(
        index_elements=[column.name for column in rollup.__table__.primary_key.columns],
        set_={name: getattr(rollup, name) + statement.excluded[name] for name in counted},
    )
    session.execute(statement, rows)


def rebuild(session: Session, *, owner_id: int | None = None) -> int:
    """Recount the cells of one owner (every owner when None) from the entries and stamp their books anew;
    returns how many cells."""
    if owner_id is None:
        books_stamps.touch_all(session)
    else:
        books_stamps.touch(session, owner_id=owner_id)
    cells = 0
    for rollup in ROLLUPS:
        owners = [] if owner_id is None else [rollup.user_id == owner_id]
        session.execute(delete(rollup).where(*owners))
        for kind in KINDS:
            session.execute(_recount(rollup, kind, owner_id))
        cells += session.scalar(select(func.count()).select_from(rollup).where(*owners))
    owners = [] if owner_id is None else [AccountDay.user_id == owner_id]
    session.execute(delete(AccountDay).where(*owners))
    session.execute(_recount_account_days(owner_id))
    return cells + session.scalar(select(func.count()).select_from(AccountDay).where(*owners))


def _recount(rollup: Rollup, kind: Kind, owner_id: int | None) -> Insert:
    """INSERT INTO the rollup SELECT the owner's entries of `kind` grouped by month and the rollup's key."""
    table = Base.metadata.tables[kind.table]
    month = month_start(table.c.date)
    key = table.c.category if rollup is CategoryMonth else func.coalesce(table.c[kind.party], literal_column("''"))
    query = (select(table.c.user_id, literal_column(f"'{kind.name}'"), month, key, func.count(),
                    cents_sum(table.c.amount))
             .group_by(table.c.user_id, month, key))
    if owner_id is not None:
        query = query.where(table.c.user_id == owner_id)
    columns = ["user_id", "kind", "month", _grouped_by(rollup), "entries", "total_cents"]
    return insert(rollup).from_select(columns, query)


def _recount_account_days(owner_id: int | None) -> Insert:
    """INSERT INTO account_days SELECT the owner's expenses and incomes grouped by account and day, netted."""
    parts = []
    for kind in KINDS:
        table = Base.metadata.tables[kind.table]
        account = func.coalesce(table.c.account_id, NO_ACCOUNT)
        part = (select(table.c.user_id, account.label("account_id"), table.c.date.label("day"),
                       func.count().label("entries"), (SIGNS[kind.name] * cents_sum(table.c.amount)).label("net"))
                .group_by(table.c.user_id, account, table.c.date))
        parts.append(part if owner_id is None else part.where(table.c.user_id == owner_id))
    both = union_all(*parts).subquery()
    query = select(both.c.user_id, both.c.account_id, both.c.day, func.sum(both.c.entries),
                   cast(func.sum(both.c.net), BigInteger)).group_by(both.c.user_id, both.c.account_id, both.c.day)
    return insert(AccountDay).from_select(["user_id", "account_id", "day", "entries", "net_cents"], query)


# --- reads ----------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Span:
    """A date range (inclusive) as the whole months the rollups answer and the days they cannot."""

    months: tuple[dt.date, dt.date] | None  # the first days of the first and the last whole month, if any
    days: tuple[tuple[dt.date, dt.date], ...]  # the parts of months the range covers only partly


def split(start: dt.date, end: dt.date) -> Span:
    """`start`..`end` as its whole months and the days of the months it starts or ends inside."""
    first = _month_index(start) + (start.day != 1)
    last = _month_index(end) - (end != _month_end(end))
    if first > last:
        return Span(None, ((start, end),))
    days = ([(start, _month_end(start))] if start.day != 1 else []) + \
        ([(end.replace(day=1), end)] if end != _month_end(end) else [])
    return Span((_month_first_day(first), _month_first_day(last)), tuple(days))


def from_entries(start: dt.date, end: dt.date) -> Span:
    """`start`..`end` read from the entries alone (a question no rollup answers)."""
    return Span(None, ((start, end),))


def cells(rollup: Rollup, *, owner_id: int, kind: EntryKind, months: tuple[dt.date, dt.date]) -> list[Any]:
    """The conditions selecting the owner's cells of `kind` in the whole `months` that hold entries."""
    return [rollup.user_id == owner_id, rollup.kind == kind, rollup.month.between(*months), rollup.entries > 0]


def _month_index(day: dt.date) -> int:
    return day.year * 12 + day.month - 1


def _month_first_day(index: int) -> dt.date:
    return dt.date(index // 12, index % 12 + 1, 1)


def _month_end(day: dt.date) -> dt.date:
    return day.replace(day=calendar.monthrange(day.year, day.month)[1])
