"""Reconciling an account with a statement: the books agree with the bank, and the owner can see it.

The owner gives the statement's closing date and balance; FinTrack shows the difference between that
balance and what the books have cleared (the opening balance plus the entries ticked off), and the
entries up to that date not yet ticked. The owner ticks them off as they appear on the statement and
finishes when the difference is zero. Nothing is ever adjusted to make a difference vanish: the owner
finds the missing or wrong entry. Changing or deleting a ticked entry needs the owner's yes and reopens
the account's reconciliation (`release`).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from sqlalchemy.orm import Session

from fintrack.clock import utcnow
from fintrack.db.engine import Database
from fintrack.errors import NotFoundError, ReconciledError, ValidationError
from fintrack.events import WRITE, observed
from fintrack.kinds import EntryKind
from fintrack.repository import money_accounts as accounts_repo
from fintrack.repository import reconciliations as reconciliations_repo
from fintrack.repository import transfers as transfers_repo
from fintrack.schemas import StatementInput, validate
from fintrack.services.money_accounts import MoneyAccount


@dataclass(frozen=True)
class OpenEntry:
    """An entry or a side of a transfer of the account up to the statement's date that no earlier
    reconciliation ticked off (`kind`: "expense", "income", "transfer_in" or "transfer_out")."""

    kind: str
    id: int
    date: dt.date
    party: str | None
    category: str
    amount: Decimal
    ticked: bool

    @property
    def signed(self) -> Decimal:
        """Its effect on the account: incomes and transfers in plus, expenses and transfers out minus."""
        return self.amount if self.kind in ("income", "transfer_in") else -self.amount


@dataclass(frozen=True)
class Status:
    """Where an account's latest reconciliation stands."""

    account: MoneyAccount
    statement_date: dt.date
    statement_balance: Decimal
    cleared: Decimal  # the opening balance plus every entry ticked off
    finished_at: dt.datetime | None
    entries: tuple[OpenEntry, ...]

    @property
    def difference(self) -> Decimal:
        """The statement's balance less what the books have cleared: zero when they agree."""
        return self.statement_balance - self.cleared

    @property
    def finished(self) -> bool:
        return self.finished_at is not None


def _account(session: Session, owner_id: int, account_id: int) -> dict[str, Any]:
    row = accounts_repo.get(session, owner_id=owner_id, account_id=account_id)
    if row is None:
        raise NotFoundError("account", account_id)
    return row


def _status(session: Session, owner_id: int, account: dict[str, Any]) -> Status | None:
    latest = reconciliations_repo.latest(session, owner_id=owner_id, account_id=account["id"])
    if latest is None:
        return None
    cleared = account["opening_balance"] + reconciliations_repo.cleared_net(session, owner_id=owner_id,
                                                                            account=account)
    entries = reconciliations_repo.open_entries(session, owner_id=owner_id, account=account,
                                                through=latest["statement_date"], reconciliation_id=latest["id"])
    return Status(MoneyAccount(**account), latest["statement_date"], latest["statement_balance"], cleared,
                  latest["finished_at"], tuple(OpenEntry(**entry) for entry in entries))


def status(db: Database, *, owner_id: int, account_id: int) -> Status | None:
    """The account's latest reconciliation (None when it was never reconciled)."""
    with db.transaction() as session:
        return _status(session, owner_id, _account(session, owner_id, account_id))


def ticked_ids(db: Database, *, owner_id: int, kind: EntryKind, entry_ids: Sequence[int]) -> set[int]:
    """Which of the entries are ticked off against a statement (for the ledger's mark)."""
    with db.transaction() as session:
        return set(reconciliations_repo.marks(session, owner_id=owner_id, kind=kind, entry_ids=entry_ids))


def standings(session: Session, *, owner_id: int) -> list[tuple[MoneyAccount, Status | None]]:
    """Every account that holds entries or transfers, with its latest reconciliation (None: never), inside
    the caller's transaction (the gaps finder's)."""
    found = []
    for account in accounts_repo.all_for(session, owner_id=owner_id):
        if accounts_repo.entry_count(session, owner_id=owner_id, account=account) or transfers_repo.count_for(
                session, owner_id=owner_id, account_id=account["id"]):
            found.append((MoneyAccount(**account), _status(session, owner_id, account)))
    return found


