"""The period picker: the presets of `fintrack.periods` plus a custom range; this fiscal year by default."""

from __future__ import annotations

import datetime as dt

import streamlit as st

from fintrack import clock, periods
from fintrack.display import Formats
from fintrack.periods import Period
from fintrack.services.accounts import Owner

CUSTOM = "Custom range"
EARLIER_YEAR = "Earlier fiscal year"
EARLIER_YEARS = 10
CHOICES = ("This fiscal year", "Last fiscal year", "Year to date", "Last 12 months", "This quarter",
           "Last quarter", "This month", "Last month", EARLIER_YEAR, CUSTOM)


def render_period_picker(owner: Owner, *, key: str, today: dt.date | None = None) -> Period:
    """Draw the picker (widget keys start with `key`) and return the chosen period."""
    today = today or clock.today()
    choice = st.selectbox("Period", CHOICES, index=0, key=f"{key}_choice")
    if choice == EARLIER_YEAR:
        return _earlier_year(owner, key=key, today=today)
    if choice == CUSTOM:
        return _custom_range(key=key, today=today, date_format=owner.formats.picker_date_format())
    return periods.presets(today, owner.fiscal_year_start)[choice]


def period_caption(period: Period, previous: Period, formats: Formats) -> str:
    """The line under the picker: the period's dates and the span its changes compare with (a period still
    running ends today, and so does the span before it), written as the owner writes dates. A custom period's
    name is its date range already, so it is named once."""
    dates = "" if period.named_by_dates else f": {period.date_range(formats)}"
    return f"**{period.title(formats)}**{dates}. Changes compare with {previous.described(formats)}."


def _custom_range(*, key: str, today: dt.date, date_format: str) -> Period:
    """From and to dates (in the owner's order); while only the first is picked, the range is that one day."""
    picked = st.date_input("From – to", value=(today.replace(day=1), today), format=date_format,
                           key=f"{key}_range")
    chosen = tuple(picked) if isinstance(picked, tuple | list) else (picked,)
    start = chosen[0] if chosen else today
    return periods.custom(start, chosen[1] if len(chosen) > 1 else start)


def _earlier_year(owner: Owner, *, key: str, today: dt.date) -> Period:
    """One of the fiscal years before last year (the accountant often asks for an older one)."""
    current = periods.fiscal_year_number(today, owner.fiscal_year_start)
    number = st.selectbox("Fiscal year", range(current - 2, current - 2 - EARLIER_YEARS, -1),
                          format_func=lambda year: f"FY{year}", key=f"{key}_year")
    return periods.fiscal_year(number, owner.fiscal_year_start)
