"""Per-owner limits on questions (per minute and per day, counted in the database) and token usage."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from fintrack.clock import utcnow
from fintrack.db.engine import Database
from fintrack.repository import assistant as repo
from fintrack.services import rate_limits
from fintrack.services.rate_limits import Limit

ACTION = "questions to the assistant"


@dataclass(frozen=True)
class Usage:
    """One owner's use of the model on one day."""

    calls: int
    prompt_tokens: int
    completion_tokens: int


def consume(db: Database, *, owner_id: int, per_minute: int, per_day: int) -> None:
    """Count one question, or raise `RateLimitedError` (saying when to retry) if a limit is used up.

    Each bucket is consumed under its lock, minute before day in every caller, so questions sent at once
    from several tabs or app servers take turns and never get past a limit together; a refusal rolls
    back the whole transaction, so it costs no slot in either bucket.
    """
    minute, day = owner_buckets(owner_id)
    buckets = ((minute, Limit(per_minute, dt.timedelta(minutes=1))), (day, Limit(per_day, dt.timedelta(days=1))))
    with db.transaction() as session:
        for bucket, limit in buckets:
            rate_limits.consume(session, bucket=bucket, limit=limit, action=ACTION)


def owner_buckets(owner_id: int) -> tuple[str, ...]:
    """The rate-limit buckets of an owner's questions: per minute, per day."""
    return f"assistant:minute:{owner_id}", f"assistant:day:{owner_id}"


def record_usage(db: Database, *, owner_id: int, prompt_tokens: int, completion_tokens: int) -> None:
    """Add one model call and its tokens to the owner's day (UTC)."""
    with db.transaction() as session:
        repo.add_usage(session, owner_id=owner_id, day=utcnow().date(), prompt_tokens=prompt_tokens,
                       completion_tokens=completion_tokens)


def usage_today(db: Database, *, owner_id: int) -> Usage:
    """Calls and tokens of the owner today (UTC)."""
    with db.transaction() as session:
        return Usage(*repo.usage_on(session, owner_id=owner_id, day=utcnow().date()))
