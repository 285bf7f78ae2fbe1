"""Keyset cursors: where a page of a sorted view starts, as an opaque string a screen or an API hands back.

A page is found from the sort key and id of the row next to it, never by counting rows from the top
(OFFSET): page 2,000 costs what page 1 costs, and a row added above the cursor does not shift the page that
follows it. A cursor says which sort it belongs to (`date_desc`, `amount_asc`, ...), the sort key of its
row (a date or an amount), the row's id (the tiebreaker between equal keys) and which way to read:
`after` that row (the next page) or `before` it (the previous page).

The string is URL-safe base64 of compact JSON; it is opaque to its holder, not secret (every query is
still scoped by the owner's id), and a cursor that does not decode, or that belongs to another sort, is a
`ValidationError`.
"""

from __future__ import annotations

import base64
import binascii
import datetime as dt
import json
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from typing import Literal

from fintrack.errors import ValidationError
from fintrack.filters import SortKey

Direction = Literal["after", "before"]
_SORTS = ("date_desc", "date_asc", "amount_desc", "amount_asc")


@dataclass(frozen=True)
class Cursor:
    """The row a page starts after (or ends before) in one sort order."""

    sort: SortKey
    key: dt.date | Decimal
    id: int
    direction: Direction = "after"

    def encode(self) -> str:
        """The opaque string form (URL-safe, no padding)."""
        payload = json.dumps({"s": self.sort, "k": str(self.key), "i": self.id, "d": self.direction},
                             separators=(",", ":"))
        return base64.urlsafe_b64encode(payload.encode()).decode().rstrip("=")


def sort_column(sort: SortKey) -> str:
    """The column a sort orders by before the id: 'date' or 'amount'."""
    return sort.split("_")[0]


def decode(token: str, *, sort: SortKey) -> Cursor:
    """The cursor written by `Cursor.encode`; a `ValidationError` when it is malformed or of another sort."""
    try:
        payload = json.loads(base64.urlsafe_b64decode(token + "=" * (-len(token) % 4)))
        cursor = Cursor(payload["s"], _key(payload["s"], payload["k"]), int(payload["i"]), payload["d"])
    except (binascii.Error, ValueError, KeyError, TypeError, InvalidOperation, UnicodeDecodeError) as exc:
        raise ValidationError({"cursor": "is not a page cursor"}) from exc
    if cursor.sort != sort or cursor.direction not in ("after", "before"):
        raise ValidationError({"cursor": f"belongs to another view, not to the {sort} order"})
    return cursor


def _key(sort: str, text: str) -> dt.date | Decimal:
    if sort not in _SORTS:
        raise ValueError(sort)
    if sort_column(sort) == "date":
        return dt.date.fromisoformat(text)
    amount = Decimal(text)
    if not amount.is_finite():
        raise ValueError(text)
    return amount
