"""Money accounts: where the business keeps its money, and what each holds.

An account's balance on a day is its opening balance plus its incomes minus its expenses dated up to that
day; the opening balance is what it held before the first of its entries in the books. Every owner has one
default account (a "Main account" from sign-up or migration 0009), which entries go to when no account is
chosen.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from fintrack.db.engine import Database
from fintrack.errors import ConflictError, NotFoundError, ValidationError
from fintrack.events import WRITE, observed
from fintrack.repository import account_days
from fintrack.repository import money_accounts as accounts_repo
from fintrack.repository import transfers as transfers_repo
from fintrack.schemas import AccountInput, validate

ACCOUNT_TYPES = {"current": "Current account", "savings": "Savings account", "credit_card": "Credit card",
                 "cash": "Cash", "platform": "Payment platform"}


@dataclass(frozen=True)
class MoneyAccount:
    """One account as plain values."""

    id: int
    name: str
    type: str
    opening_balance: Decimal
    opening_date: dt.date
    is_default: bool

    @property
    def type_label(self) -> str:
        """'Credit card' for 'credit_card'."""
        return ACCOUNT_TYPES[self.type]

    def as_form(self) -> dict[str, Any]:
        """The fields `add_account` and `update_account` take."""
        return {"name": self.name, "type": self.type, "opening_balance": self.opening_balance,
                "opening_date": self.opening_date}


@dataclass(frozen=True)
class Balance:
    """What one account held at the end of a day."""

    account: MoneyAccount
    balance: Decimal


def list_accounts(db: Database, *, owner_id: int) -> list[MoneyAccount]:
    """The owner's accounts, the default one first, then by name."""
    with db.transaction() as session:
        accounts_repo.default_id(session, owner_id=owner_id)
        return [MoneyAccount(**row) for row in accounts_repo.all_for(session, owner_id=owner_id)]


def get_account(db: Database, *, owner_id: int, account_id: int) -> MoneyAccount:
    with db.transaction() as session:
        row = accounts_repo.get(session, owner_id=owner_id, account_id=account_id)
    if row is None:
        raise NotFoundError("account", account_id)
    return MoneyAccount(**row)


def chosen_account(session: Session, *, owner_id: int, account_id: int | None,
                   remembered: int | None = None) -> MoneyAccount:
    """The account an operation goes to, inside the caller's transaction: `account_id` (refused unless it is
    the owner's), else `remembered` while it is still one of the owner's accounts, else the default one."""
    if account_id is None and remembered is not None and accounts_repo.get(session, owner_id=owner_id,
                                                                          account_id=remembered):
        account_id = remembered
    account_id = accounts_repo.owned_id(session, owner_id=owner_id, account_id=account_id)
    return MoneyAccount(**accounts_repo.get(session, owner_id=owner_id, account_id=account_id))


def _name_taken() -> ConflictError:
    return ConflictError("You already have an account with that name. Pick another name.")


@observed("money_account.created", family=WRITE, fields=lambda account: {"account_id": account.id})
def add_account(db: Database, *, owner_id: int, data: dict[str, Any], decimal_mark: str | None = None) -> MoneyAccount:
    """Open an account from form-like values (`decimal_mark`: the owner's); a name in use is refused."""
    values = validate(AccountInput, data, decimal_mark=decimal_mark).model_dump()
    try:
        with db.transaction() as session:
            account_id = accounts_repo.add(session, owner_id=owner_id, values=values)
    except IntegrityError:
        raise _name_taken() from None
    return get_account(db, owner_id=owner_id, account_id=account_id)


@observed("money_account.updated", family=WRITE, fields=lambda account: {"account_id": account.id})
def update_account(db: Database, *, owner_id: int, account_id: int, data: dict[str, Any],
                   decimal_mark: str | None = None) -> MoneyAccount:
    """Change an account's name, type, opening balance or opening date."""
    values = validate(AccountInput, data, decimal_mark=decimal_mark).model_dump()
    try:
        with db.transaction() as session:
            if not accounts_repo.update(session, owner_id=owner_id, account_id=account_id, values=values):
                raise NotFoundError("account", account_id)
    except IntegrityError:
        raise _name_taken() from None
    return get_account(db, owner_id=owner_id, account_id=account_id)


