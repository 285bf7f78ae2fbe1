"""The dashboard through AppTest: the empty state for a new owner, and KPIs and charts for the demo."""

from __future__ import annotations

import datetime as dt
import re
from decimal import Decimal

import pytest

from fintrack import clock, periods
from fintrack.demo import create_demo_owner, demo_books
from fintrack.display import Formats
from fintrack.services import accounts, ledger, reports
from fintrack.ui.auth_forms import DEMO_BUTTON

PAGE = "pages/dashboard.py"
EURO = Formats("en_IE", "EUR")  # the demo's and app_owner's locale, from their currency
LEDGER = "pages/ledger.py"


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
    links = [link.proto.page for link in at.get("page_link")]
    assert any("ledger" in link for link in links) and any("import" in link for link in links)
    assert not at.metric and not at.get("plotly_chart")


@pytest.mark.parametrize("demo_setting", ["true", "false"])
def test_a_signed_in_owner_is_never_offered_the_demo(app_owner, sign_in, open_page, monkeypatch, demo_setting):
    """'Try the demo' signs the browser in as the demo business: pressed by an owner it would replace them."""
    monkeypatch.setenv("FINTRACK_DEMO", demo_setting)
    sign_in(app_owner)
    at = open_page(PAGE)
    assert "Your books are empty" in _texts(at)
    assert not [button for button in at.button if button.key == DEMO_BUTTON]
    assert "demo" not in _texts(at)


def _demo_total(rows: list[dict], period: periods.Period) -> Decimal:
    return sum((row["amount"] for row in rows if period.start <= row["date"] <= period.end), Decimal(0))


def _demo_margin_percent(period: periods.Period) -> Decimal:
    """The demo's margin in `period` in percent, exactly, from the rows the demo wrote."""
    expenses, incomes, _ = demo_books(dt.date.today())
    income = _demo_total(incomes, period)
    return (income - _demo_total(expenses, period)) / income * 100


def test_the_margin_card_shows_net_profit_over_income(demo, open_page):
    at = open_page(PAGE)
    today = dt.date.today()
    year = periods.fiscal_year_containing(today, demo.fiscal_year_start).so_far(today)
    card = {metric.label: metric for metric in at.metric}["Margin"]
    assert re.fullmatch(r"-?\d+\.\d%", card.value)
    exact, before = _demo_margin_percent(year), _demo_margin_percent(year.previous())
    assert abs(Decimal(card.value[:-1]) - exact) <= Decimal("0.05")
    assert re.fullmatch(r"[+-]\d+\.\d pts", card.delta)
    assert abs(Decimal(card.delta.split()[0]) - (exact - before)) <= Decimal("0.06")


def test_the_demo_shows_kpis_for_this_fiscal_year_and_every_chart(app_db, demo, open_page):
    at = open_page(PAGE)
    assert not at.exception
    assert at.selectbox(key="dashboard_period_choice").value == "This fiscal year"
    year = periods.fiscal_year_containing(dt.date.today(), demo.fiscal_year_start)
    expected = reports.summary(app_db, owner_id=demo.id, period=year)
    cards = {metric.label: metric for metric in at.metric}
    assert cards["Income"].value == EURO.money(expected.current.income)
    assert cards["Expenses"].value == EURO.money(expected.current.expenses)
    assert cards["Net profit"].value == EURO.money(expected.current.net)
    change = expected.current.income - expected.previous.income
    assert cards["Income"].delta == EURO.signed_money(change)
    assert len(at.get("plotly_chart")) == 8  # seven of the summary, and the accounts' balances over time


def test_switching_the_period_recomputes_the_kpis(app_db, demo, open_page):
    at = open_page(PAGE)
    at.selectbox(key="dashboard_period_choice").set_value("Last month").run()
    last_month = periods.month_containing(dt.date.today()).previous()
    expected = reports.summary(app_db, owner_id=demo.id, period=last_month)
    assert {m.label: m.value for m in at.metric}["Income"] == EURO.money(expected.current.income)
    assert last_month.label in _texts(at)


def test_the_workbook_is_built_only_on_request(demo, open_page):
    at = open_page(PAGE)
    assert not at.get("download_button")
    at.button(key="dashboard_prepare").click().run()
    assert not at.exception
    downloads = at.get("download_button")
    assert len(downloads) == 1
    assert "fintrack-northwind-design-studio-fy" in downloads[0].proto.label


def _offered(at) -> list[str]:
    return [download.proto.label for download in at.get("download_button")]


def _add_on_the_ledger(at, _entry: ledger.Entry) -> None:
    at.selectbox(key="add_expense_0_category").set_value("Software")
    at.text_input(key="add_expense_0_party").set_value("Printer")
    at.text_input(key="add_expense_0_amount").set_value("55")
    at.button(key="FormSubmitter:add_expense_0-Add expense").click().run()


def _select_first_row(at) -> None:
    at.session_state[at.dataframe[0].key] = {"selection": {"rows": [0], "columns": []}}
    at.run()


def _edit_on_the_ledger(at, entry: ledger.Entry) -> None:
    _select_first_row(at)
    at.text_input(key=f"edit_expense_{entry.id}_amount").set_value("250")
    at.button(key=f"FormSubmitter:edit_expense_{entry.id}-Save changes").click().run()


def _delete_on_the_ledger(at, _entry: ledger.Entry) -> None:
    _select_first_row(at)
    at.button(key="ledger_delete").click().run()
    at.button(key="ledger_confirm_yes").click().run()


