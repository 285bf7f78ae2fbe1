"""Owners in de_DE, de_CH, ja_JP and en_US see their own money and date formats on the dashboard (KPI, axis and
hover alike), in the ledger and in the assistant's answers, and type amounts as they write them."""

from __future__ import annotations

import datetime as dt
import json
from decimal import Decimal

import pyarrow as pa
import pytest
from streamlit.proto.Metric_pb2 import Metric

from fintrack import clock
from fintrack.display import Formats, locale_label
from fintrack.filters import EntryFilter
from fintrack.services import accounts, ledger

NBSP = "\u00a0"
OWNERS = {  # locale: (currency, the expense as the KPI writes it, the tick for 1,000)
    "de_DE": ("EUR", f"1.234,50{NBSP}€", f"1.000{NBSP}€"),
    "de_CH": ("CHF", f"CHF{NBSP}1'234.50", f"CHF{NBSP}1'000"),
    "ja_JP": ("JPY", "￥1,235", "￥1,000"),
    "en_US": ("USD", "$1,234.50", "$1,000"),
}
LOCALES = list(OWNERS)
UP, DOWN, NONE = (Metric.MetricDirection.Value(name) for name in ("UP", "DOWN", "NONE"))
RED, GREEN, GRAY = (Metric.MetricColor.Value(name) for name in ("RED", "GREEN", "GRAY"))
DATE_FORMATS = {"de_DE": "DD.MM.YYYY", "de_CH": "DD.MM.YYYY", "ja_JP": "YYYY/MM/DD", "en_US": "MM/DD/YYYY"}


@pytest.fixture(params=LOCALES)
def owner(request, app_db, sign_in):
    currency, _, _ = OWNERS[request.param]
    me = accounts.sign_up(app_db, {
        "email": "owner@example.com", "password": "correct horse battery", "business_name": "Acme",
        "fiscal_year_start": dt.date(2000, 1, 1), "currency_code": currency, "locale": request.param})
    today = clock.today()
    ledger.add_entry(app_db, owner_id=me.id, data={"kind": "expense", "date": today, "category": "Rent",
                                                    "amount": "1234.50"})  # no vendor
    ledger.add_entry(app_db, owner_id=me.id, data={"kind": "income", "date": today, "category": "Sales",
                                                    "party": "Globex", "amount": "3000"})
    sign_in(me)
    return me


def _chart(at, title: str) -> dict:
    figures = [json.loads(chart.proto.spec) for chart in at.get("plotly_chart")]
    return next(figure for figure in figures if figure["layout"]["title"]["text"] == title)


def test_the_dashboards_kpis_axes_and_hovers_write_money_the_same_way(owner, open_page):
    at = open_page("pages/dashboard.py")
    assert not at.exception
    currency, expense, thousand = OWNERS[owner.locale]
    cards = {metric.label: metric.value for metric in at.metric}
    assert cards["Expenses"] == expense
    monthly = _chart(at, "Income and expenses by month")
    bars = {trace["name"]: trace for trace in monthly["data"]}
    assert bars["Expenses"]["customdata"][-1] == cards["Expenses"]  # the hover says what the KPI says
    assert bars["Income"]["customdata"][-1] == cards["Income"]
    assert all(trace["hovertemplate"] == "%{customdata}" for trace in monthly["data"])
    axis = monthly["layout"]["yaxis"]
    assert axis["tickmode"] == "array" and thousand in axis["ticktext"]
    assert axis["ticktext"][axis["tickvals"].index(1000)] == thousand
    assert bars["Expenses"]["x"][-1] == Formats(owner.locale, currency).month(clock.today())
    vendors = _chart(at, "Top clients")
    assert vendors["data"][0]["customdata"] == [cards["Income"]]
    assert vendors["data"][0]["hovertemplate"] == "%{y}: %{customdata}<extra></extra>"


def _shown(table, column: str) -> list[str]:
    """The text a table's Styler writes in `column` (what a number column without a format shows)."""
    return list(pa.ipc.open_stream(table.proto.arrow_data.styler.display_values).read_all()[column].to_pylist())


def test_the_ledger_shows_amounts_and_dates_as_the_owner_writes_them_and_no_none(owner, open_page):
    """Date and Amount stay a date and a number, so a click on their header sorts them as such."""
    at = open_page("pages/ledger.py")
    assert not at.exception
    _, expense, _ = OWNERS[owner.locale]
    table = at.dataframe[0]
    assert list(table.value["Date"]) == [clock.today()] and list(table.value["Amount"]) == [1234.5]
    config = json.loads(table.proto.columns)
    assert config["Date"]["type_config"] == {"type": "date", "format": DATE_FORMATS[owner.locale]}
    assert config["Amount"]["type_config"] == {"type": "number"}  # no format of its own: the Styler's text shows
    assert _shown(table, "Amount") == [expense]
    assert list(table.value["Vendor"]) == [""]  # no vendor: blank, not a grey 'None'
    assert {metric.label: metric.value for metric in at.metric}["Total amount"] == expense


