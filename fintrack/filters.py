"""What an owner can filter the ledger by: one value object shared by screens, services and exports."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Literal

from fintrack.schemas import EntryKind

SortKey = Literal["date_desc", "date_asc", "amount_desc", "amount_asc"]


@dataclass(frozen=True)
class EntryFilter:
    """Filters of the ledger view; every field is optional and they combine with AND.

    `party_contains` matches the vendor (expenses) or client (incomes), case-insensitively;
    `text` matches vendor/client or notes; `added_by_assistant` keeps the entries the assistant added
    on a confirmed proposal.
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
    sort: SortKey = "date_desc"
