"""The assistant with a model in a real browser: the app talks to the fake OpenAI server through the real
client; the answer streams in, a proposal card appears, and Confirm writes the entry."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from playwright.sync_api import Page, expect

from tests.e2e.conftest import sign_up
from tests.e2e.test_assistant_journey import running_app, shot, wait_for_chat
from tests.fakes.openai_server import FakeOpenAI

pytestmark = pytest.mark.browser
SLOW_ANSWER = "So far this fiscal year you have recorded no income and no expenses, so your profit is zero."


@pytest.fixture(scope="module")
def model() -> Iterator[FakeOpenAI]:
    server = FakeOpenAI().start()
    yield server
    server.stop()


@pytest.fixture(scope="module")
def model_app(model: FakeOpenAI, tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """The real app with OPENAI_API_KEY and OPENAI_BASE_URL pointing at the fake server."""
    with running_app(tmp_path_factory.mktemp("e2e-model-app"), OPENAI_API_KEY="test-key",
                     OPENAI_BASE_URL=model.base_url) as base_url:
        yield base_url


def ask(page: Page, text: str) -> None:
    chat = page.get_by_test_id("stChatInputTextArea")
    chat.fill(text)
    chat.press("Enter")


def test_streamed_answer_then_a_confirmed_proposal(page, model, model_app):
    sign_up(page, model_app)
    page.goto(f"{model_app}/assistant")
    wait_for_chat(page)
    expect(page.get_by_text("Model gpt-4.1")).to_be_visible()

    model.reply_tool_calls(("get_summary", {"period": "this_year", "date_from": None, "date_to": None}))
    model.reply_text(SLOW_ANSWER, delay=0.3)
    ask(page, "what is my profit this year?")
    expect(page.get_by_text("So far this fiscal year")).to_be_visible()
    expect(page.get_by_text(SLOW_ANSWER)).not_to_be_visible()  # still arriving, word by word
    expect(page.get_by_text(SLOW_ANSWER)).to_be_visible()
    shot(page, "model-streamed")

    model.reply_tool_calls(("propose_expense", {"date": "2026-03-17", "category": "Travel", "vendor": "Shell",
                                                "payment_method": "Card", "amount": "42.50", "notes": None}))
    model.reply_text("I prepared the expense below; click Confirm to save it.")
    ask(page, "add 42.50 fuel at Shell, card")
    card = page.get_by_test_id("stChatMessage").filter(has_text="Add expense")
    expect(card.get_by_text("Amount: $42.50")).to_be_visible()
    card.get_by_role("button", name="Confirm").click()
    expect(page.get_by_text("Saved (expense #1).")).to_be_visible()
    shot(page, "model-confirmed")

    page.goto(f"{model_app}/ledger")
    expect(page.get_by_test_id("stMetric").filter(has_text="Total amount")).to_contain_text("$42.50")
