"""KPI cards: income, expenses, net profit and margin, each with its change against the previous period."""

from __future__ import annotations

from decimal import Decimal

import streamlit as st

from fintrack.display import Formats
from fintrack.services.reports import Summary


def _money_delta(current: Decimal, previous: Decimal, formats: Formats) -> str:
    change = current - previous
    return formats.signed_money(change)


def _percent(margin: Decimal | None, formats: Formats) -> str:
    return "—" if margin is None else formats.percent(margin)


def _margin_delta(current: Decimal | None, previous: Decimal | None, formats: Formats) -> str | None:
    if current is None or previous is None:
        return None
    return formats.points((current - previous) * 100)


def render_kpis(summary: Summary, formats: Formats) -> None:
    """Four metric cards; the deltas compare with `summary.previous_period`."""
    now, before = summary.current, summary.previous
    compared = f"Compared with {summary.previous_period.described(formats)}"
    # Two by two: four cards in a row cut off amounts of six figures and more.
    income, expenses = st.columns(2)
    net, margin = st.columns(2)
    income.metric("Income", formats.money(now.income), border=True, help=compared,
                  delta=_money_delta(now.income, before.income, formats))
    expenses.metric("Expenses", formats.money(now.expenses), border=True, help=compared,
                    delta=_money_delta(now.expenses, before.expenses, formats), delta_color="inverse")
    net.metric("Net profit", formats.money(now.net), border=True, help=compared,
               delta=_money_delta(now.net, before.net, formats))
    margin.metric("Margin", _percent(now.margin, formats), border=True, help=compared,
                  delta=_margin_delta(now.margin, before.margin, formats))
