"""Build a workbook only when the owner asks, then offer it for download.

The bytes are kept in session state next to a `signature` of what they were built from (the period or
the filters), so changing the view drops a stale workbook instead of offering it.
"""

from __future__ import annotations

from collections.abc import Callable

import streamlit as st

from fintrack.filters import EntryFilter
from fintrack.services import exports
from fintrack.services.accounts import Owner
from fintrack.services.exports import XLSX_MIME
from fintrack.ui.errors import show_errors
from fintrack.ui.resources import database


def _state_key(key: str) -> str:
    return f"{key}_workbook"


def render_workbook_download(*, key: str, signature: str, build: Callable[[], tuple[str, bytes]],
                             label: str = "Prepare Excel workbook") -> None:
    """A 'Prepare Excel workbook' button; once built (with a spinner), a download button for the file."""
    prepared = st.session_state.get(_state_key(key))
    if prepared and prepared["signature"] != signature:
        prepared = None
        del st.session_state[_state_key(key)]
    if prepared is None:
        if not st.button(label, key=f"{key}_prepare", icon=":material/table_view:"):
            return
        with st.spinner("Building the workbook… large books take a few seconds."), show_errors():
            name, data = build()
            prepared = {"signature": signature, "name": name, "data": data}
            st.session_state[_state_key(key)] = prepared
    if prepared:
        st.download_button(f"Download {prepared['name']}", data=prepared["data"], file_name=prepared["name"],
                           mime=XLSX_MIME, key=f"{key}_download", icon=":material/download:", type="primary",
                           on_click="ignore")


def render_ledger_workbook_download(owner: Owner, filters: EntryFilter) -> None:
    """The Excel workbook of the ledger's filtered view, built when the owner asks for it."""
    render_workbook_download(
        key=f"ledger_{filters.kind}", signature=repr(filters),
        build=lambda: exports.ledger_workbook(database(), owner_id=owner.id, filters=filters))
