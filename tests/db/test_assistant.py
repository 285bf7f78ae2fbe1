"""The assistant's conversations, offline answers, proposals and usage on both databases."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest

from fintrack.errors import ConflictError, NotFoundError, ValidationError
from fintrack.filters import EntryFilter
from fintrack.repository import assistant as assistant_repo
from fintrack.repository import entries as entries_repo
from fintrack.services import assistant, ledger, reports
from fintrack.services.assistant import AssistantConfig, books, conversations, limits, offline_answers, proposals

TODAY = dt.date(2026, 3, 18)
OFFLINE = AssistantConfig(model=None, per_minute=100, per_day=1000)


def ask_and_answer(db, owner, conversation_id, question, config=OFFLINE) -> str:
    assistant.ask(db, owner_id=owner.id, conversation_id=conversation_id, text=question)
    return "".join(assistant.answer(db, owner=owner, conversation_id=conversation_id, config=config, today=TODAY))


def entries(db, owner, kind="expense"):
    return ledger.find_entries(db, owner_id=owner.id, filters=EntryFilter(kind=kind), page_size=250)


def add(db, owner, day, category, party, amount, kind="expense", notes=None):
    return ledger.add_entry(db, owner_id=owner.id, data={
        "kind": kind, "date": day, "category": category, "party": party, "amount": amount, "notes": notes})


def pending_card(db, owner, conversation_id):
    cards = [p for m in assistant.transcript(db, owner_id=owner.id, conversation_id=conversation_id)
             for p in m.proposals]
    assert cards, "expected a proposal card"
    return cards[-1]


# --- conversations --------------------------------------------------------------------------------------


def test_the_conversation_is_kept_per_owner_and_survives_a_new_session(db, owner, make_owner):
    conversation = assistant.current_conversation(db, owner_id=owner.id)
    ask_and_answer(db, owner, conversation, "hello")
    assert assistant.current_conversation(db, owner_id=owner.id) == conversation
    shown = assistant.transcript(db, owner_id=owner.id, conversation_id=conversation)
    assert [m.role for m in shown] == ["user", "assistant"]
    assert shown[0].content == "hello" and "offline" in shown[1].content

    stranger = make_owner()
    assert assistant.current_conversation(db, owner_id=stranger.id) != conversation
    with pytest.raises(NotFoundError):
        assistant.transcript(db, owner_id=stranger.id, conversation_id=conversation)
    with pytest.raises(NotFoundError):
        assistant.ask(db, owner_id=stranger.id, conversation_id=conversation, text="hi")


def test_an_answer_cannot_be_stored_in_another_owners_conversation(db, owner, make_owner):
    conversation = assistant.current_conversation(db, owner_id=owner.id)
    stranger = make_owner()
    with pytest.raises(NotFoundError) as refused:
        conversations.store_answer(db, owner_id=stranger.id, conversation_id=conversation, content="planted")
    assert str(refused.value) == str(NotFoundError("conversation", conversation))
    assert assistant.transcript(db, owner_id=owner.id, conversation_id=conversation) == []
    with db.transaction() as session:
        assert assistant_repo.list_messages(session, owner_id=stranger.id, conversation_id=conversation) == []


def test_new_conversation_starts_empty_and_becomes_current(db, owner):
    first = assistant.current_conversation(db, owner_id=owner.id)
    ask_and_answer(db, owner, first, "hello")
    second = assistant.new_conversation(db, owner_id=owner.id)
    assert second != first
    assert assistant.current_conversation(db, owner_id=owner.id) == second
    assert assistant.transcript(db, owner_id=owner.id, conversation_id=second) == []
    assert assistant.new_conversation(db, owner_id=owner.id) == second  # an empty one is reused


def test_the_question_is_stored_before_it_is_answered(db, owner):
    conversation = assistant.current_conversation(db, owner_id=owner.id)
    assistant.ask(db, owner_id=owner.id, conversation_id=conversation, text="profit this year")
    assert assistant.needs_answer(db, owner_id=owner.id, conversation_id=conversation)
    "".join(assistant.answer(db, owner=owner, conversation_id=conversation, config=OFFLINE, today=TODAY))
    assert not assistant.needs_answer(db, owner_id=owner.id, conversation_id=conversation)
    again = "".join(assistant.answer(db, owner=owner, conversation_id=conversation, config=OFFLINE, today=TODAY))
    assert again == ""  # nothing left to answer: a rerun does not answer twice


def test_empty_and_huge_questions_are_refused(db, owner):
    conversation = assistant.current_conversation(db, owner_id=owner.id)
    with pytest.raises(ValidationError):
        assistant.ask(db, owner_id=owner.id, conversation_id=conversation, text="   ")
    with pytest.raises(ValidationError):
        assistant.ask(db, owner_id=owner.id, conversation_id=conversation, text="x" * 5000)


# --- offline proposals ----------------------------------------------------------------------------------


def test_offline_add_proposes_and_only_confirm_writes_exactly_one_entry(db, owner):
    conversation = assistant.current_conversation(db, owner_id=owner.id)
    text = ask_and_answer(db, owner, conversation, "add 42,50 € fuel at Shell yesterday, card")
    assert "Confirm" in text
    card = pending_card(db, owner, conversation)
    assert card.status == "pending"
    assert card.fields == {"kind": "expense", "date": "2026-03-17", "category": "Travel", "party": "Shell",
                           "payment_method": "Card", "amount": "42.50", "notes": None, "account_id": None}
    assert entries(db, owner).total_count == 0

    done = assistant.confirm(db, owner_id=owner.id, proposal_id=card.id)
    page = entries(db, owner)
    assert page.total_count == 1 and page.total_amount == Decimal("42.50")
    row = page.frame.iloc[0]
    assert (row["date"], row["category"], row["party"], row["payment_method"]) == (
        dt.date(2026, 3, 17), "Travel", "Shell", "Card")
    assert done.status == "confirmed" and done.record_id == int(row["id"])
    assert assistant.added_record_ids(db, owner_id=owner.id, kind="expense") == {done.record_id}
    [action] = assistant.recent_actions(db, owner_id=owner.id)
    assert (action.conversation_id, action.action, action.record_kind, action.record_id) == (
        conversation, "add_entry", "expense", done.record_id)
    assert action.fields == card.fields and action.created_at is not None
    assert pending_card(db, owner, conversation).status == "confirmed"

    with pytest.raises(ConflictError):
        assistant.confirm(db, owner_id=owner.id, proposal_id=card.id)
    assert entries(db, owner).total_count == 1


def test_the_ledger_shows_what_the_assistant_added_until_it_is_deleted(db, owner):
    by_hand = add(db, owner, dt.date(2026, 3, 1), "Rent", "Landlord", "900")
    conversation = assistant.current_conversation(db, owner_id=owner.id)
    ask_and_answer(db, owner, conversation, "add 42.50 fuel at Shell yesterday")
    added = assistant.confirm(db, owner_id=owner.id, proposal_id=pending_card(db, owner, conversation).id)
    only_assistant = EntryFilter(kind="expense", added_by_assistant=True)

    shown = ledger.find_entries(db, owner_id=owner.id, filters=only_assistant, page_size=50)
    assert list(shown.frame["id"]) == [added.record_id] and shown.total_amount == Decimal("42.50")
    assert by_hand.id not in set(shown.frame["id"])
    assert ledger.find_entries(db, owner_id=owner.id, filters=EntryFilter(kind="income", added_by_assistant=True),
                               page_size=50).total_count == 0

    ledger.delete_entries(db, owner_id=owner.id, kind="expense", entry_ids=[added.record_id])
    again = add(db, owner, dt.date(2026, 3, 17), "Travel", "Shell", "42.50")  # SQLite may reuse the id
    assert ledger.find_entries(db, owner_id=owner.id, filters=only_assistant, page_size=50).total_count == 0
    assert assistant.added_record_ids(db, owner_id=owner.id, kind="expense") == set()
    assert [action.record_id for action in assistant.recent_actions(db, owner_id=owner.id)] == [added.record_id]
    assert again.id not in assistant.added_record_ids(db, owner_id=owner.id, kind="expense")


def test_cancel_writes_nothing(db, owner):
    conversation = assistant.current_conversation(db, owner_id=owner.id)
    ask_and_answer(db, owner, conversation, "received 1.200,00 from Acme on the 5th")
    card = pending_card(db, owner, conversation)
    assistant.cancel(db, owner_id=owner.id, proposal_id=card.id)
    assert entries(db, owner, "income").total_count == 0
    assert pending_card(db, owner, conversation).status == "cancelled"
    assert assistant.added_record_ids(db, owner_id=owner.id, kind="income") == set()
    with pytest.raises(ConflictError):
        assistant.confirm(db, owner_id=owner.id, proposal_id=card.id)
    assert entries(db, owner, "income").total_count == 0


def test_another_owner_cannot_confirm_my_proposal(db, owner, make_owner):
    conversation = assistant.current_conversation(db, owner_id=owner.id)
    ask_and_answer(db, owner, conversation, "add 10 coffee")
    card = pending_card(db, owner, conversation)
    stranger = make_owner()
    with pytest.raises(NotFoundError):
        assistant.confirm(db, owner_id=stranger.id, proposal_id=card.id)
    assert entries(db, stranger).total_count == 0 and entries(db, owner).total_count == 0


def test_offline_uses_the_vendors_most_used_category(db, owner):
    add(db, owner, dt.date(2026, 1, 5), "Office", "Staples", "10")
    add(db, owner, dt.date(2026, 2, 5), "Office", "Staples", "12")
    add(db, owner, dt.date(2026, 2, 6), "Equipment", "Staples", "300")
    conversation = assistant.current_conversation(db, owner_id=owner.id)
    ask_and_answer(db, owner, conversation, "add 15 at staples")
    assert pending_card(db, owner, conversation).fields["category"] == "Office"


def test_offline_totals_profit_top_and_search_answer_from_the_books(db, owner):
    add(db, owner, dt.date(2026, 1, 10), "Travel", "Shell", "40.10")
    add(db, owner, dt.date(2026, 2, 10), "Travel", "Shell", "2.40")
    add(db, owner, dt.date(2026, 2, 11), "Rent", "Landlord", "500")
    add(db, owner, dt.date(2025, 12, 31), "Travel", "Shell", "99")  # last quarter, not this one
    add(db, owner, dt.date(2026, 2, 1), "Services", "Acme", "1000", kind="income")
    add(db, owner, dt.date(2026, 2, 2), "Services", "Globex", "250.50", kind="income")
    conversation = assistant.current_conversation(db, owner_id=owner.id)

    assert "€42.50" in ask_and_answer(db, owner, conversation, "how much did I spend on travel this quarter?")
    assert "in 2 entries" in ask_and_answer(db, owner, conversation, "how much did I spend on travel this quarter?")
    profit = ask_and_answer(db, owner, conversation, "profit last month")
    assert "€748.10" in profit and "€1,250.50" in profit and "€502.40" in profit
    top = ask_and_answer(db, owner, conversation, "top clients this year")
    assert top.index("Acme") < top.index("Globex") and "€1,000.00" in top
    found = ask_and_answer(db, owner, conversation, "show my expenses at Shell")
    assert "3 expenses" in found and "€141.50" in found


def test_offline_totals_for_one_client_count_only_that_clients_income(db, owner):
    add(db, owner, dt.date(2026, 2, 1), "Services", "Acme", "1000", kind="income")
    add(db, owner, dt.date(2026, 3, 2), "Consulting", "Acme", "500", kind="income")
    add(db, owner, dt.date(2026, 2, 2), "Services", "Globex", "250.50", kind="income")
    add(db, owner, dt.date(2025, 12, 1), "Services", "Acme", "70", kind="income")  # last fiscal year
    add(db, owner, dt.date(2026, 2, 3), "Travel", "Acme", "9")  # an expense, not an income
    conversation = assistant.current_conversation(db, owner_id=owner.id)
    for question in ("how much did Acme pay me this year", "how much did I receive from Acme this year",
                     "how much from Acme"):
        text = ask_and_answer(db, owner, conversation, question)
        assert "€1,500.00 from Acme in FY2026" in text and "in 2 entries" in text, question
    top = ask_and_answer(db, owner, conversation, "income by client this year")
    assert top.startswith("Top clients") and top.index("Acme: €1,500.00") < top.index("Globex: €250.50")
    assert "Acme: €1,500.00 (2 entries)" in top and "Globex: €250.50 (1 entry)" in top  # not '1 entries'


def test_offline_weeks_quarters_and_years_answer_their_own_dates(db, owner):
    add(db, owner, dt.date(2026, 3, 8), "Travel", "Shell", "1")  # Sunday before last week
    add(db, owner, dt.date(2026, 3, 9), "Travel", "Shell", "10")  # last week (Monday 9 March)
    add(db, owner, dt.date(2026, 3, 15), "Travel", "Shell", "20")  # last week (Sunday)
    add(db, owner, dt.date(2026, 3, 16), "Travel", "Shell", "300")  # this week
    add(db, owner, dt.date(2026, 3, 17), "Travel", "Shell", "5")  # this week, yesterday
    add(db, owner, dt.date(2025, 11, 5), "Travel", "Shell", "4000")  # Q4 2025
    add(db, owner, dt.date(2024, 6, 5), "Travel", "Shell", "50000")  # 2024
    conversation = assistant.current_conversation(db, owner_id=owner.id)
    last_week = ask_and_answer(db, owner, conversation, "how much did I spend last week")
    assert "€30.00" in last_week and "the week of 9 Mar 2026 (9 Mar 2026 – 15 Mar 2026)" in last_week
    assert "€305.00" in ask_and_answer(db, owner, conversation, "how much did I spend this week")
    assert "€336.00 in Q1 FY2026" in ask_and_answer(db, owner, conversation, "how much did I spend in Q1")
    assert "€4,000.00 in Q4 FY2025" in ask_and_answer(db, owner, conversation, "expenses Q4 2025")
    assert "€50,000.00 in 2024 (1 Jan 2024 – 31 Dec 2024)" in ask_and_answer(db, owner, conversation,
                                                                                   "expenses 2024")
    assert "€5.00 on 17 March 2026" in ask_and_answer(db, owner, conversation, "expenses yesterday")
    assert "did not understand the period" in ask_and_answer(db, owner, conversation, "expenses since Monday")


def test_offline_answers_write_the_periods_dates_as_a_german_owner_does(db, make_owner):
    owner = make_owner(locale="de_DE")
    add(db, owner, dt.date(2026, 3, 9), "Travel", "Shell", "10")  # last week (Monday 9 March)
    add(db, owner, dt.date(2026, 3, 17), "Travel", "Shell", "5")  # yesterday
    conversation = assistant.current_conversation(db, owner_id=owner.id)
    last_week = ask_and_answer(db, owner, conversation, "how much did I spend last week")
    assert "the week of 9. März 2026 (9. März 2026 – 15. März 2026)" in last_week
    assert "on 17. März 2026" in ask_and_answer(db, owner, conversation, "expenses yesterday")
    assert "in FY2026 to 18. März 2026 (1. Jan. 2026 – 18. März 2026)" in ask_and_answer(
        db, owner, conversation, "profit this year")
    period = books.resolve_period("this_year", db=db, owner=owner, today=TODAY)
    assert books.total(db, owner=owner, kind="expense", period=period)["period"] == {
        "label": "FY2026", "from": "2026-01-01", "to": "2026-12-31"}
    assert books.total(db, owner=owner, kind="expense", period=period.so_far(TODAY))["period"]["label"] == \
        "FY2026 to 18. März 2026"


def test_a_fiscal_quarter_follows_the_owners_fiscal_year(db, make_owner):
    owner = make_owner(fiscal_year_start=dt.date(2000, 4, 1))
    add(db, owner, dt.date(2025, 4, 30), "Travel", "Shell", "10")  # Q1 FY2026 (April-June 2025)
    add(db, owner, dt.date(2026, 1, 30), "Travel", "Shell", "20")  # Q4 FY2026
    conversation = assistant.current_conversation(db, owner_id=owner.id)
    assert "€10.00 in Q1 FY2026 (1 Apr 2025 – 30 Jun 2025)" in ask_and_answer(db, owner, conversation,
                                                                                    "expenses in Q1")


def test_offline_add_keeps_thousands_and_the_invoice_number(db, owner):
    conversation = assistant.current_conversation(db, owner_id=owner.id)
    text = ask_and_answer(db, owner, conversation, "received €1.200 from Acme for invoice 1042")
    assert "€1,200.00" in text and "note “invoice 1042”" in text
    card = pending_card(db, owner, conversation)
    assert (card.fields["kind"], card.fields["amount"], card.fields["party"], card.fields["notes"]) == (
        "income", "1200.00", "Acme", "invoice 1042")
    assistant.confirm(db, owner_id=owner.id, proposal_id=card.id)
    row = entries(db, owner, kind="income").frame.iloc[0]
    assert (row["amount"], row["notes"]) == (Decimal("1200.00"), "invoice 1042")


def test_offline_add_paid_by_card_is_an_expense(db, owner):
    conversation = assistant.current_conversation(db, owner_id=owner.id)
    ask_and_answer(db, owner, conversation, "add 42.50 fuel at Shell on 15.03.2026, paid by card")
    card = pending_card(db, owner, conversation)
    assert (card.fields["kind"], card.fields["date"], card.fields["payment_method"]) == (
        "expense", "2026-03-15", "Card")


def test_offline_add_refuses_a_future_date(db, owner):
    conversation = assistant.current_conversation(db, owner_id=owner.id)
    assert "in the future" in ask_and_answer(db, owner, conversation, "add 50 fuel tomorrow")
    assert not [p for m in assistant.transcript(db, owner_id=owner.id, conversation_id=conversation)
                for p in m.proposals]


def test_offline_says_what_it_cannot_do_and_how_to_connect_a_model(db, owner):
    conversation = assistant.current_conversation(db, owner_id=owner.id)
    text = ask_and_answer(db, owner, conversation, "delete my last expense")
    assert "can't delete" in text and "OPENAI_API_KEY" in text and "OPENAI_BASE_URL" in text
    assert entries(db, owner).total_count == 0


def test_offline_what_is_missing_lists_gaps(db, owner):
    conversation = assistant.current_conversation(db, owner_id=owner.id)
    assert "No entries yet" in ask_and_answer(db, owner, conversation, "what is missing?")


def test_rate_limit_per_minute_gives_a_clear_message_and_keeps_the_question(db, owner):
    config = AssistantConfig(model=None, offline_per_minute=2, offline_per_day=100)
    conversation = assistant.current_conversation(db, owner_id=owner.id)
    ask_and_answer(db, owner, conversation, "hello", config)
    ask_and_answer(db, owner, conversation, "hello", config)
    text = ask_and_answer(db, owner, conversation, "profit this year", config)
    assert text.startswith("You've asked 2 questions this minute, the offline assistant's limit "
                           "(FINTRACK_OFFLINE_PER_MINUTE). Please try again in")
    shown = assistant.transcript(db, owner_id=owner.id, conversation_id=conversation)
    assert shown[-2].content == "profit this year" and shown[-1].is_error


def test_rate_limit_per_day(db, owner):
    config = AssistantConfig(model=None, offline_per_minute=100, offline_per_day=1)
    conversation = assistant.current_conversation(db, owner_id=owner.id)
    ask_and_answer(db, owner, conversation, "hello", config)
    text = ask_and_answer(db, owner, conversation, "hello", config)
    assert "1 question in the last 24 hours" in text and "(FINTRACK_OFFLINE_PER_DAY)" in text
    assert "about" in text  # "try again in about N minutes"


def test_offline_questions_are_not_held_to_the_models_limits(db, owner):
    config = AssistantConfig(model=None, per_minute=1, per_day=1, offline_per_minute=5, offline_per_day=5)
    conversation = assistant.current_conversation(db, owner_id=owner.id)
    answers = [ask_and_answer(db, owner, conversation, "profit this year", config) for _ in range(5)]
    assert all("Net profit" in answer for answer in answers)
    assert "offline assistant's limit" in ask_and_answer(db, owner, conversation, "profit this year", config)


def test_usage_adds_up_per_owner_and_day(db, owner, make_owner):
    limits.record_usage(db, owner_id=owner.id, prompt_tokens=100, completion_tokens=20)
    limits.record_usage(db, owner_id=owner.id, prompt_tokens=50, completion_tokens=5)
    other = make_owner()
    limits.record_usage(db, owner_id=other.id, prompt_tokens=1, completion_tokens=1)
    assert assistant.usage_today(db, owner_id=owner.id) == limits.Usage(2, 150, 25)
    assert assistant.usage_today(db, owner_id=other.id) == limits.Usage(1, 1, 1)


def test_offline_breakdown_by_category(db, owner):
    add(db, owner, dt.date(2026, 1, 10), "Travel", "Shell", "40.10")
    add(db, owner, dt.date(2026, 2, 11), "Rent", "Landlord", "500")
    conversation = assistant.current_conversation(db, owner_id=owner.id)
    text = ask_and_answer(db, owner, conversation, "expenses by category this year")
    assert text.index("Rent: €500.00") < text.index("Travel: €40.10")


def test_earlier_conversations_are_listed_with_their_first_question(db, owner, make_owner):
    first = assistant.current_conversation(db, owner_id=owner.id)
    ask_and_answer(db, owner, first, "profit   this year")
    ask_and_answer(db, owner, first, "hello")
    second = assistant.new_conversation(db, owner_id=owner.id)
    assistant.ask(db, owner_id=owner.id, conversation_id=second, text="x" * 100)
    listed = assistant.recent_conversations(db, owner_id=owner.id)
    assert [(c.id, c.title) for c in listed] == [(second, "x" * 79 + "…"), (first, "profit this year")]

    stranger = make_owner()
    assert assistant.recent_conversations(db, owner_id=stranger.id) == []
    assert assistant.resolve_conversation(db, owner_id=owner.id, conversation_id=first) == first
    assert assistant.resolve_conversation(db, owner_id=stranger.id, conversation_id=first) != first
    assert assistant.resolve_conversation(db, owner_id=owner.id, conversation_id=None) == second


# --- category changes -----------------------------------------------------------------------------------


def category_change_card(db, owner, conversation_id, entry) -> int:
    fields = {"kind": "expense", "entry_id": entry.id, "category": "Travel", "from_category": entry.category,
              "date": entry.date.isoformat(), "party": entry.party, "amount": str(entry.amount)}
    with db.transaction() as session:
        return proposals.store(session, owner_id=owner.id, conversation_id=conversation_id,
                               action=proposals.CHANGE_CATEGORY, fields=fields)


def test_a_cancelled_category_change_cannot_be_confirmed(db, owner):
    entry = add(db, owner, dt.date(2026, 3, 1), "Other", "Shell", "30")
    conversation = assistant.current_conversation(db, owner_id=owner.id)
    card = category_change_card(db, owner, conversation, entry)
    assistant.cancel(db, owner_id=owner.id, proposal_id=card)
    with pytest.raises(ConflictError):
        assistant.confirm(db, owner_id=owner.id, proposal_id=card)
    assert ledger.get_entry(db, owner_id=owner.id, kind="expense", entry_id=entry.id).category == "Other"
    assert assistant.recent_actions(db, owner_id=owner.id) == []


def test_a_category_change_is_written_in_the_transaction_that_locks_the_proposal(db, owner, monkeypatch):
    """A Cancel from another tab waits for that lock, so it cannot land between the write and the confirmation."""
    entry = add(db, owner, dt.date(2026, 3, 1), "Other", "Shell", "30")
    conversation = assistant.current_conversation(db, owner_id=owner.id)
    card = category_change_card(db, owner, conversation, entry)
    locked, written = [], []
    lock, update = assistant_repo.get_message_for_update, entries_repo.update
    monkeypatch.setattr(assistant_repo, "get_message_for_update",
                        lambda session, **kw: locked.append(session) or lock(session, **kw))
    monkeypatch.setattr(entries_repo, "update", lambda session, **kw: written.append(session) or update(session, **kw))

    done = assistant.confirm(db, owner_id=owner.id, proposal_id=card)
    assert len(written) == 1 and any(session is written[0] for session in locked)
    assert ledger.get_entry(db, owner_id=owner.id, kind="expense", entry_id=entry.id).category == "Travel"
    [action] = assistant.recent_actions(db, owner_id=owner.id)
    assert (action.action, action.record_kind, action.record_id) == ("change_category", "expense", entry.id)
    assert done.status == "confirmed" and done.record_id == entry.id


def test_a_category_change_is_validated_again_on_confirm(db, owner):
    entry = add(db, owner, dt.date(2026, 3, 1), "Other", "Shell", "30")
    conversation = assistant.current_conversation(db, owner_id=owner.id)
    card = category_change_card(db, owner, conversation, entry)
    ledger.delete_entries(db, owner_id=owner.id, kind="expense", entry_ids=[entry.id])
    with pytest.raises(NotFoundError):
        assistant.confirm(db, owner_id=owner.id, proposal_id=card)
    assert assistant.recent_actions(db, owner_id=owner.id) == []


def test_confirming_an_earlier_card_does_not_answer_the_waiting_question(db, owner):
    conversation = assistant.current_conversation(db, owner_id=owner.id)
    ask_and_answer(db, owner, conversation, "add 10 coffee")
    card = pending_card(db, owner, conversation)
    assistant.ask(db, owner_id=owner.id, conversation_id=conversation, text="profit this year")
    assistant.confirm(db, owner_id=owner.id, proposal_id=card.id)
    assert assistant.needs_answer(db, owner_id=owner.id, conversation_id=conversation)
    text = "".join(assistant.answer(db, owner=owner, conversation_id=conversation, config=OFFLINE, today=TODAY))
    assert text.startswith("Net profit") and "€10.00" in text
    assert not assistant.needs_answer(db, owner_id=owner.id, conversation_id=conversation)


# --- periods the calendar cannot hold, and crashes --------------------------------------------------------


@pytest.mark.parametrize("question", ["how much did I spend in 0000", "profit in 0001"])
def test_a_year_outside_the_calendar_is_answered_not_crashed(db, owner, question):
    conversation = assistant.current_conversation(db, owner_id=owner.id)
    text = ask_and_answer(db, owner, conversation, question)
    assert text.startswith("I could not do that") and "outside the dates" in text
    assert not assistant.needs_answer(db, owner_id=owner.id, conversation_id=conversation)


def test_an_unexpected_failure_is_logged_and_still_answers_the_question(db, owner, monkeypatch, caplog):
    def broken(*args, **kwargs):
        raise RuntimeError("bug")

    monkeypatch.setattr(books, "total", broken)
    conversation = assistant.current_conversation(db, owner_id=owner.id)
    text = ask_and_answer(db, owner, conversation, "how much did I spend this year?")
    assert text == offline_answers.FAILED
    assert not assistant.needs_answer(db, owner_id=owner.id, conversation_id=conversation)
    assert "RuntimeError: bug" in caplog.text


def test_all_time_covers_every_entry_whatever_its_date(db, owner):
    add(db, owner, dt.date(1999, 5, 1), "Travel", "Shell", "10")
    add(db, owner, dt.date(2026, 3, 1), "Travel", "Shell", "20")
    add(db, owner, dt.date(2026, 6, 1), "Travel", "Shell", "30")  # dated after today
    conversation = assistant.current_conversation(db, owner_id=owner.id)
    assert "€60.00" in ask_and_answer(db, owner, conversation, "how much did I spend in total?")


def test_top_parties_and_breakdown_do_not_run_the_whole_summary(db, owner, monkeypatch):
    add(db, owner, dt.date(2026, 2, 1), "Services", "Acme", "1000", kind="income")
    monkeypatch.setattr(reports, "summary", lambda *a, **k: pytest.fail("the dashboard summary ran"))
    conversation = assistant.current_conversation(db, owner_id=owner.id)
    assert "Acme: €1,000.00" in ask_and_answer(db, owner, conversation, "top clients this year")
    assert "Services: €1,000.00" in ask_and_answer(db, owner, conversation, "income by category this year")


def test_amounts_for_the_model_round_half_up():
    assert books.money(Decimal("1.005")) == "1.01" and books.money(Decimal("2.5")) == "2.50"


def test_offline_knows_the_owners_clients_without_a_preposition(db, owner):
    add(db, owner, dt.date(2026, 2, 1), "Services", "Umbrella Corp", "1000", kind="income")
    add(db, owner, dt.date(2026, 2, 3), "Software", "Hetzner", "39")
    conversation = assistant.current_conversation(db, owner_id=owner.id)
    ask_and_answer(db, owner, conversation, "Umbrella Corp 900 yesterday")
    card = pending_card(db, owner, conversation)
    assert (card.fields["kind"], card.fields["party"], card.fields["category"], card.fields["date"]) == (
        "income", "Umbrella Corp", "Services", "2026-03-17")
    assert "€39.00 at Hetzner in FY2026" in ask_and_answer(db, owner, conversation, "Hetzner this year")


def test_offline_asks_about_an_unsure_kind_and_proposes_nothing(db, owner):
    conversation = assistant.current_conversation(db, owner_id=owner.id)
    text = ask_and_answer(db, owner, conversation, "received 300 for the phone bill")
    assert "money you received or money you paid" in text and "OPENAI_API_KEY" not in text
    assert not [p for m in assistant.transcript(db, owner_id=owner.id, conversation_id=conversation)
                for p in m.proposals]


def test_offline_refuses_a_negative_amount_and_never_books_costs_as_a_vendor(db, owner):
    conversation = assistant.current_conversation(db, owner_id=owner.id)
    text = ask_and_answer(db, owner, conversation, "put -30 under costs")
    assert "negative amount" in text
    assert not [p for m in assistant.transcript(db, owner_id=owner.id, conversation_id=conversation)
                for p in m.proposals]


def test_offline_category_totals_and_top_categories_by_period(db, owner):
    add(db, owner, dt.date(2026, 2, 3), "Software", "Hetzner", "39")
    add(db, owner, dt.date(2026, 2, 20), "Software", "Adobe", "60")
    add(db, owner, dt.date(2026, 3, 2), "Software", "Adobe", "60")  # this month, not February
    add(db, owner, dt.date(2026, 2, 4), "Travel", "Shell", "500")
    conversation = assistant.current_conversation(db, owner_id=owner.id)
    assert "€99.00 on Software" in ask_and_answer(db, owner, conversation, "what did software cost me in February")
    top = ask_and_answer(db, owner, conversation, "top categories this year")
    assert top.index("Travel: €500.00") < top.index("Software: €159.00")


def test_offline_marks_a_vendor_it_is_unsure_of(db, owner):
    conversation = assistant.current_conversation(db, owner_id=owner.id)
    text = ask_and_answer(db, owner, conversation, "zorblax 39")
    assert "not sure “zorblax” is the vendor" in text
    assert pending_card(db, owner, conversation).fields["party"] == "zorblax"
