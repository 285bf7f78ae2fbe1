"""Report aggregates: GROUP BY queries over one owner's entries and assets, summed exactly in SQL.

Every query takes the owner id and a date range (inclusive) and returns a handful of grouped rows, never
the raw entries. Amounts come back as Decimal.

The whole months of a range are read from the monthly rollups (`fintrack.repository.rollups`, a few
hundred cells a year), the days of a month the range starts or ends inside from the entries by the
(user_id, date) index, and the two are added up here exactly.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Iterator
from decimal import Decimal
from typing import Any

import pandas as pd
from sqlalchemy import ColumnElement, func, select
from sqlalchemy.orm import Session

from fintrack.db.models import Asset, CategoryMonth, Expense, Income, PartyMonth
from fintrack.db.sql import money_sum, month_key
from fintrack.filters import EntryFilter
from fintrack.money import CENT
from fintrack.repository import rollups, view_totals
from fintrack.repository.entries import party_column, table_for
from fintrack.schemas import EntryKind


def _decimal(value: object) -> Decimal:
    return Decimal(str(value if value is not None else 0)).quantize(CENT)


def total(session: Session, *, owner_id: int, kind: EntryKind, start: dt.date, end: dt.date) -> Decimal:
    """The exact sum of the owner's entries of `kind` dated from `start` to `end` (the ledger's view total)."""
    period = EntryFilter(kind=kind, date_from=start, date_to=end)
    return view_totals.count_and_total(session, owner_id=owner_id, filters=period)[1]


def _dated(table: Any, owner_id: int, first: dt.date, last: dt.date) -> tuple[ColumnElement[bool], ...]:
    return table.user_id == owner_id, table.date.between(first, last)


def by_category_and_month(session: Session, *, owner_id: int, kind: EntryKind, start: dt.date,
                          end: dt.date) -> pd.DataFrame:
    """Columns category, month ('YYYY-MM'), amount: one row per category and month that has entries."""
    span = rollups.split(start, end)
    rows = []
    if span.months:
        cells = session.execute(
            select(CategoryMonth.category, CategoryMonth.month, CategoryMonth.total_cents)
            .where(*rollups.cells(CategoryMonth, owner_id=owner_id, kind=kind, months=span.months))).all()
        rows = [(category, f"{month.year:04d}-{month.month:02d}", rollups.from_cents(cents))
                for category, month, cents in cells]
    table = table_for(kind)
    month = month_key(table.date).label("month")
    for first, last in span.days:
        rows += [(category, key, _decimal(amount)) for category, key, amount in session.execute(
            select(table.category, month, money_sum(table.amount))
            .where(*_dated(table, owner_id, first, last)).group_by(table.category, month))]
    return pd.DataFrame(sorted(rows, key=lambda row: row[:2]), columns=["category", "month", "amount"])


def top_parties(session: Session, *, owner_id: int, kind: EntryKind, start: dt.date, end: dt.date,
                limit: int = 10) -> pd.DataFrame:
    """Columns party, amount, entries: the vendors (or clients) with the largest totals, largest first.

    Entries without a vendor or client are left out: there is nobody to name.
    """
    span, sums = rollups.split(start, end), defaultdict(lambda: [Decimal("0.00"), 0])
    if span.months:
        for name, cents, count in session.execute(
                select(PartyMonth.party, func.sum(PartyMonth.total_cents), func.sum(PartyMonth.entries))
                .where(*rollups.cells(PartyMonth, owner_id=owner_id, kind=kind, months=span.months),
                       PartyMonth.party != rollups.NO_PARTY)
                .group_by(PartyMonth.party)):
            sums[name][0] += rollups.from_cents(cents)
            sums[name][1] += int(count)
    table, party = table_for(kind), party_column(kind)
    for first, last in span.days:
        for name, value, count in session.execute(
                select(party, money_sum(table.amount), func.count(table.id))
                .where(*_dated(table, owner_id, first, last), party.is_not(None), party != "").group_by(party)):
            sums[name][0] += _decimal(value)
            sums[name][1] += int(count)
    ranked = sorted(sums.items(), key=lambda item: (-item[1][0], item[0]))[:limit]
    return pd.DataFrame([(name, amount, count) for name, (amount, count) in ranked],
                        columns=["party", "amount", "entries"])


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
