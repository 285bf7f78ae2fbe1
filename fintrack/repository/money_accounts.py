"""Queries on the owner's money accounts and their balances, always scoped by owner id.

An entry whose `account_id` is NULL (a row loaded past the application) belongs to the owner's default
account: `of_account` counts it there (and `fintrack.repository.account_days` for the balances).
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

import sqlalchemy as sa
from sqlalchemy import ColumnElement, and_, func, or_, select
from sqlalchemy.orm import Session

from fintrack import clock
from fintrack.db.models import Account, Expense, Income
from fintrack.errors import ValidationError

MAIN_ACCOUNT = "Main account"
FIELDS = ("id", "name", "type", "opening_balance", "opening_date", "is_default")
_SIGNS = ((Income, 1), (Expense, -1))


def _selected() -> tuple[ColumnElement, ...]:
    return tuple(getattr(Account, name) for name in FIELDS)


def add(session: Session, *, owner_id: int, values: dict[str, Any], is_default: bool = False) -> int:
    """Add an account and return its id (a name the owner already uses breaks the unique constraint)."""
    statement = sa.insert(Account).values(user_id=owner_id, is_default=is_default, **values).returning(Account.id)
    return session.execute(statement).scalar_one()


def add_main(session: Session, *, owner_id: int, opening_date: dt.date) -> int:
    """The owner's default "Main account", a current account opening at zero on `opening_date`."""
    values = {"name": MAIN_ACCOUNT, "type": "current", "opening_balance": Decimal(0), "opening_date": opening_date}
    return add(session, owner_id=owner_id, values=values, is_default=True)


def default_id(session: Session, *, owner_id: int) -> int:
    """The id of the owner's default account, creating a Main account for an owner who has none yet."""
    found = session.scalar(select(Account.id).where(Account.user_id == owner_id, Account.is_default.is_(True)))
    return found if found is not None else add_main(session, owner_id=owner_id, opening_date=clock.today())


def owned_id(session: Session, *, owner_id: int, account_id: int | None) -> int:
    """`account_id` when it is one of the owner's accounts, the default account's id for None; any other id
    (another owner's, a deleted one) is refused."""
    if account_id is None:
        return default_id(session, owner_id=owner_id)
    if session.scalar(select(Account.id).where(Account.id == account_id, Account.user_id == owner_id)) is None:
        raise ValidationError({"account_id": "is not one of your accounts"}, {"account_id": "Account"})
    return account_id


def all_for(session: Session, *, owner_id: int) -> list[dict[str, Any]]:
    """The owner's accounts (the default first, then by name) as dicts with the keys of `FIELDS`."""
    rows = session.execute(select(*_selected()).where(Account.user_id == owner_id)
                           .order_by(Account.is_default.desc(), Account.name, Account.id)).mappings()
    return [dict(row) for row in rows]


def get(session: Session, *, owner_id: int, account_id: int) -> dict[str, Any] | None:
    row = session.execute(select(*_selected()).where(Account.id == account_id, Account.user_id == owner_id)
                          ).mappings().first()
    return dict(row) if row else None


def update(session: Session, *, owner_id: int, account_id: int, values: dict[str, Any]) -> bool:
    """Change an account's fields; False when it is not the owner's."""
    result = session.execute(sa.update(Account).where(Account.id == account_id, Account.user_id == owner_id)
                             .values(**values))
    return result.rowcount == 1


def make_default(session: Session, *, owner_id: int, account_id: int) -> None:
    """Make `account_id` the owner's one default account."""
    session.execute(sa.update(Account).where(Account.user_id == owner_id)
                    .values(is_default=Account.id == account_id))


def delete(session: Session, *, owner_id: int, account_id: int) -> bool:
    """Delete an account of the owner; False when it is not theirs (the caller checks it holds nothing)."""
    result = session.execute(sa.delete(Account).where(Account.id == account_id, Account.user_id == owner_id))
    return result.rowcount == 1


def of_account(table: type[Expense] | type[Income], account: dict[str, Any]) -> ColumnElement[bool]:
    """Entries of `table` in `account` (a dict of `FIELDS`): the default account also holds those without one."""
    if account["is_default"]:
        return or_(table.account_id == account["id"], table.account_id.is_(None))
    return table.account_id == account["id"]


def holds(table: type[Expense] | type[Income], *, owner_id: int, account_id: int) -> ColumnElement[bool]:
    """Entries of `table` in the account with `account_id`, those without one where it is the owner's default
    (for a filter that knows the id only)."""
    default = select(Account.id).where(Account.user_id == owner_id, Account.is_default.is_(True)).scalar_subquery()
    return or_(table.account_id == account_id, and_(table.account_id.is_(None), default == account_id))


def entry_count(session: Session, *, owner_id: int, account: dict[str, Any]) -> int:
    """How many expenses and incomes the owner has in `account`."""
    return sum(session.scalar(select(func.count(table.id)).where(table.user_id == owner_id,
                                                                 of_account(table, account))) or 0
               for table, _ in _SIGNS)

