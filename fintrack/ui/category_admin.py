"""Settings › Categories: see how often each category is used, rename one, or merge it into another."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from fintrack import kinds
from fintrack.errors import ValidationError
from fintrack.services import categories
from fintrack.services.accounts import Owner
from fintrack.ui.errors import show_errors
from fintrack.ui.flash import flash, show_flashes
from fintrack.ui.forms import form_version, reset_form
from fintrack.ui.ledger_choices import forget_choices
from fintrack.ui.resources import database

KIND_KEY = "category_admin_kind"
FORM = "category_admin"


def _rename_form(owner: Owner, kind: str, usage: list[tuple[str, int]]) -> None:
    names = [name for name, _ in usage]
    key = f"{FORM}_{kind}_{form_version(FORM)}"
    with st.form(key):
        left, right = st.columns(2)
        old = left.selectbox("Category", names, index=None, placeholder="Pick a category", key=f"{key}_old")
        new = right.text_input("New name", max_chars=100, key=f"{key}_new",
                               help="Type the name of another category to merge the two.")
        submitted = st.form_submit_button("Rename or merge", type="primary")
    if submitted:
        with show_errors():
            if old is None:
                raise ValidationError({"category": "pick the category to rename"})
            done = categories.rename_category(database(), owner_id=owner.id, kind=kind, old=old, new=new)
            verb = "Merged" if done.merged else "Renamed"
            flash(f"{verb} '{old}' into '{done.name}' ({done.moved} {kind}{'' if done.moved == 1 else 's'}).")
            reset_form(FORM)
            forget_choices()
            st.rerun()


def render_category_admin(owner: Owner) -> None:
    """Rename or merge the owner's categories of expenses or incomes across every entry."""
    st.subheader("Categories")
    show_flashes()
    kind = st.segmented_control("Categories of", kinds.ENTRY_KINDS, format_func=lambda k: kinds.of(k).heading,
                                default="expense", required=True, key=KIND_KEY)
    usage = categories.category_usage(database(), owner_id=owner.id, kind=kind)
    if not usage:
        st.info(f"No {kind}s yet, so no categories to tidy. They appear here once the ledger has entries.")
        return
    st.dataframe(pd.DataFrame(usage, columns=["Category", "Entries"]), hide_index=True, width="content")
    st.caption("Renaming changes every entry in that category. Renaming onto an existing name merges the two.")
    _rename_form(owner, kind, usage)
