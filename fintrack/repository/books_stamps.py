"""The owners' books stamps (`BooksStamp`): replaced by every write to an owner's entries or assets, read
before a summary is served from memory.

A stamp is random, not a counter, so it names one state of the books even across a restore from backup;
`touch` upserts it, which on PostgreSQL also locks the owner's row until the writing transaction ends (writers
of one owner take it before the rollup cells: `fintrack.repository.rollups.apply`).
"""

from __future__ import annotations

import uuid

from sqlalchemy import Connection, delete, insert, literal, select
from sqlalchemy.orm import Session

from fintrack.db.models import BooksStamp, User
from fintrack.db.sql import upsert_insert


def touch(session: Session, *, owner_id: int) -> None:
    """Give the owner's books a new stamp, in the caller's transaction."""
    statement = upsert_insert(session, BooksStamp).values(user_id=owner_id, stamp=_new())
    session.execute(statement.on_conflict_do_update(index_elements=[BooksStamp.user_id],
                                                    set_={"stamp": statement.excluded.stamp}))


def touch_all(session: Session) -> None:
    """Give every owner's books a new stamp (after a recount of every owner's rollups)."""
    session.execute(delete(BooksStamp))
    session.execute(insert(BooksStamp).from_select(["user_id", "stamp"], select(User.id, literal(_new()))))


def current(connection: Session | Connection, *, owner_id: int) -> str | None:
    """The owner's stamp; None for an owner whose books were never stamped (never served from memory)."""
    return connection.scalar(select(BooksStamp.stamp).where(BooksStamp.user_id == owner_id))


def _new() -> str:
    return uuid.uuid4().hex
