"""Reconciling an account with a statement, as on the Reconcile screen: the latest reconciliation, a new
statement (closing date and balance), ticking entries off, and finishing once the difference is zero."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Annotated, Any, Literal

from fastapi import APIRouter, Body
from pydantic import BaseModel, Field

from fintrack.api.deps import Db, Reader, Writer
from fintrack.api.errors import ERROR_RESPONSES, WRITE_RESPONSES
from fintrack.api.routers.money_accounts import AccountId
from fintrack.api.shapes import body_of
from fintrack.errors import NotFoundError
from fintrack.schemas import StatementInput
from fintrack.services import reconcile
from fintrack.services.money_accounts import MoneyAccount

router = APIRouter(prefix="/accounts/{account_id}/reconciliation", tags=["reconciliation"],
                   responses=ERROR_RESPONSES)
EntryId = Annotated[int, Field(ge=1, le=2**31 - 1)]


class OpenEntry(BaseModel):
    """An entry, or a side of a transfer, of the account up to the statement's date not ticked off by an earlier
    reconciliation; `signed` is its effect on the balance."""

    kind: Literal["expense", "income", "transfer_in", "transfer_out"]
    id: int
    date: dt.date
    party: str | None
    category: str
    amount: Decimal
    signed: Decimal
    ticked: bool


class Reconciliation(BaseModel):
    """Where the account's latest reconciliation stands: `difference` is the statement's balance less what the
    books have cleared (the opening balance plus every entry ticked off); it can finish at zero only."""

    account: MoneyAccount
    statement_date: dt.date
    statement_balance: Decimal
    cleared: Decimal
    difference: Decimal
    finished_at: dt.datetime | None
    entries: list[OpenEntry]

    @classmethod
    def of(cls, status: reconcile.Status) -> Reconciliation:
        return cls(account=status.account, statement_date=status.statement_date,
                   statement_balance=status.statement_balance, cleared=status.cleared,
                   difference=status.difference, finished_at=status.finished_at,
                   entries=[OpenEntry(kind=entry.kind, id=entry.id, date=entry.date, party=entry.party,
                                      category=entry.category, amount=entry.amount, signed=entry.signed,
                                      ticked=entry.ticked) for entry in status.entries])


class Ticks(BaseModel):
    """Entries (or transfer sides) of the account to tick off against the open reconciliation, or to untick."""

    kind: Literal["expense", "income", "transfer_in", "transfer_out"]
    entry_ids: list[EntryId] = Field(min_length=1, max_length=1000)
    ticked: bool = True


@router.get("", response_model=Reconciliation)
def get_reconciliation(account_id: AccountId, access: Reader, db: Db) -> Reconciliation:
    """The account's latest reconciliation; 404 when the account was never reconciled."""
    found = reconcile.status(db, owner_id=access.owner.id, account_id=account_id)
    if found is None:
        raise NotFoundError("reconciliation of account", account_id)
    return Reconciliation.of(found)


@router.post("", response_model=Reconciliation, responses=WRITE_RESPONSES, openapi_extra=body_of(StatementInput))
def start_reconciliation(account_id: AccountId, data: Annotated[dict[str, Any], Body()], access: Writer,
                         db: Db) -> Reconciliation:
    """Reconcile the account with a statement's closing date and balance; an open reconciliation takes the new
    statement instead (what was ticked stays ticked)."""
    return Reconciliation.of(reconcile.start(db, owner_id=access.owner.id, account_id=account_id, data=data))


@router.post("/ticks", response_model=Reconciliation, responses=WRITE_RESPONSES)
def tick_entries(account_id: AccountId, ticks: Ticks, access: Writer, db: Db) -> Reconciliation:
    """Tick entries off against the open reconciliation (`ticked` false unticks them); ids that are not the
    account's, or not open, are left alone."""
    return Reconciliation.of(reconcile.tick(db, owner_id=access.owner.id, account_id=account_id, kind=ticks.kind,
                                            entry_ids=ticks.entry_ids, ticked=ticks.ticked))


@router.post("/finish", response_model=Reconciliation, responses=WRITE_RESPONSES)
def finish_reconciliation(account_id: AccountId, access: Writer, db: Db) -> Reconciliation:
    """Finish the open reconciliation; 422 while the difference is not zero (nothing is adjusted to hide it)."""
    return Reconciliation.of(reconcile.finish(db, owner_id=access.owner.id, account_id=account_id))
