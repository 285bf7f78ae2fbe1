"""A whole owner's journey through the services, logged as in production: every line is one JSON object,
the expected events are there, and nothing secret or private is: not the password, the session token (the
cookie's value), the API key, the note text, the question, nor the statement's content."""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Iterator

import pytest

from fintrack.errors import AuthenticationError
from fintrack.filters import EntryFilter
from fintrack.services import accounts, exports, imports, ledger, sessions
from fintrack.services import assistant as assistant_service
from fintrack.services.assistant import AssistantConfig, ModelConfig
from tests.fakes.openai_server import FakeOpenAI

PASSWORD = "Tr0ub4dor-and-3-horses"
API_KEY = "sk-test-6f1d0c2a9b8e7f6d5c4b3a29"
NOTE = "Invoice 7741 for the secret-recipe consultation"
QUESTION = "how much did Quuxbury Flour Mill cost me in March?"
STATEMENT_PARTIES = ("Quuxbury Flour Mill", "Zephyrine Patisserie Ltd")
STATEMENT = (b"Date,Description,Amount\n"
             b"2026-03-02,Quuxbury Flour Mill,-412.37\n"
             b"2026-03-05,Zephyrine Patisserie Ltd,1975.20\n"
             b"2026-03-06,,not a number\n")
SECRET_KEY = "s" * 48


@pytest.fixture
def model_server() -> Iterator[FakeOpenAI]:
    server = FakeOpenAI().start()
    yield server
    server.stop()


def journey(db, model_server: FakeOpenAI) -> tuple[int, str]:
    """Sign up, fail then succeed to sign in, add an entry with a note, import a statement, export, ask the
    assistant (one tool call, then the answer), sign out. Returns the owner id and the session token."""
    owner = accounts.sign_up(db, {"email": "baker@example.com", "password": PASSWORD, "business_name": "Crumb",
                                  "fiscal_year_start": dt.date(2000, 1, 1), "currency_code": "EUR"})
    policy = accounts.LoginPolicy()
    with pytest.raises(AuthenticationError):
        accounts.authenticate(db, email=owner.email, password=PASSWORD + "!", client="203.0.113.9", policy=policy)
    accounts.authenticate(db, email=owner.email, password=PASSWORD, client="203.0.113.9", policy=policy)
    token = sessions.start_session(db, owner_id=owner.id, secret_key=SECRET_KEY, days=1)
    assert sessions.owner_for_token(db, token=token, secret_key=SECRET_KEY) == owner

    ledger.add_entry(db, owner_id=owner.id, data={"kind": "expense", "date": dt.date(2026, 3, 1), "amount": "12.50",
                                                  "category": "Supplies", "party": "Corner Shop", "notes": NOTE})
    shown = imports.preview(db, owner_id=owner.id, data=STATEMENT, filename="march.csv")
    imports.commit(db, owner_id=owner.id, preview=shown, skip_bad_rows=True)
    exports.ledger_workbook(db, owner_id=owner.id, filters=EntryFilter(kind="expense"))

    model_server.reply_tool_calls(("search_entries", {"kind": "expense", "text": "Quuxbury", "period": "custom",
                                                      "date_from": "2026-03-01", "date_to": "2026-03-31",
                                                      "limit": 10}))
    model_server.reply_text("Quuxbury Flour Mill cost you 412.37 in March.")
    conversation = assistant_service.current_conversation(db, owner_id=owner.id)
    assistant_service.ask(db, owner_id=owner.id, conversation_id=conversation, text=QUESTION)
    config = AssistantConfig(model=ModelConfig(api_key=API_KEY, base_url=model_server.base_url, model="gpt-test"))
    answer = "".join(assistant_service.answer(db, owner=owner, conversation_id=conversation, config=config,
                                              today=dt.date(2026, 3, 20)))
    assert "412.37" in answer

    sessions.end_session(db, token=token, secret_key=SECRET_KEY)
    return owner.id, token


def test_the_journey_logs_json_events_and_no_secrets(db, log_lines, model_server):
    owner_id, token = journey(db, model_server)
    text = log_lines.getvalue()
    lines = [json.loads(line) for line in text.splitlines()]  # every line is one JSON object

    events = {(line["event"], line.get("outcome")) for line in lines}
    assert {("auth.sign_up", "success"), ("auth.sign_in", "failure"), ("auth.sign_in", "success"),
            ("entry.created", "success"), ("import.previewed", "success"), ("import.committed", "success"),
            ("export.ledger_workbook", "success"), ("assistant.model_call", "success"),
            ("assistant.answer", "success"), ("auth.sign_out", "success")} <= events
    owned = [line for line in lines if line.get("family") and line["event"] != "auth.sign_in"]
    assert all(line["owner_id"] == owner_id and line["duration_ms"] >= 0 for line in owned)
    committed = next(line for line in lines if line["event"] == "import.committed")
    assert (committed["rows"], committed["duplicates"], committed["bad_rows"]) == (2, 0, 1)
    calls = [line for line in lines if line["event"] == "assistant.model_call"]
    assert [call["tool_calls"] for call in calls] == [["search_entries"], []]
    assert all(call["model"] == "gpt-test" and call["prompt_tokens"] > 0 for call in calls)

    for secret in (PASSWORD, token, API_KEY, NOTE, QUESTION, *STATEMENT_PARTIES, "412.37", "1975.20", "Invoice 7741"):
        assert secret not in text, f"{secret!r} leaked into the log"
