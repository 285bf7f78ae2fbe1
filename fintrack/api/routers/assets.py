"""Assets: the list with totals by type, one asset, add, correct, delete."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Body, Path
from pydantic import BaseModel

from fintrack.api.deps import Db, Reader, Writer
from fintrack.api.errors import ERROR_RESPONSES, WRITE_RESPONSES
from fintrack.api.shapes import Done, body_of
from fintrack.schemas import AssetInput
from fintrack.services import assets
from fintrack.services.assets import Asset, AssetTotals

router = APIRouter(prefix="/assets", tags=["assets"], responses=ERROR_RESPONSES)
AssetId = Annotated[int, Path(ge=1, le=2**31 - 1)]
body = body_of(AssetInput)


class AssetList(BaseModel):
    """Every asset of the owner and their total value, split by type as on the Assets screen."""

    items: list[Asset]
    totals: AssetTotals


@router.get("", response_model=AssetList)
def list_assets(access: Reader, db: Db) -> AssetList:
    """The owner's assets and their totals."""
    return AssetList(items=assets.list_assets(db, owner_id=access.owner.id),
                     totals=assets.asset_totals(db, owner_id=access.owner.id))


@router.get("/{asset_id}", response_model=Asset)
def get_asset(asset_id: AssetId, access: Reader, db: Db) -> Asset:
    """One asset of the owner."""
    return assets.get_asset(db, owner_id=access.owner.id, asset_id=asset_id)


@router.post("", status_code=201, response_model=Asset, responses=WRITE_RESPONSES, openapi_extra=body)
def add_asset(data: Annotated[dict[str, Any], Body()], access: Writer, db: Db) -> Asset:
    """Record an asset at its acquisition value."""
    return assets.add_asset(db, owner_id=access.owner.id, data=data)


@router.put("/{asset_id}", response_model=Asset, responses=WRITE_RESPONSES, openapi_extra=body)
def update_asset(asset_id: AssetId, data: Annotated[dict[str, Any], Body()], access: Writer, db: Db) -> Asset:
    """Correct an asset: every field is given and validated again."""
    return assets.update_asset(db, owner_id=access.owner.id, asset_id=asset_id, data=data)


@router.delete("/{asset_id}", response_model=Done, responses=WRITE_RESPONSES)
def delete_asset(asset_id: AssetId, access: Writer, db: Db) -> Done:
    """Delete an asset."""
    assets.delete_asset(db, owner_id=access.owner.id, asset_id=asset_id)
    return Done(detail=f"Asset {asset_id} deleted.")
