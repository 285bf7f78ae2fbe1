"""The assistant in a real browser (offline mode): ask, get a proposal card, confirm, see it in the ledger.

The assistant journeys run their own app server (with their own database), so the entries they write
never shift the ids other journeys expect on the shared server.
"""

from __future__ import annotations

import os
import subprocess
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest
from playwright.sync_api import Page, expect

from fintrack.config import PROJECT_ROOT
from tests.e2e.conftest import ARTIFACTS, _free_port, _wait_until_healthy, sign_up

pytestmark = pytest.mark.browser


@contextmanager
def running_app(folder: Path, **settings: str) -> Iterator[str]:
    """`streamlit run server.py` on a free port with a fresh database; extra settings as environment."""
    env = {key: value for key, value in os.environ.items() if not key.startswith("OPENAI_")}
    env.update(DATABASE_URL=f"sqlite:///{folder / 'fintrack.db'}", FINTRACK_DATA_DIR=str(folder),
               STREAMLIT_BROWSER_GATHER_USAGE_STATS="false", **settings)
    port, log = _free_port(), folder / "server.log"
    command = [str(PROJECT_ROOT / ".venv" / "bin" / "streamlit"), "run", str(PROJECT_ROOT / "server.py"),
               "--server.port", str(port), "--server.headless", "true", "--server.fileWatcherType", "none"]
    with log.open("w") as output:
        process = subprocess.Popen(command, cwd=PROJECT_ROOT, env=env, stdout=output,  # noqa: S603
                                   stderr=subprocess.STDOUT)
    try:
        _wait_until_healthy(process, f"http://127.0.0.1:{port}", log)
        yield f"http://127.0.0.1:{port}"
    finally:
        process.terminate()
        process.wait(timeout=10)


@pytest.fixture(scope="module")
def offline_app(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    with running_app(tmp_path_factory.mktemp("e2e-assistant")) as base_url:
        yield base_url


def wait_for_chat(page: Page) -> None:
    """Like `wait_for_app`, for a page with `st.chat_input` (Streamlit then drops the `stMain` test id)."""
    page.wait_for_selector('[data-testid="stMainBlockContainer"] [data-testid="stElementContainer"]')
    page.wait_for_function("() => !document.querySelector('[data-testid=\"stStatusWidget\"]')")


def shot(page: Page, name: str) -> None:
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / f"assistant-{name}.png"), full_page=True)


def open_assistant_as_a_new_owner(page: Page, base_url: str) -> None:
    page.set_viewport_size({"width": 1280, "height": 1400})
    sign_up(page, base_url)
    page.goto(f"{base_url}/assistant")
    wait_for_chat(page)


def expect_ledger_expenses(page: Page, base_url: str, count: str, total: str) -> None:
    page.goto(f"{base_url}/ledger")
    expect(page.get_by_test_id("stMetric").filter(has_text="Expenses in total")).to_contain_text(count)
    expect(page.get_by_test_id("stMetric").filter(has_text="Total amount")).to_contain_text(total)


def test_ask_confirm_and_see_the_entry_in_the_ledger(page, offline_app):
    base_url = offline_app
    open_assistant_as_a_new_owner(page, base_url)
    expect(page.get_by_role("heading", name="Assistant")).to_be_visible()
    expect(page.get_by_text("Offline mode")).to_be_visible()
    expect(page.get_by_text("No entries yet")).to_be_visible()

    chat = page.get_by_test_id("stChatInputTextArea")
    chat.fill("add 42.50 fuel at Shell yesterday")
    chat.press("Enter")
    card = page.get_by_test_id("stChatMessage").filter(has_text="Add expense")
    expect(card.get_by_text("Vendor: Shell")).to_be_visible()
    expect(card.get_by_text("Amount: $42.50")).to_be_visible()
    expect(card.get_by_text("Category: Travel")).to_be_visible()
    shot(page, "proposal")

    card.get_by_role("button", name="Confirm").click()
    expect(page.get_by_text("Saved: expense of 42.50 at Shell")).to_be_visible()
    expect(card.get_by_role("button", name="Confirm")).to_have_count(0)
    shot(page, "confirmed")

    page.reload()  # the conversation is stored: it comes back after a reload
    wait_for_chat(page)
    expect(page.get_by_text("add 42.50 fuel at Shell yesterday")).to_be_visible()

    expect_ledger_expenses(page, base_url, "1", "$42.50")
    shot(page, "ledger")


def test_a_terse_note_becomes_a_card_and_then_a_ledger_entry(page, offline_app):
    base_url = offline_app
    open_assistant_as_a_new_owner(page, base_url)

    chat = page.get_by_test_id("stChatInputTextArea")
    chat.fill("printer paper 23.40")
    chat.press("Enter")
    card = page.get_by_test_id("stChatMessage").filter(has_text="Add expense")
    expect(card.get_by_text("Amount: $23.40")).to_be_visible()
    expect(card.get_by_text("Category: Office")).to_be_visible()
    card.get_by_role("button", name="Confirm").click()
    expect(page.get_by_text("Saved: expense of 23.40")).to_be_visible()
    shot(page, "terse-note")
    expect_ledger_expenses(page, base_url, "1", "$23.40")
