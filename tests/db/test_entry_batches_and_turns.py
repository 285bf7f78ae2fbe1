"""The services the API adds: many entries at once (all or none) and a question answered in one call."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest

from fintrack.errors import NotFoundError, RateLimitedError, ValidationError
from fintrack.filters import EntryFilter
from fintrack.services import assistant, entry_batches, ledger
from fintrack.services.assistant import AssistantConfig
from fintrack.services.assistant.turns import ask_and_answer

ROW = {"date": "2026-03-02", "category": "Rent", "amount": "10.00"}
TODAY = dt.date(2026, 3, 18)


def _count(db, owner) -> int:
    return ledger.find_entries(db, owner_id=owner.id, filters=EntryFilter(kind="expense")).total_count


def test_many_entries_are_written_together_in_the_owners_spelling(db, owner):
    ledger.add_entry(db, owner_id=owner.id, data={**ROW, "kind": "expense"})
    ids = entry_batches.add_entries(db, owner_id=owner.id, kind="expense",
                                    rows=[{**ROW, "category": "rent"}, {**ROW, "amount": "2.5"}])
    assert len(ids) == 2 and [ledger.get_entry(db, owner_id=owner.id, kind="expense", entry_id=i).category
                              for i in ids] == ["Rent", "Rent"]
    assert _count(db, owner) == 3


def test_one_bad_row_writes_none_and_names_every_bad_row(db, owner):
    with pytest.raises(ValidationError) as refused:
        entry_batches.add_entries(db, owner_id=owner.id, kind="expense",
                                  rows=[ROW, {**ROW, "amount": "abc"}, "not an object", {**ROW, "date": ""}])
    assert set(refused.value.field_errors) == {"1.amount", "2.entry", "3.date"}
    assert _count(db, owner) == 0


@pytest.mark.parametrize("rows", [[], [ROW] * (entry_batches.MAX_BATCH + 1)])
def test_an_empty_or_oversized_batch_is_refused(db, owner, rows):
    with pytest.raises(ValidationError, match="between 1 and"):
        entry_batches.add_entries(db, owner_id=owner.id, kind="expense", rows=rows)


def test_a_question_over_the_limit_is_refused_and_not_stored(db, owner):
    config = AssistantConfig(offline_per_minute=1)
    turn = ask_and_answer(db, owner=owner, text="add 42.50 fuel at Shell yesterday", conversation_id=None,
                          config=config, today=TODAY)
    assert [card.fields["amount"] for card in turn.proposals] == ["42.50"] and not turn.is_error
    with pytest.raises(RateLimitedError) as refused:
        ask_and_answer(db, owner=owner, text="profit this month", conversation_id=turn.conversation_id,
                       config=config, today=TODAY)
    assert refused.value.retry_after_seconds > 0
    shown = assistant.transcript(db, owner_id=owner.id, conversation_id=turn.conversation_id)
    assert [message.content for message in shown if message.role == "user"] == ["add 42.50 fuel at Shell yesterday"]
    assert _count(db, owner) == 0 and Decimal(turn.proposals[0].fields["amount"]) == Decimal("42.50")


def test_another_owners_conversation_is_not_found(db, owner, make_owner):
    theirs = assistant.current_conversation(db, owner_id=make_owner().id)
    with pytest.raises(NotFoundError):
        ask_and_answer(db, owner=owner, text="hello", conversation_id=theirs, config=AssistantConfig(), today=TODAY)


def test_the_ids_come_back_in_the_rows_order_and_the_rollups_count_them(db, owner):
    from fintrack import periods
    from fintrack.services import reports

    rows = [{**ROW, "date": f"2026-0{1 + number % 3}-15", "amount": f"{number}.25"} for number in range(1, 41)]
    ids = entry_batches.add_entries(db, owner_id=owner.id, kind="expense", rows=rows)
    amounts = [ledger.get_entry(db, owner_id=owner.id, kind="expense", entry_id=i).amount for i in ids]
    assert amounts == [Decimal(row["amount"]) for row in rows]
    whole_months = periods.custom(dt.date(2026, 1, 1), dt.date(2026, 3, 31))
    summary = reports.summary(db, owner_id=owner.id, period=whole_months, today=dt.date(2026, 6, 1))
    assert summary.current.expenses == sum(amounts)
