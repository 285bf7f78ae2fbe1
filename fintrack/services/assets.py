"""Assets: what the business owns, at acquisition value; validated by `AssetInput` like entries are."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from sqlalchemy.orm import Session

from fintrack.categories import merge_choices
from fintrack.clock import utcnow
from fintrack.db.engine import Database
from fintrack.errors import NotFoundError
from fintrack.events import WRITE, observed
from fintrack.repository import actions as actions_repo
from fintrack.repository import assets as assets_repo
from fintrack.schemas import AssetInput, validate

UNTYPED = "Untyped"
DEFAULT_TYPES = ("Equipment", "Computers", "Furniture", "Vehicles", "Property", "Software", "Other")


@dataclass(frozen=True)
class Asset:
    """One asset as plain values."""

    id: int
    name: str
    acquisition_date: dt.date
    value: Decimal
    type: str | None
    notes: str | None

    def as_form(self) -> dict[str, Any]:
        """The fields a form or `update_asset` takes (everything but the id)."""
        return {"name": self.name, "acquisition_date": self.acquisition_date, "value": self.value,
                "type": self.type, "notes": self.notes}


@dataclass(frozen=True)
class AssetTotals:
    """The total value of the owner's assets and its split by type (largest first)."""

    total: Decimal
    by_type: list[tuple[str, Decimal]]


def _read(session: Session, *, owner_id: int, asset_id: int) -> Asset:
    row = assets_repo.get(session, owner_id=owner_id, asset_id=asset_id)
    if row is None:
        raise NotFoundError("asset", asset_id)
    return Asset(**row)


@observed("asset.created", family=WRITE, fields=lambda asset: {"asset_id": asset.id})
def add_asset(db: Database, *, owner_id: int, data: dict[str, Any], decimal_mark: str | None = None) -> Asset:
    """Record an asset from form-like values (`decimal_mark`: the owner's, as in the forms); returns it as stored."""
    asset = validate(AssetInput, data, decimal_mark=decimal_mark)
    with db.transaction() as session:
        asset_id = assets_repo.insert(session, owner_id=owner_id, asset=asset)
        return _read(session, owner_id=owner_id, asset_id=asset_id)


def get_asset(db: Database, *, owner_id: int, asset_id: int) -> Asset:
    """One of the owner's assets, or `NotFoundError`."""
    with db.transaction() as session:
        return _read(session, owner_id=owner_id, asset_id=asset_id)


@observed("asset.updated", family=WRITE, fields=lambda asset: {"asset_id": asset.id})
def update_asset(db: Database, *, owner_id: int, asset_id: int, data: dict[str, Any],
                 decimal_mark: str | None = None) -> Asset:
    """Correct an asset; every field is validated again."""
    asset = validate(AssetInput, data, decimal_mark=decimal_mark)
    with db.transaction() as session:
        if not assets_repo.update(session, owner_id=owner_id, asset_id=asset_id, asset=asset):
            raise NotFoundError("asset", asset_id)
        return _read(session, owner_id=owner_id, asset_id=asset_id)


@observed("asset.deleted", family=WRITE)
def delete_asset(db: Database, *, owner_id: int, asset_id: int) -> None:
    """Delete one of the owner's assets, or `NotFoundError`."""
    with db.transaction() as session:
        if not assets_repo.delete(session, owner_id=owner_id, asset_id=asset_id):
            raise NotFoundError("asset", asset_id)
        actions_repo.mark_records_deleted(session, owner_id=owner_id, record_kind="asset", record_ids=[asset_id],
                                          at=utcnow())


def list_assets(db: Database, *, owner_id: int) -> list[Asset]:
    """Every asset of the owner, most recently acquired first."""
    with db.transaction() as session:
        return [Asset(**row) for row in assets_repo.list_rows(session, owner_id=owner_id)]


def asset_totals(db: Database, *, owner_id: int) -> AssetTotals:
    """Total value and value by type, summed by the database (untyped assets as "Untyped")."""
    with db.transaction() as session:
        by_type = assets_repo.value_by_type(session, owner_id=owner_id)
    labelled = [(asset_type or UNTYPED, value) for asset_type, value, _ in by_type]
    return AssetTotals(sum((value for _, value in labelled), Decimal("0.00")), labelled)


def type_choices(db: Database, *, owner_id: int) -> list[str]:
    """Asset types to offer: the owner's own (largest value first), then the unused defaults."""
    with db.transaction() as session:
        used = [asset_type for asset_type, _, _ in assets_repo.value_by_type(session, owner_id=owner_id) if asset_type]
    return merge_choices(used, DEFAULT_TYPES)
