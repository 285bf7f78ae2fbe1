"""Queries on assets, always scoped by owner id; totals run in SQL."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

import sqlalchemy as sa
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from fintrack.db.models import Asset
from fintrack.db.sql import money_sum
from fintrack.repository import books_stamps
from fintrack.schemas import AssetInput

_COLUMNS = (Asset.id, Asset.name, Asset.acquisition_date, Asset.value, Asset.type, Asset.notes)


def _values(owner_id: int, asset: AssetInput) -> dict[str, Any]:
    return {"user_id": owner_id, **asset.model_dump()}


def insert(session: Session, *, owner_id: int, asset: AssetInput) -> int:
    """Add one asset and return its id."""
    books_stamps.touch(session, owner_id=owner_id)
    statement = sa.insert(Asset).values(_values(owner_id, asset)).returning(Asset.id)
    return session.execute(statement).scalar_one()


def get(session: Session, *, owner_id: int, asset_id: int) -> dict[str, Any] | None:
    """One asset of the owner as a dict (id, name, acquisition_date, value, type, notes), or None."""
    row = session.execute(
        select(*_COLUMNS).where(Asset.id == asset_id, Asset.user_id == owner_id)
    ).mappings().first()
    return dict(row) if row else None


def update(session: Session, *, owner_id: int, asset_id: int, asset: AssetInput) -> bool:
    """Replace the fields of one asset of the owner; False when it is not theirs or gone."""
    books_stamps.touch(session, owner_id=owner_id)
    result = session.execute(
        sa.update(Asset).where(Asset.id == asset_id, Asset.user_id == owner_id)
        .values(_values(owner_id, asset))
    )
    return result.rowcount == 1


def delete(session: Session, *, owner_id: int, asset_id: int) -> bool:
    """Delete one asset of the owner; False when it is not theirs or gone."""
    books_stamps.touch(session, owner_id=owner_id)
    result = session.execute(sa.delete(Asset).where(Asset.id == asset_id, Asset.user_id == owner_id))
    return result.rowcount == 1


def list_rows(session: Session, *, owner_id: int) -> list[dict[str, Any]]:
    """Every asset of the owner, most recently acquired first."""
    rows = session.execute(
        select(*_COLUMNS).where(Asset.user_id == owner_id)
        .order_by(Asset.acquisition_date.desc(), Asset.id.desc())
    ).mappings()
    return [dict(row) for row in rows]


def value_by_type(session: Session, *, owner_id: int,
                  acquired_by: dt.date | None = None) -> list[tuple[str | None, Decimal, int]]:
    """(type, total value, number of assets) per asset type, largest value first; None for assets without a
    type. `acquired_by` keeps only assets acquired on or before that day (the dashboard's period end)."""
    asset_type = func.nullif(Asset.type, "").label("type")
    total = money_sum(Asset.value)
    query = select(asset_type, total, func.count(Asset.id)).where(Asset.user_id == owner_id)
    if acquired_by is not None:
        query = query.where(Asset.acquisition_date <= acquired_by)
    rows = session.execute(query.group_by(asset_type).order_by(total.desc(), asset_type)).all()
    return [(name, Decimal(value), int(count)) for name, value, count in rows]
