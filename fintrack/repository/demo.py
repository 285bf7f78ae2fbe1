"""Replacing the demo owner's books in bulk."""

from __future__ import annotations

from sqlalchemy import delete, insert
from sqlalchemy.orm import Session

from fintrack.db.models import Asset, Expense, Income
from fintrack.repository import money_accounts, rollups


def replace_books(session: Session, *, owner_id: int, expenses: list[dict], incomes: list[dict],
                  assets: list[dict]) -> None:
    """Delete the owner's entries and assets, then insert the given rows (executemany; entries into the owner's
    default money account) and recount the owner's monthly rollups from them."""
    account = {"account_id": money_accounts.default_id(session, owner_id=owner_id)}
    for model, rows, extra in ((Expense, expenses, account), (Income, incomes, account), (Asset, assets, {})):
        session.execute(delete(model).where(model.user_id == owner_id))
        if rows:
            session.execute(insert(model), [{**row, **extra, "user_id": owner_id} for row in rows])
    rollups.rebuild(session, owner_id=owner_id)
