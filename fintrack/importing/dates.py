"""Statement dates: ISO, day-first, month-first, two-digit years, date-times and month names.

The order of day and month cannot be read from one value like 03/04/2024; it is detected from the whole
column, and when every value fits both orders the detection says so, so the screen asks the owner.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from functools import lru_cache
from typing import Literal

DateOrder = Literal["YMD", "DMY", "MDY"]
DATE_ORDERS: tuple[DateOrder, ...] = ("DMY", "MDY", "YMD")
ORDER_LABELS = {"DMY": "day first (31/12/2024)", "MDY": "month first (12/31/2024)",
                "YMD": "year first (2024-12-31)"}

_NUMERIC = re.compile(r"^(\d{1,4})[./\-](\d{1,2})[./\-](\d{1,4})(?:[ T,]\s*\S.*)?$")
_COMPACT = re.compile(r"^(\d{4})(\d{2})(\d{2})$")
_NAMED_FORMATS = ("%d %b %Y", "%d-%b-%Y", "%d-%b-%y", "%d %b %y", "%b %d, %Y", "%b %d %Y", "%d %B %Y",
                  "%B %d, %Y", "%B %d %Y", "%d. %B %Y", "%d.%b.%Y")
TWO_DIGIT_YEAR_PIVOT = 70  # 69 -> 2069, 70 -> 1970, as strptime's %y does


class DateError(ValueError):
    """A text that is not a date in the chosen order; the message says what was found."""


@dataclass(frozen=True)
class DateDetection:
    """The order that reads the column, and whether day-first and month-first both read every value."""

    order: DateOrder
    ambiguous: bool


@lru_cache(maxsize=4096)
def parse_date(text: str, order: DateOrder) -> dt.date:
    """Read `text` as a date; numeric day/month values are read in `order` (year-first is always known)."""
    value = text.strip()
    parts = _numeric_parts(value)
    if parts is not None:
        return _from_parts(parts, order, value)
    for fmt in _NAMED_FORMATS:
        try:
            return dt.datetime.strptime(value, fmt).date()
        except ValueError:
            continue
    raise DateError(f"'{text}' is not a date" if value else "the date is missing")


def _numeric_parts(value: str) -> tuple[str, str, str] | None:
    match = _NUMERIC.match(value) or _COMPACT.match(value)
    return match.groups() if match else None


def _from_parts(parts: tuple[str, str, str], order: DateOrder, original: str) -> dt.date:
    first, second, third = parts
    if len(first) == 4:
        year, month, day = first, second, third
    elif order == "MDY":
        month, day, year = first, second, third
    elif order == "DMY":
        day, month, year = first, second, third
    else:
        raise DateError(f"'{original}' does not start with the year")
    try:
        return dt.date(_full_year(year, original), int(month), int(day))
    except ValueError:
        raise DateError(f"'{original}' is not a real date when read {ORDER_LABELS[order]}") from None


def _full_year(year: str, original: str) -> int:
    if len(year) == 4:
        return int(year)
    if len(year) == 2:
        short = int(year)
        return 2000 + short if short < TWO_DIGIT_YEAR_PIVOT else 1900 + short
    raise DateError(f"'{original}' has no readable year")


def detect_order(values: list[str], *, prefer: DateOrder = "DMY") -> DateDetection:
    """The order that reads the most values; `ambiguous` when day-first and month-first both read every
    value and give different dates for some (10.10.2017 is the same date either way).

    Columns with only year-first or month-name dates are not ambiguous. `prefer` breaks ties.
    """
    distinct = dict.fromkeys(value.strip() for value in values)  # statements repeat dates a lot
    day_month = [value for value in distinct
                 if (parts := _numeric_parts(value)) is not None and len(parts[0]) != 4]
    if not day_month:
        return DateDetection("YMD", ambiguous=False)
    fits = {order: sum(_reads(value, order) for value in day_month) for order in ("DMY", "MDY")}
    other: DateOrder = "MDY" if prefer == "DMY" else "DMY"
    if fits[prefer] != fits[other]:
        return DateDetection(prefer if fits[prefer] > fits[other] else other, ambiguous=False)
    differ = fits[prefer] == len(day_month) and any(
        parse_date(value, "DMY") != parse_date(value, "MDY") for value in day_month)
    return DateDetection(prefer, ambiguous=differ)


def _reads(value: str, order: DateOrder) -> bool:
    try:
        parse_date(value, order)
    except DateError:
        return False
    return True


def looks_like_date(value: str) -> bool:
    """Whether `value` reads as a date in some order (used to recognise a date column by its content)."""
    return any(_reads(value, order) for order in ("DMY", "MDY"))
