"""The accounts screen's parts: balances with total cash, the add/edit form, default and delete."""

from __future__ import annotations

from typing import Any

import pandas as pd
import streamlit as st

from fintrack.services import money_accounts
from fintrack.services.accounts import Owner
from fintrack.services.money_accounts import ACCOUNT_TYPES, Balance, MoneyAccount
from fintrack.ui.book_fields import PICKER_EARLIEST, PICKER_LATEST
from fintrack.ui.entry_form import picker_start
from fintrack.ui.errors import show_errors
from fintrack.ui.flash import flash
from fintrack.ui.forms import add_form, confirm_delete, form_version, reset_form
from fintrack.ui.owner_formats import amount_input
from fintrack.ui.resources import database
from fintrack.ui.text import plain

TABLE_KEY = "accounts_table"
CONFIRM_DELETE_KEY = "accounts_confirm_delete"
_TYPES = list(ACCOUNT_TYPES)


def account_fields(owner: Owner, *, initial: dict[str, Any], key: str) -> dict[str, Any]:
    """Draw the account fields (inside a form) and return what they hold, ready for the accounts service."""
    first, second = st.columns(2)
    values: dict[str, Any] = {
        "name": first.text_input("Name", value=initial.get("name", ""), max_chars=100, key=f"{key}_name"),
        "type": second.selectbox("Type", _TYPES, index=_TYPES.index(initial.get("type", "current")),
                                 format_func=ACCOUNT_TYPES.__getitem__, key=f"{key}_type"),
    }
    first, second = st.columns(2)
    values["opening_balance"] = amount_input(owner, "Opening balance", initial.get("opening_balance", "0"),
                                             key=f"{key}_opening_balance", column=first)
    values["opening_date"] = second.date_input(
        "Opening date", value=picker_start(initial.get("opening_date", "today")), min_value=PICKER_EARLIEST,
        max_value=PICKER_LATEST, format=owner.formats.picker_date_format(), key=f"{key}_opening_date",
        help="The day of the opening balance: what the account held before its first entry in FinTrack.")
    return values


def render_add_form(owner: Owner) -> None:
    """The 'add an account' form; on success it starts empty again."""

    def save(values: dict[str, Any]) -> str:
        account = money_accounts.add_account(database(), owner_id=owner.id, data=values,
                                             decimal_mark=owner.formats.decimal_mark)
        return f"Added {account.name}."

    add_form("add_account", fields=lambda key: account_fields(owner, initial={}, key=key),
             submit_label="Add account", save=save)


def render_balances(owner: Owner, balances: list[Balance]) -> MoneyAccount | None:
    """Total cash and each account's balance; returns the account selected in the table."""
    st.metric("Total cash", owner.formats.money(money_accounts.total_cash(balances)))
    frame = pd.DataFrame({
        "Account": [b.account.name for b in balances],
        "Type": [b.account.type_label for b in balances],
        "Balance": [owner.formats.money(b.balance) for b in balances],
        "Opening": [f"{owner.formats.money(b.account.opening_balance)} on {owner.formats.date(b.account.opening_date)}"
                    for b in balances],
        "Default": ["Default" if b.account.is_default else "" for b in balances],
    })
    event = st.dataframe(frame, key=f"{TABLE_KEY}_{form_version(TABLE_KEY)}", on_select="rerun",
                         selection_mode="single-row", hide_index=True, width="stretch",
                         column_config={"Balance": st.column_config.TextColumn(alignment="right")})
    selected = [row for row in event.selection.rows if row < len(balances)]
    return balances[selected[0]].account if selected else None


def _after_write() -> None:
    reset_form(TABLE_KEY)
    st.session_state.pop(CONFIRM_DELETE_KEY, None)
    st.rerun()


def render_edit(owner: Owner, account: MoneyAccount) -> None:
    """The selected account's form: save, make it the default, or delete it after a confirmation."""
    key = f"edit_account_{account.id}"
    with st.form(key):
        st.markdown(f"**Edit {plain(account.name)}**")
        values = account_fields(owner, initial=account.as_form(), key=key)
        save, default, delete, _ = st.columns([1, 1, 1, 2])
        saved = save.form_submit_button("Save changes", type="primary")
        made_default = default.form_submit_button("Make default", disabled=account.is_default)
        deleting = delete.form_submit_button("Delete account", icon=":material/delete:")
    with show_errors():
        if saved:
            money_accounts.update_account(database(), owner_id=owner.id, account_id=account.id, data=values,
                                          decimal_mark=owner.formats.decimal_mark)
            flash(f"Saved {values['name'].strip()}.")
            _after_write()
        if made_default:
            money_accounts.make_default(database(), owner_id=owner.id, account_id=account.id)
            flash(f"{account.name} is now the default account.")
            _after_write()
    if deleting:
        st.session_state[CONFIRM_DELETE_KEY] = account.id
    _confirm_delete(owner, account)


def _confirm_delete(owner: Owner, account: MoneyAccount) -> None:
    def delete() -> str:
        money_accounts.delete_account(database(), owner_id=owner.id, account_id=account.id)
        return f"Deleted {account.name}."

    confirm_delete(CONFIRM_DELETE_KEY, buttons="accounts_confirm", item_id=account.id,
                   question=f"Delete {plain(account.name)}? Only an account without entries can go.", delete=delete,
                   after=_after_write)
