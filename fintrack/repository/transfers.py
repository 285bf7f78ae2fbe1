"""Queries on transfers between the owner's accounts, always scoped by owner id.

A transfer has two sides: out of `from_account_id` and into `to_account_id`. Each side moves its account's
balance and is ticked off by that account's reconciliation (`from_reconciliation_id`, `to_reconciliation_id`).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

import sqlalchemy as sa
from sqlalchemy import ColumnElement, select
from sqlalchemy.orm import InstrumentedAttribute, Session

from fintrack.db.models import Transfer
from fintrack.db.sql import money_sum
from fintrack.kinds import EntryKind
from fintrack.repository.entries import party_column, table_for

FIELDS = ("id", "from_account_id", "to_account_id", "date", "amount", "notes")


@dataclass(frozen=True)
class Side:
    """One side of the transfers: its account column, its reconciliation column and its sign."""

    kind: str  # "transfer_out" or "transfer_in", as reconciliations list them
    account: InstrumentedAttribute
    reconciliation: InstrumentedAttribute
    sign: int


OUT = Side("transfer_out", Transfer.from_account_id, Transfer.from_reconciliation_id, -1)
IN = Side("transfer_in", Transfer.to_account_id, Transfer.to_reconciliation_id, 1)
SIDES = {side.kind: side for side in (OUT, IN)}


def add(session: Session, *, owner_id: int, values: dict[str, Any]) -> int:
    return session.execute(sa.insert(Transfer).values(user_id=owner_id, **values).returning(Transfer.id)).scalar_one()


def all_for(session: Session, *, owner_id: int) -> list[dict[str, Any]]:
    """The owner's transfers, newest first."""
    rows = session.execute(select(*(getattr(Transfer, name) for name in FIELDS)).where(Transfer.user_id == owner_id)
                           .order_by(Transfer.date.desc(), Transfer.id.desc())).mappings()
    return [dict(row) for row in rows]


def reconciled(session: Session, *, owner_id: int, transfer_id: int) -> list[int]:
    """The reconciliations that ticked off a side of the transfer."""
    row = session.execute(select(Transfer.from_reconciliation_id, Transfer.to_reconciliation_id)
                          .where(Transfer.id == transfer_id, Transfer.user_id == owner_id)).first()
    return [value for value in (row or ()) if value is not None]


def count_for(session: Session, *, owner_id: int, account_id: int) -> int:
    """How many transfers go into or out of the account."""
    return session.scalar(select(sa.func.count(Transfer.id)).where(
        Transfer.user_id == owner_id, sa.or_(Transfer.from_account_id == account_id,
                                             Transfer.to_account_id == account_id))) or 0


def delete(session: Session, *, owner_id: int, transfer_id: int) -> bool:
    result = session.execute(sa.delete(Transfer).where(Transfer.id == transfer_id, Transfer.user_id == owner_id))
    return result.rowcount == 1


def _mine(owner_id: int, through: dt.date | None) -> list[ColumnElement[bool]]:
    return [Transfer.user_id == owner_id, *([Transfer.date <= through] if through else [])]


def net_by_account(session: Session, *, owner_id: int, through: dt.date | None = None) -> dict[int, Decimal]:
    """What transfers dated up to `through` moved into (plus) and out of (minus) each account, exact."""
    net: dict[int, Decimal] = {}
    for side in (OUT, IN):
        rows = session.execute(select(side.account, money_sum(Transfer.amount))
                               .where(*_mine(owner_id, through)).group_by(side.account))
        for account_id, total in rows:
            net[account_id] = net.get(account_id, Decimal(0)) + side.sign * Decimal(total)
    return net


def daily_net(session: Session, *, owner_id: int, account_id: int) -> dict[dt.date, Decimal]:
    """What transfers moved into and out of the account per day."""
    by_day: dict[dt.date, Decimal] = {}
    for side in (OUT, IN):
        rows = session.execute(select(Transfer.date, money_sum(Transfer.amount))
                               .where(Transfer.user_id == owner_id, side.account == account_id)
                               .group_by(Transfer.date))
        for day, total in rows:
            by_day[day] = by_day.get(day, Decimal(0)) + side.sign * Decimal(total)
    return by_day


def unreconciled_entries(session: Session, *, owner_id: int, kind: EntryKind, date_from: dt.date,
                         date_to: dt.date, default_account: int) -> list[dict[str, Any]]:
    """The owner's entries of `kind` dated in the range that no reconciliation ticked off, with their account
    (the default one for those without), by the (user_id, date) index."""
    table = table_for(kind)
    rows = session.execute(select(
        table.id, table.date, table.amount, party_column(kind).label("party"),
        sa.func.coalesce(table.account_id, default_account).label("account_id"),
    ).where(table.user_id == owner_id, table.date >= date_from, table.date <= date_to,
            table.reconciliation_id.is_(None)).order_by(table.date, table.id)).mappings()
    return [dict(row) for row in rows]