@observed("money_account.default_changed", family=WRITE)
def make_default(db: Database, *, owner_id: int, account_id: int) -> None:
    """Entries without a chosen account go to `account_id` from now on."""
    with db.transaction() as session:
        if accounts_repo.get(session, owner_id=owner_id, account_id=account_id) is None:
            raise NotFoundError("account", account_id)
        accounts_repo.make_default(session, owner_id=owner_id, account_id=account_id)


@observed("money_account.deleted", family=WRITE)
def delete_account(db: Database, *, owner_id: int, account_id: int) -> None:
    """Delete an account that holds no entries and is not the default; anything else is refused."""
    with db.transaction() as session:
        row = accounts_repo.get(session, owner_id=owner_id, account_id=account_id)
        if row is None:
            raise NotFoundError("account", account_id)
        if row["is_default"]:
            raise ValidationError({"account": "is your default account; make another one the default first"})
        if accounts_repo.entry_count(session, owner_id=owner_id, account=row) or transfers_repo.count_for(
                session, owner_id=owner_id, account_id=account_id):
            raise ValidationError({"account": "still holds entries or transfers; move or delete them first"})
        accounts_repo.delete(session, owner_id=owner_id, account_id=account_id)


def balances(db: Database, *, owner_id: int, on: dt.date | None = None) -> list[Balance]:
    """Every account's balance at the end of `on` (today's books, all of them, for None), exact: the opening
    balance, its incomes less its expenses, and the transfers into it less those out of it."""
    with db.transaction() as session:
        default = accounts_repo.default_id(session, owner_id=owner_id)
        rows = accounts_repo.all_for(session, owner_id=owner_id)
        net = account_days.net_by_account(session, owner_id=owner_id, through=on)
        for account_id, moved in transfers_repo.net_by_account(session, owner_id=owner_id, through=on).items():
            net[account_id] = net.get(account_id, Decimal(0)) + moved
    unassigned = net.pop(None, Decimal(0))
    return [Balance(MoneyAccount(**row), row["opening_balance"] + net.get(row["id"], Decimal(0))
                    + (unassigned if row["id"] == default else Decimal(0))) for row in rows]


def balance_of(db: Database, *, owner_id: int, account_id: int, on: dt.date | None = None) -> Decimal:
    """One account's balance at the end of `on` (see `balances`)."""
    found = [b.balance for b in balances(db, owner_id=owner_id, on=on) if b.account.id == account_id]
    if not found:
        raise NotFoundError("account", account_id)
    return found[0]


def total_cash(balances_: list[Balance]) -> Decimal:
    """What all the accounts hold together (a credit card's debt counts against it)."""
    return sum((balance.balance for balance in balances_), Decimal(0))


def balance_over_time(db: Database, *, owner_id: int, account_id: int,
                      by_month: bool = False) -> list[tuple[dt.date, Decimal]]:
    """The account's balance at the end of each day that moved it (entries and transfers), after a first point
    with the opening balance at the opening date, or before the first movement when entries are dated earlier
    (an account opened at sign-up, then last year's books typed in): each point is `balance_of` that day.
    `by_month`, at the last such day of each month only (a chart of years of books: a point a month, the last
    one the current balance)."""
    with db.transaction() as session:
        row = accounts_repo.get(session, owner_id=owner_id, account_id=account_id)
        if row is None:
            raise NotFoundError("account", account_id)
        days = dict(account_days.daily_net(session, owner_id=owner_id, account=row, by_month=by_month))
        for day, moved in transfers_repo.daily_net(session, owner_id=owner_id, account_id=account_id).items():
            days[day] = days.get(day, Decimal(0)) + moved
    moves = sorted((_on_last_days(days) if by_month else days).items())
    start = row["opening_date"]
    if moves:  # entries dated before the opening date start the line earlier
        start = min(start, moves[0][0].replace(day=1) if by_month else moves[0][0])
    running = row["opening_balance"]
    series = [(start, running)]
    for day, net in moves:
        running += net
        series.append((day, running))
    return series


def _on_last_days(days: dict[dt.date, Decimal]) -> dict[dt.date, Decimal]:
    """The nets of `days` summed by month, each dated by the last of its days."""
    months: dict[dt.date, tuple[dt.date, Decimal]] = {}
    for day, net in sorted(days.items()):
        months[day.replace(day=1)] = (day, months.get(day.replace(day=1), (day, Decimal(0)))[1] + net)
    return dict(months.values())
