"""Accounts: where the money is kept (bank, card, cash, Stripe or PayPal), with each balance and total cash,
and the transfers between them."""

import datetime as dt

import streamlit as st

from fintrack.services import money_accounts, reports
from fintrack.ui.flash import show_flashes
from fintrack.ui.money_account_views import render_add_form, render_balances, render_edit
from fintrack.ui.resources import database
from fintrack.ui.session import require_owner
from fintrack.ui.transfer_views import render_candidates, render_transfer_form, render_transfers

RECENT_DAYS = 92  # possible transfers are looked for among the latest entries

owner = require_owner()
st.title("Accounts")
show_flashes()
accounts = money_accounts.list_accounts(database(), owner_id=owner.id)
selected = render_balances(owner, money_accounts.balances(database(), owner_id=owner.id))
if selected is None:
    st.caption("Select an account (tick its box) to edit it, make it the default or delete it.")
else:
    render_edit(owner, selected)
with st.expander("Add an account", icon=":material/add:"):
    render_add_form(owner)
if len(accounts) > 1:
    _, last = reports.entry_dates(database(), owner_id=owner.id)
    if last is not None:
        render_candidates(owner, accounts, last - dt.timedelta(days=RECENT_DAYS), last)
    st.subheader("Transfers")
    with st.expander("Move money between accounts", icon=":material/swap_horiz:"):
        render_transfer_form(owner, accounts)
    render_transfers(owner, accounts)
