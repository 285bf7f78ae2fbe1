"""Report aggregates: GROUP BY queries over one owner's entries and assets, summed exactly in SQL.

Every query takes the owner id and a date range (inclusive) and returns a handful of grouped rows, never
the raw entries. Amounts come back as Decimal.

The whole months of a range are read from the monthly rollups (`fintrack.repository.rollups`, a few
hundred cells a year), the days of a month the range starts or ends inside from the entries by the
(user_id, date) index, both in whole cents (exact integers on both databases) and in one statement for each
aggregate (UNION ALL), so a summary costs a few round trips however its period falls.
"""

from __future__ import annotations

import calendar
import datetime as dt
from collections.abc import Callable, Iterator
from decimal import Decimal
from typing import Any

import pandas as pd
from sqlalchemy import ColumnElement, CompoundSelect, Select, String, func, literal, select, union_all
from sqlalchemy.orm import Session

from fintrack.db.models import Asset, CategoryMonth, Expense, Income, PartyMonth
from fintrack.db.sql import cents_sum, month_key
from fintrack.repository import rollups
from fintrack.repository.entries import party_column, table_for
from fintrack.schemas import EntryKind

Kinds = tuple[EntryKind, ...]


def _dated(table: Any, owner_id: int, first: dt.date, last: dt.date) -> tuple[ColumnElement[bool], ...]:
    return table.user_id == owner_id, table.date.between(first, last)


def _cells_and_days(kinds: Kinds, span: rollups.Span, cells: Callable[[EntryKind, tuple[dt.date, dt.date]], Select],
                    days: Callable[[EntryKind, dt.date, dt.date], Select]) -> CompoundSelect:
    """One statement for a span and each of `kinds`: the rollup `cells` of its whole months UNION ALL the `days`
    of each month it covers only in part, read from the entries (on PostgreSQL an index-only scan of the
    (user_id, date) index, which includes the amount, category and vendor or client: migration 0010)."""
    return union_all(*(arm for kind in kinds for arm in (
        *([cells(kind, span.months)] if span.months else []), *(days(kind, *part) for part in _month_by_month(span)))))


def _month_by_month(span: rollups.Span) -> Iterator[tuple[dt.date, dt.date]]:
    """The span's days, each part inside one month: a span without a whole month may run from the end of one
    month into the next, and a part of one month has its month key as a constant (no to_char for each row)."""
    for first, last in span.days:
        if (first.year, first.month) == (last.year, last.month):
            yield first, last
        else:
            month_end = first.replace(day=calendar.monthrange(first.year, first.month)[1])
            yield first, month_end
            yield month_end + dt.timedelta(days=1), last


def _kind(kind: EntryKind) -> ColumnElement[str]:
    return literal(kind, String()).label("kind")


def totals(session: Session, *, owner_id: int, kinds: Kinds, start: dt.date, end: dt.date) -> dict[EntryKind, Decimal]:
    """The exact sum of the owner's entries of each of `kinds` dated from `start` to `end`."""

    def cells(kind: EntryKind, months: tuple[dt.date, dt.date]) -> Select:
        return select(CategoryMonth.kind, CategoryMonth.total_cents.label("cents")) \
            .where(*rollups.cells(CategoryMonth, owner_id=owner_id, kind=kind, months=months))

    def days(kind: EntryKind, first: dt.date, last: dt.date) -> Select:
        table = table_for(kind)
        return select(_kind(kind), cents_sum(table.amount).label("cents")).where(*_dated(table, owner_id, first, last))

    both = _cells_and_days(kinds, rollups.split(start, end), cells, days).subquery()
    sums = dict(session.execute(select(both.c.kind, func.sum(both.c.cents)).group_by(both.c.kind)).all())
    return {kind: rollups.from_cents(sums.get(kind)) for kind in kinds}


def by_category_and_month(session: Session, *, owner_id: int, kinds: Kinds, start: dt.date,
                          end: dt.date) -> dict[EntryKind, pd.DataFrame]:
    """For each of `kinds`, columns category, month ('YYYY-MM'), amount: one row per category and month that
    has entries."""

    def cells(kind: EntryKind, months: tuple[dt.date, dt.date]) -> Select:
        return select(CategoryMonth.kind, CategoryMonth.category, month_key(CategoryMonth.month),
                      CategoryMonth.total_cents) \
            .where(*rollups.cells(CategoryMonth, owner_id=owner_id, kind=kind, months=months))

    def days(kind: EntryKind, first: dt.date, last: dt.date) -> Select:  # inside one month: its key is a constant
        table = table_for(kind)
        return select(_kind(kind), table.category, literal(f"{first.year:04d}-{first.month:02d}", String()),
                      cents_sum(table.amount)).where(*_dated(table, owner_id, first, last)).group_by(table.category)

    rows: dict[EntryKind, list[tuple[str, str, Decimal]]] = {kind: [] for kind in kinds}
    for kind, category, month, cents in session.execute(
            _cells_and_days(kinds, rollups.split(start, end), cells, days)).all():
        rows[kind].append((category, month, rollups.from_cents(cents)))
    return {kind: pd.DataFrame(sorted(found), columns=["category", "month", "amount"]) for kind, found in rows.items()}


