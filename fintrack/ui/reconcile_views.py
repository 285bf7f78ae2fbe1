"""The reconcile screen's parts: the statement to check against (typed, or read from the file), the
difference, the entries to tick off, and Finish once the difference is zero."""

from __future__ import annotations

from typing import Any

import pandas as pd
import streamlit as st

from fintrack import clock
from fintrack.services import imports, money_accounts, reconcile
from fintrack.services.accounts import Owner
from fintrack.services.money_accounts import MoneyAccount
from fintrack.ui.book_fields import PICKER_EARLIEST, PICKER_LATEST
from fintrack.ui.errors import show_errors
from fintrack.ui.flash import flash
from fintrack.ui.forms import form_version, reset_form
from fintrack.ui.owner_formats import amount_input
from fintrack.ui.resources import database
from fintrack.ui.text import plain

TABLE_KEY = "reconcile_entries"
STATEMENT_KEY = "reconcile_statement"


def account_picker(owner: Owner) -> MoneyAccount:
    """Which account to reconcile (the default first)."""
    accounts = {account.id: account for account in money_accounts.list_accounts(database(), owner_id=owner.id)}
    chosen = st.selectbox("Account", list(accounts), format_func=lambda account_id: accounts[account_id].name,
                          key="reconcile_account")
    return accounts[chosen]


def _from_file(owner: Owner, account: MoneyAccount) -> dict[str, Any]:
    """The closing date and balance a statement file states, when the owner uploads one that has them."""
    upload = st.file_uploader("Or read them from the statement file", type=["csv", "txt", "tsv", "xlsx"],
                              key=f"reconcile_file_{account.id}",
                              help="A statement with a running balance column: its last balance and date are used.")
    if upload is None:
        return {}
    with show_errors():
        found = imports.preview(database(), owner_id=owner.id, data=upload.getvalue(), filename=upload.name,
                                account_id=account.id).balance_check
        if found is None:
            st.warning("This file states no running balance; type the statement's closing date and balance.")
            return {}
        st.caption(plain(f"Read from the file: {owner.formats.money(found.closing)} on "
                         f"{owner.formats.date(found.closing_date)}."))
        return {"statement_date": found.closing_date, "statement_balance": found.closing}
    return {}


def render_statement_form(owner: Owner, account: MoneyAccount, status: reconcile.Status | None) -> None:
    """The statement's closing date and balance; starts (or restates) the account's reconciliation."""
    read = _from_file(owner, account)
    read_mark = f"_{read['statement_date']:%Y%m%d}" if read else ""  # fresh boxes for what the file says
    key = f"{STATEMENT_KEY}_{account.id}_{form_version(STATEMENT_KEY)}{read_mark}"
    start = read or ({"statement_date": status.statement_date, "statement_balance": status.statement_balance}
                     if status and not status.finished else {})
    with st.form(key):
        first, second = st.columns(2)
        day = first.date_input("Statement closing date", value=start.get("statement_date", clock.today()),
                               min_value=PICKER_EARLIEST, max_value=PICKER_LATEST,
                               format=owner.formats.picker_date_format(), key=f"{key}_date")
        balance = amount_input(owner, "Statement closing balance", start.get("statement_balance"),
                               key=f"{key}_balance", column=second)
        submitted = st.form_submit_button("Reconcile with this statement", type="primary")
    if submitted:
        with show_errors():
            reconcile.start(database(), owner_id=owner.id, account_id=account.id,
                            data={"statement_date": day, "statement_balance": balance},
                            decimal_mark=owner.formats.decimal_mark)
            reset_form(STATEMENT_KEY)
            st.rerun()


def render_difference(owner: Owner, status: reconcile.Status) -> None:
    money = owner.formats.money
    first, second, third = st.columns(3)
    first.metric(f"Statement on {owner.formats.date(status.statement_date)}", money(status.statement_balance))
    second.metric("Cleared in the books", money(status.cleared),
                  help="The opening balance plus every entry ticked off against a statement.")
    third.metric("Difference", money(status.difference))


def render_entries(owner: Owner, status: reconcile.Status) -> None:
    """The entries up to the statement's date, to tick off as they appear on it."""
    if not status.entries:
        st.info("No entries of this account up to the statement's date. If the statement lists some, add or "
                "import them.", icon=":material/inbox:")
        return
    frame = pd.DataFrame({
        "On statement": [entry.ticked for entry in status.entries],
        "Date": [owner.formats.date(entry.date) for entry in status.entries],
        "Vendor / client": [entry.party or "" for entry in status.entries],
        "Category": [entry.category for entry in status.entries],
        "Amount": [owner.formats.money(entry.signed) for entry in status.entries],
    })
    edited = st.data_editor(frame, hide_index=True, width="stretch", disabled=list(frame.columns[1:]),
                            key=f"{TABLE_KEY}_{status.account.id}_{form_version(TABLE_KEY)}",
                            column_config={"Amount": st.column_config.TextColumn(alignment="right")})
    changed = [(entry, bool(now)) for entry, now in zip(status.entries, edited["On statement"], strict=True)
               if bool(now) != entry.ticked]
    unticked = [(entry, True) for entry in status.entries if not entry.ticked]
    if unticked and st.button("Tick off all listed", key="reconcile_tick_all",
                              help="When the statement shows every entry listed here."):
        changed = unticked
    if changed:
        _tick(owner, status.account, changed)


def _tick(owner: Owner, account: MoneyAccount, changed: list[tuple[reconcile.OpenEntry, bool]]) -> None:
    with show_errors():
        for kind in dict.fromkeys(entry.kind for entry, _ in changed):
            for ticked in (True, False):
                ids = [entry.id for entry, now in changed if entry.kind == kind and now == ticked]
                if ids:
                    reconcile.tick(database(), owner_id=owner.id, account_id=account.id, kind=kind, entry_ids=ids,
                                   ticked=ticked)
        reset_form(TABLE_KEY)
        st.rerun()


def render_finish(owner: Owner, status: reconcile.Status) -> None:
    """Finish, available once the difference is zero; until then, what to do."""
    if status.difference != 0:
        st.caption("Tick off each entry that is on the statement. While a difference remains, an entry is missing "
                   "from the books, doubled, or has a different amount: find it; nothing is adjusted for you.")
    if st.button("Finish reconciling", type="primary", disabled=status.difference != 0, key="reconcile_finish"):
        with show_errors():
            reconcile.finish(database(), owner_id=owner.id, account_id=status.account.id)
            flash(f"{status.account.name} is reconciled with the statement of "
                  f"{owner.formats.date(status.statement_date)}.")
            st.rerun()


def render_finished(owner: Owner, status: reconcile.Status) -> None:
    st.success(plain(f"{status.account.name} was reconciled with the statement of "
                     f"{owner.formats.date(status.statement_date)} ({owner.formats.money(status.statement_balance)})."
                     " Enter the next statement to go on."), icon=":material/verified:")
