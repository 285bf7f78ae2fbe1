"""The ledger's result view: count and total, one page of rows with selection, paging, actions, downloads.

Paging happens in the database by keyset cursors (`fintrack.paging`): session state keeps the cursor of
the page shown and its number, both back to the first page whenever the filters or the page size change.
The table's key changes with the view and after every write, so a selection never points at rows of
another page.
"""

from __future__ import annotations

import zlib
from typing import Any

import pandas as pd
import streamlit as st
from pandas.io.formats.style import Styler

from fintrack import kinds
from fintrack.filters import EntryFilter
from fintrack.periods import slugify
from fintrack.services import ledger, reconcile
from fintrack.services.accounts import Owner
from fintrack.ui.entry_form import render_edit_form
from fintrack.ui.errors import show_errors
from fintrack.ui.flash import flash
from fintrack.ui.ledger_choices import forget_choices
from fintrack.ui.ledger_filters import is_filtered
from fintrack.ui.reconciled import asking_to_reopen, reopen_question
from fintrack.ui.resources import database
from fintrack.ui.workbook_download import render_ledger_workbook_download

PAGE_SIZE_KEY = "ledger_page_size"
VERSION_KEY = "ledger_version"
DELETE_RECONCILED_KEY = "ledger_delete_reconciled"
CONFIRM_DELETE_KEY = "ledger_confirm_delete"
DEFAULT_PAGE_SIZE = 50


def _page_key(kind: str) -> str:
    return f"ledger_page_{kind}"


def _signature(filters: EntryFilter) -> str:
    return f"{zlib.crc32(repr(filters).encode()):08x}"


def _current_position(filters: EntryFilter) -> tuple[str | None, int]:
    """(cursor, page number) to show: the remembered ones, or the first page when the view changed."""
    signature_key = f"ledger_signature_{filters.kind}"
    signature = f"{_signature(filters)}-{st.session_state[PAGE_SIZE_KEY]}"
    if st.session_state.get(signature_key) != signature:
        st.session_state[signature_key] = signature
        st.session_state[_page_key(filters.kind)] = (None, 1)
        st.session_state.pop(CONFIRM_DELETE_KEY, None)  # never confirm a deletion chosen in another view
    return st.session_state.get(_page_key(filters.kind), (None, 1))


def _page_number(result: ledger.EntryPage, remembered: int) -> int:
    """The number of the page shown: 1 and the last are known from the cursors, the rest counted by moves."""
    if result.previous_cursor is None:
        return 1
    if result.next_cursor is None:
        return result.page_count
    return min(max(2, remembered), result.page_count - 1)


def _after_write() -> None:
    forget_choices()
    st.session_state[VERSION_KEY] = st.session_state.get(VERSION_KEY, 0) + 1
    st.session_state.pop(CONFIRM_DELETE_KEY, None)
    st.rerun()


def table_key(filters: EntryFilter, page: int) -> str:
    """The key of the table widget for this view, page and data version."""
    version = st.session_state.get(VERSION_KEY, 0)
    return f"ledger_table_{filters.kind}_{_signature(filters)}_{page}_{version}"


def _summary(owner: Owner, filters: EntryFilter, result: ledger.EntryPage) -> None:
    noun = kinds.of(filters.kind).plural
    scope = "matching" if is_filtered(filters) else "in total"
    with st.container(horizontal=True, vertical_alignment="bottom"):
        st.metric(f"{noun.capitalize()} {scope}", owner.formats.count(result.total_count), width="content")
        st.metric("Total amount", owner.formats.money(result.total_amount), width="content")
        if result.total_count:
            _downloads(owner, filters)