def test_the_assistant_answers_in_the_owners_formats(owner, open_page):
    at = open_page("pages/assistant.py")
    at.chat_input[0].set_value("how much did I spend this year?").run()
    assert not at.exception
    _, expense, _ = OWNERS[owner.locale]
    answers = [message.value for message in at.markdown]
    assert any(expense in answer for answer in answers), answers


GERMAN_AMOUNTS = [("1.234,50", Decimal("1234.50")), ("12,5", Decimal("12.50")), ("1.234", Decimal("1234.00"))]


@pytest.mark.parametrize(("typed", "stored"), GERMAN_AMOUNTS)
def test_a_german_owner_types_amounts_as_they_write_them(app_db, make_german_owner, open_page, typed, stored):
    owner = make_german_owner()
    at = open_page("pages/ledger.py")
    form = "add_expense_0"
    assert at.text_input(key=f"{form}_amount").placeholder == "42,50"
    at.selectbox(key=f"{form}_category").set_value("Rent")
    at.text_input(key=f"{form}_amount").set_value(typed)
    at.button(key=f"FormSubmitter:{form}-Add expense").click().run()
    assert not at.exception and not at.error
    [amount] = ledger.find_entries(app_db, owner_id=owner.id, filters=EntryFilter()).frame["amount"]
    assert amount == stored


def test_a_german_owners_three_decimals_are_refused_not_read_as_thousands(app_db, make_german_owner, open_page):
    owner = make_german_owner()
    at = open_page("pages/ledger.py")
    at.selectbox(key="add_expense_0_category").set_value("Rent")
    at.text_input(key="add_expense_0_amount").set_value("1,234")
    at.button(key="FormSubmitter:add_expense_0-Add expense").click().run()
    assert "more than two decimals" in at.error[0].value
    assert at.text_input(key="add_expense_0_amount").value == "1,234"  # what was typed stays
    assert ledger.find_entries(app_db, owner_id=owner.id, filters=EntryFilter()).total_count == 0


def test_the_edit_form_shows_the_amount_as_the_owner_writes_it(app_db, make_german_owner, open_page):
    owner = make_german_owner()
    entry = ledger.add_entry(app_db, owner_id=owner.id, data={"kind": "expense", "date": clock.today(),
                                                               "category": "Rent", "amount": "1234.50"})
    at = open_page("pages/ledger.py")
    at.session_state[at.dataframe[0].key] = {"selection": {"rows": [0], "columns": []}}
    at.run()
    key = f"edit_expense_{entry.id}"
    assert at.text_input(key=f"{key}_amount").value == "1.234,50"
    at.text_input(key=f"{key}_amount").set_value("2.000,05")
    at.button(key=f"FormSubmitter:{key}-Save changes").click().run()
    assert ledger.get_entry(app_db, owner_id=owner.id, kind="expense", entry_id=entry.id).amount == \
        Decimal("2000.05")


def test_settings_change_the_locale_and_every_screen_follows(app_db, app_owner, sign_in, open_page):
    sign_in(app_owner)
    assert app_owner.locale == "en_IE"  # derived from EUR at sign-up
    ledger.add_entry(app_db, owner_id=app_owner.id, data={"kind": "expense", "date": clock.today(),
                                                           "category": "Rent", "amount": "1234.50"})
    at = open_page("pages/settings.py")
    picker = at.selectbox(key="settings_profile_locale")
    assert picker.value == "en_IE" and locale_label("de_DE") in picker.options
    picker.set_value("de_DE")
    at.button(key="FormSubmitter:settings_profile-Save profile").click().run()
    assert not at.exception and not at.error
    assert accounts.get_owner(app_db, owner_id=app_owner.id).locale == "de_DE"
    at.switch_page("pages/ledger.py").run()
    assert {metric.label: metric.value for metric in at.metric}["Total amount"] == f"1.234,50{NBSP}€"


@pytest.fixture
def make_german_owner(app_db, sign_in):
    def make():
        owner = accounts.sign_up(app_db, {
            "email": "gmbh@example.com", "password": "correct horse battery", "business_name": "Muster GmbH",
            "fiscal_year_start": dt.date(2000, 1, 1), "currency_code": "EUR", "locale": "de_DE"})
        sign_in(owner)
        return owner
    return make


