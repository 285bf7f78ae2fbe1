"""Queries that find what is missing from an owner's books; all scoped by owner id, all aggregated in SQL."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

from sqlalchemy import distinct, func, select
from sqlalchemy.orm import Session

from fintrack.db.models import Asset
from fintrack.db.sql import month_key
from fintrack.repository.entries import party_column, table_for
from fintrack.schemas import EntryKind


def months_with_entries(session: Session, *, owner_id: int, kind: EntryKind, start: dt.date,
                        end: dt.date) -> set[str]:
    """'YYYY-MM' of every month between start and end that has at least one entry of `kind`."""
    table = table_for(kind)
    query = select(month_key(table.date)).distinct().where(
        table.user_id == owner_id, table.date >= start, table.date <= end
    )
    return set(session.scalars(query))


def category_counts(session: Session, *, owner_id: int, kind: EntryKind,
                    names: Sequence[str]) -> list[tuple[str, int]]:
    """How many entries of `kind` sit in each of the categories `names` (matched case-insensitively)."""
    table = table_for(kind)
    query = (
        select(table.category, func.count(table.id))
        .where(table.user_id == owner_id, func.lower(table.category).in_([name.lower() for name in names]))
        .group_by(table.category)
        .order_by(func.count(table.id).desc())
    )
    return [(category, count) for category, count in session.execute(query)]


def recurring_parties(session: Session, *, owner_id: int, kind: EntryKind, since: dt.date,
                      min_months: int) -> list[tuple[str, int, dt.date]]:
    """Vendors/clients seen in at least `min_months` distinct months since `since`: (name, months, last date)."""
    table, party = table_for(kind), party_column(kind)
    months = func.count(distinct(month_key(table.date)))
    query = (
        select(party, months, func.max(table.date))
        .where(table.user_id == owner_id, table.date >= since, party.is_not(None), party != "")
        .group_by(party)
        .having(months >= min_months)
    )
    return [(name, count, last) for name, count, last in session.execute(query)]


def untyped_assets(session: Session, *, owner_id: int) -> int:
    """How many of the owner's assets have no type."""
    query = select(func.count(Asset.id)).where(
        Asset.user_id == owner_id, (Asset.type.is_(None)) | (func.trim(Asset.type) == "")
    )
    return session.scalar(query)