def _display(owner: Owner, filters: EntryFilter, frame: pd.DataFrame) -> Styler:
    """The page as the table shows it. Dates stay dates and amounts numbers, so a click on the column's
    header sorts them as such; the amounts are written in the owner's format by the Styler (the table shows
    a number column's Styler text when its column config has no format of its own)."""
    shown = frame.rename(columns={"id": "#", "date": "Date", "category": "Category",
                                  "party": kinds.of(filters.kind).party_label,
                                  "payment_method": "Payment method", "notes": "Notes"})
    shown["Amount"] = frame["amount"].astype(float)  # to sort by; cents of at most 12 digits survive str()
    shown = shown.fillna("")  # an entry without a vendor, method or notes shows blanks, not 'None'
    columns = ["#", "Date", "Category", kinds.of(filters.kind).party_label, "Payment method", "Amount", "Notes"]
    reconciled = reconcile.ticked_ids(database(), owner_id=owner.id, kind=filters.kind,
                                      entry_ids=[int(entry_id) for entry_id in frame["id"]])
    if reconciled:  # marked, so an edit that reopens a reconciliation is no surprise
        shown["Reconciled"] = ["✓" if int(entry_id) in reconciled else "" for entry_id in frame["id"]]
        columns.append("Reconciled")
    return shown[columns].style.format(owner.formats.money, subset=["Amount"])


def _column_config(owner: Owner) -> dict[str, Any]:
    """Dates in the owner's numeric order ('DD.MM.YYYY' for de_DE, as the date pickers and the workbook write
    them); amounts right-aligned numbers without a format, so the Styler's owner-formatted text shows."""
    return {"Date": st.column_config.DateColumn(format=owner.formats.picker_date_format()),
            "Amount": st.column_config.NumberColumn(alignment="right")}


def _table(owner: Owner, filters: EntryFilter, result: ledger.EntryPage, page: int) -> list[int]:
    """Draw the page of rows; returns the ids of the selected rows."""
    event = st.dataframe(_display(owner, filters, result.frame), key=table_key(filters, page),
                         on_select="rerun", selection_mode="multi-row", hide_index=True, width="stretch",
                         column_config=_column_config(owner))
    rows = [row for row in event.selection.rows if row < len(result.frame)]
    return [int(result.frame.iloc[row]["id"]) for row in rows]


def _go_to(kind: str, cursor: str, page: int) -> None:
    st.session_state[_page_key(kind)] = (cursor, page)


def _pager(filters: EntryFilter, result: ledger.EntryPage, page: int) -> None:
    with st.container(horizontal=True, vertical_alignment="center"):
        st.button("Previous", icon=":material/chevron_left:", disabled=result.previous_cursor is None,
                  on_click=_go_to, args=(filters.kind, result.previous_cursor, page - 1), key="ledger_previous")
        st.markdown(f"Page **{page}** of **{result.page_count}**", width="content")
        st.button("Next", icon=":material/chevron_right:", icon_position="right",
                  disabled=result.next_cursor is None, on_click=_go_to,
                  args=(filters.kind, result.next_cursor, page + 1), key="ledger_next")
        st.selectbox("Rows per page", ledger.PAGE_SIZES, key=PAGE_SIZE_KEY, label_visibility="collapsed",
                     format_func=lambda rows: f"{rows} rows per page", width=180)


def _ask_to_delete(kind: str, entry_ids: list[int]) -> None:
    st.session_state[CONFIRM_DELETE_KEY] = {"kind": kind, "ids": entry_ids}


def _confirm_delete(owner: Owner, kind: str) -> None:
    pending = st.session_state.get(CONFIRM_DELETE_KEY)
    if not pending or pending["kind"] != kind:
        return
    count, noun = len(pending["ids"]), pending["kind"] if len(pending["ids"]) == 1 else pending["kind"] + "s"
    with st.container(border=True):
        st.warning(f"Delete {count} {noun}? This cannot be undone.", icon=":material/delete:")
        yes, no, _ = st.columns([1, 1, 4])
        clicked = yes.button(f"Yes, delete {count}", type="primary", key="ledger_confirm_yes")
        reopen = reopen_question(DELETE_RECONCILED_KEY, "delete")
        if clicked or reopen:
            with show_errors(), asking_to_reopen(DELETE_RECONCILED_KEY):
                deleted = ledger.delete_entries(database(), owner_id=owner.id, kind=pending["kind"],
                                                entry_ids=pending["ids"], reopen_reconciled=reopen)
                flash(f"Deleted {deleted} {noun}.")
                _after_write()
        if no.button("Cancel", key="ledger_confirm_no"):
            st.session_state.pop(CONFIRM_DELETE_KEY, None)
            st.rerun()


