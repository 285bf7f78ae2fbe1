"""The real statements in tests/data/statements and what each must import to (its README's table).

Two departures from the README, by design: a platform's fee column becomes one expense per row in
"Bank fees" (stripe-default.csv: five fees, 4.78, so the sales less the fees give the payout), and where a
statement states a running balance, `opening` and `closing` are what it says the account held before its
first row and after its last (ingesp.csv states one per row, but its ten rows are picked from a longer
statement, so its balances never follow from one another and it has none here).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path

STATEMENTS_DIR = Path(__file__).parent / "data" / "statements"


@dataclass(frozen=True)
class Expected:
    file: str
    rows: int
    expenses: int
    expenses_total: Decimal
    incomes: int
    incomes_total: Decimal
    first_date: dt.date
    last_date: dt.date
    opening: Decimal | None = None
    closing: Decimal | None = None

    def data(self) -> bytes:
        return (STATEMENTS_DIR / self.file).read_bytes()


def _expected(file, rows, expenses, expenses_total, incomes, incomes_total, first, last=None,
              balances=(None, None)) -> Expected:
    opening, closing = (Decimal(value) if value else None for value in balances)
    return Expected(file, rows, expenses, Decimal(expenses_total), incomes, Decimal(incomes_total),
                    dt.date.fromisoformat(first), dt.date.fromisoformat(last or first), opening, closing)


STATEMENTS = (
    _expected("capitalone.csv", 2, 1, "1000.00", 1, "1000.00", "2015-12-31"),
    _expected("gls.csv", 1, 1, "98.76", 0, "0", "2017-10-10", balances=("1333.32", "1234.56")),
    _expected("n26-fr.csv", 2, 1, "328.00", 1, "328.00", "2020-03-07"),
    _expected("outbank.csv", 4, 3, "135.89", 1, "100.00", "2019-01-05", "2019-02-20"),
    _expected("schwab-checking.csv", 4, 3, "235.27", 1, "20.00", "2022-08-04", "2022-08-17",
              balances=("1093.74", "878.47")),
    _expected("mint.csv", 4, 3, "5000.00", 1, "2000.00", "2015-06-12", "2015-06-14"),
    _expected("ingesp.csv", 10, 5, "1550.79", 5, "1901.00", "2022-03-24", "2022-12-31"),
    _expected("stripe-default.csv", 10, 5, "4.78", 5, "112.50", "2021-02-02", "2021-03-16"),
)
WITH_BALANCES = tuple(expected for expected in STATEMENTS if expected.closing is not None)
