"""Queries on the users table."""

from __future__ import annotations

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from fintrack.db.models import User


def get_by_id(session: Session, *, owner_id: int) -> User | None:
    return session.get(User, owner_id)


def get_by_email(session: Session, *, email: str) -> User | None:
    return session.scalar(select(User).where(func.lower(User.email) == email.lower()))


def add(session: Session, *, user: User) -> User:
    session.add(user)
    session.flush()
    return user
