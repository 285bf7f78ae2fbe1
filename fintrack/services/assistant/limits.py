"""Per-owner limits on questions (per minute and per day, counted in the database) and token usage."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from fintrack.clock import utcnow
from fintrack.db.engine import Database
from fintrack.errors import FinTrackError, RateLimitedError
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


@dataclass(frozen=True)
class QuestionLimits:
    """How many questions an owner may ask per minute and per day, for one way of answering: the model's
    limits keep its cost down; the offline assistant costs nothing, so its limits only stop abuse."""

    per_minute: int
    per_day: int
    offline: bool = False

    @property
    def settings(self) -> tuple[str, str]:
        """The settings that hold these limits, per minute and per day."""
        prefix = "FINTRACK_OFFLINE" if self.offline else "FINTRACK_AI"
        return f"{prefix}_PER_MINUTE", f"{prefix}_PER_DAY"

    @property
    def whose(self) -> str:
        return "the offline assistant's" if self.offline else "the model's"


class QuestionLimitError(RateLimitedError):
    """A question over one of the limits; the message names the limit and the setting that holds it."""

    def __init__(self, limits: QuestionLimits, *, per_day: bool, retry_after_seconds: int) -> None:
        super().__init__(ACTION, retry_after_seconds)
        count, window = (limits.per_day, "in the last 24 hours") if per_day else (limits.per_minute, "this minute")
        asked = f"{count} question{'' if count == 1 else 's'} {window}"
        retry = self.message.partition(" Please ")[2]
        FinTrackError.__init__(self, f"You've asked {asked}, {limits.whose} limit ({limits.settings[per_day]}). "
                                     f"Please {retry}")


def consume(db: Database, *, owner_id: int, limits: QuestionLimits) -> None:
    """Count one question, or raise `QuestionLimitError` (which limit, and when to retry) if one is used up.

    Model and offline questions are counted in buckets of their own. Each bucket is consumed under its lock,
    minute before day in every caller, so questions sent at once from several tabs or app servers take turns
    and never get past a limit together; a refusal rolls back the whole transaction, so it costs no slot in
    either bucket.
    """
    minute, day = _buckets(owner_id, offline=limits.offline)
    buckets = ((minute, Limit(limits.per_minute, dt.timedelta(minutes=1))),
               (day, Limit(limits.per_day, dt.timedelta(days=1))))
    with db.transaction() as session:
        for per_day, (bucket, limit) in enumerate(buckets):
            try:
                rate_limits.consume(session, bucket=bucket, limit=limit, action=ACTION)
            except RateLimitedError as error:
                raise QuestionLimitError(limits, per_day=bool(per_day),
                                         retry_after_seconds=error.retry_after_seconds) from None


def _buckets(owner_id: int, *, offline: bool) -> tuple[str, str]:
    prefix = "assistant-offline" if offline else "assistant"
    return f"{prefix}:minute:{owner_id}", f"{prefix}:day:{owner_id}"


def owner_buckets(owner_id: int) -> tuple[str, ...]:
    """Every rate-limit bucket of an owner's questions (model and offline, per minute and per day)."""
    return (*_buckets(owner_id, offline=False), *_buckets(owner_id, offline=True))


def record_usage(db: Database, *, owner_id: int, prompt_tokens: int, completion_tokens: int) -> None:
    """Add one model call and its tokens to the owner's day (UTC)."""
    with db.transaction() as session:
        repo.add_usage(session, owner_id=owner_id, day=utcnow().date(), prompt_tokens=prompt_tokens,
                       completion_tokens=completion_tokens)


def usage_today(db: Database, *, owner_id: int) -> Usage:
    """Calls and tokens of the owner today (UTC)."""
    with db.transaction() as session:
        return Usage(*repo.usage_on(session, owner_id=owner_id, day=utcnow().date()))
