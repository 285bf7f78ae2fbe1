"""Queries on sign-in sessions and one-time login tokens (stored as keyed hashes only)."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import Row, delete, func, select
from sqlalchemy.orm import Session

from fintrack.db.models import AuthSession, LoginToken, User


def add_session(session: Session, *, token_hash: str, owner_id: int, now: dt.datetime,
                expires_at: dt.datetime, client: str) -> None:
    session.add(AuthSession(token_hash=token_hash, user_id=owner_id, created_at=now, expires_at=expires_at,
                            client=client))
    session.flush()


def find_live_owner(session: Session, *, token_hash: str, now: dt.datetime) -> User | None:
    """The user behind a session that has not expired, in one query (it runs on every script run)."""
    return session.scalar(
        select(User).join(AuthSession, AuthSession.user_id == User.id)
        .where(AuthSession.token_hash == token_hash, AuthSession.expires_at > now)
    )


def count_live(session: Session, *, now: dt.datetime) -> dict[str, int]:
    """How many sessions have not expired, by client (browser, script), across every owner and app server."""
    return dict(session.execute(select(AuthSession.client, func.count()).where(AuthSession.expires_at > now)
                                .group_by(AuthSession.client)).all())


def delete_session(session: Session, *, token_hash: str) -> int | None:
    """Delete one session; return its owner's id, or None when there was no such session."""
    return session.scalar(delete(AuthSession).where(AuthSession.token_hash == token_hash)
                          .returning(AuthSession.user_id))


def delete_all_for_owner(session: Session, *, owner_id: int) -> None:
    session.execute(delete(AuthSession).where(AuthSession.user_id == owner_id))


def add_login_token(session: Session, *, token_hash: str, owner_id: int, browser_hash: str,
                    expires_at: dt.datetime) -> None:
    session.add(LoginToken(token_hash=token_hash, user_id=owner_id, browser_hash=browser_hash,
                           expires_at=expires_at))
    session.flush()


def take_login_token(session: Session, *, token_hash: str) -> Row | None:
    """Delete a login token and return its (user_id, browser_hash, expires_at), in one statement.

    DELETE ... RETURNING hands the row to one transaction only: of two requests spending the same token at
    once, the second deletes nothing and gets None (a read, then a delete, let both through on PostgreSQL).
    """
    return session.execute(
        delete(LoginToken).where(LoginToken.token_hash == token_hash)
        .returning(LoginToken.user_id, LoginToken.browser_hash, LoginToken.expires_at)
    ).first()


def delete_expired(session: Session, *, now: dt.datetime) -> None:
    session.execute(delete(AuthSession).where(AuthSession.expires_at <= now))
    session.execute(delete(LoginToken).where(LoginToken.expires_at <= now))
