"""Read-only answers from the owner's books, shared by the model's tools and the offline mode.

Everything goes through the ledger, reports and assets services, so the assistant never disagrees with
the dashboard. Results are JSON-friendly dicts (amounts as strings, dates as ISO text).
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

from fintrack import periods
from fintrack.db.engine import Database
from fintrack.errors import ValidationError
from fintrack.filters import EntryFilter
from fintrack.periods import Period
from fintrack.services import assets as assets_service
from fintrack.services import ledger, reports
from fintrack.services.accounts import Owner

PERIOD_KEYS = ("this_month", "last_month", "this_quarter", "last_quarter", "this_year", "last_year",
               "year_to_date", "last_12_months", "today", "all_time")
_PRESETS = {"this_month": "This month", "last_month": "Last month", "this_quarter": "This quarter",
            "last_quarter": "Last quarter", "this_year": "This fiscal year", "last_year": "Last fiscal year",
            "year_to_date": "Year to date", "last_12_months": "Last 12 months"}
BOOKS_BEGIN = dt.date(2000, 1, 1)
SEARCH_LIMIT = 50


def resolve_period(key: str, *, owner: Owner, today: dt.date, date_from: str | None = None,
                   date_to: str | None = None) -> Period:
    """A period key ('this_quarter', 'month:2026-03', 'calendar:2025', 'custom', ...) as dates."""
    if key in _PRESETS:
        return periods.presets(today, owner.fiscal_year_start)[_PRESETS[key]]
    if key == "today":
        return periods.custom(today, today)
    if key == "all_time":
        return Period(BOOKS_BEGIN, today, "all time")
    if key.startswith("month:"):
        year, month = key.removeprefix("month:").split("-")
        return periods.month(int(year), int(month))
    if key.startswith("calendar:"):
        year = int(key.removeprefix("calendar:"))
        return periods.custom(dt.date(year, 1, 1), dt.date(year, 12, 31))
    if key == "custom" and date_from and date_to:
        return periods.custom(_iso(date_from, "date_from"), _iso(date_to, "date_to"))
    raise ValidationError({"period": f"unknown period '{key}' (custom needs date_from and date_to)"})


def _iso(text: str, field: str) -> dt.date:
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        raise ValidationError({field: f"'{text}' is not a date (use YYYY-MM-DD)"}) from None


def money(amount: Decimal) -> str:
    """Amounts travel as exact text, never floats."""
    return f"{amount:.2f}"


def _period_json(period: Period) -> dict[str, str]:
    return {"label": period.label, "from": period.start.isoformat(), "to": period.end.isoformat()}


def summary(db: Database, *, owner: Owner, period: Period) -> dict[str, Any]:
    """Income, expenses, net profit and margin, with the largest categories and parties."""
    result = reports.summary(db, owner_id=owner.id, period=period)
    margin = result.current.margin
    return {
        "period": _period_json(period), "currency": owner.currency_code,
        "income": money(result.current.income), "expenses": money(result.current.expenses),
        "net_profit": money(result.current.net),
        "margin_percent": f"{margin * 100:.1f}" if margin is not None else None,
        "previous_period": {**_period_json(result.previous_period), "income": money(result.previous.income),
                            "expenses": money(result.previous.expenses), "net_profit": money(result.previous.net)},
        "expenses_by_category": _pairs(result.expenses_by_category, "category", "amount"),
        "income_by_category": _pairs(result.income_by_category, "category", "amount"),
    }


def _pairs(frame: Any, key: str, value: str) -> list[dict[str, str]]:
    return [{key: name, value: money(amount)} for name, amount in zip(frame[key], frame[value], strict=True)]


def total(db: Database, *, owner: Owner, kind: str, period: Period, category: str | None = None,
          party: str | None = None) -> dict[str, Any]:
    """The total and count of the owner's expenses or incomes in a period, optionally one category/party."""
    filters = EntryFilter(kind=ledger.check_kind(kind), date_from=period.start, date_to=period.end,
                          categories=(category,) if category else (), party_contains=party or None)
    page = ledger.find_entries(db, owner_id=owner.id, filters=filters, page=1, page_size=1)
    return {"period": _period_json(period), "kind": kind, "category": category, "party": party,
            "currency": owner.currency_code, "total": money(page.total_amount), "entries": page.total_count}


def top_parties(db: Database, *, owner: Owner, kind: str, period: Period) -> dict[str, Any]:
    """The ten largest clients (income) or vendors (expense) of the period."""
    result = reports.summary(db, owner_id=owner.id, period=period)
    frame = result.top_clients if ledger.check_kind(kind) == "income" else result.top_vendors
    rows = [{"name": name, "total": money(amount), "entries": int(count)}
            for name, amount, count in zip(frame["party"], frame["amount"], frame["entries"], strict=True)]
    return {"period": _period_json(period), "kind": kind, "currency": owner.currency_code, "top": rows}


def search(db: Database, *, owner: Owner, kind: str, period: Period, category: str | None = None,
           text: str | None = None, party: str | None = None, limit: int = 20) -> dict[str, Any]:
    """The owner's most recent matching entries (at most `limit`), with the count and total of all."""
    filters = EntryFilter(kind=ledger.check_kind(kind), date_from=period.start, date_to=period.end,
                          categories=(category,) if category else (), text=text or None,
                          party_contains=party or None)
    page = ledger.find_entries(db, owner_id=owner.id, filters=filters, page=1,
                               page_size=max(1, min(limit, SEARCH_LIMIT)))
    rows = [_entry_json(row) for row in page.frame.to_dict("records")]
    return {"period": _period_json(period), "kind": kind, "currency": owner.currency_code,
            "matching_entries": page.total_count, "matching_total": money(page.total_amount), "entries": rows}


def _entry_json(row: dict[str, Any]) -> dict[str, Any]:
    return {"id": int(row["id"]), "date": row["date"].isoformat(), "category": row["category"],
            "party": row["party"], "payment_method": row["payment_method"], "amount": money(row["amount"]),
            "notes": row["notes"]}


def assets(db: Database, *, owner: Owner) -> dict[str, Any]:
    """Every asset of the owner with the total value."""
    rows = assets_service.list_assets(db, owner_id=owner.id)
    items = [{"id": a.id, "name": a.name, "type": a.type, "acquired": a.acquisition_date.isoformat(),
              "value": money(a.value)} for a in rows]
    return {"currency": owner.currency_code, "total_value": money(sum((a.value for a in rows), Decimal(0))),
            "assets": items}
