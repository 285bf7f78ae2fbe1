"""Import: a bank or card statement (CSV or XLSX) into the ledger, after a preview, all rows or none."""

import streamlit as st

from fintrack.ui.errors import show_errors
from fintrack.ui.flash import show_flashes
from fintrack.ui.import_review import render_balance_check, render_confirm, render_result, render_review, render_totals
from fintrack.ui.import_settings import (
    account_choice,
    cached_preview,
    describe_mapping,
    forget_upload,
    mapping_widgets,
    read_options,
    statement_upload,
)
from fintrack.ui.session import require_owner
from fintrack.ui.text import plain
from fintrack.ui.transfer_views import render_imported_candidates

owner = require_owner()
st.title("Import")
st.caption("Bring in a statement from your bank, card or payment provider. Money out becomes expenses, "
           "money in becomes incomes; nothing is written until you confirm.")
show_flashes()
render_result(owner)
render_imported_candidates(owner)
upload = statement_upload()
if upload is None:
    st.info("Upload a CSV or Excel (.xlsx) export of your account to see a preview.", icon=":material/upload_file:")
    st.stop()

detected = base = preview = None
with show_errors():
    detected = cached_preview(owner, upload)
if detected is None:
    st.stop()

with st.expander("How the file is read", expanded=False, icon=":material/search:"):
    encoding, delimiter = read_options(detected, upload)
with show_errors():
    base = cached_preview(owner, upload, encoding=encoding, delimiter=delimiter)
if base is None:
    st.stop()

if base.mapping_source == "remembered":
    st.success(f"Recognised layout: {plain(describe_mapping(base))} — check the preview and import with one click.",
               icon=":material/psychology:")
layout_key = f"import_{upload.digest}_{base.signature[:12]}"
account_id = account_choice(owner, base, layout_key)
with st.expander("Columns", expanded=base.mapping_source == "guessed" or bool(base.mapping_problems),
                 icon=":material/view_column:"):
    mapping, explicit, dates_answered = mapping_widgets(base, layout_key)
with show_errors():
    preview = cached_preview(owner, upload, encoding=encoding, delimiter=delimiter,
                             mapping=mapping if explicit else None, date_order_confirmed=explicit and dates_answered,
                             account_id=account_id)
if preview is None:
    st.stop()

render_balance_check(owner, preview)
choices = render_review(owner, preview, layout_key)
totals = render_totals(owner, preview, choices)
if render_confirm(owner, preview, choices, totals):
    forget_upload()
    st.rerun()
