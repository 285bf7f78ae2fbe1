"""Read-only answers from the owner's books, shared by the model's tools and the offline mode.

Everything goes through the ledger, reports and assets services, so the assistant never disagrees with
the dashboard. Results are JSON-friendly dicts (amounts as strings, dates as ISO text).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import replace
from decimal import Decimal
from typing import Any

from fintrack import periods
from fintrack.db.engine import Database
from fintrack.errors import ValidationError
from fintrack.filters import EntryFilter
from fintrack.money import to_cents
from fintrack.periods import Period
from fintrack.services import assets as assets_service
from fintrack.services import ledger, reports
from fintrack.services.accounts import Owner

SEARCH_LIMIT = 50
ALL_TIME = "all time"


def _preset_key(name: str) -> str:
    """'This fiscal year' -> 'this_year' (an owner's "this year" is the fiscal one), 'Last month' -> 'last_month'."""
    return name.lower().replace("fiscal ", "").replace(" ", "_")


_PRESETS = {_preset_key(name): name for name in periods.PRESET_NAMES}
PERIOD_KEYS = (*_PRESETS, "today", "all_time")


def resolve_period(key: str, *, db: Database, owner: Owner, today: dt.date, date_from: str | None = None,
                   date_to: str | None = None) -> Period:
    """A period key ('this_quarter', 'month:2026-03', 'calendar:2025', 'custom', ...) as dates.

    The offline parser also sends 'week:2026-03-16' (the week from that Monday), 'day:2026-03-17',
    'quarter:1' (Q1 of the current fiscal year), 'quarter:2025-1' (Q1 FY2025) and 'fiscal:2025' (FY2025).

    A period the calendar cannot hold, or whose comparable period before it (which the summary shows)
    it cannot hold, such as the year 0 or 1, is a `ValidationError` rather than a crash.
    """
    try:
        period = _resolve(key, db, owner, today, date_from, date_to)
        period.previous()
    except (ValueError, OverflowError):
        raise ValidationError({"period": f"'{key}' is outside the dates I can work with (years 2 to 9999)"}) from None
    return period


def _resolve(key: str, db: Database, owner: Owner, today: dt.date, date_from: str | None,
             date_to: str | None) -> Period:
    if key in _PRESETS:
        return periods.presets(today, owner.fiscal_year_start)[_PRESETS[key]]
    if key == "today":
        return periods.custom(today, today)
    if key == "all_time":
        return _all_time(db, owner, today)
    prefix, _, value = key.partition(":")
    if value and prefix in _DATED:
        return _DATED[prefix](value, owner, today)
    if key == "custom" and date_from and date_to:
        return periods.custom(_iso(date_from, "date_from"), _iso(date_to, "date_to"))
    raise ValidationError({"period": f"unknown period '{key}' (custom needs date_from and date_to)"})


def _month(value: str, owner: Owner, today: dt.date) -> Period:
    year, month = value.split("-")
    return periods.month(int(year), int(month))


def _calendar_year(value: str, owner: Owner, today: dt.date) -> Period:
    year = int(value)
    return replace(periods.custom(dt.date(year, 1, 1), dt.date(year, 12, 31)), name=str(year))


def _week(value: str, owner: Owner, today: dt.date) -> Period:
    monday = dt.date.fromisoformat(value)
    return replace(periods.custom(monday, monday + dt.timedelta(days=6)), name="the week of {start}")


def _day(value: str, owner: Owner, today: dt.date) -> Period:
    day = dt.date.fromisoformat(value)
    return replace(periods.custom(day, day), name="{start}")


def _quarter(value: str, owner: Owner, today: dt.date) -> Period:
    year, _, quarter = value.rpartition("-")
    number = int(year) if year else periods.fiscal_year_number(today, owner.fiscal_year_start)
    return periods.fiscal_quarter(number, int(quarter), owner.fiscal_year_start)


def _fiscal_year(value: str, owner: Owner, today: dt.date) -> Period:
    return periods.fiscal_year(int(value), owner.fiscal_year_start)


_DATED = {"month": _month, "calendar": _calendar_year, "week": _week, "day": _day, "quarter": _quarter,
          "fiscal": _fiscal_year}


def _all_time(db: Database, owner: Owner, today: dt.date) -> Period:
    """From the owner's first entry to today, or to the last entry if one is dated later."""
    first, last = reports.entry_dates(db, owner_id=owner.id)
    return Period(min(first or today, today), max(last or today, today), ALL_TIME)


def _iso(text: str, field: str) -> dt.date:
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        raise ValidationError({field: f"'{text}' is not a date (use YYYY-MM-DD)"}) from None


def money(amount: Decimal) -> str:
    """Amounts travel as exact text, never floats, rounded half-up to cents like everywhere else."""
    return str(to_cents(amount))


def _period_json(period: Period, owner: Owner) -> dict[str, str]:
    """The period's name with its dates as the owner writes them (the model quotes it), and its ISO dates."""
    return {"label": period.title(owner.formats), "from": period.start.isoformat(), "to": period.end.isoformat()}


def summary(db: Database, *, owner: Owner, period: Period, today: dt.date | None = None) -> dict[str, Any]:
    """Income, expenses, net profit and margin, with the largest categories and parties, and the same
    figures for the period before. A period still running is cut at today and compared with the same span
    before, as on the dashboard; "period" and "previous_period" say which dates were compared."""
    result = reports.summary(db, owner_id=owner.id, period=period, today=today)
    margin = result.current.margin
    return {
        "period": _period_json(result.period, owner), "currency": owner.currency_code,
        "income": money(result.current.income), "expenses": money(result.current.expenses),
        "net_profit": money(result.current.net),
        "margin_percent": f"{margin * 100:.1f}" if margin is not None else None,
        "previous_period": {**_period_json(result.previous_period, owner), "income": money(result.previous.income),
                            "expenses": money(result.previous.expenses), "net_profit": money(result.previous.net)},
        "expenses_by_category": _pairs(result.expenses_by_category, "category", "amount"),
        "income_by_category": _pairs(result.income_by_category, "category", "amount"),
    }


def _pairs(frame: Any, key: str, value: str) -> list[dict[str, str]]:
    return [{key: name, value: money(amount)} for name, amount in zip(frame[key], frame[value], strict=True)]


def total(db: Database, *, owner: Owner, kind: str, period: Period, category: str | None = None,
          party: str | None = None) -> dict[str, Any]:
    """The total and count of the owner's expenses or incomes in a period, optionally one category/party."""
    count, amount = reports.count_and_total(db, owner_id=owner.id, kind=ledger.check_kind(kind), period=period,
                                            category=category or None, party=party or None)
    return {"period": _period_json(period, owner), "kind": kind, "category": category, "party": party,
            "currency": owner.currency_code, "total": money(amount), "entries": count}


def by_category(db: Database, *, owner: Owner, kind: str, period: Period) -> dict[str, Any]:
    """The owner's expenses or incomes of a period by category, largest first."""
    frame = reports.by_category(db, owner_id=owner.id, kind=ledger.check_kind(kind), period=period)
    return {"period": _period_json(period, owner), "kind": kind, "currency": owner.currency_code,
            "by_category": _pairs(frame, "category", "amount")}


def top_parties(db: Database, *, owner: Owner, kind: str, period: Period) -> dict[str, Any]:
    """The ten largest clients (income) or vendors (expense) of the period."""
    frame = reports.top_parties(db, owner_id=owner.id, kind=ledger.check_kind(kind), period=period)
    rows = [{"name": name, "total": money(amount), "entries": int(count)}
            for name, amount, count in zip(frame["party"], frame["amount"], frame["entries"], strict=True)]
    return {"period": _period_json(period, owner), "kind": kind, "currency": owner.currency_code, "top": rows}


def search(db: Database, *, owner: Owner, kind: str, period: Period, category: str | None = None,
           text: str | None = None, party: str | None = None, limit: int = 20) -> dict[str, Any]:
    """The owner's most recent matching entries (at most `limit`), with the count and total of all."""
    filters = EntryFilter(kind=ledger.check_kind(kind), date_from=period.start, date_to=period.end,
                          categories=(category,) if category else (), text=text or None,
                          party_contains=party or None)
    page = ledger.find_entries(db, owner_id=owner.id, filters=filters,
                               page_size=max(1, min(limit, SEARCH_LIMIT)))
    rows = [_entry_json(row) for row in page.frame.to_dict("records")]
    return {"period": _period_json(period, owner), "kind": kind, "currency": owner.currency_code,
            "matching_entries": page.total_count, "matching_total": money(page.total_amount), "entries": rows}


def _entry_json(row: dict[str, Any]) -> dict[str, Any]:
    return {"id": int(row["id"]), "date": row["date"].isoformat(), "category": row["category"],
            "party": row["party"], "payment_method": row["payment_method"], "amount": money(row["amount"]),
            "notes": row["notes"]}


def assets(db: Database, *, owner: Owner) -> dict[str, Any]:
    """Every asset of the owner with the total value (summed by the database, as on the Assets page)."""
    rows = assets_service.list_assets(db, owner_id=owner.id)
    items = [{"id": a.id, "name": a.name, "type": a.type, "acquired": a.acquisition_date.isoformat(),
              "value": money(a.value)} for a in rows]
    total = assets_service.asset_totals(db, owner_id=owner.id).total
    return {"currency": owner.currency_code, "total_value": money(total), "assets": items}
