"""Ledger: record, find, correct and remove expenses and incomes (one screen, a switch between them)."""

import streamlit as st

from fintrack import kinds
from fintrack.ui.entry_form import render_add_form
from fintrack.ui.flash import show_flashes
from fintrack.ui.ledger_filters import render_filters
from fintrack.ui.ledger_table import render_view
from fintrack.ui.session import require_owner

KIND_KEY = "ledger_kind"

owner = require_owner()
st.title("Ledger")
kind = st.segmented_control("Show", kinds.ENTRY_KINDS, format_func=lambda k: kinds.of(k).heading,
                            default="expense", required=True, key=KIND_KEY, label_visibility="collapsed")
show_flashes()
with st.expander(f"Add an {kind}", expanded=True, icon=":material/add:"):
    render_add_form(owner, kind)
filters = render_filters(owner, kind)
render_view(owner, filters)
