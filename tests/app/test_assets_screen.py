"""The assets screen through AppTest: add, refuse bad input, totals by type, edit, delete."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest

from fintrack.services import assets

ASSETS = "pages/assets.py"
ADD = "add_asset_0"


def seed(db, owner, **overrides) -> assets.Asset:
    data = {"name": "Laptop", "acquisition_date": "2025-01-15", "value": "1500", "type": "Computers", **overrides}
    return assets.add_asset(db, owner_id=owner.id, data=data)


def select_row(at, row: int):
    table = next(frame for frame in at.dataframe if frame.key and frame.key.startswith("assets_table"))
    at.session_state[table.key] = {"selection": {"rows": [row], "columns": []}}
    return at.run()


@pytest.fixture
def screen(app_owner, sign_in, open_page):
    """Open the screen as the signed-in owner (call it after seeding the books)."""
    sign_in(app_owner)
    return lambda: open_page(ASSETS)


def test_empty_state_and_add(app_db, app_owner, screen):
    at = screen()
    assert "No assets yet" in at.info[0].value
    at.text_input(key=f"{ADD}_name").set_value("Van")
    at.selectbox(key=f"{ADD}_type").set_value("Vehicles")
    at.date_input(key=f"{ADD}_date").set_value(dt.date(2024, 6, 1))
    at.text_input(key=f"{ADD}_value").set_value("18.500,00")
    at.button(key=f"FormSubmitter:{ADD}-Add asset").click().run()
    assert not at.exception and "Added Van (€18,500.00)." in at.success[0].value
    [van] = assets.list_assets(app_db, owner_id=app_owner.id)
    assert (van.name, van.type, van.acquisition_date, van.value) == ("Van", "Vehicles", dt.date(2024, 6, 1),
                                                                     Decimal("18500.00"))
    assert at.metric[0].value == "€18,500.00"


@pytest.mark.parametrize(("field", "value", "message"),
                         [("value", "12.345", "more than two"), ("value", "x", "not an amount"), ("name", "", "Name")])
def test_bad_input_is_explained_and_nothing_is_written(app_db, app_owner, screen, field, value, message):
    at = screen()
    values = {"name": "Desk", "value": "300", field: value}
    at.text_input(key=f"{ADD}_name").set_value(values["name"])
    at.text_input(key=f"{ADD}_value").set_value(values["value"])
    at.button(key=f"FormSubmitter:{ADD}-Add asset").click().run()
    assert message in at.error[0].value
    assert assets.list_assets(app_db, owner_id=app_owner.id) == []


def test_totals_by_type(app_db, app_owner, screen):
    seed(app_db, app_owner, name="Laptop", value="1500", type="Computers")
    seed(app_db, app_owner, name="Monitor", value="300,50", type="Computers")
    seed(app_db, app_owner, name="Van", value="18000", type="Vehicles")
    at = screen()
    assert at.metric[0].value == "€19,800.50"
    by_type = at.dataframe[0].value
    assert list(zip(by_type["Type"], by_type["Value"], strict=True)) == [("Vehicles", "€18,000.00"),
                                                                        ("Computers", "€1,800.50")]


def test_edit_the_selected_asset(app_db, app_owner, screen):
    laptop = seed(app_db, app_owner)
    at = select_row(screen(), 0)
    form = f"edit_asset_{laptop.id}"
    assert at.text_input(key=f"{form}_value").value == "1,500.00"  # as the owner (en_IE) writes it
    at.text_input(key=f"{form}_value").set_value("1200")
    at.button(key=f"FormSubmitter:{form}-Save changes").click().run()
    assert "Saved Laptop." in at.success[0].value
    assert assets.get_asset(app_db, owner_id=app_owner.id, asset_id=laptop.id).value == Decimal("1200.00")


def test_an_asset_acquired_in_1900_can_be_edited(app_db, app_owner, screen):
    old = seed(app_db, app_owner, acquisition_date="1900-01-01")
    at = select_row(screen(), 0)
    form = f"edit_asset_{old.id}"
    assert not at.exception and at.date_input(key=f"{form}_date").value == dt.date(1900, 1, 1)
    at.button(key=f"FormSubmitter:{form}-Save changes").click().run()
    assert not at.exception and "Saved Laptop." in at.success[0].value


def test_delete_asks_first(app_db, app_owner, screen):
    laptop = seed(app_db, app_owner)
    at = select_row(screen(), 0)
    form = f"edit_asset_{laptop.id}"
    at.button(key=f"FormSubmitter:{form}-Delete asset").click().run()
    assert "Delete Laptop?" in at.warning[0].value
    at.button(key="assets_confirm_no").click().run()
    assert len(assets.list_assets(app_db, owner_id=app_owner.id)) == 1
    at.button(key=f"FormSubmitter:{form}-Delete asset").click().run()
    at.button(key="assets_confirm_yes").click().run()
    assert "Deleted Laptop." in at.success[0].value
    assert assets.list_assets(app_db, owner_id=app_owner.id) == []
    assert "No assets yet" in at.info[0].value


def test_assets_the_assistant_added_are_marked(app_db, app_owner, screen):
    from fintrack.schemas import AssetInput, validate
    from fintrack.services import assistant
    from fintrack.services.assistant import proposals

    seed(app_db, app_owner, name="Desk")
    conversation = assistant.current_conversation(app_db, owner_id=app_owner.id)
    fields = proposals.asset_fields(validate(AssetInput, {"name": "Camera", "acquisition_date": "2025-05-02",
                                                          "value": "900", "type": "Equipment"}))
    with app_db.transaction() as session:
        card = proposals.store(session, owner_id=app_owner.id, conversation_id=conversation,
                               action=proposals.ADD_ASSET, fields=fields)
    assistant.confirm(app_db, owner_id=app_owner.id, proposal_id=card)
    at = screen()
    table = next(frame for frame in at.dataframe if frame.key and frame.key.startswith("assets_table")).value
    assert dict(zip(table["Name"], table["Added by"], strict=True)) == {"Camera": "Assistant", "Desk": ""}
