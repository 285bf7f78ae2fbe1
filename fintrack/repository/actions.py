"""What the assistant wrote: one `assistant_actions` row per confirmed proposal, always scoped by owner id.

The ledger uses `written_ids` to show what the assistant added; deleting a record marks its actions.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

from sqlalchemy import Select, select, update
from sqlalchemy.orm import Session

from fintrack.db.models import AssistantAction


def add_action(session: Session, *, owner_id: int, conversation_id: int | None, action: str,
               record_kind: str, record_id: int, payload_json: str, at: dt.datetime) -> int:
    row = AssistantAction(user_id=owner_id, conversation_id=conversation_id, action=action,
                          record_kind=record_kind, record_id=record_id, payload_json=payload_json, created_at=at)
    session.add(row)
    session.flush()
    return row.id


def recent_actions(session: Session, *, owner_id: int, limit: int) -> list[dict]:
    """The owner's latest confirmed proposals, newest first, as dicts of the row's columns."""
    rows = session.scalars(
        select(AssistantAction).where(AssistantAction.user_id == owner_id)
        .order_by(AssistantAction.id.desc()).limit(limit)
    )
    return [{"created_at": row.created_at, "conversation_id": row.conversation_id, "action": row.action,
             "record_kind": row.record_kind, "record_id": row.record_id, "payload_json": row.payload_json}
            for row in rows]


def written_ids(*, owner_id: int, record_kind: str, action: str) -> Select:
    """SELECT of the ids of the owner's records of that kind the assistant wrote by `action` and that still exist."""
    return select(AssistantAction.record_id).where(
        AssistantAction.user_id == owner_id, AssistantAction.record_kind == record_kind,
        AssistantAction.action == action, AssistantAction.record_deleted_at.is_(None),
    )


def record_ids(session: Session, *, owner_id: int, record_kind: str, action: str) -> set[int]:
    return set(session.scalars(written_ids(owner_id=owner_id, record_kind=record_kind, action=action)))


def mark_records_deleted(session: Session, *, owner_id: int, record_kind: str, record_ids: Sequence[int],
                         at: dt.datetime) -> None:
    """Note that these records are gone, so an id SQLite reuses later is not taken for the assistant's."""
    session.execute(
        update(AssistantAction).where(
            AssistantAction.user_id == owner_id, AssistantAction.record_kind == record_kind,
            AssistantAction.record_id.in_(record_ids), AssistantAction.record_deleted_at.is_(None),
        ).values(record_deleted_at=at)
    )