@pytest.fixture
def booked(app_db, app_owner, sign_in) -> ledger.Entry:
    """The signed-in owner with an income and one expense dated today (in this fiscal year)."""
    sign_in(app_owner)
    ledger.add_entry(app_db, owner_id=app_owner.id, data={
        "kind": "income", "date": dt.date.today(), "category": "Sales", "party": "Client", "amount": "900"})
    return ledger.add_entry(app_db, owner_id=app_owner.id, data={
        "kind": "expense", "date": dt.date.today(), "category": "Rent", "party": "Landlord", "amount": "100"})


@pytest.mark.parametrize("change", [_add_on_the_ledger, _edit_on_the_ledger, _delete_on_the_ledger])
def test_a_prepared_workbook_is_not_offered_after_the_books_change(app_db, app_owner, booked, open_page, change):
    at = open_page(PAGE)
    at.button(key="dashboard_prepare").click().run()
    assert len(_offered(at)) == 1
    at.switch_page(LEDGER).run()
    change(at, booked)
    assert not at.exception and not at.error and "expense" in at.success[0].value
    at.switch_page(PAGE).run()
    year = periods.fiscal_year_containing(dt.date.today(), app_owner.fiscal_year_start)
    expected = reports.summary(app_db, owner_id=app_owner.id, period=year).current.expenses
    assert {m.label: m.value for m in at.metric}["Expenses"] == EURO.money(expected)
    assert not _offered(at)
    at.button(key="dashboard_prepare").click().run()
    assert len(_offered(at)) == 1


def test_a_write_from_elsewhere_drops_the_prepared_workbook(app_db, app_owner, booked, open_page):
    at = open_page(PAGE)
    at.button(key="dashboard_prepare").click().run()
    ledger.update_entry(app_db, owner_id=app_owner.id, kind="expense", entry_id=booked.id,  # another tab
                        data={"date": dt.date.today(), "category": "Rent", "party": "Landlord", "amount": "7"})
    at.run()
    assert not _offered(at)


def test_a_custom_range_is_compared_with_the_same_length_before(app_db, demo, open_page):
    at = open_page(PAGE)
    at.selectbox(key="dashboard_period_choice").set_value("Custom range").run()
    start = dt.date.today().replace(day=1) - dt.timedelta(days=60)
    end = start + dt.timedelta(days=29)
    at.date_input(key="dashboard_period_range").set_value((start, end)).run()
    assert not at.exception
    chosen = periods.custom(start, end)
    expected = reports.summary(app_db, owner_id=demo.id, period=chosen)
    assert {m.label: m.value for m in at.metric}["Expenses"] == EURO.money(expected.current.expenses)
    assert chosen.previous().label in _texts(at)
    caption = f"**{chosen.date_range(EURO)}**. Changes compare with {chosen.previous().date_range(EURO)}."
    assert caption in [element.value for element in at.caption]  # each range once: it is the label too
    assert {m.label: m for m in at.metric}["Income"].help == f"Compared with {chosen.previous().date_range(EURO)}"


def test_a_named_period_shows_its_dates_beside_its_name(demo, open_page):
    at = open_page(PAGE)
    today = dt.date.today()
    this_year = periods.presets(today, demo.fiscal_year_start)["This fiscal year"].so_far(today)
    assert f"**{this_year.label}**: {this_year.date_range(EURO)}. Changes compare with" in _texts(at)


def test_an_earlier_fiscal_year_can_be_chosen(demo, open_page):
    at = open_page(PAGE)
    at.selectbox(key="dashboard_period_choice").set_value("Earlier fiscal year").run()
    two_back = periods.fiscal_year_number(dt.date.today(), demo.fiscal_year_start) - 2
    assert at.selectbox(key="dashboard_period_year").value == two_back
    assert f"FY{two_back}" in _texts(at) and not at.exception


def test_this_fiscal_year_on_5_december_is_compared_with_the_same_span_a_year_earlier(
        app_db, sign_in, open_page, monkeypatch):
    """Up 10 % on the same span must not read as down against the whole previous year (which had a December)."""
    monkeypatch.setattr(clock, "today", lambda: dt.date(2026, 12, 5))
    owner = accounts.sign_up(app_db, {
        "email": "april@example.com", "password": "correct horse battery", "business_name": "April Ltd",
        "fiscal_year_start": dt.date(2000, 4, 6), "currency_code": "EUR"})
    for day, amount in ((dt.date(2025, 6, 1), "1000"), (dt.date(2025, 12, 20), "9000"), (dt.date(2026, 6, 1), "1100")):
        ledger.add_entry(app_db, owner_id=owner.id, data={
            "kind": "income", "date": day, "category": "Sales", "party": "Client", "amount": amount})
    sign_in(owner)
    at = open_page(PAGE)
    assert not at.exception
    assert ("**FY2027 to 5 Dec 2026**: 6 Apr 2026 – 5 Dec 2026. Changes compare with FY2026 to 5 Dec 2025 "
            "(6 Apr 2025 – 5 Dec 2025).") in [caption.value for caption in at.caption]
    income = {metric.label: metric for metric in at.metric}["Income"]
    assert re.fullmatch(r"\+\D*100[.,]00\D*", income.delta)  # up 100 on the same span
    assert "Compared with FY2026 to 5 Dec 2025 (6 Apr 2025 – 5 Dec 2025)" in income.help
