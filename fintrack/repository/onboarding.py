"""What an owner has already done, as cheap EXISTS checks in one query (for the getting-started list)."""

from __future__ import annotations

from sqlalchemy import exists, select
from sqlalchemy.orm import Session

from fintrack.db.models import Asset, Expense, ImportMapping, Income, Message


def first_steps(session: Session, *, owner_id: int) -> dict[str, bool]:
    """Whether the owner has any expense, income, asset, confirmed import mapping and assistant message."""
    checks = {
        "expense": exists().where(Expense.user_id == owner_id),
        "income": exists().where(Income.user_id == owner_id),
        "asset": exists().where(Asset.user_id == owner_id),
        "import": exists().where(ImportMapping.user_id == owner_id),
        "assistant": exists().where(Message.user_id == owner_id),
    }
    row = session.execute(select(*(check.label(name) for name, check in checks.items()))).one()
    return {name: bool(value) for name, value in row._mapping.items()}
