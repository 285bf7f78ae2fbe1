"""Queries on assets, always scoped by owner id; totals run in SQL."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

import sqlalchemy as sa
from sqlalchemy import select
from sqlalchemy.orm import Session

from fintrack.db.models import Asset
from fintrack.db.sql import money_sum
from fintrack.schemas import AssetInput

_COLUMNS = (Asset.id, Asset.name, Asset.acquisition_date, Asset.value, Asset.type, Asset.notes)


def _values(owner_id: int, asset: AssetInput) -> dict[str, Any]:
    return {"user_id": owner_id, **asset.model_dump()}


def insert(session: Session, *, owner_id: int, asset: AssetInput) -> int:
    """Add one asset and return its id."""
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
    result = session.execute(
        sa.update(Asset).where(Asset.id == asset_id, Asset.user_id == owner_id)
        .values(_values(owner_id, asset))
    )
    return result.rowcount == 1


def delete(session: Session, *, owner_id: int, asset_id: int) -> bool:
    """Delete one asset of the owner; False when it is not theirs or gone."""
    result = session.execute(sa.delete(Asset).where(Asset.id == asset_id, Asset.user_id == owner_id))
    return result.rowcount == 1


def list_rows(session: Session, *, owner_id: int) -> list[dict[str, Any]]:
    """Every asset of the owner, most recently acquired first."""
    rows = session.execute(
        select(*_COLUMNS).where(Asset.user_id == owner_id)
        .order_by(Asset.acquisition_date.desc(), Asset.id.desc())
    ).mappings()
    return [dict(row) for row in rows]


def value_by_type(session: Session, *, owner_id: int) -> list[tuple[str | None, Decimal]]:
    """Total value per asset type (None for assets without a type), largest first."""
    total = money_sum(Asset.value)
    rows = session.execute(
        select(Asset.type, total).where(Asset.user_id == owner_id)
        .group_by(Asset.type).order_by(total.desc(), Asset.type)
    ).all()
    return [(asset_type, Decimal(value)) for asset_type, value in rows]
