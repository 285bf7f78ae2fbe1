"""Report aggregates: GROUP BY queries over one owner's entries and assets, summed exactly in SQL.

Every query takes the owner id and a date range (inclusive) and returns a handful of grouped rows, never
the raw entries. Amounts come back as Decimal.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from decimal import Decimal

import pandas as pd
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from fintrack.db.models import Asset, Expense, Income
from fintrack.db.sql import money_sum, month_key
from fintrack.money import CENT
from fintrack.repository.entries import party_column, table_for
from fintrack.schemas import EntryKind


def _decimal(value: object) -> Decimal:
    return Decimal(str(value if value is not None else 0)).quantize(CENT)


def total(session: Session, *, owner_id: int, kind: EntryKind, start: dt.date, end: dt.date) -> Decimal:
    """The exact sum of the owner's entries of `kind` dated from `start` to `end`."""
    table = table_for(kind)
    value = session.scalar(
        select(money_sum(table.amount)).where(table.user_id == owner_id, table.date.between(start, end))
    )
    return _decimal(value)


def by_category_and_month(session: Session, *, owner_id: int, kind: EntryKind, start: dt.date,
                          end: dt.date) -> pd.DataFrame:
    """Columns category, month ('YYYY-MM'), amount: one row per category and month that has entries."""
    table = table_for(kind)
    month = month_key(table.date).label("month")
    rows = session.execute(
        select(table.category, month, money_sum(table.amount))
        .where(table.user_id == owner_id, table.date.between(start, end))
        .group_by(table.category, month)
        .order_by(table.category, month)
    ).all()
    return pd.DataFrame([(category, key, _decimal(amount)) for category, key, amount in rows],
                        columns=["category", "month", "amount"])


def top_parties(session: Session, *, owner_id: int, kind: EntryKind, start: dt.date, end: dt.date,
                limit: int = 10) -> pd.DataFrame:
    """Columns party, amount, entries: the vendors (or clients) with the largest totals, largest first.

    Entries without a vendor or client are left out: there is nobody to name.
    """
    table, party = table_for(kind), party_column(kind)
    amount = money_sum(table.amount)
    rows = session.execute(
        select(party, amount, func.count(table.id))
        .where(table.user_id == owner_id, table.date.between(start, end), party.is_not(None), party != "")
        .group_by(party)
        .order_by(amount.desc(), party)
        .limit(limit)
    ).all()
    return pd.DataFrame([(name, _decimal(value), int(count)) for name, value, count in rows],
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
