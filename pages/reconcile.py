"""Reconcile: check an account against a bank statement, tick off its entries, finish at a zero difference."""

import streamlit as st

from fintrack.services import reconcile
from fintrack.ui.flash import show_flashes
from fintrack.ui.reconcile_views import (
    account_picker,
    render_difference,
    render_entries,
    render_finish,
    render_finished,
    render_statement_form,
)
from fintrack.ui.resources import database
from fintrack.ui.session import require_owner

owner = require_owner()
st.title("Reconcile")
st.caption("Check that the books agree with the bank: enter the statement's closing date and balance, tick off "
           "the entries it shows, and finish when the difference is zero.")
show_flashes()
account = account_picker(owner)
status = reconcile.status(database(), owner_id=owner.id, account_id=account.id)
if status is not None and status.finished:
    render_finished(owner, status)
with st.expander("Statement", expanded=status is None or status.finished, icon=":material/description:"):
    render_statement_form(owner, account, status)
if status is not None and not status.finished:
    render_difference(owner, status)
    render_entries(owner, status)
    render_finish(owner, status)
