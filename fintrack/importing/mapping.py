"""Which column holds what (`ColumnMapping`), and how to read it: date order, decimal mark, sign convention.

Columns are identified by their position in the header, so a mapping remembered for one header layout
applies to every file with that header.
"""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass, fields, replace
from typing import Any

from fintrack.importing.dates import DATE_ORDERS, DateOrder

COLUMN_ROLES = ("date", "amount", "debit", "credit", "party", "category", "notes", "type", "balance", "fee")
ROLE_LABELS = {
    "date": "Date", "amount": "Amount (signed)", "debit": "Debit / money out", "credit": "Credit / money in",
    "party": "Vendor or client (description)", "category": "Category", "notes": "Notes",
    "type": "Debit/credit type", "balance": "Running balance", "fee": "Fee (a payment platform's)",
}


@dataclass(frozen=True)
class ColumnMapping:
    """Column positions for each role (None: not in this file) and how to read the values.

    Money out is an expense: a negative `amount`, a value in `debit`, or a debit `type`. `flip_sign`
    swaps that convention for statements that write money out as positive. `balance` is the account's
    balance after each row, which the import checks; `fee` what a payment platform kept of each row, which
    becomes an expense. `account_id` is the money account the owner imports this layout into.
    """

    date: int | None = None
    amount: int | None = None
    debit: int | None = None
    credit: int | None = None
    party: int | None = None
    category: int | None = None
    notes: int | None = None
    type: int | None = None
    balance: int | None = None
    fee: int | None = None
    date_order: DateOrder = "YMD"
    decimal_comma: bool = False
    flip_sign: bool = False
    account_id: int | None = None

    def columns(self) -> dict[str, int]:
        """The roles that are mapped, with their column positions."""
        return {role: getattr(self, role) for role in COLUMN_ROLES if getattr(self, role) is not None}

    def problems(self, width: int) -> dict[str, str]:
        """What makes this mapping unusable for a header of `width` columns (empty when it is fine)."""
        found: dict[str, str] = {}
        columns = self.columns()
        if "date" not in columns:
            found["date"] = "choose the column that holds the date"
        money = {"amount", "debit", "credit"} & columns.keys()
        if not money:
            found["amount"] = "choose the amount column, or the debit and credit columns"
        elif "amount" in money and len(money) > 1:
            found["amount"] = "choose either one amount column or debit/credit columns, not both"
        for role, index in columns.items():
            if not 0 <= index < width:
                found[role] = "is not a column of this file"
        taken = [index for index in columns.values()]
        if len(set(taken)) != len(taken):
            found.setdefault("columns", "each column can be used for one role only")
        return found

    def with_changes(self, **changes: Any) -> ColumnMapping:
        """A copy with some roles or settings changed."""
        return replace(self, **changes)

    def to_json(self) -> str:
        return json.dumps(asdict(self), sort_keys=True)

    @classmethod
    def from_json(cls, text: str) -> ColumnMapping | None:
        """The mapping stored as `text`, or None if it is unreadable (an old or damaged record)."""
        try:
            data = json.loads(text)
            known = {f.name for f in fields(cls)}
            mapping = cls(**{key: value for key, value in data.items() if key in known})
        except (ValueError, TypeError, AttributeError):
            return None
        return mapping if mapping.date_order in DATE_ORDERS else None
