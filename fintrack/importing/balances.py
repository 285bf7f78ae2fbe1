"""A statement's running balance, checked: each row's balance must be the one before it plus its amount.

Rows are taken in date order; rows of one day keep the file's order, read backwards when the file lists
the newest first. Where a line is missing the next row's balance jumps by its amount; where a line is
doubled, the copy's balance does not move although it has an amount. Either way the first row where the
balances part is named, and nothing is adjusted to make them agree.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal

from fintrack.importing.rows import StatementRow


@dataclass(frozen=True)
class Break:
    """The first row whose balance is not the previous balance plus its amount."""

    line: int
    expected: Decimal  # the previous row's balance plus this row's amount
    stated: Decimal  # what the statement says


@dataclass(frozen=True)
class BalanceCheck:
    """What the statement's balances say: where it starts and ends, and where they stop adding up."""

    opening: Decimal  # before its first row
    closing: Decimal  # after its last row
    closing_date: dt.date
    first_break: Break | None

    @property
    def clean(self) -> bool:
        return self.first_break is None


def signed(row: StatementRow) -> Decimal:
    """The row's effect on the account: money in is plus, money out minus."""
    return row.amount if row.kind == "income" else -row.amount


def in_date_order(rows: Sequence[StatementRow]) -> list[StatementRow]:
    """The rows oldest first; a file that lists the newest first is read backwards, so rows of one day
    keep the order the bank booked them in."""
    ordered = list(rows)
    if len(ordered) > 1 and ordered[0].date > ordered[-1].date:
        ordered.reverse()
    return sorted(ordered, key=lambda row: row.date)


def check(rows: Sequence[StatementRow]) -> BalanceCheck | None:
    """The check of `rows` when every one of them states a balance; None for a statement without them."""
    if not rows or any(row.balance is None for row in rows):
        return None
    ordered = in_date_order(rows)
    first, last = ordered[0], ordered[-1]
    found = None
    for before, row in zip(ordered, ordered[1:], strict=False):
        expected = before.balance + signed(row)
        if expected != row.balance:
            found = Break(row.line, expected, row.balance)
            break
    return BalanceCheck(first.balance - signed(first), last.balance, last.date, found)
