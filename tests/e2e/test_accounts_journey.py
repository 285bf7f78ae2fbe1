"""Accounts in a real browser: create two accounts, import a statement into one, reconcile it to zero, and
see its balance on the dashboard."""

from __future__ import annotations

import pytest
from playwright.sync_api import Page, expect

from fintrack.config import PROJECT_ROOT
from tests.e2e.conftest import sign_up, wait_for_app
from tests.statements import STATEMENTS_DIR

pytestmark = pytest.mark.browser
SHOTS = PROJECT_ROOT / "test-artifacts"
STATEMENT = STATEMENTS_DIR / "schwab-checking.csv"


def open_screen(page: Page, base_url: str, path: str, heading: str) -> None:
    page.goto(f"{base_url}/{path}")
    wait_for_app(page)
    expect(page.get_by_role("heading", name=heading)).to_be_visible()


def choose(page: Page, label: str, option: str) -> None:
    """Pick `option` in the selectbox labelled `label`."""
    pick(page, page.get_by_test_id("stSelectbox").filter(has=page.get_by_text(label, exact=True)).first, option)
    wait_for_app(page)


def pick(page: Page, box, option: str) -> None:
    """Open a selectbox (`box`, its stSelectbox element), type `option` and take it with Enter; a click that
    lands while the screen is still settling may not open it, so it is tried again until the box holds it."""
    combobox = box.get_by_role("combobox")
    for _ in range(5):
        wait_for_app(page)
        box.click()
        page.keyboard.type(option)
        page.keyboard.press("Enter")
        try:
            expect(combobox).to_have_value(option, timeout=3_000)
            return
        except AssertionError:
            page.keyboard.press("Escape")
    expect(combobox).to_have_value(option)


def add_account(page: Page, name: str, kind: str, opening: str) -> None:
    """Add an account from a freshly opened Accounts screen, where 'Add an account' starts folded (after an
    add, the rerun folds it at a moment a test cannot see, so it is never reused)."""
    form = page.get_by_test_id("stForm").filter(has=page.get_by_role("button", name="Add account"))
    page.get_by_text("Add an account").click()
    expect(form.get_by_role("textbox", name="Name")).to_be_visible()
    form.get_by_role("textbox", name="Name").fill(name)
    if kind != "Current account":  # the type a new account starts with
        pick(page, form.get_by_test_id("stSelectbox"), kind)
    form.get_by_role("textbox", name="Opening balance").fill(opening)
    form.get_by_role("button", name="Add account").click()
    expect(page.get_by_text(f"Added {name}.")).to_be_visible()
    wait_for_app(page)


def upload(page: Page) -> None:
    """Give the screen's one file uploader the statement. Right after a rerun that re-keys the uploader (the
    reconcile screen keys it by account) the old one may still be in the page for a moment: wait it out."""
    wait_for_app(page)
    uploader = page.get_by_test_id("stFileUploaderDropzoneInput")
    expect(uploader).to_have_count(1)
    uploader.set_input_files(str(STATEMENT))
    wait_for_app(page)


def test_two_accounts_a_statement_imported_into_one_reconciled_to_zero_and_its_balance_on_the_dashboard(
        page, base_url):
    sign_up(page, base_url)
    open_screen(page, base_url, "accounts", "Accounts")
    add_account(page, "Schwab checking", "Current account", "1093.74")
    open_screen(page, base_url, "accounts", "Accounts")
    add_account(page, "Visa card", "Credit card", "0")

    open_screen(page, base_url, "import", "Import")
    upload(page)
    expect(page.get_by_role("button", name="Import 4 entries")).to_be_visible()
    choose(page, "Account", "Schwab checking")
    expect(page.get_by_text("The statement's balances add up")).to_be_visible()
    page.get_by_role("button", name="Import 4 entries").click()
    expect(page.get_by_text("Imported 4 entries")).to_be_visible()

    open_screen(page, base_url, "reconcile", "Reconcile")
    first_uploader = page.get_by_test_id("stFileUploader").element_handle()
    choose(page, "Account", "Schwab checking")
    # the uploader is keyed by account: wait until the default account's one has left the page
    page.wait_for_function("uploader => !uploader.isConnected", arg=first_uploader)
    upload(page)
    expect(page.get_by_text("Read from the file")).to_be_visible()
    page.get_by_role("button", name="Reconcile with this statement").click()
    wait_for_app(page)
    expect(page.get_by_test_id("stMetric").filter(has_text="Difference")).to_contain_text("215.27")
    page.get_by_role("button", name="Tick off all listed").click()
    wait_for_app(page)
    expect(page.get_by_test_id("stMetric").filter(has_text="Difference")).to_contain_text("0.00")
    SHOTS.mkdir(exist_ok=True)
    page.screenshot(path=str(SHOTS / "reconcile-zero.png"), full_page=True)
    page.get_by_role("button", name="Finish reconciling").click()
    expect(page.get_by_text("Schwab checking is reconciled with the statement of")).to_be_visible()

    open_screen(page, base_url, "dashboard", "Dashboard")
    expect(page.get_by_test_id("stMetric").filter(has_text="Schwab checking")).to_contain_text("878.47")
    expect(page.get_by_test_id("stMetric").filter(has_text="Total cash")).to_contain_text("878.47")
    page.screenshot(path=str(SHOTS / "dashboard-cash.png"), full_page=True)
