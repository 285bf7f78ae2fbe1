"""Importing a statement in a real browser: upload, check the preview, confirm, see the entries; the same
file again is recognised and every row flagged as already in the books."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import Page, expect

from fintrack.config import PROJECT_ROOT
from tests.e2e.conftest import sign_up, wait_for_app
from tests.statements import STATEMENTS_DIR

pytestmark = pytest.mark.browser
SHOTS = PROJECT_ROOT / "test-artifacts"
STATEMENT = STATEMENTS_DIR / "ingesp.csv"


def open_import(page: Page, base_url: str) -> None:
    page.goto(f"{base_url}/import")
    wait_for_app(page)
    expect(page.get_by_role("heading", name="Import")).to_be_visible()


def upload(page: Page, *, expect_button: str) -> None:
    """Upload the statement once the page is idle (a rerun can replace the uploader), and wait for its preview."""
    wait_for_app(page)
    page.get_by_test_id("stFileUploaderDropzoneInput").set_input_files(str(STATEMENT))
    expect(page.get_by_role("button", name=expect_button)).to_be_visible()
    wait_for_app(page)


def test_a_statement_is_uploaded_previewed_confirmed_and_recognised_next_time(page, base_url):
    sign_up(page, base_url)
    open_import(page, base_url)
    upload(page, expect_button="Import 10 entries")
    expect(page.get_by_text("Expenses to import")).to_be_visible()
    SHOTS.mkdir(exist_ok=True)
    page.screenshot(path=str(SHOTS / "import-preview.png"), full_page=True)

    page.get_by_role("button", name="Import 10 entries").click()
    expect(page.get_by_text("Imported 10 entries")).to_be_visible()
    expect(page.get_by_text(re.compile(r"5 expenses \(\D*1,550\.79\) and 5 incomes \(\D*1,901\.00\)"))).to_be_visible()

    open_import(page, base_url)  # the next statement, another day: the remembered layout and the duplicates
    upload(page, expect_button="Import 0 entries")
    expect(page.get_by_text("Recognised layout")).to_be_visible()
    expect(page.get_by_text("10 row(s) are already in your books")).to_be_visible()
    expect(page.get_by_role("button", name="Import 0 entries")).to_be_disabled()
    page.screenshot(path=str(SHOTS / "import-again.png"), full_page=True)

    page.goto(f"{base_url}/ledger")
    wait_for_app(page)
    expect(page.get_by_test_id("stMetric").filter(has_text="Total amount")).to_contain_text("1,550.79")
