"""The Excel writer on its own: currency formats, typed cells, missing values and formulas."""

import datetime as dt
import io
from decimal import Decimal

import openpyxl
import pandas as pd
import pytest

from fintrack import excel
from fintrack.display import Formats
from fintrack.excel import Column, ProfitAndLossSheet, TableSheet

BRITISH, GERMAN = Formats("en_GB", "GBP"), Formats("de_DE", "EUR")


def test_table_rows_from_several_chunks_with_missing_values():
    chunks = [pd.DataFrame({"d": [dt.date(2026, 1, n) for n in (1, 2)], "t": ["a", float("nan")],
                            "m": [Decimal("1.10"), Decimal("2.20")]}),
              pd.DataFrame({"d": [dt.date(2026, 1, 3)], "t": ["=1+1"], "m": [Decimal("0.01")]})]
    columns = (Column("d", "Day", "date"), Column("t", "Text"), Column("m", "Money", "money"))
    data = excel.workbook_bytes([TableSheet("Rows", columns, chunks)], formats=BRITISH)
    sheet = openpyxl.load_workbook(io.BytesIO(data))["Rows"]
    assert [[c.value for c in row] for row in sheet.iter_rows(min_row=2, max_row=4)] == [
        [dt.datetime(2026, 1, 1), "a", 1.1], [dt.datetime(2026, 1, 2), None, 2.2],
        [dt.datetime(2026, 1, 3), "=1+1", 0.01]]
    assert sheet.cell(4, 2).data_type == "s"  # text that looks like a formula stays text
    assert sheet.cell(5, 3).value == "=SUM(C2:C4)"
    assert sheet.cell(2, 3).number_format == '"£"#,##0.00;"-£"#,##0.00'
    assert sheet.cell(2, 1).number_format == "dd/mm/yyyy"


def test_a_german_workbook_has_euro_amounts_after_the_number_german_dates_and_month_names():
    columns = (Column("d", "Day", "date"), Column("m", "Money", "money"))
    chunk = pd.DataFrame({"d": [dt.date(2026, 12, 5)], "m": [Decimal("1234.50")]})
    pnl = ProfitAndLossSheet(months=("2026-03",), income=pd.DataFrame(columns=["category", "month", "amount"]),
                             expenses=pd.DataFrame(columns=["category", "month", "amount"]), month_label=GERMAN.month)
    book = openpyxl.load_workbook(io.BytesIO(excel.workbook_bytes([TableSheet("Rows", columns, [chunk]), pnl],
                                                                  formats=GERMAN)))
    row = book["Rows"][2]
    assert (row[0].number_format, row[1].value) == ("dd.mm.yyyy", 1234.5)
    assert row[1].number_format == '#,##0.00"\u00a0€";"-"#,##0.00"\u00a0€"'
    assert book["Profit & Loss"]["B1"].value == "März 2026"


def test_yen_have_no_decimals_in_the_workbook():
    data = excel.workbook_bytes([TableSheet("Rows", (Column("m", "Money", "money"),),
                                            [pd.DataFrame({"m": [Decimal("1235")]})])], formats=Formats("ja_JP", "JPY"))
    assert openpyxl.load_workbook(io.BytesIO(data))["Rows"]["A2"].number_format == '"￥"#,##0;"-￥"#,##0'


def test_text_longer_than_a_cell_holds_is_cut_visibly():
    longest, too_long = "a" * excel.MAX_CELL_CHARS, "b" * 40_000
    chunk = pd.DataFrame({"t": [longest, too_long]})
    data = excel.workbook_bytes([TableSheet("Rows", (Column("t", "Notes"),), [chunk])], formats=GERMAN)
    sheet = openpyxl.load_workbook(io.BytesIO(data))["Rows"]
    assert sheet.cell(2, 1).value == longest  # at the limit: kept whole
    cut = sheet.cell(3, 1).value
    assert len(cut) == excel.MAX_CELL_CHARS == 32_767
    assert cut == "b" * 32_766 + "…"


def test_profit_and_loss_with_one_empty_section():
    income = pd.DataFrame({"category": ["Sales", "Sales"], "month": ["2026-01", "2026-02"],
                           "amount": [Decimal("10.00"), Decimal("5.50")]})
    expenses = pd.DataFrame(columns=["category", "month", "amount"])
    sheet_spec = ProfitAndLossSheet(months=("2026-01", "2026-02"), income=income, expenses=expenses,
                                    month_label=BRITISH.month)
    data = excel.workbook_bytes([sheet_spec], formats=BRITISH)
    values = openpyxl.load_workbook(io.BytesIO(data), data_only=True)["Profit & Loss"]
    rows = {row[0].value: [c.value for c in row[1:]] for row in values.iter_rows()}
    assert rows["Sales"] == [10.0, 5.5, 15.5]
    assert rows["Total expenses"] == [0, 0, 0]
    assert rows["Net profit"] == [10.0, 5.5, 15.5]


def test_more_rows_than_excel_holds_is_refused_not_truncated(monkeypatch):
    monkeypatch.setattr(excel, "MAX_DATA_ROWS", 3)
    chunks = [pd.DataFrame({"t": ["a", "b"]}), pd.DataFrame({"t": ["c", "d"]})]
    with pytest.raises(excel.SheetTooLargeError, match="more than 3 rows"):
        excel.workbook_bytes([TableSheet("Rows", (Column("t", "Text"),), chunks)], formats=GERMAN)
