"""The dashboard's sections: the empty state for new owners and the chart grid for a summary."""

from __future__ import annotations

from collections.abc import Callable

import pandas as pd
import plotly.graph_objects as go
import streamlit as st
from streamlit.delta_generator import DeltaGenerator

from fintrack import charts
from fintrack.display import Formats
from fintrack.services.reports import Summary

CHART_CONFIG = {"displayModeBar": False}


def render_empty_books() -> None:
    """What a new owner sees instead of empty charts: where to start."""
    st.info("Your books are empty, so there is nothing to chart yet. Add your first expense or income, or "
            "import a bank statement, and this dashboard fills in.", icon=":material/potted_plant:")
    st.page_link("pages/ledger.py", label="Add entries in the Ledger", icon=":material/receipt_long:")
    st.page_link("pages/import.py", label="Import a bank statement", icon=":material/upload_file:")
    # No 'Try the demo' here: it signs the browser in as the demo business, which would end this owner's
    # session without a word. The demo is offered to visitors, on the sign-in screen.


def _chart(figure: go.Figure, key: str) -> None:
    st.plotly_chart(figure, width="stretch", config=CHART_CONFIG, key=key)


def _ranking_or_note(column: DeltaGenerator, frame: pd.DataFrame, figure_of: Callable[[], go.Figure],
                     note: str, key: str) -> None:
    """The chart in `column`, or a short note when there is nothing to draw."""
    with column:
        if frame.empty:
            st.caption(note)
        else:
            _chart(figure_of(), key)


def render_charts(summary: Summary, formats: Formats) -> None:
    """Monthly bars with the net line, categories, cumulative net, top vendors and clients, assets."""
    _chart(charts.monthly_income_expenses(summary.monthly, formats), "chart_monthly")
    left, right = st.columns(2)
    _ranking_or_note(left, summary.expenses_by_category,
                     lambda: charts.category_donut(summary.expenses_by_category, formats),
                     "No expenses in this period.", "chart_expense_categories")
    with right:
        _chart(charts.cumulative_net(summary.monthly, formats), "chart_cumulative")
    left, right = st.columns(2)
    _ranking_or_note(left, summary.top_vendors, lambda: charts.top_vendors(summary.top_vendors, formats),
                     "No vendors named in this period.", "chart_top_vendors")
    _ranking_or_note(right, summary.top_clients, lambda: charts.top_clients(summary.top_clients, formats),
                     "No clients named in this period.", "chart_top_clients")
    left, right = st.columns(2)
    _ranking_or_note(left, summary.income_by_category,
                     lambda: charts.category_donut(summary.income_by_category, formats,
                                                   title="Income by category"),
                     "No income in this period.", "chart_income_categories")
    with right:
        if summary.assets_by_type.empty:
            st.caption("No assets recorded by the end of this period. Add equipment, vehicles or furniture "
                       "on the Assets screen.")
        else:
            _chart(charts.assets_by_type(summary.assets_by_type, formats), "chart_assets")
            st.caption(f"Assets held at {formats.date(summary.assets_at)}: "
                       f"**{formats.money(summary.assets_total)}**")
