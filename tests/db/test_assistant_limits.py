"""The assistant's per-owner limits hold when questions arrive at once (several tabs or app servers)."""

from __future__ import annotations

import datetime as dt
import threading
import uuid
from concurrent.futures import ThreadPoolExecutor

import pytest

from fintrack.errors import RateLimitedError
from fintrack.services import accounts
from fintrack.services.assistant import limits
from fintrack.services.assistant.limits import QuestionLimits


def _owner_id(db) -> int:
    owner = accounts.sign_up(db, {"email": f"limits-{uuid.uuid4().hex[:8]}@example.com",
                                  "password": "correct horse battery", "business_name": "L",
                                  "fiscal_year_start": dt.date(2000, 1, 1), "currency_code": "EUR"})
    return owner.id


def _consume_at_once(db, owner_id: int, count: int, **limit: int) -> list[bool]:
    """`count` threads released together each ask for one question; True where it was let through."""
    barrier = threading.Barrier(count)

    def ask(_number: int) -> bool:
        barrier.wait()
        try:
            limits.consume(db, owner_id=owner_id, limits=QuestionLimits(**limit))
        except RateLimitedError:
            return False
        return True

    with ThreadPoolExecutor(count) as pool:
        return list(pool.map(ask, range(count)))


@pytest.mark.parametrize("limit", [{"per_minute": 3, "per_day": 100}, {"per_minute": 100, "per_day": 3}],
                         ids=["per-minute", "per-day"])
def test_parallel_questions_never_pass_the_limit(committing_db, limit):
    owner_id = _owner_id(committing_db)
    outcomes = _consume_at_once(committing_db, owner_id, 10, **limit)
    assert outcomes.count(True) == 3 and outcomes.count(False) == 7


def test_a_refused_question_costs_no_slot_in_either_window(committing_db):
    owner_id = _owner_id(committing_db)
    limits.consume(committing_db, owner_id=owner_id, limits=QuestionLimits(1, 2))
    for _ in range(3):
        with pytest.raises(RateLimitedError):
            limits.consume(committing_db, owner_id=owner_id, limits=QuestionLimits(1, 2))
    # The refusals left no trace in the day bucket: a wider minute limit lets exactly one more through.
    limits.consume(committing_db, owner_id=owner_id, limits=QuestionLimits(5, 2))
    with pytest.raises(RateLimitedError):
        limits.consume(committing_db, owner_id=owner_id, limits=QuestionLimits(5, 2))


@pytest.mark.parametrize("offline", [False, True], ids=["model", "offline"])
def test_model_and_offline_questions_are_counted_apart(committing_db, offline):
    owner_id = _owner_id(committing_db)
    used_up, other = QuestionLimits(1, 10, offline=offline), QuestionLimits(1, 10, offline=not offline)
    limits.consume(committing_db, owner_id=owner_id, limits=used_up)
    with pytest.raises(RateLimitedError):
        limits.consume(committing_db, owner_id=owner_id, limits=used_up)
    limits.consume(committing_db, owner_id=owner_id, limits=other)  # the other kind's minute is untouched


@pytest.mark.parametrize(("limit", "expected"), [
    (QuestionLimits(2, 100), "You've asked 2 questions this minute, the model's limit (FINTRACK_AI_PER_MINUTE)."),
    (QuestionLimits(100, 2), "You've asked 2 questions in the last 24 hours, the model's limit "
                             "(FINTRACK_AI_PER_DAY)."),
    (QuestionLimits(2, 100, offline=True), "You've asked 2 questions this minute, the offline assistant's "
                                           "limit (FINTRACK_OFFLINE_PER_MINUTE)."),
    (QuestionLimits(100, 2, offline=True), "You've asked 2 questions in the last 24 hours, the offline "
                                           "assistant's limit (FINTRACK_OFFLINE_PER_DAY)."),
], ids=["model-minute", "model-day", "offline-minute", "offline-day"])
def test_the_refusal_names_the_limit_reached(committing_db, limit, expected):
    owner_id = _owner_id(committing_db)
    for _ in range(2):
        limits.consume(committing_db, owner_id=owner_id, limits=limit)
    with pytest.raises(RateLimitedError) as refused:
        limits.consume(committing_db, owner_id=owner_id, limits=limit)
    assert str(refused.value).startswith(expected + " Please try again in")
