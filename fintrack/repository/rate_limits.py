"""Sliding-window counters stored in the database, so limits hold across several app servers."""

from __future__ import annotations

import datetime as dt
import hashlib

from sqlalchemy import delete, func, select, text
from sqlalchemy.orm import Session

from fintrack.db.models import RateLimitEvent


def lock_bucket(session: Session, *, bucket: str) -> None:
    """Make other transactions that lock `bucket` wait until this one ends.

    PostgreSQL takes a transaction-scoped advisory lock keyed by the bucket. SQLite needs nothing: the first
    write of a transaction takes the database's write lock, so callers write before they read.
    """
    if session.get_bind().dialect.name == "postgresql":
        session.execute(text("SELECT pg_advisory_xact_lock(:key)"), {"key": _lock_key(bucket)})


def _lock_key(bucket: str) -> int:
    """A stable signed 64-bit key for `bucket` (the same in every process, unlike `hash()`)."""
    return int.from_bytes(hashlib.blake2b(bucket.encode(), digest_size=8).digest(), "big", signed=True)


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
