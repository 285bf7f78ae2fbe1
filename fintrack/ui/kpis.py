"""KPI cards: income, expenses, net profit and margin, each with its change against the previous period."""

from __future__ import annotations

from decimal import Decimal

import streamlit as st

from fintrack.money import format_money
from fintrack.services.reports import Summary


def _money_delta(current: Decimal, previous: Decimal, currency_code: str) -> str:
    change = current - previous
    return ("+" if change >= 0 else "") + format_money(change, currency_code)


def _percent(margin: Decimal | None) -> str:
    return "—" if margin is None else f"{margin * 100:.1f}%"


def _margin_delta(current: Decimal | None, previous: Decimal | None) -> str | None:
    if current is None or previous is None:
        return None
    points = (current - previous) * 100
    return f"{'+' if points >= 0 else ''}{points:.1f} pts"


def render_kpis(summary: Summary, currency_code: str) -> None:
    """Four metric cards; the deltas compare with `summary.previous_period`."""
    now, before = summary.current, summary.previous
    compared = f"Compared with {summary.previous_period.label} ({summary.previous_period.date_range})"
    # Two by two: four cards in a row cut off amounts of six figures and more.
    income, expenses = st.columns(2)
    net, margin = st.columns(2)
    income.metric("Income", format_money(now.income, currency_code), border=True, help=compared,
                  delta=_money_delta(now.income, before.income, currency_code))
    expenses.metric("Expenses", format_money(now.expenses, currency_code), border=True, help=compared,
                    delta=_money_delta(now.expenses, before.expenses, currency_code), delta_color="inverse")
    net.metric("Net profit", format_money(now.net, currency_code), border=True, help=compared,
               delta=_money_delta(now.net, before.net, currency_code))
    margin.metric("Margin", _percent(now.margin), border=True, help=compared,
                  delta=_margin_delta(now.margin, before.margin))
