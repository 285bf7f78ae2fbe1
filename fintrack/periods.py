"""Reporting periods: fiscal years and quarters, months, year to date, last 12 months and custom ranges.

Rules, written down once:

- **Fiscal year start.** The owner's `fiscal_year_start` is a date; only its month and day count. A fiscal
  year begins on that month/day and ends the day before the next one begins.
- **Days a month does not have roll over to the 1st of the next month.** A fiscal year starting on
  29 February begins on 29 February in leap years and on 1 March in other years (so it ends on 28 or 29
  February). The same rule places quarter starts: a year starting on 31 August has quarters starting
  31 August, 1 December (30 November + 1), 1 March and 31 May.
- **Naming.** A fiscal year is named by the calendar year it ends in, as accountants do: with a 1 April
  start, FY2026 runs 1 April 2025 to 31 March 2026. With a 1 January start the fiscal year is the calendar
  year, so FY2026 is 1 January to 31 December 2026.
- **Quarters.** Q1 starts on the fiscal year start, Q2 three months later, and so on (same roll-over rule).
- **Months** are calendar months. **Year to date** runs from the start of the current fiscal year to
  today. **Last 12 months** are the twelve complete calendar months before the current one (trailing twelve
  months, as accountants report them: on 1 December it is 1 December a year ago to 30 November, never a
  month and a day short); the current month so far is in "This month" and "Year to date".
- **Previous (comparable) period.** Fiscal year -> the previous fiscal year; quarter -> the previous
  quarter; month -> the previous month; year to date -> the same span one year earlier (from the previous
  fiscal year's start to the same day a year ago); last 12 months -> the 12 complete months before them;
  custom -> a range of the same number of days ending the day before it starts.
  A 29 February moved back a year becomes 28 February.
- **Like for like.** A month, quarter or fiscal year that is still running is reported up to today
  (`so_far(today)`), and compared with the same span of the period before: on 5 December, this fiscal year
  from 6 April is 6 April – 5 December, compared with 6 April – 5 December a year earlier, never with the
  whole previous year. The end moves back a year, a quarter or a month (31 March -> 28 February).

All dates are inclusive. Everything here is pure: pass `today` in, never read the clock.

**Names.** A period's `name` is a template of fixed words ("FY2026", "Q1 FY2026", "12 months to {end}") whose
dates are written only when someone reads it: `title(formats)` writes them as the owner does (a German
owner reads "FY2027 to 5. Dez. 2026", a custom range "6. Apr. 2026 – 5. Dez. 2026", a month "Dezember
2026"); `label` writes them in English (en_IE) for file names, the API and tests.
"""

from __future__ import annotations

import calendar
import datetime as dt
import re
import unicodedata
from dataclasses import dataclass, replace
from typing import Literal, Protocol

from fintrack.display import Formats
from fintrack.errors import ValidationError

PeriodKind = Literal["fiscal_year", "quarter", "month", "ytd", "last_12_months", "custom"]
ONE_DAY = dt.timedelta(days=1)
_LENGTH_IN_MONTHS = {"fiscal_year": 12, "ytd": 12, "quarter": 3, "month": 1}
DATES = "{start} – {end}"  # the name of a period named by its dates alone
TO_END = " to {end}"
MONTH = "{month}"


class DateWriter(Protocol):
    """How the dates in a period's name are written; the owner's `display.Formats` is one."""

    def date_with_month(self, day: dt.date) -> str: ...

    def month(self, key: str | dt.date, *, long: bool = False) -> str: ...


ENGLISH: DateWriter = Formats("en_IE", "")  # '5 Dec 2026', 'December 2026': names in files and the API


