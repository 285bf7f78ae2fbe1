"""The gaps finder on SQLite and PostgreSQL: an account not reconciled for more than a month, and a statement
balance the books do not reach."""

from __future__ import annotations

import datetime as dt

from fintrack.services import gaps, imports, reconcile
from fintrack.services import money_accounts as accounts
from tests.statements import STATEMENTS

SCHWAB = next(expected for expected in STATEMENTS if expected.file == "schwab-checking.csv")
CLOSING = {"statement_date": dt.date(2022, 8, 17), "statement_balance": "878.47"}


def found(db, owner, today):
    return {gap.key: gap for gap in gaps.find_gaps(db, owner=owner, today=today) if "reconcil" in gap.key
            or gap.key.startswith("statement_")}


def test_reconciliation_gaps(db, owner):
    bank = accounts.add_account(db, owner_id=owner.id, data={
        "name": "Bank", "type": "current", "opening_balance": "1093.74", "opening_date": dt.date(2022, 8, 1)})
    imports.commit(db, owner_id=owner.id, preview=imports.preview(
        db, owner_id=owner.id, data=SCHWAB.data(), filename=SCHWAB.file, account_id=bank.id))
    assert found(db, owner, dt.date(2022, 12, 1)) == {}  # an owner who never reconciles is not nagged

    status = reconcile.start(db, owner_id=owner.id, account_id=bank.id,
                             data={**CLOSING, "statement_balance": "900.00"})
    gap = found(db, owner, dt.date(2022, 8, 20))[f"statement_differs_{bank.id}"]
    assert gap.title == "Bank disagrees with its statement"
    assert "says €900.00; the books have cleared €1,093.74, a difference of -€193.74" in gap.detail

    reconcile.start(db, owner_id=owner.id, account_id=bank.id, data=CLOSING)
    for kind in ("expense", "income"):
        reconcile.tick(db, owner_id=owner.id, account_id=bank.id, kind=kind,
                       entry_ids=[entry.id for entry in status.entries if entry.kind == kind])
    reconcile.finish(db, owner_id=owner.id, account_id=bank.id)
    assert found(db, owner, dt.date(2022, 9, 15)) == {}  # reconciled within the month
    late = found(db, owner, dt.date(2022, 9, 30))
    assert list(late) == [f"not_reconciled_{bank.id}"]
    assert late[f"not_reconciled_{bank.id}"].title == "Bank not reconciled since the statement of 17 Aug 2022"
