"""Queries on reconciliations and the entries they tick off, always scoped by owner id.

An account's state is its latest reconciliation (open or finished). What the books have cleared is the
account's opening balance plus every entry ticked off by any of its reconciliations.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

import sqlalchemy as sa
from sqlalchemy import ColumnElement, literal, select, union_all
from sqlalchemy.orm import InstrumentedAttribute, Session

from fintrack.db.models import Reconciliation, Transfer
from fintrack.db.sql import money_sum
from fintrack.kinds import ENTRY_KINDS, EntryKind
from fintrack.repository import transfers as transfers_repo
from fintrack.repository.entries import party_column, table_for
from fintrack.repository.money_accounts import of_account

FIELDS = ("id", "account_id", "statement_date", "statement_balance", "started_at", "finished_at")


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


@dataclass(frozen=True)
class _Target:
    """Where the rows of one kind (an entry kind, or a side of the transfers) of an account are, and their
    reconciliation mark."""

    table: Any
    mark: InstrumentedAttribute
    in_account: ColumnElement[bool]
    party: ColumnElement
    category: ColumnElement
    sign: int


def _targets(account: dict[str, Any]) -> dict[str, _Target]:
    """Every kind of row that moves `account`: its expenses and incomes and the two sides of its transfers."""
    targets = {kind: _Target(table_for(kind), table_for(kind).reconciliation_id, of_account(table_for(kind), account),
                             party_column(kind), table_for(kind).category, 1 if kind == "income" else -1)
               for kind in ENTRY_KINDS}
    for kind, side in transfers_repo.SIDES.items():
        targets[kind] = _Target(Transfer, side.reconciliation, side.account == account["id"], Transfer.notes,
                                literal("Transfer"), side.sign)
    return targets


def cleared_net(session: Session, *, owner_id: int, account: dict[str, Any]) -> Decimal:
    """What the rows of `account` that some reconciliation ticked off moved it by, exact."""
    total = Decimal(0)
    for target in _targets(account).values():
        total += target.sign * Decimal(session.scalar(select(money_sum(target.table.amount)).where(
            target.table.user_id == owner_id, target.in_account, target.mark.is_not(None))))
    return total


def open_entries(session: Session, *, owner_id: int, account: dict[str, Any], through: dt.date,
                 reconciliation_id: int) -> list[dict[str, Any]]:
    """The account's entries and transfers up to `through` not ticked off by an earlier reconciliation,
    oldest first, with whether this one ticked them (`ticked`)."""
    parts = []
    for kind, target in _targets(account).items():
        table = target.table
        parts.append(select(
            literal(kind).label("kind"), table.id, table.date, target.party.label("party"),
            target.category.label("category"), table.amount, (target.mark == reconciliation_id).label("ticked"),
        ).where(table.user_id == owner_id, target.in_account, table.date <= through,
                sa.or_(target.mark.is_(None), target.mark == reconciliation_id)))
    both = union_all(*parts).subquery()
    rows = session.execute(select(both).order_by(both.c.date, both.c.kind, both.c.id)).mappings()
    return [dict(row) | {"ticked": bool(row["ticked"])} for row in rows]


def tick(session: Session, *, owner_id: int, account: dict[str, Any], kind: str, entry_ids: Sequence[int],
         reconciliation_id: int | None, was: int | None) -> int:
    """Mark the owner's rows of `kind` (an entry kind, "transfer_in" or "transfer_out") in `account` among
    `entry_ids` whose mark is `was` with `reconciliation_id` (None unticks); returns how many changed."""
    target = _targets(account)[kind]
    table = target.table
    mark = target.mark.is_(None) if was is None else target.mark == was
    return session.execute(sa.update(table).where(
        table.user_id == owner_id, target.in_account, table.id.in_(entry_ids), mark,
    ).values({target.mark.key: reconciliation_id})).rowcount


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
