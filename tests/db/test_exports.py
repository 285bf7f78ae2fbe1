"""Workbooks opened with openpyxl: sheets, headers, numbers in the currency format, dates, live totals."""

from __future__ import annotations

import datetime as dt
import io
from decimal import Decimal

import openpyxl
import pytest
import sqlalchemy as sa

from fintrack import periods
from fintrack.db.models import Asset, Expense, Income
from fintrack.filters import EntryFilter
from fintrack.repository import rollups
from fintrack.services import exports, reports
from fintrack.services.assets import UNTYPED

D = dt.date
EUR_FORMAT = '"€"#,##0.00;"-€"#,##0.00'  # en_IE, the locale an owner keeping books in EUR starts with
Q1 = periods.fiscal_quarter(2026, 1, D(2000, 1, 1))  # January - March 2026


def _open(data: bytes, *, values: bool = False) -> openpyxl.Workbook:
    return openpyxl.load_workbook(io.BytesIO(data), data_only=values)


@pytest.fixture
def books(db, make_owner):
    me = make_owner(business_name="Acme Studio Ltd.", currency_code="EUR")
    other = make_owner()
    with db.transaction() as session:
        session.execute(sa.insert(Expense), [
            {"user_id": me.id, "date": D(2026, 1, 5), "category": "Rent", "vendor": "Landlord",
             "payment_method": "Transfer", "amount": Decimal("1200.00"), "notes": "January"},
            {"user_id": me.id, "date": D(2026, 3, 31), "category": "Software", "vendor": None,
             "payment_method": None, "amount": Decimal("19.99"), "notes": None},
            {"user_id": me.id, "date": D(2026, 3, 2), "category": "Rent", "vendor": "Landlord",
             "payment_method": "Transfer", "amount": Decimal("1200.01"), "notes": None},
            {"user_id": me.id, "date": D(2026, 4, 1), "category": "Rent", "vendor": "Landlord",
             "payment_method": "Transfer", "amount": Decimal("5.00"), "notes": "next quarter"},
            {"user_id": other.id, "date": D(2026, 2, 1), "category": "Secret", "vendor": "Nobody",
             "payment_method": None, "amount": Decimal("77.00"), "notes": None},
        ])
        session.execute(sa.insert(Income), [
            {"user_id": me.id, "date": D(2026, 1, 20), "category": "Sales", "client": "Client A",
             "payment_method": "Card", "amount": Decimal("3000.50"), "notes": None},
            {"user_id": me.id, "date": D(2025, 12, 20), "category": "Sales", "client": "Client A",
             "payment_method": "Card", "amount": Decimal("100.00"), "notes": None},
        ])
        session.execute(sa.insert(Asset), [
            {"user_id": me.id, "name": "Laptop", "type": "Equipment", "acquisition_date": D(2025, 6, 1),
             "value": Decimal("1499.99")},
        ])
        rollups.rebuild(session)  # rows written past the entries repository: recount them
    return me


def test_dashboard_workbook_sheets_and_file_name(db, books):
    name, data = exports.dashboard_workbook(db, owner_id=books.id, period=Q1)
    assert name == "fintrack-acme-studio-ltd-q1-fy2026.xlsx"
    assert _open(data).sheetnames == ["Summary", "Profit & Loss", "Expenses", "Incomes", "Assets", "Accounts"]


def test_expense_rows_are_typed_cells_with_a_live_total(db, books):
    _, data = exports.dashboard_workbook(db, owner_id=books.id, period=Q1)
    sheet = _open(data)["Expenses"]
    assert [c.value for c in sheet[1]] == ["Date", "Category", "Vendor", "Payment method", "Amount", "Notes"]
    assert sheet.freeze_panes == "A2"
    assert sheet.auto_filter.ref == "A1:F4"
    dates = [sheet.cell(row, 1).value for row in range(2, 5)]
    assert dates == [dt.datetime(2026, 1, 5), dt.datetime(2026, 3, 2), dt.datetime(2026, 3, 31)]
    assert sheet.cell(2, 1).is_date
    amount = sheet.cell(2, 5)
    assert amount.data_type == "n" and amount.value == 1200.0 and amount.number_format == EUR_FORMAT
    assert sheet.cell(4, 3).value is None  # no vendor: an empty cell, not "None" or "nan"
    assert (sheet.cell(5, 1).value, sheet.cell(5, 5).value) == ("Total", "=SUM(E2:E4)")
    assert _open(data, values=True)["Expenses"].cell(5, 5).value == pytest.approx(2420.00)
    assert sheet.column_dimensions["F"].width > 30


