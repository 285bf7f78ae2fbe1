"""The assistant screen through AppTest, in offline mode (no API key in the app's environment)."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from fintrack.filters import EntryFilter
from fintrack.services import assistant, ledger
from fintrack.ui.text import plain
from tests.fakes.openai_server import FakeOpenAI

PAGE = "pages/assistant.py"


def texts(at) -> str:
    return "\n".join([m.value for m in at.markdown] + [m.value for m in at.caption] + [m.value for m in at.info]
                     + [m.value for m in at.success] + [m.value for m in at.warning])


def send(at, text: str):
    at.chat_input[0].set_value(text).run()
    assert not at.exception, at.exception
    return at


def expenses(app_db, owner):
    return ledger.find_entries(app_db, owner_id=owner.id, filters=EntryFilter(kind="expense"))


def button(at, prefix: str):
    return next(b for b in at.button if (b.key or "").startswith(prefix))


def test_opening_shows_offline_mode_the_gaps_and_how_to_start(app_db, app_owner, sign_in, open_page):
    sign_in(app_owner)
    at = open_page(PAGE)
    assert not at.exception
    shown = texts(at)
    assert "Offline mode" in shown and "OPENAI_API_KEY" in shown
    assert "No entries yet" in shown  # the gaps panel opens on an empty conversation
    assert at.chat_input


def test_ask_get_a_card_and_confirm_writes_the_entry(app_db, app_owner, sign_in, open_page):
    sign_in(app_owner)
    at = send(open_page(PAGE), "add 42.50 fuel at Shell yesterday, card")
    shown = texts(at)
    assert "add 42.50 fuel at Shell yesterday, card" in shown
    assert "**Vendor:** Shell" in shown and "**Amount:** €42.50" in shown and "**Category:** Travel" in shown
    assert expenses(app_db, app_owner).total_count == 0

    button(at, "assistant_confirm").click().run()
    assert not at.exception
    page = expenses(app_db, app_owner)
    assert page.total_count == 1 and page.total_amount == Decimal("42.50")
    assert "Saved" in texts(at)
    assert not [b for b in at.button if (b.key or "").startswith("assistant_confirm")]


def test_cancel_writes_nothing(app_db, app_owner, sign_in, open_page):
    sign_in(app_owner)
    at = send(open_page(PAGE), "add 12 coffee at Starbucks")
    button(at, "assistant_cancel").click().run()
    assert not at.exception
    assert expenses(app_db, app_owner).total_count == 0
    assert "Cancelled: nothing was written." in texts(at)


def test_the_conversation_survives_a_reload_and_new_conversation_clears_it(app_db, app_owner, sign_in, open_page):
    sign_in(app_owner)
    send(open_page(PAGE), "profit this year")
    again = open_page(PAGE)  # a new session: everything comes back from the database
    assert "profit this year" in texts(again) and "Net profit" in texts(again)

    again.button(key="assistant_new_conversation").click().run()
    assert not again.exception
    assert "profit this year" not in texts(again)
    assert len(assistant.transcript(app_db, owner_id=app_owner.id, conversation_id=assistant.current_conversation(
        app_db, owner_id=app_owner.id))) == 0


def test_a_gap_suggestion_asks_its_question(app_db, app_owner, sign_in, open_page):
    sign_in(app_owner)
    at = open_page(PAGE)
    button(at, "assistant_gap").click().run()
    assert not at.exception
    assert "I'm running offline" in texts(at)  # the empty-books gap asks what the assistant can do


def test_rate_limited_question_shows_why_and_a_try_again_button(app_db, app_owner, sign_in, open_page,
                                                                monkeypatch):
    monkeypatch.setenv("FINTRACK_OFFLINE_PER_MINUTE", "1")
    sign_in(app_owner)
    at = send(open_page(PAGE), "hello")
    at = send(at, "profit this year")
    assert plain("You've asked 1 question this minute, the offline assistant's limit "
                 "(FINTRACK_OFFLINE_PER_MINUTE)") in texts(at)  # answers are shown as text
    at.button(key="assistant_retry").click().run()
    assert not at.exception
    shown = assistant.transcript(app_db, owner_id=app_owner.id, conversation_id=assistant.current_conversation(
        app_db, owner_id=app_owner.id))
    assert [m.content for m in shown if m.role == "user"] == ["hello", "profit this year", "profit this year"]


def test_with_a_model_the_answer_streams_from_the_server(app_db, app_owner, sign_in, open_page, monkeypatch):
    server = FakeOpenAI().start()
    try:
        monkeypatch.setenv("OPENAI_API_KEY", "test-key")
        monkeypatch.setenv("OPENAI_BASE_URL", server.base_url)
        server.reply_tool_calls(("propose_expense", {
            "date": "2026-03-17", "category": "Travel", "vendor": "Shell", "payment_method": "Card",
            "amount": "42.50", "notes": None}))
        server.reply_text("I prepared it: please confirm.")
        sign_in(app_owner)
        at = send(open_page(PAGE), "add 42.50 fuel at Shell yesterday")
        assert "I prepared it: please confirm." in texts(at) and "**Vendor:** Shell" in texts(at)
        assert "Model gpt-4.1" in texts(at)
        assert server.requests[0]["stream"] is True
        button(at, "assistant_confirm").click().run()
        assert expenses(app_db, app_owner).total_count == 1
    finally:
        server.stop()


def test_an_earlier_conversation_can_be_reopened(app_db, app_owner, sign_in, open_page):
    sign_in(app_owner)
    at = send(open_page(PAGE), "profit this year")
    at.button(key="assistant_new_conversation").click().run()
    at = send(at, "income this year")
    assert "profit this year" not in texts(at)
    picker = at.selectbox[0]
    assert picker.options[1].startswith("profit this year")
    first = assistant.recent_conversations(app_db, owner_id=app_owner.id)[1]
    picker.select(first.id).run()
    assert not at.exception
    assert "Net profit" in texts(at) and "income this year" not in texts(at)
    at = send(at, "hello")  # a question goes to the conversation on screen
    asked = [m.content for m in assistant.transcript(app_db, owner_id=app_owner.id, conversation_id=first.id)
             if m.role == "user"]
    assert asked == ["profit this year", "hello"]


def incomes(app_db, owner):
    return ledger.find_entries(app_db, owner_id=owner.id, filters=EntryFilter(kind="income"))


def test_a_terse_note_gets_a_card_with_its_fields(app_db, app_owner, sign_in, open_page):
    yesterday = dt.date.today() - dt.timedelta(days=1)
    sign_in(app_owner)
    at = send(open_page(PAGE), "Hetzner server 39 yesterday")
    shown = texts(at)
    assert "Add expense" in shown
    for row in ("**Vendor:** Hetzner", "**Amount:** €39.00", "**Category:** Software",
                f"**Date:** {plain(app_owner.formats.date(yesterday))}"):  # as the owner writes dates
        assert row in shown, row
    button(at, "assistant_confirm").click().run()
    row = expenses(app_db, app_owner).frame.iloc[0]
    assert (row["party"], row["amount"], row["category"], row["date"]) == ("Hetzner", Decimal("39.00"), "Software",
                                                                          yesterday)


def test_an_income_cue_proposes_an_income(app_db, app_owner, sign_in, open_page):
    sign_in(app_owner)
    at = send(open_page(PAGE), "Globex paid 2,400 today")
    shown = texts(at)
    assert "Add income" in shown and "**Client:** Globex" in shown and "**Amount:** €2,400.00" in shown
    button(at, "assistant_confirm").click().run()
    assert incomes(app_db, app_owner).total_amount == Decimal("2400.00")
    assert expenses(app_db, app_owner).total_count == 0


def test_a_negative_amount_is_refused_with_the_reason_and_no_card(app_db, app_owner, sign_in, open_page):
    sign_in(app_owner)
    at = send(open_page(PAGE), "put -30 under costs")
    assert "can't book a negative amount" in texts(at) and "refund" in texts(at)
    assert not [b for b in at.button if (b.key or "").startswith("assistant_confirm")]


def test_a_category_by_month_question_answers_from_the_books(app_db, app_owner, sign_in, open_page):
    month_start = (dt.date.today().replace(day=1) - dt.timedelta(days=1)).replace(day=1)  # last month
    for day, category, amount in ((3, "Travel", "40.10"), (20, "Travel", "2.40"), (5, "Meals", "99"),
                                  (None, "Travel", "500")):
        date = month_start.replace(day=day) if day else dt.date.today()  # Meals and this month do not count
        ledger.add_entry(app_db, owner_id=app_owner.id, data={"kind": "expense", "date": date, "category": category,
                                                               "party": "Shell", "amount": amount})
    sign_in(app_owner)
    at = send(open_page(PAGE), f"fuel in {month_start:%B}")
    assert plain("€42.50 on Travel") in texts(at) and "in 2 entries" in texts(at)


def test_advice_needs_a_model_and_says_how_to_connect_one(app_db, app_owner, sign_in, open_page):
    sign_in(app_owner)
    at = send(open_page(PAGE), "should I lease or buy a new oven?")
    assert "can't advise on that without a model" in texts(at) and "OPENAI_API_KEY" in texts(at)
