"""Query parameters that choose a view of the books: a period (by name or by dates) and the ledger's filters.

The same choices as the screens' period picker and filter bar, read from a URL instead of widgets.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal
from typing import Annotated, Literal

from fastapi import Depends, Query

from fintrack import clock, periods
from fintrack.errors import ValidationError
from fintrack.filters import EntryFilter, SortKey
from fintrack.kinds import EntryKind
from fintrack.money import AmountError, parse_amount
from fintrack.periods import Period
from fintrack.schemas import EARLIEST_DATE, LATEST_DATE
from fintrack.services.accounts import Owner

PERIOD_NAMES = {periods.slugify(name).replace("-", "_"): name for name in periods.PRESET_NAMES}
PeriodName = Literal[tuple(PERIOD_NAMES)]  # this_month, ..., last_12_months: the picker's presets


@dataclass(frozen=True)
class PeriodChoice:
    """A period named as on the picker (`this_fiscal_year`) or given by its first and last day."""

    name: PeriodName | None = None
    date_from: dt.date | None = None
    date_to: dt.date | None = None

    def period(self, owner: Owner, *, default: PeriodName | None = "this_fiscal_year") -> Period | None:
        """The chosen period in the owner's fiscal calendar; `default` when none was chosen (None: all time)."""
        if self.name and (self.date_from or self.date_to):
            raise ValidationError({"period": "give a period name or dates, not both"})
        if self.date_from or self.date_to:
            return periods.custom(self.date_from or EARLIEST_DATE, self.date_to or LATEST_DATE)
        name = self.name or default
        return periods.presets(clock.today(), owner.fiscal_year_start)[PERIOD_NAMES[name]] if name else None


def period_choice(period: Annotated[PeriodName | None, Query(description="A period by name")] = None,
                  date_from: Annotated[dt.date | None, Query(description="First day (ISO 8601)")] = None,
                  date_to: Annotated[dt.date | None, Query(description="Last day (ISO 8601)")] = None,
                  ) -> PeriodChoice:
    return PeriodChoice(period, date_from, date_to)


@dataclass(frozen=True)
class LedgerQuery:
    """The ledger's filters as the URL gives them (amounts as text, read with a decimal point)."""

    choice: PeriodChoice
    categories: tuple[str, ...]
    party: str | None
    payment_method: str | None
    amount_min: str | None
    amount_max: str | None
    text: str | None
    added_by_assistant: bool
    sort: SortKey

    def filters(self, owner: Owner, kind: EntryKind) -> EntryFilter:
        """The `EntryFilter` the ledger screen would build; all time unless a period is chosen."""
        period = self.choice.period(owner, default=None)
        return EntryFilter(kind=kind, date_from=period.start if period else None,
                           date_to=period.end if period else None, categories=self.categories,
                           party_contains=self.party or None, payment_method=self.payment_method or None,
                           amount_min=_amount("amount_min", self.amount_min),
                           amount_max=_amount("amount_max", self.amount_max), text=self.text or None,
                           added_by_assistant=self.added_by_assistant, sort=self.sort)


def _amount(field: str, text: str | None) -> Decimal | None:
    if not text:
        return None
    try:
        return parse_amount(text, decimal_mark=".")
    except AmountError as error:
        raise ValidationError({field: str(error)}, EntryFilter.labels()) from None


def ledger_query(
    choice: Annotated[PeriodChoice, Depends(period_choice)],
    category: Annotated[list[str] | None, Query(description="Any of these categories (repeat the parameter)")]
    = None,
    party: Annotated[str | None, Query(description="Vendor or client contains (any case)")] = None,
    payment_method: Annotated[str | None, Query()] = None,
    amount_min: Annotated[str | None, Query(description="Amount from, e.g. 100.00")] = None,
    amount_max: Annotated[str | None, Query(description="Amount up to, e.g. 2500")] = None,
    text: Annotated[str | None, Query(description="Vendor or client or notes contain")] = None,
    added_by_assistant: Annotated[bool, Query(description="Only entries the assistant added")] = False,
    sort: Annotated[SortKey, Query()] = "date_desc",
) -> LedgerQuery:
    return LedgerQuery(choice, tuple(category or ()), party, payment_method, amount_min, amount_max, text,
                       added_by_assistant, sort)
