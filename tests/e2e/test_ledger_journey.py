"""The ledger in a real browser: add an expense and an income through the form, find them, delete one."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import Page, expect

from tests.e2e.conftest import ARTIFACTS, sign_up, wait_for_app

pytestmark = pytest.mark.browser
ROW_HEIGHT, HEADER_HEIGHT, CHECKBOX_X = 35, 35, 18  # glide-data-grid's default geometry


def open_ledger(page: Page, base_url: str) -> None:
    page.goto(f"{base_url}/ledger")
    wait_for_app(page)
    expect(page.get_by_role("heading", name="Ledger")).to_be_visible()


def pick_or_type(page: Page, scope, label: str, value: str) -> None:
    """Open a selectbox that accepts new options, type `value` and press Enter."""
    scope.get_by_test_id("stSelectbox").filter(has_text=label).click()
    page.keyboard.type(value)
    page.keyboard.press("Enter")


def entry_form(page: Page, button: str):
    return page.get_by_test_id("stForm").filter(has=page.get_by_role("button", name=button))


def add_entry(page: Page, *, button: str, category: str, party_label: str, party: str, amount: str) -> None:
    form = entry_form(page, button)
    pick_or_type(page, form, "Category", category)
    form.get_by_role("textbox", name=party_label).fill(party)
    form.get_by_role("textbox", name="Amount", exact=True).fill(amount)
    form.get_by_role("button", name=button).click()


def find(page: Page, label: str, text: str) -> None:
    field = page.get_by_role("textbox", name=label, exact=True)
    field.fill(text)
    field.press("Enter")
    wait_for_app(page)


def select_first_row(page: Page) -> None:
    """Tick the first row's box (the grid is a canvas, so by position); retried if the grid was still moving."""
    grid = page.get_by_test_id("stDataFrame").first
    for _ in range(5):
        expect(grid).to_be_visible()
        box = grid.bounding_box()
        if box:
            page.mouse.click(box["x"] + CHECKBOX_X, box["y"] + HEADER_HEIGHT + ROW_HEIGHT / 2)
        page.wait_for_timeout(500)
        wait_for_app(page)
        if page.get_by_text("1 selected").is_visible():
            return
    expect(page.get_by_text("1 selected")).to_be_visible()


def expect_metric(page: Page, label: str, value: str) -> None:
    """A metric showing `value` under `label` (stale copies may linger for a moment while Streamlit redraws)."""
    metric = page.get_by_test_id("stMetric").filter(has_text=label)
    expect(metric.filter(has=page.get_by_text(value, exact=True)).first).to_be_visible()


def shot(page: Page, name: str) -> None:
    wait_for_app(page)
    page.wait_for_timeout(1000)  # let the grid's canvas repaint
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / f"ledger-{name}.png"), full_page=True)


def test_add_find_and_delete(page, base_url):
    page.set_viewport_size({"width": 1280, "height": 1800})
    sign_up(page, base_url)
    open_ledger(page, base_url)
    expect(page.get_by_text("No expenses yet")).to_be_visible()

    add_entry(page, button="Add expense", category="Hosting", party_label="Vendor", party="Hetzner", amount="12.345")
    expect(page.get_by_text("'12.345' has more than two decimals")).to_be_visible()
    shot(page, "wrong-amount")
    entry_form(page, "Add expense").get_by_role("textbox", name="Amount", exact=True).fill("1.234,50")
    entry_form(page, "Add expense").get_by_role("button", name="Add expense").click()
    expect(page.get_by_text(re.compile(r"Added expense #\d+: Hosting, \$1,234\.50"))).to_be_visible()
    add_entry(page, button="Add expense", category="Software", party_label="Vendor", party="GitHub", amount="21")
    expect(page.get_by_text(re.compile(r"Added expense #\d+: Software, \$21\.00"))).to_be_visible()

    page.get_by_test_id("stButtonGroup").get_by_text("Incomes").click()
    wait_for_app(page)
    add_entry(page, button="Add income", category="Consulting", party_label="Client", party="Big Client Ltd",
              amount="2500")
    expect(page.get_by_text(re.compile(r"Added income #\d+: Consulting, \$2,500\.00"))).to_be_visible()
    expect_metric(page, "Incomes in total", "1")

    page.get_by_test_id("stButtonGroup").get_by_text("Expenses").click()
    wait_for_app(page)
    find(page, "Vendor contains", "hetz")
    expect_metric(page, "Expenses matching", "1")
    expect_metric(page, "Total amount", "$1,234.50")
    shot(page, "filtered")

    select_first_row(page)
    page.get_by_role("button", name="Delete selected").click()
    expect(page.get_by_text("Delete 1 expense? This cannot be undone.")).to_be_visible()
    shot(page, "confirm-delete")
    page.get_by_role("button", name="Yes, delete 1").click()
    expect(page.get_by_text("Deleted 1 expense.")).to_be_visible()
    expect(page.get_by_text("No expenses match these filters")).to_be_visible()

    find(page, "Vendor contains", "")
    expect_metric(page, "Expenses in total", "1")
    expect_metric(page, "Total amount", "$21.00")
    shot(page, "after-delete")
