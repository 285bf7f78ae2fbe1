"""The dashboard in Chromium: the demo's charts and KPIs, then the Excel workbook prepared, downloaded (see
`tests.e2e.downloads`) and opened with openpyxl.
"""

from __future__ import annotations

import io
import re

import openpyxl
import pytest
from playwright.sync_api import expect

from tests.e2e.conftest import ARTIFACTS, expect_signed_in, wait_for_app
from tests.e2e.downloads import RECORD_LINK_CLICKS, download

pytestmark = pytest.mark.browser

def test_demo_dashboard_and_workbook_download(page, base_url):
    page.add_init_script(RECORD_LINK_CLICKS)
    page.goto(f"{base_url}/")
    wait_for_app(page)
    page.get_by_role("button", name="Try the demo").click()
    expect_signed_in(page)
    page.goto(f"{base_url}/dashboard")
    wait_for_app(page)
    expect(page.get_by_role("heading", name="Dashboard")).to_be_visible()
    expect(page.get_by_test_id("stMetric").first).to_be_visible()
    expect(page.get_by_test_id("stPlotlyChart")).to_have_count(8)  # 7 of the books and the cash balances
    expect(page.get_by_test_id("stMetric").filter(has_text="Income")).to_contain_text("€")
    ARTIFACTS.mkdir(exist_ok=True)
    page.set_viewport_size({"width": 1280, "height": 2600})  # Streamlit scrolls inside; show it all
    page.screenshot(path=str(ARTIFACTS / "dashboard-demo.png"))
    page.set_viewport_size({"width": 1280, "height": 900})

    page.get_by_role("button", name="Prepare Excel workbook").click()
    button = page.get_by_role("button", name=re.compile(r"Download fintrack-northwind-design-studio-fy\d{4}"))
    expect(button).to_be_visible()
    wait_for_app(page)
    book = openpyxl.load_workbook(io.BytesIO(download(page, button)))
    assert book.sheetnames == ["Summary", "Profit & Loss", "Expenses", "Incomes", "Assets", "Accounts"]
    assert book["Summary"]["B1"].value == "Northwind Design Studio"
    assert book["Expenses"].max_row > 50
