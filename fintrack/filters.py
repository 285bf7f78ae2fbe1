"""What an owner can filter the ledger by: one value object shared by screens, services and exports."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field, fields
from decimal import Decimal
from typing import Literal

from fintrack.schemas import EntryKind

SortKey = Literal["date_desc", "date_asc", "amount_desc", "amount_asc"]


@dataclass(frozen=True)
class EntryFilter:
    """Filters of the ledger view; every field is optional and they combine with AND.

    `party_contains` matches the vendor (expenses) or client (incomes), case-insensitively;
    `text` matches vendor/client or notes; `added_by_assistant` keeps the entries the assistant added
    on a confirmed proposal; `account_id` keeps the entries of one money account.
    """

    kind: EntryKind = "expense"
    date_from: dt.date | None = None
    date_to: dt.date | None = None
    categories: tuple[str, ...] = field(default_factory=tuple)
    party_contains: str | None = None
    payment_method: str | None = None
    amount_min: Decimal | None = None
    amount_max: Decimal | None = None
    text: str | None = None
    added_by_assistant: bool = False
    account_id: int | None = None
    sort: SortKey = "date_desc"

    @classmethod
    def labels(cls) -> dict[str, str]:
        """The owner's word for a field where it is not the field's own name, as the filter bar labels it."""
        return {"amount_min": "Amount from", "amount_max": "Amount up to"}

    def narrowing(self) -> dict[str, object]:
        """The filters in force by field name: every field but kind and sort that is not None, empty or False.

        The one answer to "is this view filtered, and by what?" for the query, the screen and the exports.
        """
        return {item.name: value for item in fields(self) if item.name not in ("kind", "sort")
                if _narrows(value := getattr(self, item.name))}


def _narrows(value: object) -> bool:
    # `is False`, not `== False`: an amount of 0 is a real bound.
    return value is not None and value is not False and not (isinstance(value, str | tuple) and not value)