@dataclass(frozen=True)
class Period:
    """A range of dates, both ends inclusive, with the name an owner reads ("FY2026", "March 2026").

    `name` is a template: `{start}`, `{end}` and `{month}` (the start's month) are written by `title()`.
    `kind` and `fiscal_year_start` let `previous()` find the comparable period; build periods with the
    functions of this module rather than by hand.
    """

    start: dt.date
    end: dt.date
    name: str
    kind: PeriodKind = "custom"
    fiscal_year_start: dt.date | None = None
    to_date: bool = False  # cut short at today, so compared with the same span of the period before

    @property
    def days(self) -> int:
        """Number of days in the period."""
        return (self.end - self.start).days + 1

    @property
    def named_by_dates(self) -> bool:
        """True when the name is the date range itself (a custom period), so it is not written twice."""
        return self.name == DATES

    def title(self, dates: DateWriter) -> str:
        """The name with its dates written by `dates`: 'FY2027 to 5 Dec 2026', 'FY2027 to 5. Dez. 2026'."""
        return self.name.format(start=dates.date_with_month(self.start), end=dates.date_with_month(self.end),
                                month=dates.month(self.start, long=True))

    @property
    def label(self) -> str:
        """The name in English ('FY2027 to 5 Dec 2026', 'March 2026'), for file names, the API and tests;
        what an owner reads is `title(owner.formats)`."""
        return self.title(ENGLISH)

    def date_range(self, dates: DateWriter) -> str:
        """'1 Apr 2025 – 31 Mar 2026' (en_IE), '1. Apr. 2025 – 31. März 2026' (de_DE)."""
        return DATES.format(start=dates.date_with_month(self.start), end=dates.date_with_month(self.end))

    def described(self, dates: DateWriter) -> str:
        """'FY2027 to 5 Dec 2026 (6 Apr 2026 – 5 Dec 2026)': the name and its dates, once when they are the name."""
        title = self.title(dates)
        return title if self.named_by_dates else f"{title} ({self.date_range(dates)})"

    @property
    def slug(self) -> str:
        """A file-name friendly name: 'fy2026', 'q1-fy2026', 'march-2026', '2026-01-01-to-2026-03-15'."""
        if self.kind in ("fiscal_year", "quarter", "month"):
            return slugify(self.label)
        return f"{self.start.isoformat()}-to-{self.end.isoformat()}"

    def contains(self, day: dt.date) -> bool:
        """True when `day` falls inside the period."""
        return self.start <= day <= self.end

    def month_starts(self) -> list[dt.date]:
        """The first day of every calendar month the period touches, in order."""
        months, current = [], self.start.replace(day=1)
        while current <= self.end:
            months.append(current)
            current = _shift_months(current, 1)
        return months

    def month_keys(self) -> list[str]:
        """'YYYY-MM' of every calendar month the period touches (the keys SQL month grouping yields)."""
        return [f"{m.year:04d}-{m.month:02d}" for m in self.month_starts()]

    def so_far(self, today: dt.date) -> Period:
        """The period up to `today` when it is still running (this month, quarter or fiscal year, a custom
        range that ends later), so that its `previous()` is the same span before; otherwise itself."""
        if not self.start <= today < self.end:
            return self
        name = self.name if self.named_by_dates else self.name + TO_END
        return replace(self, end=today, name=name, to_date=True)

    def previous(self) -> Period:
        """The comparable period before this one (see the module docstring for the rules)."""
        if self.kind == "custom":
            return custom(self.start - dt.timedelta(days=self.days), self.start - ONE_DAY)
        before = self._whole_period_before()
        return self._same_span_in(before) if self.kind == "ytd" or self.to_date else before

    def _whole_period_before(self) -> Period:
        if self.kind in ("fiscal_year", "ytd"):
            return fiscal_year_containing(self.start - ONE_DAY, self._fiscal_start())
        if self.kind == "quarter":
            return quarter_containing(self.start - ONE_DAY, self._fiscal_start())
        if self.kind == "month":
            return month_containing(self.start - ONE_DAY)
        return last_12_months(self.start)

    def _same_span_in(self, before: Period) -> Period:
        """The part of `before` as long as this period: its end moved back a year, a quarter or a month."""
        end = min(max(_shift_months(self.end, -_LENGTH_IN_MONTHS[self.kind]), before.start), before.end)
        return replace(before, end=end, name=before.name + TO_END, kind=self.kind, to_date=True)

    def _fiscal_start(self) -> dt.date:
        if self.fiscal_year_start is None:
            raise ValueError(f"a {self.kind} period needs its fiscal_year_start")
        return self.fiscal_year_start


# --- fiscal years and quarters --------------------------------------------------------------------------


def fiscal_year_number(day: dt.date, fiscal_year_start: dt.date) -> int:
    """The fiscal year `day` belongs to, named by the calendar year that fiscal year ends in."""
    number = day.year if _starts_on_new_year(fiscal_year_start) else day.year + 1
    if day < fiscal_year(number, fiscal_year_start).start:
        number -= 1
    return number


def fiscal_year(number: int, fiscal_year_start: dt.date) -> Period:
    """Fiscal year `number` (FY2026 ends in 2026)."""
    start = _fiscal_year_first_day(number, fiscal_year_start)
    end = _fiscal_year_first_day(number + 1, fiscal_year_start) - ONE_DAY
    return Period(start, end, f"FY{number}", "fiscal_year", fiscal_year_start)


def fiscal_year_containing(day: dt.date, fiscal_year_start: dt.date) -> Period:
    """The fiscal year that `day` falls in."""
    return fiscal_year(fiscal_year_number(day, fiscal_year_start), fiscal_year_start)


def fiscal_quarter(number: int, quarter: int, fiscal_year_start: dt.date) -> Period:
    """Quarter 1-4 of fiscal year `number`; Q1 starts on the fiscal year start."""
    if quarter not in (1, 2, 3, 4):
        raise ValueError(f"quarter must be 1 to 4, not {quarter}")
    first_year = number if _starts_on_new_year(fiscal_year_start) else number - 1
    start = _roll_date(first_year, fiscal_year_start.month + 3 * (quarter - 1), fiscal_year_start.day)
    end = _roll_date(first_year, fiscal_year_start.month + 3 * quarter, fiscal_year_start.day) - ONE_DAY
    return Period(start, end, f"Q{quarter} FY{number}", "quarter", fiscal_year_start)


