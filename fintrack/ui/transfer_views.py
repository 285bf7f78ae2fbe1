"""Transfers on screen: move money between two accounts, the list with delete, and the pairs of imported
lines that look like one transfer, each with a Confirm button (nothing changes without it)."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pandas as pd
import streamlit as st

from fintrack import clock
from fintrack.services import money_accounts, transfers
from fintrack.services.accounts import Owner
from fintrack.services.money_accounts import MoneyAccount
from fintrack.ui.book_fields import PICKER_EARLIEST, PICKER_LATEST, notes_area
from fintrack.ui.errors import show_errors
from fintrack.ui.flash import flash
from fintrack.ui.forms import add_form, form_version, reset_form
from fintrack.ui.owner_formats import amount_input
from fintrack.ui.reconciled import asking_to_reopen, reopen_question
from fintrack.ui.resources import database
from fintrack.ui.text import plain

TABLE_KEY = "transfers_table"
DELETE_RECONCILED_KEY = "transfers_delete_reconciled"
IMPORTED_KEY = "transfers_imported_range"


def render_transfer_form(owner: Owner, accounts: list[MoneyAccount]) -> None:
    """Money moved from one account to another (two accounts at least)."""
    names = {account.id: account.name for account in accounts}

    def fields(key: str) -> dict[str, Any]:
        first, second = st.columns(2)
        source = first.selectbox("From account", list(names), format_func=names.__getitem__, key=f"{key}_from")
        target = second.selectbox("To account", list(names), index=1, format_func=names.__getitem__,
                                  key=f"{key}_to")
        first, second = st.columns(2)
        day = first.date_input("Date", value=clock.today(), min_value=PICKER_EARLIEST, max_value=PICKER_LATEST,
                               format=owner.formats.picker_date_format(), key=f"{key}_date")
        amount = amount_input(owner, "Amount", None, key=f"{key}_amount", column=second)
        return {"from_account_id": source, "to_account_id": target, "date": day, "amount": amount,
                "notes": notes_area(None, key=f"{key}_notes")}

    def save(values: dict[str, Any]) -> str:
        moved = transfers.add_transfer(database(), owner_id=owner.id, decimal_mark=owner.formats.decimal_mark,
                                       data=values)
        return (f"Moved {owner.formats.money(moved.amount)} from {names[moved.from_account_id]} "
                f"to {names[moved.to_account_id]}.")

    add_form("add_transfer", fields=fields, submit_label="Add transfer", save=save)


def render_transfers(owner: Owner, accounts: list[MoneyAccount]) -> None:
    """The owner's transfers; the selected one can be deleted."""
    rows = transfers.list_transfers(database(), owner_id=owner.id)
    if not rows:
        return
    names = {account.id: account.name for account in accounts}
    frame = pd.DataFrame({
        "Date": [owner.formats.date(row.date) for row in rows],
        "From": [names.get(row.from_account_id, "") for row in rows],
        "To": [names.get(row.to_account_id, "") for row in rows],
        "Amount": [owner.formats.money(row.amount) for row in rows],
        "Notes": [row.notes or "" for row in rows],
    })
    event = st.dataframe(frame, key=f"{TABLE_KEY}_{form_version(TABLE_KEY)}", on_select="rerun",
                         selection_mode="single-row", hide_index=True, width="stretch",
                         column_config={"Amount": st.column_config.TextColumn(alignment="right")})
    selected = [rows[row] for row in event.selection.rows if row < len(rows)]
    if selected:
        _delete(owner, selected[0])


def _delete(owner: Owner, transfer: transfers.Transfer) -> None:
    clicked = st.button("Delete transfer", icon=":material/delete:", key="transfers_delete")
    reopen = reopen_question(DELETE_RECONCILED_KEY, "delete")
    if clicked or reopen:
        with show_errors(), asking_to_reopen(DELETE_RECONCILED_KEY):
            transfers.delete_transfer(database(), owner_id=owner.id, transfer_id=transfer.id,
                                      reopen_reconciled=reopen)
            reset_form(TABLE_KEY)
            flash("Deleted the transfer.")
            st.rerun()


def render_candidates(owner: Owner, accounts: list[MoneyAccount], date_from: dt.date, date_to: dt.date) -> None:
    """Pairs of entries dated in the range that look like the two sides of one transfer, each to confirm."""
    pairs = transfers.candidates(database(), owner_id=owner.id, date_from=date_from, date_to=date_to)
    if not pairs:
        return
    names = {account.id: account.name for account in accounts}
    st.markdown("**These look like transfers between your accounts**")
    st.caption("The same amount left one account and reached another a few days later. Confirm to book each pair "
               "as one transfer (it then counts as neither income nor expense).")
    for pair in pairs:
        with st.container(border=True, horizontal=True, vertical_alignment="center"):
            st.markdown(
                f"{plain(owner.formats.money(pair.amount))} out of **{plain(names[pair.from_account_id])}** on "
                f"{owner.formats.date(pair.out_date)} ({plain(pair.out_party or '')}), into "
                f"**{plain(names[pair.to_account_id])}** on {owner.formats.date(pair.in_date)} "
                f"({plain(pair.in_party or '')})")
            if st.button("Confirm transfer", key=f"transfer_pair_{pair.expense_id}_{pair.income_id}", width="content"):
                with show_errors():
                    transfers.confirm_pair(database(), owner_id=owner.id, expense_id=pair.expense_id,
                                           income_id=pair.income_id)
                    flash(f"Booked {owner.formats.money(pair.amount)} as a transfer.")
                    st.rerun()


def remember_imported(first: dt.date | None, last: dt.date | None) -> None:
    """Keep the dates of the statement just imported, to look for transfers among its lines."""
    if first is not None:
        st.session_state[IMPORTED_KEY] = (first, last)


def render_imported_candidates(owner: Owner) -> None:
    """Possible transfers among the lines of the statement last imported (while there are any)."""
    imported = st.session_state.get(IMPORTED_KEY)
    accounts = money_accounts.list_accounts(database(), owner_id=owner.id)
    if imported and len(accounts) > 1:
        render_candidates(owner, accounts, *imported)