def test_profit_and_loss_totals_are_formulas_equal_to_the_summary(db, books):
    summary = reports.summary(db, owner_id=books.id, period=Q1)
    _, data = exports.dashboard_workbook(db, owner_id=books.id, period=Q1)
    formulas, values = _open(data)["Profit & Loss"], _open(data, values=True)["Profit & Loss"]
    rows = {row[0].value: row for row in formulas.iter_rows(min_row=1)}
    assert [c.value for c in formulas[1]] == ["Category", "Jan 2026", "Feb 2026", "Mar 2026", "Total"]
    assert list(rows)[:5] == ["Category", "Income", "Sales", "Total income", None]
    assert [c.value for c in rows["Rent"][1:]] == [1200.0, 0, 1200.01, "=SUM(B7:D7)"]
    total_income, total_expenses, net = rows["Total income"], rows["Total expenses"], rows["Net profit"]
    assert total_income[4].value == "=SUM(E3:E3)"
    assert total_expenses[1].value == "=SUM(B7:B8)"
    assert net[4].value == "=E4-E9"
    cached = {row[0].value: row for row in values.iter_rows(min_row=1)}
    assert Decimal(str(cached["Total income"][4].value)) == summary.current.income == Decimal("3000.50")
    assert Decimal(str(cached["Total expenses"][4].value)) == summary.current.expenses == Decimal("2420.00")
    assert Decimal(str(round(cached["Net profit"][4].value, 2))) == summary.current.net
    assert rows["Rent"][1].number_format == EUR_FORMAT


def test_summary_sheet_has_the_business_period_and_key_figures(db, books):
    _, data = exports.dashboard_workbook(db, owner_id=books.id, period=Q1, today=D(2026, 4, 2))
    sheet = _open(data)["Summary"]
    facts = {row[0].value: row[1].value for row in sheet.iter_rows(min_row=1, max_row=8)}
    assert facts["Business"] == "Acme Studio Ltd."
    assert facts["Period"] == "Q1 FY2026"
    assert facts["From"] == dt.datetime(2026, 1, 1)
    assert facts["Assets held on"] == dt.datetime(2026, 3, 31)
    assert facts["Assets value"] == pytest.approx(1499.99)
    cached = {row[0].value: [c.value for c in row[1:4]] for row in _open(data, values=True)["Summary"].iter_rows()}
    assert cached["Measure"] == ["Q1 FY2026 (1 Jan 2026 – 31 Mar 2026)", "Q4 FY2025 (1 Oct 2025 – 31 Dec 2025)",
                                 "Change"]
    assert cached["Income"] == [3000.5, 100.0, 2900.5]
    assert cached["Net profit"][0] == pytest.approx(580.5)
    assert cached["Margin"][0] == pytest.approx(580.5 / 3000.5)


def test_summary_net_profit_and_margin_are_live_formulas(db, books):
    _, data = exports.dashboard_workbook(db, owner_id=books.id, period=Q1)
    rows = {row[0].value: row for row in _open(data)["Summary"].iter_rows()}
    income, expenses, net = (rows[label][0].row for label in ("Income", "Expenses", "Net profit"))
    assert [c.value for c in rows["Net profit"][1:4]] == [f"=B{income}-B{expenses}", f"=C{income}-C{expenses}",
                                                          f"=B{net}-C{net}"]
    assert [c.value for c in rows["Margin"][1:3]] == [f'=IF(B{income}=0,"",B{net}/B{income})',
                                                      f'=IF(C{income}=0,"",C{net}/C{income})']
    assert rows["Margin"][1].number_format == "0.0%"


def test_assets_sheet_lists_assets_held_at_the_end(db, books):
    _, data = exports.dashboard_workbook(db, owner_id=books.id, period=Q1)
    sheet = _open(data)["Assets"]
    assert [c.value for c in sheet[2]][:4] == ["Laptop", "Equipment", dt.datetime(2025, 6, 1), 1499.99]
    assert sheet.cell(2, 4).number_format == EUR_FORMAT


def test_assets_without_a_type_are_untyped_on_the_sheet_as_on_the_dashboard(db, books):
    with db.transaction() as session:
        session.execute(sa.insert(Asset), [
            {"user_id": books.id, "name": name, "type": asset_type, "acquisition_date": D(2025, 7, 1),
             "value": Decimal("10.00")} for name, asset_type in (("Chair", ""), ("Desk", None))])
    _, data = exports.dashboard_workbook(db, owner_id=books.id, period=Q1)
    types = {row[0].value: row[1].value for row in _open(data)["Assets"].iter_rows(min_row=2)}
    assert (types["Chair"], types["Desk"], types["Laptop"]) == (UNTYPED, UNTYPED, "Equipment")
    dashboard = reports.summary(db, owner_id=books.id, period=Q1).assets_by_type
    assert set(dashboard["type"]) == {UNTYPED, "Equipment"}