def quarter_containing(day: dt.date, fiscal_year_start: dt.date) -> Period:
    """The fiscal quarter that `day` falls in."""
    number = fiscal_year_number(day, fiscal_year_start)
    for quarter in (1, 2, 3, 4):
        period = fiscal_quarter(number, quarter, fiscal_year_start)
        if period.contains(day):
            return period
    raise AssertionError("the four quarters cover the fiscal year")  # pragma: no cover


def fiscal_quarters(number: int, fiscal_year_start: dt.date) -> list[Period]:
    """The four quarters of fiscal year `number`."""
    return [fiscal_quarter(number, quarter, fiscal_year_start) for quarter in (1, 2, 3, 4)]


# --- months, rolling ranges, custom ---------------------------------------------------------------------


def month(year: int, month_number: int) -> Period:
    """A calendar month."""
    start = dt.date(year, month_number, 1)
    end = start.replace(day=calendar.monthrange(year, month_number)[1])
    return Period(start, end, MONTH, "month")


def month_containing(day: dt.date) -> Period:
    """The calendar month that `day` falls in."""
    return month(day.year, day.month)


def year_to_date(today: dt.date, fiscal_year_start: dt.date) -> Period:
    """From the start of the fiscal year containing `today` up to `today`."""
    fiscal = fiscal_year_containing(today, fiscal_year_start)
    return Period(fiscal.start, today, fiscal.name + TO_END, "ytd", fiscal_year_start)


def last_12_months(today: dt.date) -> Period:
    """The twelve complete calendar months before the month of `today`."""
    this_month = today.replace(day=1)
    end = this_month - ONE_DAY
    return Period(_shift_months(this_month, -12), end, "12 months" + TO_END, "last_12_months")


def custom(start: dt.date, end: dt.date) -> Period:
    """Any range of dates; the end may not be before the start."""
    if end < start:
        raise ValidationError({"end": "must be on or after the start date"})
    return Period(start, end, DATES, "custom")


PRESET_NAMES = (
    "This month", "Last month", "This quarter", "Last quarter",
    "This fiscal year", "Last fiscal year", "Year to date", "Last 12 months",
)


def presets(today: dt.date, fiscal_year_start: dt.date) -> dict[str, Period]:
    """The common periods relative to `today`, keyed by the name a picker shows (see `PRESET_NAMES`)."""
    this_month = month_containing(today)
    this_quarter = quarter_containing(today, fiscal_year_start)
    this_year = fiscal_year_containing(today, fiscal_year_start)
    return {
        "This month": this_month,
        "Last month": this_month.previous(),
        "This quarter": this_quarter,
        "Last quarter": this_quarter.previous(),
        "This fiscal year": this_year,
        "Last fiscal year": this_year.previous(),
        "Year to date": year_to_date(today, fiscal_year_start),
        "Last 12 months": last_12_months(today),
    }


def slugify(text: str) -> str:
    """Lower-case ASCII words joined by '-' ('Acme Studio Ltd.' -> 'acme-studio-ltd'); 'untitled' if empty."""
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    slug = re.sub(r"[^a-z0-9]+", "-", ascii_text.lower()).strip("-")
    return slug or "untitled"


# --- date arithmetic ------------------------------------------------------------------------------------


def _starts_on_new_year(fiscal_year_start: dt.date) -> bool:
    return (fiscal_year_start.month, fiscal_year_start.day) == (1, 1)


def _fiscal_year_first_day(number: int, fiscal_year_start: dt.date) -> dt.date:
    year = number if _starts_on_new_year(fiscal_year_start) else number - 1
    return _roll_date(year, fiscal_year_start.month, fiscal_year_start.day)


def _roll_date(year: int, month_number: int, day: int) -> dt.date:
    """The date year/month/day where months past 12 carry into later years and a missing day rolls over
    to the 1st of the next month (29 February in 2025 -> 1 March 2025)."""
    year, month_index = year + (month_number - 1) // 12, (month_number - 1) % 12 + 1
    last_day = calendar.monthrange(year, month_index)[1]
    if day <= last_day:
        return dt.date(year, month_index, day)
    return dt.date(year, month_index, last_day) + ONE_DAY


def _month_number(day: dt.date) -> int:
    return day.year * 12 + day.month - 1


def _shift_months(day: dt.date, months: int) -> dt.date:
    """The same day `months` months later (earlier when negative); a day that month lacks becomes its last."""
    index = _month_number(day) + months
    year, month_index = index // 12, index % 12 + 1
    return dt.date(year, month_index, min(day.day, calendar.monthrange(year, month_index)[1]))
