"""Replacing the demo owner's books in bulk."""

from __future__ import annotations

from sqlalchemy import delete, insert
from sqlalchemy.orm import Session

from fintrack.db.models import Asset, Expense, Income
from fintrack.repository import money_accounts, rollups


def replace_books(session: Session, *, owner_id: int, expenses: list[dict], incomes: list[dict],
                  assets: list[dict]) -> None:
    """Delete the owner's entries and assets, then insert the given rows (executemany; entries into the owner's
    default money account, opened on the day of the first entry) and recount the owner's monthly rollups."""
    account = {"account_id": money_accounts.default_id(session, owner_id=owner_id)}
    first_day = min((row["date"] for row in (*expenses, *incomes)), default=None)
    if first_day is not None:
        money_accounts.update(session, owner_id=owner_id, account_id=account["account_id"],
                              values={"opening_date": first_day})
    for model, rows, extra in ((Expense, expenses, account), (Income, incomes, account), (Asset, assets, {})):
        session.execute(delete(model).where(model.user_id == owner_id))
        if rows:
            session.execute(insert(model), [{**row, **extra, "user_id": owner_id} for row in rows])
    rollups.rebuild(session, owner_id=owner_id)
