"""Assets on SQLite and PostgreSQL: writes, validation, ownership and totals by type."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest

from fintrack.errors import NotFoundError, ValidationError
from fintrack.repository import assets as assets_repo
from fintrack.schemas import AssetInput
from fintrack.services import assets


def form(**overrides) -> dict:
    return {"name": "Laptop", "acquisition_date": "2025-01-15", "value": "1.499,00", "type": "Equipment",
            "notes": None, **overrides}


def add(db, owner, **overrides) -> assets.Asset:
    return assets.add_asset(db, owner_id=owner.id, data=form(**overrides))


def test_add_read_update_delete(db, owner):
    laptop = add(db, owner)
    assert laptop == assets.Asset(laptop.id, "Laptop", dt.date(2025, 1, 15), Decimal("1499.00"), "Equipment",
                                  None)
    assert assets.get_asset(db, owner_id=owner.id, asset_id=laptop.id) == laptop
    changed = assets.update_asset(db, owner_id=owner.id, asset_id=laptop.id,
                                  data={**laptop.as_form(), "value": "1200", "notes": "second hand"})
    assert (changed.value, changed.notes) == (Decimal("1200.00"), "second hand")
    assets.delete_asset(db, owner_id=owner.id, asset_id=laptop.id)
    assert assets.list_assets(db, owner_id=owner.id) == []


def test_list_is_newest_first(db, owner):
    old = add(db, owner, name="Desk", acquisition_date="2020-05-01")
    new = add(db, owner, name="Van", acquisition_date="2024-05-01")
    assert [asset.id for asset in assets.list_assets(db, owner_id=owner.id)] == [new.id, old.id]


def test_totals_by_type_are_summed_exactly(db, owner, make_owner):
    for name, value, kind in [("A", "0.10", "Equipment"), ("B", "0.20", "Equipment"), ("C", "5000", "Vehicle"),
                              ("D", "0.70", None)]:
        add(db, owner, name=name, value=value, type=kind)
    add(db, make_owner(), value="999999")
    totals = assets.asset_totals(db, owner_id=owner.id)
    assert totals.total == Decimal("5001.00")
    assert totals.by_type == [("Vehicle", Decimal("5000.00")), ("Untyped", Decimal("0.70")),
                              ("Equipment", Decimal("0.30"))]


def test_no_assets_total_zero(db, owner):
    assert assets.asset_totals(db, owner_id=owner.id) == assets.AssetTotals(Decimal("0.00"), [])


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("value", "abc", "not an amount"),
        ("value", "1.005", "more than two decimals"),
        ("value", "-1", "positive"),
        ("value", "10000000000", "larger than"),
        ("acquisition_date", "2025-13-01", "not a date"),
        ("name", "", "required"),
        ("name", "n" * 256, "too long"),
        ("type", "t" * 101, "too long"),
        ("notes", "n" * 32_768, "too long"),
        ("acquisition_date", "1899-12-31", "not between 1900-01-01 and 2100-12-31"),
        ("name", "Desk\x00", "control character"), ("notes", "\x00", "control character"),
    ],
)
def test_bad_input_is_refused_and_writes_nothing(db, owner, field, value, message):
    existing = add(db, owner)
    with pytest.raises(ValidationError, match=message):
        add(db, owner, **{field: value})
    with pytest.raises(ValidationError, match=message):
        assets.update_asset(db, owner_id=owner.id, asset_id=existing.id, data=form(**{field: value}))
    assert assets.list_assets(db, owner_id=owner.id) == [existing]


def test_another_owners_asset_is_not_found_and_untouched(db, owner, make_owner):
    other = make_owner()
    theirs = add(db, other)
    message = f"Asset {theirs.id} was not found"
    with pytest.raises(NotFoundError, match=message):
        assets.get_asset(db, owner_id=owner.id, asset_id=theirs.id)
    with pytest.raises(NotFoundError, match=message):
        assets.update_asset(db, owner_id=owner.id, asset_id=theirs.id, data=form(value="1"))
    with pytest.raises(NotFoundError, match=message):
        assets.delete_asset(db, owner_id=owner.id, asset_id=theirs.id)
    assert assets.list_assets(db, owner_id=other.id) == [theirs]
    assert assets.list_assets(db, owner_id=owner.id) == []


def test_the_repository_insert_works_inside_a_callers_transaction(db, owner):
    asset = AssetInput(name="Printer", acquisition_date=dt.date(2025, 2, 1), value=Decimal("300"))
    with db.transaction() as session:
        asset_id = assets_repo.insert(session, owner_id=owner.id, asset=asset)
    assert assets.get_asset(db, owner_id=owner.id, asset_id=asset_id).name == "Printer"


def test_type_choices_start_with_the_owners_types(db, owner):
    add(db, owner, type="Boats", value="100")
    add(db, owner, type="Equipment", value="5")
    choices = assets.type_choices(db, owner_id=owner.id)
    assert choices[:2] == ["Boats", "Equipment"] and choices.count("Equipment") == 1 and "Vehicles" in choices
