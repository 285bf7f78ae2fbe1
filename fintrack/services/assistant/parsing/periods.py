"""Periods in a question, as keys the books service turns into dates with the owner's fiscal year.

Keys: `this_month`, `last_quarter`, `this_year` (= this fiscal year), `month:2026-03`, `week:2026-03-16` (a
Monday), `day:2026-03-17`, `quarter:1` (of this fiscal year), `quarter:2025-1` (Q1 FY2025), `fiscal:2025`,
`calendar:2025`, `last_12_months`, `today`, `all_time`. A period word the parser does not know is refused,
never answered for another period.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable

from fintrack.services.assistant.parsing.dates import MONTH_WORDS, MONTHS, WEEKDAY_WORDS, year_words
from fintrack.services.assistant.parsing.text import cut

# The words as owners shorten them too: 'last yr', 'this mth', 'last qtr', 'lst month', 'mtd'.
_YEAR, _QUARTER, _MONTH, _LAST = r"(?:year|yr)", r"(?:quarter|qtr)", r"(?:month|mth)", r"(?:last|lst)"
_PERIODS: tuple[tuple[str, str], ...] = (
    (rf"this (?:fiscal |financial )?{_YEAR}|so far this year|year to date|ytd", "this_year"),
    (rf"{_LAST} (?:fiscal |financial )?{_YEAR}|previous year", "last_year"),
    (rf"this {_QUARTER}|current quarter", "this_quarter"),
    (rf"{_LAST} {_QUARTER}|previous quarter", "last_quarter"),
    (rf"this {_MONTH}|current month|month to date|mtd", "this_month"),
    (rf"{_LAST} {_MONTH}|previous month", "last_month"),
    (r"last 12 months|past 12 months|past year|last twelve months", "last_12_months"),
    (r"today", "today"),
    (r"all time|ever|in total|overall", "all_time"),
)
# Months written alone ('fuel november', 'fuel nov'); not 'may', nor 'jan' and 'mar', which name people too.
_LONE_MONTHS = "|".join(sorted((name for name in MONTHS if name not in ("may", "jan", "mar")), key=len, reverse=True))
UNKNOWN_PERIOD = ("I did not understand the period in that question. I know: this or last week, month, quarter "
                  "or year; yesterday; Q1 to Q4 (of this fiscal year, or Q1 2025); FY2025; a month (in March, "
                  "March 2025); a year (2025); year to date; last 12 months; all time.")
PERIOD_WORDS = re.compile(rf"\b(?:weeks?|weekends?|fortnight|months?|quarters?|years?|days?|tomorrow|tonight|"
                          rf"since|until|till|between|next|last|past|previous|h[12]|fy\d*|q\d|{WEEKDAY_WORDS})\b",
                          re.I)


def _month_key(name: str, year: str | None, today: dt.date) -> str:
    """'month:2025-12' for December asked in March 2026 (the latest one not after today)."""
    number = MONTHS[name.lower()]
    found = int(year) if year else today.year - (1 if number > today.month else 0)
    return f"month:{found:04d}-{number:02d}"


def _period_readers(today: dt.date) -> tuple[tuple[str, Callable[[re.Match], str]], ...]:
    """(pattern, key of what it matched) for the periods written with dates or numbers."""
    monday = today - dt.timedelta(days=today.weekday())
    years = year_words(today.year)  # 'rent december 1250' pays December's rent: 1250 is no year
    return (
        (r"this (?:week|wk)|current week", lambda m: f"week:{monday.isoformat()}"),
        (rf"{_LAST} (?:week|wk)|previous week", lambda m: f"week:{(monday - dt.timedelta(days=7)).isoformat()}"),
        (r"yesterday", lambda m: f"day:{(today - dt.timedelta(days=1)).isoformat()}"),
        (rf"q([1-4])(?:\s+(?:of\s+)?(?:fy\s?)?({years}))?", lambda m: f"quarter:{m[2]}-{m[1]}" if m[2]
         else f"quarter:{m[1]}"),
        (r"fy\s?(\d{4})", lambda m: f"fiscal:{m[1]}"),
        (rf"(?:in|for|during|of)\s+({MONTH_WORDS})(?:\s+({years}))?", lambda m: _month_key(m[1], m[2], today)),
        (rf"({_LONE_MONTHS})(?:\s+({years}))?", lambda m: _month_key(m[1], m[2], today)),
        (r"(?:in|for|during|of)\s+(\d{4})", lambda m: f"calendar:{m[1]}"),
        (r"((?:19|20)\d{2})", lambda m: f"calendar:{m[1]}"),
    )


def extract_period(text: str, today: dt.date) -> tuple[str | None, str]:
    """(period key, text without the period words)."""
    readers = [(pattern, lambda m, key=key: key) for pattern, key in _PERIODS] + list(_period_readers(today))
    for pattern, read in readers:
        match = re.search(rf"\b(?:{pattern})\b", text, re.I)
        if match:
            return read(match), cut(text, match)
    return None, text


def is_bare_year(text: str, period: str | None) -> bool:
    """'tax 2025': the only number is a year written alone, which may as well be an amount."""
    return bool(period and period.startswith("calendar:")) and re.search(
        r"\b(?:in|for|during|of)\s+\d{4}\b", text, re.I) is None
