"""Dashboard: the business at a glance for a period, and the Excel workbook for the accountant."""

import streamlit as st

from fintrack.services import exports, reports
from fintrack.ui.balance_views import render_cash
from fintrack.ui.dashboard_sections import render_charts, render_empty_books
from fintrack.ui.kpis import render_kpis
from fintrack.ui.period_picker import period_caption, render_period_picker
from fintrack.ui.resources import database
from fintrack.ui.session import require_owner
from fintrack.ui.workbook_download import render_workbook_download

owner = require_owner()
db = database()
st.title("Dashboard")
if not reports.has_books(db, owner_id=owner.id):
    render_empty_books()
    st.stop()

picker, download = st.columns([2, 1], vertical_alignment="bottom")
with picker:
    period = render_period_picker(owner, key="dashboard_period")
summary = reports.summary(db, owner_id=owner.id, period=period)  # up to today while the period runs
st.caption(period_caption(summary.period, summary.previous_period, owner.formats))
with download:
    render_workbook_download(
        key="dashboard",
        build=lambda progress: exports.dashboard_workbook(db, owner_id=owner.id, period=period, progress=progress))
render_kpis(summary, owner.formats)
if summary.is_empty:
    st.info(f"No entries in {summary.period.title(owner.formats)}. Pick another period above, or add entries in "
            "the Ledger.", icon=":material/event_busy:")
render_charts(summary, owner.formats)
render_cash(owner, summary.assets_at)
