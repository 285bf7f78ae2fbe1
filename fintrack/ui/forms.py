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
