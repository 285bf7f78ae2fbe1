"""The owner's Home: a getting-started checklist (what is still missing) and a quick-add expense form."""

from __future__ import annotations

import datetime as dt

import streamlit as st

from fintrack.services import ledger, onboarding
from fintrack.services.accounts import Owner
from fintrack.ui.book_fields import PICKER_EARLIEST, PICKER_LATEST
from fintrack.ui.errors import show_errors
from fintrack.ui.owner_formats import amount_input
from fintrack.ui.resources import database
from fintrack.ui.text import plain

QUICK_ADD_FORM = "quick_add_expense"
QUICK_ADD_FIELDS = ("date", "amount", "category", "vendor")
FLASH_KEY = "home_flash"
# (progress flag, what to do, page that does it, link label)
STEPS = (
    ("profile", "Set up your business: name, fiscal year and currency", "pages/settings.py", "Settings"),
    ("expense", "Record your first expense", "pages/ledger.py", "Ledger"),
    ("income", "Record your first income", "pages/ledger.py", "Ledger"),
    ("asset", "Add something the business owns (equipment, a vehicle)", "pages/assets.py", "Assets"),
    ("statement_imported", "Import a bank statement (CSV or Excel)", "pages/import.py", "Import"),
    ("assistant_tried", "Ask the assistant about your books", "pages/assistant.py", "Assistant"),
)


def render_checklist(owner: Owner) -> None:
    """What the owner has done and what is next, each with a link to the screen that does it."""
    progress = onboarding.progress(database(), owner_id=owner.id)
    with st.expander(f"Getting started · {progress.done} of {progress.total} done", expanded=not progress.complete):
        st.progress(progress.done / progress.total)
        for flag, task, page, label in STEPS:
            done = getattr(progress, flag)
            text_column, link_column = st.columns([4, 1], vertical_alignment="center")
            mark = ":material/check_circle:" if done else ":material/radio_button_unchecked:"
            text_column.markdown(f"{mark} {'~~' + task + '~~' if done else task}")
            link_column.page_link(page, label=label, icon=":material/arrow_forward:")
        if progress.complete:
            st.success("All set. The dashboard shows how the business is doing.")
            st.page_link("pages/dashboard.py", label="Open the dashboard", icon=":material/monitoring:")


def render_quick_add(owner: Owner) -> None:
    """Record an expense without leaving Home."""
    st.subheader("Quick add an expense")
    categories = ledger.category_choices(database(), owner_id=owner.id, kind="expense")
    with st.form(QUICK_ADD_FORM):  # not clear_on_submit: a refused expense keeps what was typed
        date_column, amount_column = st.columns(2)
        day = date_column.date_input("Date", value=dt.date.today(), min_value=PICKER_EARLIEST,
                                     max_value=PICKER_LATEST, key=f"{QUICK_ADD_FORM}_date",
                                     format=owner.formats.picker_date_format())
        amount = amount_input(owner, f"Amount ({owner.currency_code})", None, key=f"{QUICK_ADD_FORM}_amount",
                              column=amount_column)
        category_column, vendor_column = st.columns(2)
        category = category_column.selectbox("Category", categories, index=None, accept_new_options=True,
                                             placeholder="Pick or type a category",
                                             key=f"{QUICK_ADD_FORM}_category")
        vendor = vendor_column.text_input("Vendor (optional)", key=f"{QUICK_ADD_FORM}_vendor")
        submitted = st.form_submit_button("Add expense", type="primary")
    if submitted:
        with show_errors():
            entry = ledger.add_entry(database(), owner_id=owner.id, data={
                "kind": "expense", "date": day, "category": category or "", "party": vendor, "amount": amount},
                decimal_mark=owner.formats.decimal_mark)
            st.session_state[FLASH_KEY] = (f"Added {owner.formats.money(entry.amount)} "
                                           f"for {entry.category} on {owner.formats.date(entry.date)}.")
            for field in QUICK_ADD_FIELDS:  # start empty again after a save
                st.session_state.pop(f"{QUICK_ADD_FORM}_{field}", None)
            st.rerun()  # so the checklist above sees the new expense


def render_owner_home(owner: Owner) -> None:
    """Everything a signed-in owner sees on Home."""
    st.title(f"Welcome, {plain(owner.business_name)}")
    flash = st.session_state.pop(FLASH_KEY, None)
    if flash:
        st.success(plain(flash), icon=":material/check_circle:")
    render_checklist(owner)
    render_quick_add(owner)
