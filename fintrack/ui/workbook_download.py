"""Build a workbook only when the owner asks, then offer it for download in that same run only.

A prepared workbook is a snapshot of the books, so it is never kept for later: the bytes live in the run
that built them and the next run (any click, a period or filter change, a write on this screen, a visit to
another screen and back) shows 'Prepare Excel workbook' again. That is the one rule that cannot go stale:
the books change in many places (the ledger, the assets, imports, the assistant, another browser tab or
another replica), and no cheap database "version" sees an edit, since entries carry no updated-at column.
Session state keeps no workbook bytes either, so a large one is not held for the rest of the session.
"""

from __future__ import annotations

from collections.abc import Callable

import streamlit as st

from fintrack.filters import EntryFilter
from fintrack.services import exports
from fintrack.services.accounts import Owner
from fintrack.services.export_progress import Progress
from fintrack.services.exports import XLSX_MIME
from fintrack.ui.errors import show_errors
from fintrack.ui.resources import database

_BUILDING = "Building the workbook… large books take a few seconds."


def render_workbook_download(*, key: str, build: Callable[[Progress], tuple[str, bytes]],
                             label: str = "Prepare Excel workbook") -> None:
    """A 'Prepare Excel workbook' button; when pressed, builds the file under a progress bar (`build` gets
    the callback that moves it) and offers it."""
    slot = st.empty()
    if not slot.button(label, key=f"{key}_prepare", icon=":material/table_view:"):
        return
    bar = slot.progress(0.0, text=_BUILDING)
    with show_errors():
        name, data = build(lambda fraction: bar.progress(fraction, text=_BUILDING))
        slot.download_button(f"Download {name}", data=data, file_name=name, mime=XLSX_MIME,
                             key=f"{key}_download", icon=":material/download:", type="primary",
                             on_click="ignore")


def render_ledger_workbook_download(owner: Owner, filters: EntryFilter) -> None:
    """The Excel workbook of the ledger's filtered view, built when the owner asks for it."""
    render_workbook_download(
        key=f"ledger_{filters.kind}",
        build=lambda progress: exports.ledger_workbook(database(), owner_id=owner.id, filters=filters,
                                                       progress=progress))
