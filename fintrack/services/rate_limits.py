"""Rate limits shared by sign-in, sign-up and the assistant, counted in the database."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from sqlalchemy.orm import Session

from fintrack.clock import utcnow
from fintrack.errors import RateLimitedError
from fintrack.repository import rate_limits as repo

LONGEST_WINDOW = dt.timedelta(days=1)  # the assistant's daily limit; events older than this count nowhere


@dataclass(frozen=True)
class Limit:
    """At most `count` events per `window` in a bucket."""

    count: int
    window: dt.timedelta


def _aware(moment: dt.datetime) -> dt.datetime:
    return moment if moment.tzinfo else moment.replace(tzinfo=dt.UTC)


def _refusal(oldest: dt.datetime | None, limit: Limit, action: str, now: dt.datetime) -> RateLimitedError:
    """The error saying when the oldest counted event leaves the window."""
    retry_at = _aware(oldest) + limit.window if oldest else now + limit.window
    return RateLimitedError(action, max(1, int((retry_at - now).total_seconds())))


def consume(session: Session, *, bucket: str, limit: Limit, action: str, now: dt.datetime | None = None) -> None:
    """Count one attempt in `bucket`, then raise `RateLimitedError` if that goes over `limit`.

    Recording before counting makes concurrent attempts take turns (the bucket's lock, or SQLite's write
    lock taken by the insert, is held until the transaction ends), so each one counts every attempt before
    it and N parallel attempts never let more than `limit.count` through. A refused attempt raises inside the
    caller's transaction, which rolls its own event back: waiting out the window is enough.
    Callers consuming several buckets in one transaction must always do so in the same order.
    """
    now = now or utcnow()
    repo.lock_bucket(session, bucket=bucket)
    repo.record(session, bucket=bucket, at=now)
    used, oldest = repo.count_since(session, bucket=bucket, since=now - limit.window)
    if used > limit.count:
        raise _refusal(oldest, limit, action, now)


def clear(session: Session, *, bucket: str) -> None:
    """Forget a bucket's events (a successful sign-in clears that email's failures)."""
    repo.clear(session, bucket=bucket)


def prune(session: Session, *, now: dt.datetime) -> None:
    """Delete the events that have left every window (older than `LONGEST_WINDOW`)."""
    repo.prune(session, before=now - LONGEST_WINDOW)
