"""Reconciliation on SQLite and PostgreSQL: the difference, ticking off, finishing only at zero, and a
reconciled entry that is edited or deleted only after a yes, which reopens the reconciliation."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest

from fintrack.errors import ReconciledError, ValidationError
from fintrack.services import imports, ledger, reconcile
from fintrack.services import money_accounts as accounts
from tests.statements import STATEMENTS

SCHWAB = next(expected for expected in STATEMENTS if expected.file == "schwab-checking.csv")
CLOSING = {"statement_date": dt.date(2022, 8, 17), "statement_balance": "878.47"}


@pytest.fixture
def bank(db, owner):
    """A checking account holding the schwab statement, opening at its opening balance."""
    account = accounts.add_account(db, owner_id=owner.id, data={
        "name": "Schwab", "type": "current", "opening_balance": "1093.74", "opening_date": dt.date(2022, 8, 1)})
    imports.commit(db, owner_id=owner.id, preview=imports.preview(
        db, owner_id=owner.id, data=SCHWAB.data(), filename=SCHWAB.file, account_id=account.id))
    return account


def tick_all(db, owner, status: reconcile.Status) -> reconcile.Status:
    for kind in ("expense", "income"):
        ids = [entry.id for entry in status.entries if entry.kind == kind]
        status = reconcile.tick(db, owner_id=owner.id, account_id=status.account.id, kind=kind, entry_ids=ids)
    return status


def test_the_difference_closes_as_the_entries_are_ticked_and_then_it_finishes(db, owner, bank):
    assert reconcile.status(db, owner_id=owner.id, account_id=bank.id) is None
    status = reconcile.start(db, owner_id=owner.id, account_id=bank.id, data=CLOSING)
    assert (status.cleared, status.difference, len(status.entries)) == (
        Decimal("1093.74"), Decimal("-215.27"), 4)
    with pytest.raises(ValidationError, match="Difference: is -215.27, not zero"):
        reconcile.finish(db, owner_id=owner.id, account_id=bank.id)
    deposit = next(entry for entry in status.entries if entry.kind == "income")
    status = reconcile.tick(db, owner_id=owner.id, account_id=bank.id, kind="income", entry_ids=[deposit.id])
    assert status.difference == Decimal("-235.27") and [e.ticked for e in status.entries].count(True) == 1
    status = tick_all(db, owner, status)
    assert status.difference == 0
    status = reconcile.finish(db, owner_id=owner.id, account_id=bank.id)
    assert status.finished and all(entry.ticked for entry in status.entries)


def test_a_statement_the_books_cannot_reach_never_finishes_and_nothing_is_adjusted(db, owner, bank):
    status = reconcile.start(db, owner_id=owner.id, account_id=bank.id,
                             data={**CLOSING, "statement_balance": "878,57"}, decimal_mark=",")
    status = tick_all(db, owner, status)
    assert status.difference == Decimal("0.10")
    with pytest.raises(ValidationError):
        reconcile.finish(db, owner_id=owner.id, account_id=bank.id)
    assert accounts.balance_of(db, owner_id=owner.id, account_id=bank.id) == Decimal("878.47")


def test_editing_a_reconciled_entry_asks_first_then_reopens_the_reconciliation(db, owner, bank):
    status = tick_all(db, owner, reconcile.start(db, owner_id=owner.id, account_id=bank.id, data=CLOSING))
    reconcile.finish(db, owner_id=owner.id, account_id=bank.id)
    check = next(entry for entry in status.entries if entry.amount == Decimal("75.00"))
    entry = ledger.get_entry(db, owner_id=owner.id, kind="expense", entry_id=check.id)
    changed = entry.as_form() | {"amount": "57.00"}
    with pytest.raises(ReconciledError, match="reopens the account's reconciliation"):
        ledger.update_entry(db, owner_id=owner.id, kind="expense", entry_id=check.id, data=changed)
    assert reconcile.status(db, owner_id=owner.id, account_id=bank.id).finished  # nothing changed
    ledger.update_entry(db, owner_id=owner.id, kind="expense", entry_id=check.id, data=changed,
                        reopen_reconciled=True)
    status = reconcile.status(db, owner_id=owner.id, account_id=bank.id)
    assert not status.finished and status.difference == Decimal("-75.00")
    assert [e.id for e in status.entries if not e.ticked] == [check.id]
    status = reconcile.tick(db, owner_id=owner.id, account_id=bank.id, kind="expense", entry_ids=[check.id])
    assert status.difference == Decimal("-18.00")  # the bank says 75.00: the edit was wrong, and it shows


def test_deleting_a_reconciled_entry_asks_first_then_reopens(db, owner, bank):
    status = tick_all(db, owner, reconcile.start(db, owner_id=owner.id, account_id=bank.id, data=CLOSING))
    reconcile.finish(db, owner_id=owner.id, account_id=bank.id)
    deposit = next(entry for entry in status.entries if entry.kind == "income")
    with pytest.raises(ReconciledError):
        ledger.delete_entries(db, owner_id=owner.id, kind="income", entry_ids=[deposit.id])
    assert ledger.delete_entries(db, owner_id=owner.id, kind="income", entry_ids=[deposit.id],
                                 reopen_reconciled=True) == 1
    status = reconcile.status(db, owner_id=owner.id, account_id=bank.id)
    assert not status.finished and status.difference == Decimal("20.00")


def test_the_next_statement_starts_from_what_was_cleared(db, owner, bank):
    tick_all(db, owner, reconcile.start(db, owner_id=owner.id, account_id=bank.id, data=CLOSING))
    reconcile.finish(db, owner_id=owner.id, account_id=bank.id)
    ledger.add_entry(db, owner_id=owner.id, data={"kind": "expense", "date": dt.date(2022, 9, 2), "category": "Rent",
                                                  "amount": "100", "account_id": bank.id})
    status = reconcile.start(db, owner_id=owner.id, account_id=bank.id,
                             data={"statement_date": dt.date(2022, 9, 30), "statement_balance": "778.47"})
    assert (status.cleared, status.difference, len(status.entries)) == (Decimal("878.47"), Decimal("-100.00"), 1)


def test_ticking_needs_an_open_reconciliation_and_only_the_owners_entries_move(db, owner, bank, make_owner):
    with pytest.raises(ValidationError, match="not open"):
        reconcile.tick(db, owner_id=owner.id, account_id=bank.id, kind="expense", entry_ids=[1])
    reconcile.start(db, owner_id=owner.id, account_id=bank.id, data=CLOSING)
    stranger = make_owner()
    theirs = ledger.add_entry(db, owner_id=stranger.id, data={"kind": "expense", "date": dt.date(2022, 8, 9),
                                                             "category": "Rent", "amount": "75"})
    status = reconcile.tick(db, owner_id=owner.id, account_id=bank.id, kind="expense", entry_ids=[theirs.id])
    assert status.difference == Decimal("-215.27")
