"""The assets screen's parts: totals by type, the add/edit form, and the list with edit and delete."""

from __future__ import annotations

from typing import Any

import pandas as pd
import streamlit as st

from fintrack.services import assets
from fintrack.services.accounts import Owner
from fintrack.ui.book_fields import PICKER_EARLIEST, PICKER_LATEST, notes_area
from fintrack.ui.entry_form import picker_start
from fintrack.ui.errors import show_errors
from fintrack.ui.flash import flash
from fintrack.ui.forms import add_form, confirm_delete, form_version, reset_form
from fintrack.ui.owner_formats import amount_input
from fintrack.ui.resources import database
from fintrack.ui.text import plain

CONFIRM_DELETE_KEY = "assets_confirm_delete"
TABLE_KEY = "assets_table"


def asset_fields(owner: Owner, *, initial: dict[str, Any], key: str) -> dict[str, Any]:
    """Draw the asset fields (inside a form) and return what they hold, ready for the assets service."""
    types = assets.type_choices(database(), owner_id=owner.id)
    if initial.get("type") and initial["type"] not in types:
        types.insert(0, initial["type"])
    first, second = st.columns(2)
    values: dict[str, Any] = {
        "name": first.text_input("Name", value=initial.get("name", ""), max_chars=255, key=f"{key}_name"),
        "type": second.selectbox("Type", types, index=types.index(initial["type"]) if initial.get("type") else None,
                                 accept_new_options=True, placeholder="Pick one or type a new type",
                                 key=f"{key}_type"),
    }
    first, second = st.columns(2)
    values["acquisition_date"] = first.date_input(
        "Acquired on", value=picker_start(initial.get("acquisition_date", "today")), min_value=PICKER_EARLIEST,
        max_value=PICKER_LATEST, format=owner.formats.picker_date_format(), key=f"{key}_date")
    values["value"] = amount_input(owner, "Value", initial.get("value"), key=f"{key}_value", column=second)
    values["notes"] = notes_area(initial.get("notes"), key=f"{key}_notes")
    return values


def render_add_form(owner: Owner) -> None:
    """The 'add an asset' form; on success it starts empty again."""

    def save(values: dict[str, Any]) -> str:
        asset = assets.add_asset(database(), owner_id=owner.id, data=values, decimal_mark=owner.formats.decimal_mark)
        return f"Added {asset.name} ({owner.formats.money(asset.value)})."

    add_form("add_asset", fields=lambda key: asset_fields(owner, initial={}, key=key), submit_label="Add asset",
             save=save)


def render_totals(owner: Owner, totals: assets.AssetTotals) -> None:
    """Total value and value by type."""
    left, right = st.columns([1, 2])
    left.metric("Total value", owner.formats.money(totals.total))
    by_type = pd.DataFrame({"Type": [name for name, _ in totals.by_type],
                            "Value": [owner.formats.money(value) for _, value in totals.by_type]})
    right.dataframe(by_type, hide_index=True, width="stretch",
                    column_config={"Value": st.column_config.TextColumn(alignment="right")})


def _table(owner: Owner, rows: list[assets.Asset], by_assistant: set[int]) -> assets.Asset | None:
    """The list of assets, marking those the assistant added; returns the selected one."""
    frame = pd.DataFrame({
        "Name": [a.name for a in rows], "Type": [a.type or assets.UNTYPED for a in rows],
        "Acquired on": [owner.formats.date(a.acquisition_date) for a in rows],
        "Value": [owner.formats.money(a.value) for a in rows], "Notes": [a.notes or "" for a in rows],
        "Added by": ["Assistant" if a.id in by_assistant else "" for a in rows],
    })
    event = st.dataframe(frame, key=f"{TABLE_KEY}_{form_version(TABLE_KEY)}", on_select="rerun",
                         selection_mode="single-row", hide_index=True, width="stretch",
                         column_config={"Value": st.column_config.TextColumn(alignment="right")})
    selected = [row for row in event.selection.rows if row < len(rows)]
    return rows[selected[0]] if selected else None


def _after_write() -> None:
    reset_form(TABLE_KEY)
    st.session_state.pop(CONFIRM_DELETE_KEY, None)
    st.rerun()


def _edit(owner: Owner, asset: assets.Asset) -> None:
    key = f"edit_asset_{asset.id}"
    with st.form(key):
        st.markdown(f"**Edit {plain(asset.name)}**")
        values = asset_fields(owner, initial=asset.as_form(), key=key)
        save, delete, _ = st.columns([1, 1, 3])
        saved = save.form_submit_button("Save changes", type="primary")
        deleting = delete.form_submit_button("Delete asset", icon=":material/delete:")
    if deleting:
        st.session_state[CONFIRM_DELETE_KEY] = asset.id
    if saved:
        with show_errors():
            assets.update_asset(database(), owner_id=owner.id, asset_id=asset.id, data=values,
                                decimal_mark=owner.formats.decimal_mark)
            flash(f"Saved {values['name'].strip()}.")
            _after_write()


def _confirm_delete(owner: Owner, asset: assets.Asset) -> None:
    def delete() -> str:
        assets.delete_asset(database(), owner_id=owner.id, asset_id=asset.id)
        return f"Deleted {asset.name}."

    confirm_delete(CONFIRM_DELETE_KEY, buttons="assets_confirm", item_id=asset.id,
                   question=f"Delete {plain(asset.name)}? This cannot be undone.", delete=delete, after=_after_write)


def render_list(owner: Owner, rows: list[assets.Asset], by_assistant: set[int]) -> None:
    """The assets (`by_assistant`: ids of those the assistant added), and for the selected one an edit form
    with a guarded delete."""
    if not rows:
        st.info("No assets yet. Add the equipment, vehicles or property the business owns with the form above.",
                icon=":material/inventory_2:")
        return
    selected = _table(owner, rows, by_assistant)
    if selected is None:
        st.caption("Select an asset (tick its box) to edit or delete it.")
        return
    _edit(owner, selected)
    _confirm_delete(owner, selected)
