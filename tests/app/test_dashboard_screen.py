"""The dashboard through AppTest: the empty state for a new owner, and KPIs and charts for the demo."""

from __future__ import annotations

import datetime as dt

import pytest

from fintrack import periods
from fintrack.demo import create_demo_owner
from fintrack.money import format_money
from fintrack.services import reports

PAGE = "pages/dashboard.py"


def _texts(at) -> str:
    return " ".join(e.value for kind in ("markdown", "info", "caption") for e in getattr(at, kind))


@pytest.fixture
def demo(app_db, sign_in):
    owner = create_demo_owner(app_db, today=dt.date.today())
    sign_in(owner)
    return owner


def test_an_owner_without_books_is_told_where_to_start(app_owner, sign_in, open_page):
    sign_in(app_owner)
    at = open_page(PAGE)
    assert not at.exception
    assert "Your books are empty" in _texts(at)
    assert "Try the demo" in _texts(at)
    links = [link.proto.page for link in at.get("page_link")]
    assert any("ledger" in link for link in links) and any("import" in link for link in links)
    assert not at.metric and not at.get("plotly_chart")


def test_the_demo_shows_kpis_for_this_fiscal_year_and_every_chart(app_db, demo, open_page):
    at = open_page(PAGE)
    assert not at.exception
    assert at.selectbox(key="dashboard_period_choice").value == "This fiscal year"
    year = periods.fiscal_year_containing(dt.date.today(), demo.fiscal_year_start)
    expected = reports.summary(app_db, owner_id=demo.id, period=year)
    cards = {metric.label: metric for metric in at.metric}
    assert cards["Income"].value == format_money(expected.current.income, "EUR")
    assert cards["Expenses"].value == format_money(expected.current.expenses, "EUR")
    assert cards["Net profit"].value == format_money(expected.current.net, "EUR")
    change = expected.current.income - expected.previous.income
    assert cards["Income"].delta == ("+" if change >= 0 else "") + format_money(change, "EUR")
    assert len(at.get("plotly_chart")) == 7


def test_switching_the_period_recomputes_the_kpis(app_db, demo, open_page):
    at = open_page(PAGE)
    at.selectbox(key="dashboard_period_choice").set_value("Last month").run()
    last_month = periods.month_containing(dt.date.today()).previous()
    expected = reports.summary(app_db, owner_id=demo.id, period=last_month)
    assert {m.label: m.value for m in at.metric}["Income"] == format_money(expected.current.income, "EUR")
    assert last_month.label in _texts(at)


def test_the_workbook_is_built_only_on_request(demo, open_page):
    at = open_page(PAGE)
    assert not at.get("download_button")
    at.button(key="dashboard_prepare").click().run()
    assert not at.exception
    downloads = at.get("download_button")
    assert len(downloads) == 1
    assert "fintrack-northwind-design-studio-fy" in downloads[0].proto.label


def test_a_custom_range_is_compared_with_the_same_length_before(app_db, demo, open_page):
    at = open_page(PAGE)
    at.selectbox(key="dashboard_period_choice").set_value("Custom range").run()
    start = dt.date.today().replace(day=1) - dt.timedelta(days=60)
    end = start + dt.timedelta(days=29)
    at.date_input(key="dashboard_period_range").set_value((start, end)).run()
    assert not at.exception
    chosen = periods.custom(start, end)
    expected = reports.summary(app_db, owner_id=demo.id, period=chosen)
    assert {m.label: m.value for m in at.metric}["Expenses"] == format_money(expected.current.expenses, "EUR")
    assert chosen.previous().label in _texts(at)


def test_an_earlier_fiscal_year_can_be_chosen(demo, open_page):
    at = open_page(PAGE)
    at.selectbox(key="dashboard_period_choice").set_value("Earlier fiscal year").run()
    two_back = periods.fiscal_year_number(dt.date.today(), demo.fiscal_year_start) - 2
    assert at.selectbox(key="dashboard_period_year").value == two_back
    assert f"FY{two_back}" in _texts(at) and not at.exception