def _duplicate(owner: Owner, kind: str, entry_ids: list[int]) -> None:
    with show_errors():
        copies = [ledger.duplicate_entry(database(), owner_id=owner.id, kind=kind, entry_id=entry_id)
                  for entry_id in entry_ids]
        flash("Duplicated as " + ", ".join(f"#{copy.id}" for copy in copies) + ".")
        _after_write()


def _actions(owner: Owner, kind: str, selected: list[int]) -> None:
    if not selected:
        st.caption("Select rows (tick the boxes on the left) to edit, duplicate or delete them.")
        return
    with st.container(horizontal=True, vertical_alignment="center"):
        st.markdown(f"**{len(selected)} selected**", width="content")
        duplicate = st.button("Duplicate selected", icon=":material/content_copy:", key="ledger_duplicate")
        st.button("Delete selected", icon=":material/delete:", key="ledger_delete", on_click=_ask_to_delete,
                  args=(kind, selected))
    if duplicate:
        _duplicate(owner, kind, selected)
    if len(selected) == 1:
        with show_errors():
            entry = ledger.get_entry(database(), owner_id=owner.id, kind=kind, entry_id=selected[0])
            if render_edit_form(owner, entry):
                _after_write()
    else:
        st.caption("Select a single row to edit it.")


def _downloads(owner: Owner, filters: EntryFilter) -> None:
    """The CSV as the owner's spreadsheet opens it (and, where that means semicolons and decimal commas, the
    comma-and-point one other tools expect), then the workbook."""
    name = f"{slugify(owner.business_name)}-{kinds.of(filters.kind).plural}"
    local = owner.formats.writes_decimal_comma
    st.download_button("Download CSV", icon=":material/download:", file_name=f"{name}.csv", mime="text/csv",
                        data=lambda: ledger.export_csv(database(), owner_id=owner.id, filters=filters,
                                                       formats=owner.formats),
                        help="Semicolons between columns and decimal commas (1234,50), as a spreadsheet in your "
                             "language opens it." if local else "Commas between columns, decimal points (1234.50).",
                        on_click="ignore", key="ledger_csv")
    if local:
        st.download_button("CSV with commas", icon=":material/download:", file_name=f"{name}-comma.csv",
                            mime="text/csv", on_click="ignore", key="ledger_csv_comma",
                            data=lambda: ledger.export_csv(database(), owner_id=owner.id, filters=filters),
                            help="Commas between columns and decimal points (1234.50), for other tools.")
    render_ledger_workbook_download(owner, filters)


def _empty_state(filters: EntryFilter) -> None:
    noun = kinds.of(filters.kind).plural
    if is_filtered(filters):
        st.info(f"No {noun} match these filters. Widen the period or clear a filter above.", icon=":material/search:")
    else:
        st.info(f"No {noun} yet. Add your first one with the form above, or import a bank statement "
                "from the Import page.", icon=":material/menu_book:")


def render_view(owner: Owner, filters: EntryFilter) -> None:
    """The count and total of the filtered view, then one page of it with actions and downloads."""
    st.session_state.setdefault(PAGE_SIZE_KEY, DEFAULT_PAGE_SIZE)
    cursor, remembered = _current_position(filters)
    result = ledger.find_entries(database(), owner_id=owner.id, filters=filters, cursor=cursor,
                                 page_size=st.session_state[PAGE_SIZE_KEY])
    page = _page_number(result, remembered)
    st.session_state[_page_key(filters.kind)] = (cursor, page)
    _summary(owner, filters, result)
    if not result.total_count:
        _empty_state(filters)
        return
    _confirm_delete(owner, filters.kind)
    selected = _table(owner, filters, result, page)
    _pager(filters, result, page)
    _actions(owner, filters.kind, selected)
