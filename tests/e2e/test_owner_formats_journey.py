"""A German owner in Chromium: signs up with a German browser and EUR, types 1.234,50, sees 1.234,50 € in the
ledger and on the dashboard, and gets a CSV with ';' and decimal commas and a workbook in euros.

Playwright's download events do not fire for Streamlit's programmatic link clicks here, so the page records
the link Streamlit clicks and the test fetches those bytes itself (as the dashboard journey does).
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import re
from collections.abc import Callable

import openpyxl
import pytest
from playwright.sync_api import Page, expect

from fintrack.db.engine import Database
from fintrack.services import accounts, ledger
from tests.e2e.conftest import (
    ARTIFACTS,
    PASSWORD,
    UI_TIMEOUT_MS,
    expect_signed_in,
    new_email,
    sign_in,
    wait_for_app,
)
from tests.e2e.downloads import RECORD_LINK_CLICKS, download
from tests.e2e.test_ledger_journey import HEADER_HEIGHT, add_entry, expect_metric, open_ledger

pytestmark = pytest.mark.browser
EUROS = re.compile(r"^1\.234,50\s€$")  # the space before € is a no-break space


@pytest.fixture
def german_page(browser) -> Page:
    context = browser.new_context(viewport={"width": 1280, "height": 1800}, locale="de-DE")
    context.set_default_timeout(UI_TIMEOUT_MS)
    page = context.new_page()
    page.add_init_script(RECORD_LINK_CLICKS)
    yield page
    context.close()


def sign_up_in_euros(page: Page, base_url: str) -> None:
    page.goto(f"{base_url}/")
    wait_for_app(page)
    page.get_by_role("tab", name="Create account").click()
    form = page.get_by_test_id("stForm").filter(has=page.get_by_role("button", name="Create account"))
    form.get_by_label("Email").fill(new_email())
    form.get_by_label("Password", exact=True).fill(PASSWORD)
    form.get_by_label("Repeat password").fill(PASSWORD)
    form.get_by_label("Business name").fill("Muster GmbH")
    form.get_by_test_id("stSelectbox").filter(has_text="Currency").click()
    page.keyboard.type("EUR — Euro")
    page.keyboard.press("Enter")
    expect(form.get_by_role("combobox", name="Currency")).to_have_value("EUR — Euro")
    form.get_by_role("button", name="Create account").click()
    expect_signed_in(page)


def test_a_german_owner_types_and_reads_euros_in_their_own_format(german_page, base_url):
    page = german_page
    sign_up_in_euros(page, base_url)
    open_ledger(page, base_url)
    amount = page.get_by_role("textbox", name="Amount", exact=True)
    expect(amount).to_have_attribute("placeholder", "42,50")
    add_entry(page, button="Add expense", category="Miete", party_label="Vendor", party="Vermieter",
              amount="1.234,50")
    expect(page.get_by_text(re.compile(r"Added expense #\d+: Miete, 1\.234,50\s€ on \d\d\.\d\d\.\d{4}"))
           ).to_be_visible()
    metric = page.get_by_test_id("stMetric").filter(has_text="Total amount")
    expect(metric.get_by_text(EUROS)).to_be_visible()
    expect_metric(page, "Expenses in total", "1")
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / "ledger-german-owner.png"), full_page=True)

    csv_text = download(page, page.get_by_role("button", name="Download CSV")).decode("utf-8-sig")
    rows = list(csv.reader(io.StringIO(csv_text), delimiter=";"))
    assert rows[0] == ["Id", "Date", "Category", "Vendor", "Payment method", "Amount", "Notes"]
    assert rows[1][2:4] == ["Miete", "Vermieter"] and rows[1][5] == "1234,50"

    page.get_by_role("button", name="Prepare Excel workbook").click()
    workbook = download(page, page.get_by_role("button", name=re.compile(r"Download fintrack-muster-gmbh-expenses")))
    sheet = openpyxl.load_workbook(io.BytesIO(workbook))["Expenses"]
    headers = [cell.value for cell in sheet[1]]
    cell = sheet.cell(2, headers.index("Amount") + 1)
    assert cell.value == 1234.5 and isinstance(cell.value, float)  # a number, not text
    assert "€" in cell.number_format and cell.number_format.startswith("#,##0.00")  # 1.234,50 € in Excel

    page.goto(f"{base_url}/dashboard")
    wait_for_app(page)
    expenses = page.get_by_test_id("stMetric").filter(has_text="Expenses")
    expect(expenses.get_by_text(EUROS)).to_be_visible()
    expect(page.get_by_test_id("stPlotlyChart").first).to_be_visible()
    page.screenshot(path=str(ARTIFACTS / "dashboard-german-owner.png"), full_page=True)

    page.goto(f"{base_url}/settings")
    wait_for_app(page)
    formats = page.get_by_role("combobox", name="Formats (language and country)")
    expect(formats).to_have_value("German (Germany) — 1.234,50 · 05.12.2026")  # from the German browser
    page.screenshot(path=str(ARTIFACTS / "settings-german-owner.png"), full_page=True)


COLUMNS = ("#", "Date", "Category", "Vendor", "Payment method", "Amount", "Notes")


def seed_german_expenses(database_url: str) -> str:
    """A German owner of the running app with three expenses whose day-first dates and decimal-comma amounts
    sort differently as text than as dates and numbers; returns the email."""
    db = Database.from_url(database_url)
    try:
        email = new_email()
        owner = accounts.sign_up(db, {"email": email, "password": PASSWORD, "business_name": "Muster GmbH",
                                      "fiscal_year_start": dt.date(2000, 1, 1), "currency_code": "EUR",
                                      "locale": "de_DE"})
        for day, amount in (("2026-11-20", "1234.50"), ("2025-12-05", "99"), ("2026-01-03", "20000")):
            ledger.add_entry(db, owner_id=owner.id, data={"kind": "expense", "date": day, "category": "Miete",
                                                          "party": "Vermieter", "amount": amount})
        return email
    finally:
        db.bind.dispose()


def _column(page: Page, name: str) -> list[str]:
    """A column's values in the order the grid shows them (its accessible cells hold the raw values)."""
    cells = page.get_by_test_id("stDataFrame").first.locator("[role=gridcell]").all_inner_texts()
    return cells[COLUMNS.index(name)::len(COLUMNS)]


