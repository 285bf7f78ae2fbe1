"""Rate limits shared by sign-in and the assistant, counted in the database."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from sqlalchemy.orm import Session

from fintrack.clock import utcnow
from fintrack.errors import RateLimitedError
from fintrack.repository import rate_limits as repo


@dataclass(frozen=True)
class Limit:
    """At most `count` events per `window` in a bucket."""

    count: int
    window: dt.timedelta


def _aware(moment: dt.datetime) -> dt.datetime:
    return moment if moment.tzinfo else moment.replace(tzinfo=dt.UTC)


def check(session: Session, *, bucket: str, limit: Limit, action: str, now: dt.datetime | None = None) -> None:
    """Raise `RateLimitedError` (saying when to retry) if `bucket` has used up `limit`."""
    now = now or utcnow()
    used, oldest = repo.count_since(session, bucket=bucket, since=now - limit.window)
    if used >= limit.count:
        retry_at = _aware(oldest) + limit.window if oldest else now + limit.window
        raise RateLimitedError(action, max(1, int((retry_at - now).total_seconds())))


def record(session: Session, *, bucket: str, now: dt.datetime | None = None) -> None:
    """Count one event in `bucket`."""
    repo.record(session, bucket=bucket, at=now or utcnow())


def consume(session: Session, *, bucket: str, limit: Limit, action: str) -> None:
    """Check, then count: for actions that always count (an assistant question)."""
    check(session, bucket=bucket, limit=limit, action=action)
    record(session, bucket=bucket)


def clear(session: Session, *, bucket: str) -> None:
    """Forget a bucket's events (a successful sign-in clears that email's failures)."""
    repo.clear(session, bucket=bucket)
