"""What an owner has already done, as cheap EXISTS checks in one query (for the getting-started list)."""

from __future__ import annotations

from sqlalchemy import exists, select
from sqlalchemy.orm import Session

from fintrack.db.models import Asset, ImportMapping, Message
from fintrack.kinds import ENTRY_KINDS
from fintrack.repository.entries import table_for


def first_steps(session: Session, *, owner_id: int) -> dict[str, bool]:
    """Whether the owner has any expense, income, asset, confirmed import mapping and assistant message."""
    checks = {
        **{kind: exists().where(table_for(kind).user_id == owner_id) for kind in ENTRY_KINDS},
        "asset": exists().where(Asset.user_id == owner_id),
        "import": exists().where(ImportMapping.user_id == owner_id),
        "assistant": exists().where(Message.user_id == owner_id),
    }
    row = session.execute(select(*(check.label(name) for name, check in checks.items()))).one()
    return {name: bool(value) for name, value in row._mapping.items()}