def _sort_by_header(page: Page, xs: range, sorted_as_wanted: Callable[[], bool]) -> None:
    """The grid is a canvas: click its header row at `xs` (pixels from its left) until the rows are sorted as
    wanted (a click on another column sorts by that one first)."""
    box = page.get_by_test_id("stDataFrame").first.bounding_box()
    for x in xs:
        if sorted_as_wanted():
            return
        page.mouse.click(box["x"] + x, box["y"] + HEADER_HEIGHT / 2)
        page.wait_for_timeout(500)
    assert sorted_as_wanted()


def test_a_german_owners_ledger_sorts_dates_and_amounts_by_their_header(german_page, base_url, app_server):
    """As text, 03.01.2026 < 05.12.2025 < 20.11.2026 and 1.234,50 € < 20.000,00 € < 99,00 €; as dates and
    numbers the grid puts 5 December 2025 first and 99,00 € first."""
    page = german_page
    sign_in(page, base_url, seed_german_expenses(app_server["database_url"]))
    open_ledger(page, base_url)
    grid = page.get_by_test_id("stDataFrame").first
    expect(grid.locator("[role=gridcell]")).to_have_count(3 * len(COLUMNS))
    assert _column(page, "Date") == ["2026-11-20", "2026-01-03", "2025-12-05"]  # newest first
    box = grid.bounding_box()
    _sort_by_header(page, range(60, int(box["width"]), 40),
                    lambda: _column(page, "Date") == ["2025-12-05", "2026-01-03", "2026-11-20"])
    _sort_by_header(page, range(int(box["width"]) - 30, 0, -40),
                    lambda: _column(page, "Amount") == ["99", "1234.5", "20000"])
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / "ledger-german-owner-sorted-by-amount.png"),
                    clip={"x": box["x"], "y": box["y"], "width": box["width"], "height": box["height"]})