@observed("reconciliation.started", family=WRITE)
def start(db: Database, *, owner_id: int, account_id: int, data: dict[str, Any],
          decimal_mark: str | None = None) -> Status:
    """Reconcile the account with a statement's closing date and balance; an open reconciliation takes the
    new statement instead (what was ticked stays ticked)."""
    statement = validate(StatementInput, data, decimal_mark=decimal_mark)
    with db.transaction() as session:
        account = _account(session, owner_id, account_id)
        latest = reconciliations_repo.latest(session, owner_id=owner_id, account_id=account_id)
        if latest is not None and latest["finished_at"] is None:
            reconciliations_repo.restate(session, owner_id=owner_id, reconciliation_id=latest["id"],
                                         **statement.model_dump())
        else:
            reconciliations_repo.add(session, owner_id=owner_id, account_id=account_id, at=utcnow(),
                                     **statement.model_dump())
        return _status(session, owner_id, account)


def _open(session: Session, owner_id: int, account: dict[str, Any]) -> dict[str, Any]:
    latest = reconciliations_repo.latest(session, owner_id=owner_id, account_id=account["id"])
    if latest is None or latest["finished_at"] is not None:
        raise ValidationError({"reconciliation": "is not open; enter the statement's date and balance first"})
    return latest


@observed("reconciliation.ticked", family=WRITE)
def tick(db: Database, *, owner_id: int, account_id: int, kind: str, entry_ids: Sequence[int],
         ticked: bool = True) -> Status:
    """Tick entries (or transfer sides, `kind` "transfer_in" or "transfer_out") of the account off against the
    open reconciliation, or untick them."""
    with db.transaction() as session:
        account = _account(session, owner_id, account_id)
        current = _open(session, owner_id, account)["id"]
        reconciliations_repo.tick(session, owner_id=owner_id, account=account, kind=kind, entry_ids=entry_ids,
                                  reconciliation_id=current if ticked else None, was=None if ticked else current)
        return _status(session, owner_id, account)


@observed("reconciliation.finished", family=WRITE)
def finish(db: Database, *, owner_id: int, account_id: int) -> Status:
    """Finish the open reconciliation; refused while the difference is not zero."""
    with db.transaction() as session:
        account = _account(session, owner_id, account_id)
        current = _open(session, owner_id, account)
        found = _status(session, owner_id, account)
        if found.difference != 0:
            raise ValidationError({"difference": f"is {found.difference}, not zero: tick off the entries on the "
                                                 "statement, or add what is missing from the books, first"})
        reconciliations_repo.set_finished(session, owner_id=owner_id, reconciliation_id=current["id"], at=utcnow())
        return _status(session, owner_id, account)


def release(session: Session, *, owner_id: int, kind: EntryKind, entry_ids: Sequence[int], confirmed: bool) -> None:
    """Before entries are changed or deleted: any of them ticked off needs `confirmed` (else
    `ReconciledError`), and is then unticked while its account's latest reconciliation is reopened."""
    marks = reconciliations_repo.marks(session, owner_id=owner_id, kind=kind, entry_ids=entry_ids)
    reopen(session, owner_id=owner_id, reconciliation_ids=list(marks.values()), confirmed=confirmed)
    if marks:
        reconciliations_repo.untick(session, owner_id=owner_id, kind=kind, entry_ids=list(marks))


def reopen(session: Session, *, owner_id: int, reconciliation_ids: Sequence[int], confirmed: bool) -> None:
    """Reopen the latest reconciliation of the accounts of `reconciliation_ids` (rows ticked off by them are
    about to change); without `confirmed` that is refused with `ReconciledError`."""
    if not reconciliation_ids:
        return
    if not confirmed:
        raise ReconciledError(len(reconciliation_ids))
    for reconciliation_id in set(reconciliation_ids):
        account_id = reconciliations_repo.account_of_reconciliation(session, owner_id=owner_id,
                                                                    reconciliation_id=reconciliation_id)
        latest = reconciliations_repo.latest(session, owner_id=owner_id, account_id=account_id)
        reconciliations_repo.set_finished(session, owner_id=owner_id, reconciliation_id=latest["id"], at=None)