def test_an_empty_period_still_makes_a_valid_workbook(db, owner):
    _, data = exports.dashboard_workbook(db, owner_id=owner.id, period=Q1)
    book = _open(data, values=True)
    assert book["Expenses"].max_row == 2  # header and the total
    assert book["Expenses"].cell(2, 5).value == 0


def test_ledger_workbook_exports_the_filtered_view(db, books):
    filters = EntryFilter(kind="expense", categories=("Rent",), date_from=D(2026, 1, 1))
    name, data = exports.ledger_workbook(db, owner_id=books.id, filters=filters)
    assert name == "fintrack-acme-studio-ltd-expenses-2026-01-01-to-today.xlsx"
    book = _open(data)
    assert book.sheetnames == ["Filters", "Expenses"]
    sheet = book["Expenses"]
    assert [cell.value for cell in sheet[1]][:2] == ["Id", "Date"]  # the Id, as in the CSV and on screen
    assert all(isinstance(sheet.cell(row, 1).value, int) for row in range(2, 5))
    assert [sheet.cell(row, 6).value for row in range(2, 5)] == [5.0, 1200.01, 1200.0]  # newest first
    assert sheet.cell(5, 6).value == "=SUM(F2:F4)"
    facts = {row[0].value: row[1].value for row in book["Filters"].iter_rows()}
    assert facts["Categories"] == "Rent" and facts["Business"] == "Acme Studio Ltd."
    assert "Only what the assistant added" not in facts


def test_the_filters_sheet_names_every_filter_in_force():
    filters = EntryFilter(kind="income", party_contains="acme", amount_min=Decimal("0"), added_by_assistant=True)
    assert exports.describe_filters(filters) == (
        ("Entries", "Incomes"), ("Client contains", "acme"), ("Amount at least", Decimal("0")),
        ("Only what the assistant added", "Yes"))


def test_a_fiscal_year_still_running_is_summed_to_today_and_compared_with_the_same_span(db, make_owner):
    """On 5 December, FY2027 from 6 April: the workbook's Summary says which two spans it compares."""
    me = make_owner(fiscal_year_start=D(2000, 4, 6))
    with db.transaction() as session:
        session.execute(sa.insert(Income), [
            {"user_id": me.id, "date": day, "category": "Sales", "client": "A", "amount": Decimal(amount)}
            for day, amount in ((D(2025, 6, 1), "1000"), (D(2025, 12, 20), "9000"), (D(2026, 6, 1), "1100"))])
        rollups.rebuild(session, owner_id=me.id)
    this_year = periods.presets(D(2026, 12, 5), D(2000, 4, 6))["This fiscal year"]
    _, data = exports.dashboard_workbook(db, owner_id=me.id, period=this_year, today=D(2026, 12, 5))
    summary = _open(data, values=True)["Summary"]
    facts = {row[0].value: row[1].value for row in summary.iter_rows(min_row=1, max_row=8)}
    assert (facts["From"], facts["To"]) == (dt.datetime(2026, 4, 6), dt.datetime(2026, 12, 5))
    cached = {row[0].value: [c.value for c in row[1:4]] for row in summary.iter_rows()}
    assert cached["Measure"] == ["FY2027 to 5 Dec 2026 (6 Apr 2026 – 5 Dec 2026)",
                                 "FY2026 to 5 Dec 2025 (6 Apr 2025 – 5 Dec 2025)", "Change"]
    assert cached["Income"] == [1100.0, 1000.0, 100.0]
    months = [cell.value for cell in _open(data)["Profit & Loss"][1]][1:-1]
    assert len(months) == 9  # April to December 2026: no month after today


def test_a_german_owners_workbook_names_the_periods_with_german_dates(db, make_owner):
    me = make_owner(fiscal_year_start=D(2000, 4, 6), locale="de_DE")
    this_year = periods.presets(D(2026, 12, 5), D(2000, 4, 6))["This fiscal year"]
    _, data = exports.dashboard_workbook(db, owner_id=me.id, period=this_year, today=D(2026, 12, 5))
    summary = _open(data, values=True)["Summary"]
    facts = {row[0].value: row[1].value for row in summary.iter_rows(min_row=1, max_row=8)}
    assert facts["Period"] == "FY2027 to 5. Dez. 2026"
    cached = {row[0].value: [c.value for c in row[1:4]] for row in summary.iter_rows()}
    assert cached["Measure"] == ["FY2027 to 5. Dez. 2026 (6. Apr. 2026 – 5. Dez. 2026)",
                                 "FY2026 to 5. Dez. 2025 (6. Apr. 2025 – 5. Dez. 2025)", "Change"]
