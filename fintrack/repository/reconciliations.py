"""Queries on reconciliations and the entries they tick off, always scoped by owner id.

An account's state is its latest reconciliation (open or finished). What the books have cleared is the
account's opening balance plus every entry ticked off by any of its reconciliations.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from decimal import Decimal
from typing import Any

import sqlalchemy as sa
from sqlalchemy import literal, select, union_all
from sqlalchemy.orm import Session

from fintrack.db.models import Expense, Income, Reconciliation
from fintrack.db.sql import money_sum
from fintrack.kinds import EntryKind
from fintrack.repository.entries import table_for
from fintrack.repository.money_accounts import of_account

FIELDS = ("id", "account_id", "statement_date", "statement_balance", "started_at", "finished_at")
_SIGNS = ((Income, 1), (Expense, -1))


def latest(session: Session, *, owner_id: int, account_id: int) -> dict[str, Any] | None:
    """The account's latest reconciliation, or None when it was never reconciled."""
    row = session.execute(
        select(*(getattr(Reconciliation, name) for name in FIELDS))
        .where(Reconciliation.user_id == owner_id, Reconciliation.account_id == account_id)
        .order_by(Reconciliation.id.desc()).limit(1)).mappings().first()
    return dict(row) if row else None


def add(session: Session, *, owner_id: int, account_id: int, statement_date: dt.date, statement_balance: Decimal,
        at: dt.datetime) -> int:
    return session.execute(sa.insert(Reconciliation).values(
        user_id=owner_id, account_id=account_id, statement_date=statement_date,
        statement_balance=statement_balance, started_at=at).returning(Reconciliation.id)).scalar_one()


def restate(session: Session, *, owner_id: int, reconciliation_id: int, statement_date: dt.date,
            statement_balance: Decimal) -> None:
    """Change the statement an open reconciliation is checked against."""
    session.execute(sa.update(Reconciliation).where(Reconciliation.id == reconciliation_id,
                                                    Reconciliation.user_id == owner_id)
                    .values(statement_date=statement_date, statement_balance=statement_balance))


def set_finished(session: Session, *, owner_id: int, reconciliation_id: int, at: dt.datetime | None) -> None:
    """Finish a reconciliation at `at`, or reopen it (None)."""
    session.execute(sa.update(Reconciliation).where(Reconciliation.id == reconciliation_id,
                                                    Reconciliation.user_id == owner_id).values(finished_at=at))


def cleared_net(session: Session, *, owner_id: int, account: dict[str, Any]) -> Decimal:
    """Incomes minus expenses of `account` that some reconciliation ticked off, exact."""
    total = Decimal(0)
    for table, sign in _SIGNS:
        total += sign * Decimal(session.scalar(select(money_sum(table.amount)).where(
            table.user_id == owner_id, of_account(table, account), table.reconciliation_id.is_not(None))))
    return total


def open_entries(session: Session, *, owner_id: int, account: dict[str, Any], through: dt.date,
                 reconciliation_id: int) -> list[dict[str, Any]]:
    """The account's entries up to `through` not ticked off by an earlier reconciliation, oldest first, with
    whether this one ticked them (`ticked`)."""
    parts = []
    for table, _ in _SIGNS:
        kind = "income" if table is Income else "expense"
        party = table.client if table is Income else table.vendor
        parts.append(select(
            literal(kind).label("kind"), table.id, table.date, party.label("party"), table.category,
            table.amount, (table.reconciliation_id == reconciliation_id).label("ticked"),
        ).where(table.user_id == owner_id, of_account(table, account), table.date <= through,
                sa.or_(table.reconciliation_id.is_(None), table.reconciliation_id == reconciliation_id)))
    both = union_all(*parts).subquery()
    rows = session.execute(select(both).order_by(both.c.date, both.c.kind, both.c.id)).mappings()
    return [dict(row) | {"ticked": bool(row["ticked"])} for row in rows]


def tick(session: Session, *, owner_id: int, account: dict[str, Any], kind: EntryKind, entry_ids: Sequence[int],
         reconciliation_id: int | None, was: int | None) -> int:
    """Mark the owner's entries of `account` among `entry_ids` whose mark is `was` with `reconciliation_id`
    (None unticks); returns how many changed."""
    table = table_for(kind)
    mark = table.reconciliation_id.is_(None) if was is None else table.reconciliation_id == was
    return session.execute(sa.update(table).where(
        table.user_id == owner_id, of_account(table, account), table.id.in_(entry_ids), mark,
    ).values(reconciliation_id=reconciliation_id)).rowcount


def marks(session: Session, *, owner_id: int, kind: EntryKind, entry_ids: Sequence[int]) -> dict[int, int]:
    """entry id -> the reconciliation that ticked it, for those of `entry_ids` that are ticked."""
    table = table_for(kind)
    return dict(session.execute(select(table.id, table.reconciliation_id).where(
        table.user_id == owner_id, table.id.in_(entry_ids), table.reconciliation_id.is_not(None))).all())


def untick(session: Session, *, owner_id: int, kind: EntryKind, entry_ids: Sequence[int]) -> None:
    """Clear the marks of the owner's entries among `entry_ids` (before they are changed)."""
    table = table_for(kind)
    session.execute(sa.update(table).where(table.user_id == owner_id, table.id.in_(entry_ids))
                    .values(reconciliation_id=None))


def account_of_reconciliation(session: Session, *, owner_id: int, reconciliation_id: int) -> int | None:
    return session.scalar(select(Reconciliation.account_id).where(Reconciliation.id == reconciliation_id,
                                                                  Reconciliation.user_id == owner_id))
