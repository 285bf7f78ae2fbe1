"""The assistant on accounts, on SQLite and PostgreSQL: offline and through the model (the fake OpenAI server
and the real client), "what is the balance of ..." is answered from the books, and a transfer is a card that
only Confirm writes."""

from __future__ import annotations

import datetime as dt
import json
from decimal import Decimal

from fintrack.services import assistant, ledger, transfers
from fintrack.services import money_accounts as accounts
from fintrack.services.assistant import AssistantConfig
from tests.db.test_assistant_model import ask, config_for, server, shown, tool_messages  # noqa: F401

TODAY = dt.date(2026, 3, 18)
OFFLINE = AssistantConfig(model=None)


def books_with_a_card(db, owner):
    card = accounts.add_account(db, owner_id=owner.id, data={
        "name": "Visa card", "type": "credit_card", "opening_balance": "-100", "opening_date": dt.date(2026, 1, 1)})
    ledger.add_entry(db, owner_id=owner.id, data={"kind": "income", "date": dt.date(2026, 3, 2),
                                                  "category": "Sales", "amount": "1000"})
    ledger.add_entry(db, owner_id=owner.id, data={"kind": "expense", "date": dt.date(2026, 3, 3),
                                                  "category": "Travel", "amount": "20.50", "account_id": card.id})
    return card


def offline(db, owner, question) -> tuple[str, list]:
    conversation = assistant.current_conversation(db, owner_id=owner.id)
    assistant.ask(db, owner_id=owner.id, conversation_id=conversation, text=question)
    text = "".join(assistant.answer(db, owner=owner, conversation_id=conversation, config=OFFLINE, today=TODAY))
    cards = [p for m in assistant.transcript(db, owner_id=owner.id, conversation_id=conversation) for p in m.proposals]
    return text, cards


def test_offline_balance_questions(db, owner):
    books_with_a_card(db, owner)
    text, cards = offline(db, owner, "what is the balance of the visa card?")
    assert text == "The balance of “Visa card” is -€120.50, with every entry and transfer in the books."
    assert cards == []
    text, _ = offline(db, owner, "what's my balance")
    assert text == "Total cash is €879.50: “Main account” €1,000.00; “Visa card” -€120.50."


def test_offline_transfer_is_a_card_that_only_confirm_writes(db, owner):
    card = books_with_a_card(db, owner)
    text, cards = offline(db, owner, "transfer 120,50 from main account to Visa card yesterday")
    assert text.startswith("Here is the transfer I understood: €120.50 from “Main account” to “Visa card” on 17 Mar")
    assert transfers.list_transfers(db, owner_id=owner.id) == []
    [card_proposal] = cards
    assistant.confirm(db, owner_id=owner.id, proposal_id=card_proposal.id)
    [transfer] = transfers.list_transfers(db, owner_id=owner.id)
    assert (transfer.to_account_id, transfer.amount, transfer.date) == (card.id, Decimal("120.50"),
                                                                        dt.date(2026, 3, 17))
    assert accounts.balance_of(db, owner_id=owner.id, account_id=card.id) == Decimal("0.00")
    assert [action.record_kind for action in assistant.recent_actions(db, owner_id=owner.id)] == ["transfer"]


def test_offline_transfer_to_an_unknown_account_writes_nothing(db, owner):
    books_with_a_card(db, owner)
    text, cards = offline(db, owner, "move 50 from Main account to Savings")
    assert text.startswith("I do not know the account to take the money to; your accounts are “Main account”")
    assert cards == []


def test_the_model_reads_balances_and_proposes_a_transfer(db, owner, server):  # noqa: F811
    card = books_with_a_card(db, owner)
    server.reply_tool_calls(("get_account_balances", {"on": "2026-03-02"}))
    server.reply_tool_calls(("propose_transfer", {"from_account": "Main account", "to_account": "visa card",
                                                  "date": "2026-03-18", "amount": "120.50", "notes": None}))
    server.reply_text("Confirm the card to pay the card.")
    conversation, _ = ask(db, owner, "pay off the card", server)
    balances = json.loads(tool_messages(server.requests[1])[0]["content"])
    assert balances["total_cash"] == "900.00" and balances["accounts"][1] == {
        "name": "Visa card", "type": "Credit card", "balance": "-100.00"}
    [proposal] = shown(db, owner, conversation)[-1].proposals
    assert (proposal.action, proposal.fields["to_account"]) == ("add_transfer", "Visa card")
    assert transfers.list_transfers(db, owner_id=owner.id) == []
    assistant.confirm(db, owner_id=owner.id, proposal_id=proposal.id)
    assert accounts.balance_of(db, owner_id=owner.id, account_id=card.id) == Decimal("0.00")
