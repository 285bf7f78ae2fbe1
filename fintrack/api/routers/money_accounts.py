"""Money accounts: each with its balance (on a day, or today's books), total cash, one account, open one, and
transfers between them."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Annotated, Any

from fastapi import APIRouter, Body, Path, Query
from pydantic import BaseModel

from fintrack.api.deps import Db, Reader, Writer
from fintrack.api.errors import ERROR_RESPONSES, WRITE_RESPONSES
from fintrack.api.shapes import body_of
from fintrack.schemas import AccountInput, TransferInput
from fintrack.services import money_accounts, transfers
from fintrack.services.money_accounts import MoneyAccount
from fintrack.services.transfers import Transfer

router = APIRouter(tags=["accounts"], responses=ERROR_RESPONSES)
AccountId = Annotated[int, Path(ge=1, le=2**31 - 1)]


class AccountBalance(BaseModel):
    """An account and what it held at the end of the day asked for."""

    account: MoneyAccount
    balance: Decimal


class AccountList(BaseModel):
    """Every account of the owner with its balance, and total cash (a card's debt counts against it)."""

    on: dt.date | None
    items: list[AccountBalance]
    total_cash: Decimal


def _list(db: Db, owner_id: int, on: dt.date | None) -> AccountList:
    found = money_accounts.balances(db, owner_id=owner_id, on=on)
    return AccountList(on=on, items=[AccountBalance(account=b.account, balance=b.balance) for b in found],
                       total_cash=money_accounts.total_cash(found))


@router.get("/accounts", response_model=AccountList)
def list_accounts(access: Reader, db: Db,
                  on: Annotated[dt.date | None, Query(description="Balances at the end of this day; "
                                                                  "all the books without it.")] = None) -> AccountList:
    """The owner's accounts with their balances, the default account first."""
    return _list(db, access.owner.id, on)


@router.get("/accounts/{account_id}", response_model=AccountBalance)
def get_account(account_id: AccountId, access: Reader, db: Db,
                on: Annotated[dt.date | None, Query()] = None) -> AccountBalance:
    """One account of the owner with its balance."""
    account = money_accounts.get_account(db, owner_id=access.owner.id, account_id=account_id)
    return AccountBalance(account=account, balance=money_accounts.balance_of(
        db, owner_id=access.owner.id, account_id=account_id, on=on))


@router.post("/accounts", status_code=201, response_model=MoneyAccount, responses=WRITE_RESPONSES,
             openapi_extra=body_of(AccountInput))
def add_account(data: Annotated[dict[str, Any], Body()], access: Writer, db: Db) -> MoneyAccount:
    """Open an account (current, savings, credit_card, cash or platform) with its opening balance and date."""
    return money_accounts.add_account(db, owner_id=access.owner.id, data=data)


@router.get("/transfers", response_model=list[Transfer])
def list_transfers(access: Reader, db: Db) -> list[Transfer]:
    """The owner's transfers between their accounts, newest first (neither income nor expense)."""
    return transfers.list_transfers(db, owner_id=access.owner.id)


@router.post("/transfers", status_code=201, response_model=Transfer, responses=WRITE_RESPONSES,
             openapi_extra=body_of(TransferInput))
def add_transfer(data: Annotated[dict[str, Any], Body()], access: Writer, db: Db) -> Transfer:
    """Record money moved from one of the owner's accounts to another."""
    return transfers.add_transfer(db, owner_id=access.owner.id, data=data)
