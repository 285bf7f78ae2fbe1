"""Forms that start empty again after a successful save: the widget keys carry a version number."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import streamlit as st

from fintrack.ui.errors import show_errors
from fintrack.ui.flash import flash


def form_version(name: str) -> int:
    """The current version of form `name`; part of its widget keys."""
    return st.session_state.setdefault(f"form_version_{name}", 0)


def reset_form(name: str) -> None:
    """Give form `name` fresh, empty widgets on the next run."""
    st.session_state[f"form_version_{name}"] = form_version(name) + 1


def add_form(name: str, *, fields: Callable[[str], dict[str, Any]], submit_label: str,
                    save: Callable[[dict[str, Any]], str]) -> None:
    """An 'add' form: `fields(key)` draws its widgets and returns their values; on submit `save(values)`
    writes through a service and returns what to tell the owner. On success the form starts empty again and
    the message is flashed; a refusal is shown and what was typed stays."""
    key = f"{name}_{form_version(name)}"
    with st.form(key):
        values = fields(key)
        submitted = st.form_submit_button(submit_label, type="primary")
    if submitted:
        with show_errors():
            message = save(values)
            reset_form(name)
            flash(message)
            st.rerun()


def confirm_delete(pending_key: str, *, buttons: str, item_id: int, question: str, delete: Callable[[], str],
                   after: Callable[[], None]) -> None:
    """The 'Yes, delete it' / 'Cancel' box under the row whose id `pending_key` in session state holds:
    `question` is plain text (owner text escaped by the caller), `delete()` deletes through a service and
    returns what to tell the owner, `after()` ends the write (and reruns). Buttons are keyed `{buttons}_yes`
    and `{buttons}_no`; a refusal is shown and nothing changes."""
    if st.session_state.get(pending_key) != item_id:
        return
    with st.container(border=True):
        st.warning(question, icon=":material/delete:")
        yes, no, _ = st.columns([1, 1, 4])
        if yes.button("Yes, delete it", type="primary", key=f"{buttons}_yes"):
            with show_errors():
                flash(delete())
                after()
        if no.button("Cancel", key=f"{buttons}_no"):
            st.session_state.pop(pending_key, None)
            st.rerun()