def test_a_german_owners_amount_filter_reads_their_decimal_mark(app_db, make_german_owner, open_page):
    owner = make_german_owner()
    for amount in ("999.99", "1234.50"):
        ledger.add_entry(app_db, owner_id=owner.id, data={"kind": "expense", "date": clock.today(),
                                                           "category": "Rent", "amount": amount})
    at = open_page("pages/ledger.py")
    at.text_input(key="ledger_filter_expense_amount_min").set_value("1.000").run()  # 1000, not 1.00
    assert not at.error
    assert {metric.label: metric.value for metric in at.metric}["Total amount"] == f"1.234,50{NBSP}€"


def test_a_german_owners_date_pickers_write_day_month_year(make_german_owner, open_page):
    make_german_owner()
    at = open_page("pages/ledger.py")
    at.selectbox(key="ledger_filter_expense_period").set_value("Custom range").run()
    formats = {at.date_input(key=key).proto.format for key in ("add_expense_0_date", "ledger_filter_expense_range")}
    assert formats == {"DD.MM.YYYY"}


@pytest.fixture
def on_5_december(app_db, sign_in, monkeypatch):
    """Sign in, on 5 December 2026, an owner in `locale` with an income and an expense in June 2025 and June
    2026 (so this fiscal year to date is compared with the same span a year before)."""
    monkeypatch.setattr(clock, "today", lambda: dt.date(2026, 12, 5))

    def make(locale: str, fiscal_year_start: dt.date, *, income: str, expense: str) -> None:
        owner = accounts.sign_up(app_db, {
            "email": f"{locale}@example.com", "password": "correct horse battery", "business_name": "Acme",
            "fiscal_year_start": fiscal_year_start, "currency_code": "EUR", "locale": locale})
        for day, kind, amount in ((dt.date(2025, 6, 1), "income", "1000"), (dt.date(2025, 6, 2), "expense", "500"),
                                  (dt.date(2026, 6, 1), "income", income), (dt.date(2026, 6, 2), "expense", expense)):
            ledger.add_entry(app_db, owner_id=owner.id, data={"kind": kind, "date": day, "category": "Sales",
                                                              "amount": amount})
        sign_in(owner)
    return make


def test_a_german_owner_reads_the_periods_dates_and_the_margins_change_in_german(on_5_december, open_page):
    """On 5 December, FY2027 from 6 April against the same span before: margin 50 % then, 62,5 % now."""
    on_5_december("de_DE", dt.date(2000, 4, 6), income="1000", expense="375")
    at = open_page("pages/dashboard.py")
    assert not at.exception
    assert ("**FY2027 to 5. Dez. 2026**: 6. Apr. 2026 – 5. Dez. 2026. Changes compare with FY2026 to 5. Dez. 2025 "
            "(6. Apr. 2025 – 5. Dez. 2025).") in [caption.value for caption in at.caption]
    cards = {metric.label: metric for metric in at.metric}
    assert cards["Income"].help == "Compared with FY2026 to 5. Dez. 2025 (6. Apr. 2025 – 5. Dez. 2025)"
    assert cards["Margin"].delta == "+12,5 pts"
    at.selectbox(key="dashboard_period_choice").set_value("Custom range").run()
    at.date_input(key="dashboard_period_range").set_value((dt.date(2026, 3, 1), dt.date(2026, 3, 31))).run()
    assert ("**1. März 2026 – 31. März 2026**. Changes compare with 29. Jan. 2026 – 28. Feb. 2026."
            in [caption.value for caption in at.caption])
    ledger_page = open_page("pages/ledger.py")
    ledger_page.selectbox(key="ledger_filter_expense_period").set_value("This month").run()
    assert "Dezember 2026: 1. Dez. 2026 – 31. Dez. 2026" in [caption.value for caption in ledger_page.caption]


def test_a_fall_written_with_the_locales_own_minus_still_points_down(on_5_december, open_page):
    """sv_SE writes '−' (U+2212), which Streamlit does not read as a fall: the arrow and colour come from the
    number. Expenses fell (good: green), income and net profit fell (red), the margin stayed (grey, no arrow)."""
    on_5_december("sv_SE", dt.date(2000, 1, 1), income="800", expense="400")
    at = open_page("pages/dashboard.py")
    assert not at.exception
    cards = {metric.label: metric.proto for metric in at.metric}
    assert cards["Expenses"].delta == f"−100,00{NBSP}€"
    assert (cards["Expenses"].direction, cards["Expenses"].color) == (DOWN, GREEN)
    assert (cards["Income"].delta, cards["Income"].direction, cards["Income"].color) == (
        f"−200,00{NBSP}€", DOWN, RED)
    assert (cards["Net profit"].direction, cards["Net profit"].color) == (DOWN, RED)
    assert (cards["Margin"].delta, cards["Margin"].direction, cards["Margin"].color) == ("+0,0 pts", NONE, GRAY)