def top_parties(session: Session, *, owner_id: int, kinds: Kinds, start: dt.date, end: dt.date,
                limit: int = 10) -> dict[EntryKind, pd.DataFrame]:
    """For each of `kinds`, columns party, amount, entries: the vendors (or clients) with the largest totals,
    largest first.

    Entries without a vendor or client are left out: there is nobody to name. The database ranks the totals, so
    only the `limit` largest of each kind (and any tied with the last) come back, not every party of the period;
    equal totals are ordered by name here, by code point, whatever the database's collation.
    """

    def cells(kind: EntryKind, months: tuple[dt.date, dt.date]) -> Select:
        return select(PartyMonth.kind, PartyMonth.party, PartyMonth.total_cents.label("cents"), PartyMonth.entries) \
            .where(*rollups.cells(PartyMonth, owner_id=owner_id, kind=kind, months=months),
                   PartyMonth.party != rollups.NO_PARTY)

    def days(kind: EntryKind, first: dt.date, last: dt.date) -> Select:
        table, party = table_for(kind), party_column(kind)
        return select(_kind(kind), party.label("party"), cents_sum(table.amount).label("cents"),
                      func.count().label("entries")) \
            .where(*_dated(table, owner_id, first, last), party.is_not(None), party != "").group_by(party)

    both = _cells_and_days(kinds, rollups.split(start, end), cells, days).subquery()
    cents = func.sum(both.c.cents)
    ranked = select(both.c.kind, both.c.party, cents.label("cents"), func.sum(both.c.entries).label("entries"),
                    func.rank().over(partition_by=both.c.kind, order_by=cents.desc()).label("rank")) \
        .group_by(both.c.kind, both.c.party).subquery()
    sums: dict[EntryKind, list[tuple[str, Decimal, int]]] = {kind: [] for kind in kinds}
    for kind, name, total, count in session.execute(  # the `limit` largest and any tied with the last: named below
            select(ranked.c.kind, ranked.c.party, ranked.c.cents, ranked.c.entries).where(ranked.c.rank <= limit)):
        sums[kind].append((name, rollups.from_cents(total), int(count)))
    return {kind: pd.DataFrame(sorted(found, key=lambda row: (-row[1], row[0]))[:limit],
                               columns=["party", "amount", "entries"]) for kind, found in sums.items()}


def entry_dates(session: Session, *, owner_id: int) -> tuple[dt.date | None, dt.date | None]:
    """(first, last) date over the owner's expenses and incomes; (None, None) when there are none."""
    spans = [session.execute(select(func.min(model.date), func.max(model.date)).where(model.user_id == owner_id)).one()
             for model in (Expense, Income)]
    firsts = [first for first, _ in spans if first is not None]
    lasts = [last for _, last in spans if last is not None]
    return (min(firsts), max(lasts)) if firsts else (None, None)


def has_books(session: Session, *, owner_id: int) -> bool:
    """True when the owner has at least one expense, income or asset."""
    return any(
        session.scalar(select(model.id).where(model.user_id == owner_id).limit(1)) is not None
        for model in (Expense, Income, Asset)
    )


def assets_for_export(session: Session, *, owner_id: int, acquired_by: dt.date,
                      chunk_rows: int = 5_000) -> Iterator[pd.DataFrame]:
    """Columns name, type, acquisition_date, value, notes of assets acquired by `acquired_by`, streamed."""
    statement = (
        select(Asset.name, Asset.type, Asset.acquisition_date, Asset.value, Asset.notes)
        .where(Asset.user_id == owner_id, Asset.acquisition_date <= acquired_by)
        .order_by(Asset.acquisition_date, Asset.id)
        .execution_options(yield_per=chunk_rows)
    )
    for rows in session.execute(statement).partitions():
        yield pd.DataFrame([tuple(row) for row in rows],
                           columns=["name", "type", "acquisition_date", "value", "notes"])
