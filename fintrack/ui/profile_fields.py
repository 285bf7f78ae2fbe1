"""The business profile widgets shared by sign-up and Settings: name, fiscal year start, currency, and (in
Settings) the locale whose formats the owner's money, numbers and dates are written in."""

from __future__ import annotations

import calendar
import datetime as dt
from typing import Any

import streamlit as st

from fintrack.display import currency_choices, currency_label, locale_choices, locale_label
from fintrack.errors import ValidationError

DEFAULT_CURRENCY = "USD"
STORED_YEAR = 2000  # only the month and day of fiscal_year_start matter
CHECK_YEAR = 2001  # a common year: a fiscal year cannot start on 29 February


def fiscal_year_start(month: int, day: int) -> dt.date:
    """The stored date for a fiscal year starting on `day` of `month`; an impossible day is refused."""
    last_day = calendar.monthrange(CHECK_YEAR, month)[1]
    if not 1 <= day <= last_day:
        problem = f"{calendar.month_name[month]} has {last_day} days; pick a day from 1 to {last_day}"
        raise ValidationError({"fiscal_year_start": problem})
    return dt.date(STORED_YEAR, month, day)


def profile_fields(prefix: str, *, business_name: str = "", fiscal_start: dt.date | None = None,
                   currency_code: str = DEFAULT_CURRENCY, locale: str | None = None) -> dict[str, Any]:
    """Render the profile widgets (inside a form) and return what they hold, keyed for the schemas.

    With a `locale` (Settings) the formats picker is shown too; a new account gets one derived from its
    currency and the browser's language.

    `fiscal_month` and `fiscal_day` come back raw; `profile_data` turns them into the stored date.
    """
    fiscal_start = fiscal_start or dt.date(STORED_YEAR, 1, 1)
    name = st.text_input("Business name", value=business_name, key=f"{prefix}_business_name",
                         placeholder="e.g. Acme Studio")
    month_column, day_column = st.columns([2, 1])
    month = month_column.selectbox("Fiscal year starts in", range(1, 13), index=fiscal_start.month - 1,
                                   format_func=lambda number: calendar.month_name[number],
                                   key=f"{prefix}_fiscal_month")
    day = day_column.number_input("on day", min_value=1, max_value=31, value=fiscal_start.day, step=1,
                                  key=f"{prefix}_fiscal_day")
    codes = currency_choices()
    codes = codes if currency_code in codes else [currency_code, *codes]  # one no longer in circulation
    currency = st.selectbox("Currency", codes, index=codes.index(currency_code) if currency_code in codes else 0,
                            format_func=currency_label, key=f"{prefix}_currency",
                            help="The currency your books are kept in (ISO 4217).")
    fields = {"business_name": name, "fiscal_month": month, "fiscal_day": int(day), "currency_code": currency}
    if locale is not None:
        fields["locale"] = locale_field(prefix, locale)
    return fields


def locale_field(prefix: str, locale: str) -> str:
    """The owner's locale: how money, numbers and dates are written on every screen, chart and export."""
    names = locale_choices()
    names = names if locale in names else [locale, *names]
    return st.selectbox("Formats (language and country)", names, index=names.index(locale), format_func=locale_label,
                        key=f"{prefix}_locale", help="How amounts, numbers and dates are written for you: "
                        "screens, charts, the workbook, the CSV and the assistant. Type to search, e.g. German.")


def profile_data(fields: dict[str, Any]) -> dict[str, Any]:
    """What `profile_fields` returned, shaped for `ProfileInput` / `SignUpInput`."""
    data = {key: value for key, value in fields.items() if key not in {"fiscal_month", "fiscal_day"}}
    data["fiscal_year_start"] = fiscal_year_start(fields["fiscal_month"], fields["fiscal_day"])
    return data
