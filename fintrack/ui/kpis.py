"""KPI cards: income, expenses, net profit and margin, each with its change against the previous period."""

from __future__ import annotations

from decimal import Decimal

import streamlit as st

from fintrack.display import Formats
from fintrack.services.reports import Summary


def _trend(change: Decimal, *, rise_is_good: bool = True) -> dict[str, str]:
    """The card's arrow and colour from the number itself: Streamlit reads a fall only from a leading '-', and
    many locales write theirs otherwise ('−12,50 €' in sv_SE, a direction mark first in he_IL), which it would
    show as a rise."""
    if change == 0:
        return {"delta_arrow": "off", "delta_color": "gray"}
    good = (change > 0) == rise_is_good
    return {"delta_arrow": "up" if change > 0 else "down", "delta_color": "green" if good else "red"}


def _money_change(current: Decimal, previous: Decimal, formats: Formats, *, rise_is_good: bool = True
                  ) -> dict[str, str]:
    change = formats.rounded(current - previous)
    return {"delta": formats.signed_money(change), **_trend(change, rise_is_good=rise_is_good)}


def _percent(margin: Decimal | None, formats: Formats) -> str:
    return "—" if margin is None else formats.percent(margin)


def _margin_change(current: Decimal | None, previous: Decimal | None, formats: Formats) -> dict[str, str]:
    if current is None or previous is None:
        return {}
    change = formats.rounded((current - previous) * 100, 1)
    return {"delta": formats.points(change), **_trend(change)}


def render_kpis(summary: Summary, formats: Formats) -> None:
    """Four metric cards; the deltas compare with `summary.previous_period`."""
    now, before = summary.current, summary.previous
    compared = f"Compared with {summary.previous_period.described(formats)}"
    # Two by two: four cards in a row cut off amounts of six figures and more.
    income, expenses = st.columns(2)
    net, margin = st.columns(2)
    income.metric("Income", formats.money(now.income), border=True, help=compared,
                  **_money_change(now.income, before.income, formats))
    expenses.metric("Expenses", formats.money(now.expenses), border=True, help=compared,
                    **_money_change(now.expenses, before.expenses, formats, rise_is_good=False))
    net.metric("Net profit", formats.money(now.net), border=True, help=compared,
               **_money_change(now.net, before.net, formats))
    margin.metric("Margin", _percent(now.margin, formats), border=True, help=compared,
                  **_margin_change(now.margin, before.margin, formats))
