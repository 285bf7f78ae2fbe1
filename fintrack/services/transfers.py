"""Transfers between the owner's own accounts: paying the card from the current account, a platform's payout
reaching the bank. A transfer is neither income nor expense (its own table), so no profit figure counts it;
it moves both accounts' balances.

Imported statements of two accounts show a transfer twice: money out of one, the same amount into the other
a few days later. `candidates` finds such pairs for the owner to confirm; `confirm_pair` turns the two
entries into one transfer, in one transaction. Nothing is turned into a transfer without that confirmation.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from sqlalchemy.orm import Session

from fintrack.clock import utcnow
from fintrack.db.engine import Database
from fintrack.errors import NotFoundError, ValidationError
from fintrack.events import WRITE, observed
from fintrack.kinds import EntryKind
from fintrack.repository import actions as actions_repo
from fintrack.repository import entries as entries_repo
from fintrack.repository import money_accounts as accounts_repo
from fintrack.repository import transfers as transfers_repo
from fintrack.schemas import TransferInput, validate
from fintrack.services import reconcile

PAIR_DAYS = 5  # how far apart the two sides of one transfer may be booked


@dataclass(frozen=True)
class Transfer:
    id: int
    from_account_id: int
    to_account_id: int
    date: dt.date
    amount: Decimal
    notes: str | None


@dataclass(frozen=True)
class Pair:
    """An expense in one account and an income of the same amount in another, a few days apart."""

    expense_id: int
    income_id: int
    from_account_id: int
    to_account_id: int
    out_date: dt.date
    in_date: dt.date
    amount: Decimal
    out_party: str | None
    in_party: str | None


@observed("transfer.created", family=WRITE, fields=lambda transfer: {"transfer_id": transfer.id})
def add_transfer(db: Database, *, owner_id: int, data: dict[str, Any], decimal_mark: str | None = None) -> Transfer:
    """Record money moved between two of the owner's accounts."""
    with db.transaction() as session:
        return insert(session, owner_id=owner_id, data=data, decimal_mark=decimal_mark)


def insert(session: Session, *, owner_id: int, data: dict[str, Any], decimal_mark: str | None = None) -> Transfer:
    """`add_transfer` inside the caller's transaction (the assistant's confirmed card)."""
    form = validate(TransferInput, data, decimal_mark=decimal_mark)
    if form.from_account_id == form.to_account_id:
        raise ValidationError({"to_account_id": "must be another account than the one the money left"},
                              TransferInput.labels(data))
    for account_id in (form.from_account_id, form.to_account_id):
        accounts_repo.owned_id(session, owner_id=owner_id, account_id=account_id)
    transfer_id = transfers_repo.add(session, owner_id=owner_id, values=form.model_dump())
    return Transfer(transfer_id, **form.model_dump())


def list_transfers(db: Database, *, owner_id: int) -> list[Transfer]:
    """The owner's transfers, newest first."""
    with db.transaction() as session:
        return [Transfer(**row) for row in transfers_repo.all_for(session, owner_id=owner_id)]


@observed("transfer.deleted", family=WRITE)
def delete_transfer(db: Database, *, owner_id: int, transfer_id: int, reopen_reconciled: bool = False) -> None:
    """Delete a transfer; one ticked off by a reconciliation only with `reopen_reconciled` (which reopens it)."""
    with db.transaction() as session:
        marks = transfers_repo.reconciled(session, owner_id=owner_id, transfer_id=transfer_id)
        reconcile.reopen(session, owner_id=owner_id, reconciliation_ids=marks, confirmed=reopen_reconciled)
        if not transfers_repo.delete(session, owner_id=owner_id, transfer_id=transfer_id):
            raise NotFoundError("transfer", transfer_id)


def candidates(db: Database, *, owner_id: int, date_from: dt.date, date_to: dt.date) -> list[Pair]:
    """Pairs in the period that look like the two sides of one transfer: same amount, money out of one account
    and into another within `PAIR_DAYS`, neither ticked off by a reconciliation. Each entry is in one pair at
    most (the closest in days)."""
    margin = dt.timedelta(days=PAIR_DAYS)
    with db.transaction() as session:
        default = accounts_repo.default_id(session, owner_id=owner_id)
        found = {kind: transfers_repo.unreconciled_entries(session, owner_id=owner_id, kind=kind,
                                                           date_from=date_from - margin, date_to=date_to + margin,
                                                           default_account=default)
                 for kind in ("expense", "income")}
    return _pairs(found["expense"], found["income"], margin)


def _pairs(expenses: list[dict[str, Any]], incomes: list[dict[str, Any]], margin: dt.timedelta) -> list[Pair]:
    by_amount: dict[Decimal, list[dict[str, Any]]] = {}
    for income in incomes:
        by_amount.setdefault(income["amount"], []).append(income)
    pairs, used = [], set()
    for out in expenses:  # oldest first
        fitting = [income for income in by_amount.get(out["amount"], ()) if income["id"] not in used
                   and income["account_id"] != out["account_id"] and abs(income["date"] - out["date"]) <= margin]
        if fitting:
            income = min(fitting, key=lambda row: (abs(row["date"] - out["date"]), row["id"]))
            used.add(income["id"])
            pairs.append(Pair(out["id"], income["id"], out["account_id"], income["account_id"], out["date"],
                              income["date"], out["amount"], out["party"], income["party"]))
    return pairs


@observed("transfer.confirmed", family=WRITE, fields=lambda transfer: {"transfer_id": transfer.id})
def confirm_pair(db: Database, *, owner_id: int, expense_id: int, income_id: int) -> Transfer:
    """Replace an expense and an income of the same amount in two different accounts (a pair `candidates`
    proposed) by one transfer on the day the money left, all or nothing; entries ticked off by a
    reconciliation are refused."""
    with db.transaction() as session:
        default = accounts_repo.default_id(session, owner_id=owner_id)
        out, into = (_entry(session, owner_id, kind, entry_id, default)
                     for kind, entry_id in (("expense", expense_id), ("income", income_id)))
        if out["amount"] != into["amount"] or out["account_id"] == into["account_id"]:
            raise ValidationError({"transfer": "needs the same amount leaving one account and reaching another"})
        for kind, entry_id in (("expense", expense_id), ("income", income_id)):
            reconcile.release(session, owner_id=owner_id, kind=kind, entry_ids=[entry_id], confirmed=False)
            actions_repo.mark_records_deleted(session, owner_id=owner_id, record_kind=kind, record_ids=[entry_id],
                                              at=utcnow())
            entries_repo.delete_many(session, owner_id=owner_id, kind=kind, entry_ids=[entry_id])
        notes = " / ".join(party for party in (out["party"], into["party"]) if party) or None
        values = {"from_account_id": out["account_id"], "to_account_id": into["account_id"], "date": out["date"],
                  "amount": out["amount"], "notes": notes}
        transfer_id = transfers_repo.add(session, owner_id=owner_id, values=values)
    return Transfer(transfer_id, **values)


def _entry(session: Session, owner_id: int, kind: EntryKind, entry_id: int, default: int) -> dict[str, Any]:
    row = entries_repo.get(session, owner_id=owner_id, kind=kind, entry_id=entry_id)
    if row is None:
        raise NotFoundError(kind, entry_id)
    return row | {"account_id": row["account_id"] or default}
