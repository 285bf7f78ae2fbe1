"""The count and exact total of a ledger view, always scoped by owner id: from the monthly rollups where the
filters allow it, else from the entries.

The rollups (`fintrack.repository.rollups`) count the owner's entries of each kind and month by category
and by vendor or client. A view narrowed by nothing but a period and either categories or a vendor/client
text is read from the cells of the whole months it covers, plus the days of the months it covers only in
part from the entries by the (user_id, date) index: a few hundred cells and a few days of rows instead of
every matching entry. Any other filter (payment method, amount, free text, the assistant's entries, or
categories and vendor together) is counted from the entries in one query.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import replace
from decimal import Decimal

from sqlalchemy import ColumnElement, Select, func, select
from sqlalchemy.orm import Session

from fintrack.db.models import CategoryMonth, PartyMonth
from fintrack.filters import EntryFilter
from fintrack.repository import entries as entries_repo
from fintrack.repository import rollups
from fintrack.repository.rollups import Rollup

_PERIOD = {"date_from", "date_to"}
_ANSWERED_BY: dict[frozenset[str], Rollup] = {
    frozenset(): CategoryMonth, frozenset({"categories"}): CategoryMonth, frozenset({"party_contains"}): PartyMonth,
}


def rollup_for(filters: EntryFilter) -> Rollup | None:
    """The rollup that answers the count and total of this view, or None when only the entries can."""
    return _ANSWERED_BY.get(frozenset(filters.narrowing().keys() - _PERIOD))


def count_and_total(session: Session, *, owner_id: int, filters: EntryFilter) -> tuple[int, Decimal]:
    """How many of the owner's entries match `filters` and the exact sum of their amounts."""
    rollup = rollup_for(filters)
    if rollup is None:
        return entries_repo.count_and_total(session, owner_id=owner_id, filters=filters)
    span = rollups.split(filters.date_from or dt.date.min, filters.date_to or dt.date.max)
    count, total = _from_cells(session, rollup, owner_id, filters, span.months) if span.months else (0, Decimal(0))
    for start, end in span.days:
        days = replace(filters, date_from=start, date_to=end)
        days_count, days_total = entries_repo.count_and_total(session, owner_id=owner_id, filters=days, few_days=True)
        count, total = count + days_count, total + days_total
    return count, total


def cells_query(rollup: Rollup, *, owner_id: int, filters: EntryFilter, months: tuple[dt.date, dt.date]) -> Select:
    """SELECT of the count and the sum in cents of the owner's cells of `rollup` in `months` that match `filters`
    (categories or a vendor/client text; the period is the caller's)."""
    conditions = [*rollups.cells(rollup, owner_id=owner_id, kind=filters.kind, months=months),
                  *_narrowed(rollup, filters)]
    return select(func.coalesce(func.sum(rollup.entries), 0), func.coalesce(func.sum(rollup.total_cents), 0)) \
        .where(*conditions)


def _from_cells(session: Session, rollup: Rollup, owner_id: int, filters: EntryFilter,
                months: tuple[dt.date, dt.date]) -> tuple[int, Decimal]:
    count, cents = session.execute(cells_query(rollup, owner_id=owner_id, filters=filters, months=months)).one()
    return int(count), rollups.from_cents(cents)


def _narrowed(rollup: Rollup, filters: EntryFilter) -> list[ColumnElement[bool]]:
    if rollup is CategoryMonth and filters.categories:
        return [CategoryMonth.category.in_(filters.categories)]
    if rollup is PartyMonth and filters.party_contains:
        return [entries_repo.contains_text(PartyMonth.party, filters.party_contains)]
    return []
