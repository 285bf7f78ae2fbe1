"""Sliding-window counters stored in the database, so limits hold across several app servers."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import delete, func, select
from sqlalchemy.orm import Session

from fintrack.db.models import RateLimitEvent


def count_since(session: Session, *, bucket: str, since: dt.datetime) -> tuple[int, dt.datetime | None]:
    """How many events `bucket` has had since `since`, and the oldest of them."""
    row = session.execute(
        select(func.count(RateLimitEvent.id), func.min(RateLimitEvent.created_at)).where(
            RateLimitEvent.bucket == bucket, RateLimitEvent.created_at > since
        )
    ).one()
    return row[0], row[1]


def record(session: Session, *, bucket: str, at: dt.datetime) -> None:
    session.add(RateLimitEvent(bucket=bucket, created_at=at))
    session.flush()


def clear(session: Session, *, bucket: str) -> None:
    session.execute(delete(RateLimitEvent).where(RateLimitEvent.bucket == bucket))


def prune(session: Session, *, before: dt.datetime) -> None:
    session.execute(delete(RateLimitEvent).where(RateLimitEvent.created_at < before))
