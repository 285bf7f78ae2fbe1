"""Forms that start empty again after a successful save: the widget keys carry a version number."""

from __future__ import annotations

import streamlit as st


def form_version(name: str) -> int:
    """The current version of form `name`; part of its widget keys."""
    return st.session_state.setdefault(f"form_version_{name}", 0)


def reset_form(name: str) -> None:
    """Give form `name` fresh, empty widgets on the next run."""
    st.session_state[f"form_version_{name}"] = form_version(name) + 1
