"""One-shot success messages that survive the `st.rerun()` after a write."""

from __future__ import annotations

import streamlit as st

from fintrack.ui.text import plain

FLASH_KEY = "flash_messages"


def flash(message: str) -> None:
    """Queue `message` (text, not markdown: it is shown as typed) to be shown once on the next run."""
    st.session_state.setdefault(FLASH_KEY, []).append(message)


def show_flashes() -> None:
    """Show and forget the queued messages."""
    for message in st.session_state.pop(FLASH_KEY, []):
        st.success(plain(message), icon=":material/check_circle:")
