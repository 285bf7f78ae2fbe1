"""Queries on personal access tokens of the API (stored as keyed hashes only), always scoped by owner."""

from __future__ import annotations

import datetime as dt
from typing import Any

from sqlalchemy import delete, or_, select, update
from sqlalchemy.orm import Session

from fintrack.db.models import ApiToken, User

_LISTED = (ApiToken.id, ApiToken.name, ApiToken.can_write, ApiToken.created_at, ApiToken.expires_at,
           ApiToken.last_used_at)


def add(session: Session, *, owner_id: int, name: str, token_hash: str, can_write: bool, now: dt.datetime,
        expires_at: dt.datetime | None) -> int:
    """Store a new token; returns its id."""
    token = ApiToken(user_id=owner_id, name=name, token_hash=token_hash, can_write=can_write, created_at=now,
                     expires_at=expires_at)
    session.add(token)
    session.flush()
    return token.id


def get(session: Session, *, owner_id: int, token_id: int) -> dict[str, Any] | None:
    row = session.execute(select(*_LISTED).where(ApiToken.user_id == owner_id, ApiToken.id == token_id)).first()
    return row._asdict() if row else None


def list_for_owner(session: Session, *, owner_id: int) -> list[dict[str, Any]]:
    """The owner's tokens, newest first (never their hashes)."""
    rows = session.execute(select(*_LISTED).where(ApiToken.user_id == owner_id)
                           .order_by(ApiToken.created_at.desc(), ApiToken.id.desc()))
    return [row._asdict() for row in rows]


def find_live(session: Session, *, token_hash: str, now: dt.datetime) -> tuple[User, int, bool] | None:
    """(owner, token id, can write) of a token that has not expired, in one query; None otherwise."""
    row = session.execute(
        select(User, ApiToken.id, ApiToken.can_write).join(ApiToken, ApiToken.user_id == User.id)
        .where(ApiToken.token_hash == token_hash, or_(ApiToken.expires_at.is_(None), ApiToken.expires_at > now))
    ).first()
    return (row[0], row[1], row[2]) if row else None


def mark_used(session: Session, *, token_id: int, now: dt.datetime, unless_since: dt.datetime) -> None:
    """Record a use at `now`, unless one was already recorded after `unless_since` (one write a minute at most)."""
    session.execute(update(ApiToken).where(ApiToken.id == token_id, or_(
        ApiToken.last_used_at.is_(None), ApiToken.last_used_at < unless_since)).values(last_used_at=now))


def delete_one(session: Session, *, owner_id: int, token_id: int) -> bool:
    """Delete one of the owner's tokens; False when the owner has no token with that id."""
    deleted = session.scalar(delete(ApiToken).where(ApiToken.user_id == owner_id, ApiToken.id == token_id)
                             .returning(ApiToken.id))
    return deleted is not None


def delete_all(session: Session, *, owner_id: int) -> int:
    """Delete every token of the owner; returns how many there were."""
    return len(session.scalars(delete(ApiToken).where(ApiToken.user_id == owner_id).returning(ApiToken.id)).all())
