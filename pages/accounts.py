"""Accounts: where the money is kept (bank, card, cash, Stripe or PayPal), with each balance and total cash."""

import streamlit as st

from fintrack.services import money_accounts
from fintrack.ui.flash import show_flashes
from fintrack.ui.money_account_views import render_add_form, render_balances, render_edit
from fintrack.ui.resources import database
from fintrack.ui.session import require_owner

owner = require_owner()
st.title("Accounts")
show_flashes()
selected = render_balances(owner, money_accounts.balances(database(), owner_id=owner.id))
if selected is None:
    st.caption("Select an account (tick its box) to edit it, make it the default or delete it.")
else:
    render_edit(owner, selected)
with st.expander("Add an account", icon=":material/add:"):
    render_add_form(owner)
