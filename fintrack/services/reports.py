"""The one summary of an owner's books for a period: the dashboard, the workbook and the assistant use it.

The database does the summing (GROUP BY category and month, exact money sums); the little grouped tables
that come back are rolled up here with Decimal arithmetic, which is exact, and months without entries are
filled in as zero from the period's own month list.

A period still running (this month, quarter or fiscal year) is summed up to today and compared with the same
span of the period before (see `Period.so_far`): a part of a year is never compared with a whole one, and
no month after today is drawn as a zero. Entries dated after today appear once their day is reached.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, fields, replace
from decimal import Decimal
from itertools import accumulate

import pandas as pd
from sqlalchemy.orm import Session

from fintrack import clock
from fintrack.db.engine import Database
from fintrack.filters import EntryFilter
from fintrack.periods import Period
from fintrack.repository import assets as assets_repo
from fintrack.repository import books_stamps, view_totals
from fintrack.repository import reports as repo
from fintrack.schemas import EntryKind
from fintrack.services.assets import UNTYPED
from fintrack.services.summary_cache import SIZE, LruCache

ZERO = Decimal("0.00")
TOP_PARTIES = 10
BOTH: tuple[EntryKind, ...] = ("income", "expense")  # read together: one statement per aggregate
SUMMARIES: LruCache[Summary] = LruCache(SIZE)


@dataclass(frozen=True)
class Totals:
    """Income and expenses of one period; net profit and margin follow from them."""

    income: Decimal
    expenses: Decimal

    @property
    def net(self) -> Decimal:
        """Net profit (negative for a loss)."""
        return self.income - self.expenses

    @property
    def margin(self) -> Decimal | None:
        """Net profit as a share of income (0.25 = 25 %); None when there is no income."""
        if not self.income:
            return None
        return (self.net / self.income).quantize(Decimal("0.0001"))


@dataclass(frozen=True, eq=False)
class Summary:
    """Everything the dashboard shows for a period. Frames hold Decimal amounts.

    - `monthly`: month ('YYYY-MM'), income, expenses, net, cumulative_net; every month of the period.
    - `income_by_category_month` / `expenses_by_category_month`: category, month, amount (months with
      entries only) — the Profit & Loss grid.
    - `income_by_category` / `expenses_by_category`: category, amount; largest first.
    - `top_clients` / `top_vendors`: party, amount, entries; the ten largest.
    - `assets_by_type`: type, value, assets; assets acquired up to `assets_at`.

    `period` is the period asked for, cut at today while it is still running.
    """

    period: Period
    previous_period: Period
    current: Totals
    previous: Totals
    monthly: pd.DataFrame
    income_by_category_month: pd.DataFrame
    expenses_by_category_month: pd.DataFrame
    income_by_category: pd.DataFrame
    expenses_by_category: pd.DataFrame
    top_clients: pd.DataFrame
    top_vendors: pd.DataFrame
    assets_by_type: pd.DataFrame
    assets_at: dt.date  # the end of the period, or today for a period that ends later

    @property
    def assets_total(self) -> Decimal:
        """The value of all assets acquired up to `assets_at`."""
        return sum(self.assets_by_type["value"], ZERO)

    @property
    def is_empty(self) -> bool:
        """True when the period has no entries at all."""
        return self.income_by_category_month.empty and self.expenses_by_category_month.empty

    def copy(self) -> Summary:
        """The same summary with frames of its own (what a caller changes stays with that caller)."""
        return replace(self, **{field.name: getattr(self, field.name).copy() for field in fields(self)
                                if isinstance(getattr(self, field.name), pd.DataFrame)})


def summary(db: Database, *, owner_id: int, period: Period, today: dt.date | None = None) -> Summary:
    """The summary of the owner's books for `period` up to today (`clock.today()` unless given), compared
    with the same span before it; served from memory while the books are as they were (`summary_cache`)."""
    today = today or clock.today()
    period = period.so_far(today)
    with db.single_reads() as connection:  # read before the figures: they are at least as new as the stamp
        stamp = books_stamps.current(connection, owner_id=owner_id)
    key = (owner_id, stamp, period, today)
    found = SUMMARIES.get(key) if stamp else None
    if found is None:
        with db.transaction() as session:
            found = _summary(session, owner_id, period, today)
        if stamp:
            SUMMARIES.put(key, found)
    return found.copy()


def _summary(session: Session, owner_id: int, period: Period, today: dt.date) -> Summary:
    previous_period = period.previous()
    assets_at = min(period.end, today)
    grids = _grids(session, owner_id, BOTH, period)
    before = repo.totals(session, owner_id=owner_id, kinds=BOTH, start=previous_period.start,
                         end=previous_period.end)
    previous = Totals(income=before["income"], expenses=before["expense"])
    tops = _top_parties(session, owner_id, BOTH, period)
    assets = pd.DataFrame(
        [(asset_type or UNTYPED, value, count) for asset_type, value, count
         in assets_repo.value_by_type(session, owner_id=owner_id, acquired_by=assets_at)],
        columns=["type", "value", "assets"])
    current = Totals(income=sum(grids["income"]["amount"], ZERO),
                     expenses=sum(grids["expense"]["amount"], ZERO))
    return Summary(
        period=period, previous_period=previous_period, current=current, previous=previous,
        monthly=_monthly(period, grids["income"], grids["expense"], today),
        income_by_category_month=grids["income"], expenses_by_category_month=grids["expense"],
        income_by_category=_by_category(grids["income"]), expenses_by_category=_by_category(grids["expense"]),
        top_clients=tops["income"], top_vendors=tops["expense"], assets_by_type=assets, assets_at=assets_at,
    )


def has_books(db: Database, *, owner_id: int) -> bool:
    """True once the owner has recorded any expense, income or asset (the dashboard's empty state)."""
    with db.transaction() as session:
        return repo.has_books(session, owner_id=owner_id)


def top_parties(db: Database, *, owner_id: int, kind: EntryKind, period: Period) -> pd.DataFrame:
    """The summary's `top_clients` (income) or `top_vendors` (expense) alone, by the same query."""
    with db.transaction() as session:
        return _top_parties(session, owner_id, (kind,), period)[kind]


def by_category(db: Database, *, owner_id: int, kind: EntryKind, period: Period) -> pd.DataFrame:
    """The summary's `income_by_category` or `expenses_by_category` alone, by the same query."""
    with db.transaction() as session:
        return _by_category(_grids(session, owner_id, (kind,), period)[kind])


def count_and_total(db: Database, *, owner_id: int, kind: EntryKind, period: Period, category: str | None = None,
                    party: str | None = None) -> tuple[int, Decimal]:
    """How many of the owner's entries of `kind` fall in `period` and their exact sum, optionally of one
    `category` and/or of the vendors (clients) whose name contains `party`, in any case."""
    view = EntryFilter(kind=kind, date_from=period.start, date_to=period.end,
                       categories=(category,) if category else (), party_contains=party or None)
    with db.transaction() as session:
        return view_totals.count_and_total(session, owner_id=owner_id, filters=view)


def entry_dates(db: Database, *, owner_id: int) -> tuple[dt.date | None, dt.date | None]:
    """The dates of the owner's first and last expense or income ((None, None) with no entries)."""
    with db.transaction() as session:
        return repo.entry_dates(session, owner_id=owner_id)


def _top_parties(session: Session, owner_id: int, kinds: repo.Kinds, period: Period) -> dict[EntryKind, pd.DataFrame]:
    return repo.top_parties(session, owner_id=owner_id, kinds=kinds, start=period.start, end=period.end,
                            limit=TOP_PARTIES)


def _grids(session: Session, owner_id: int, kinds: repo.Kinds, period: Period) -> dict[EntryKind, pd.DataFrame]:
    return repo.by_category_and_month(session, owner_id=owner_id, kinds=kinds, start=period.start, end=period.end)


def _per_month(grid: pd.DataFrame, months: list[str]) -> list[Decimal]:
    sums = dict.fromkeys(months, ZERO)
    for key, amount in zip(grid["month"].tolist(), grid["amount"].tolist(), strict=True):
        sums[key] += amount
    return [sums[key] for key in months]


def _monthly(period: Period, income: pd.DataFrame, expenses: pd.DataFrame, today: dt.date) -> pd.DataFrame:
    """Every month of the period up to this one; a later month only with entries dated in it."""
    this_month, booked = f"{today.year:04d}-{today.month:02d}", {*income["month"], *expenses["month"]}
    months = [key for key in period.month_keys() if key <= this_month or key in booked]
    incomes, spent = _per_month(income, months), _per_month(expenses, months)
    nets = [i - e for i, e in zip(incomes, spent, strict=True)]
    return pd.DataFrame({"month": months, "income": incomes, "expenses": spent, "net": nets,
                         "cumulative_net": list(accumulate(nets, initial=ZERO))[1:]})


def _by_category(grid: pd.DataFrame) -> pd.DataFrame:
    sums: dict[str, Decimal] = {}
    for category, amount in zip(grid["category"].tolist(), grid["amount"].tolist(), strict=True):
        sums[category] = sums.get(category, ZERO) + amount
    ordered = sorted(sums.items(), key=lambda item: (-item[1], item[0]))
    return pd.DataFrame(ordered, columns=["category", "amount"])
