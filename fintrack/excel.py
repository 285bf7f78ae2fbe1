"""Excel workbooks an accountant can work with: DataFrames in, `.xlsx` bytes out (pure: no database).

Real spreadsheet quality: amounts are numbers in the owner's currency format, built from their locale's
CLDR pattern with the currency's own decimals (never text), dates are dates in the locale's order, header
rows are frozen and filterable, columns have sensible widths, and totals are live `SUM` formulas (their
cached values are written too, so viewers that do not recalculate show them).

Writer: XlsxWriter in `constant_memory` mode, chosen by measurement (`python -m benchmarks reports`); the
figures, against openpyxl's write-only mode and for the whole dashboard workbook, are in the README's
Benchmarks section, the one place they are kept. XlsxWriter is faster at the same flat memory and writes
formulas with their cached results (so viewers that do not recalculate show the totals). Its one constraint,
rows written strictly in order, is exactly how we write: every sheet here is written top to bottom. Decimal
becomes float only here, at the spreadsheet edge. Text longer than a cell holds is cut with a visible '…'
(XlsxWriter would cut it silently).
"""

from __future__ import annotations

import datetime as dt
import io
import math
import tempfile
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any, Literal, Protocol

import pandas as pd
import xlsxwriter
from xlsxwriter.utility import xl_rowcol_to_cell
from xlsxwriter.workbook import Workbook
from xlsxwriter.worksheet import Worksheet

from fintrack.display import Formats
from fintrack.errors import FinTrackError


class SheetTooLargeError(FinTrackError):
    """More rows than one Excel sheet can hold (XlsxWriter would silently drop them)."""

    def __init__(self, sheet: str) -> None:
        super().__init__(f"The {sheet} sheet would have more than {MAX_DATA_ROWS:,} rows, the most Excel can "
                         "open. Choose a shorter period or narrower filters and prepare the workbook again.")

ColumnKind = Literal["text", "date", "money", "number"]
MAX_DATA_ROWS = 1_048_576 - 2  # Excel's row limit, less the header and the total row
ZERO = Decimal("0.00")
MAX_CELL_CHARS = 32_767  # Excel's limit for the text of one cell
ELLIPSIS = "…"


@dataclass(frozen=True)
class Styles:
    """The cell formats of one workbook (XlsxWriter formats belong to the workbook that made them)."""

    header: Any
    bold: Any
    money: Any
    money_bold: Any
    date: Any
    percent: Any

    @classmethod
    def for_book(cls, book: Workbook, formats: Formats) -> Styles:
        money = formats.excel_money_format()
        return cls(
            header=book.add_format({"bold": True, "bg_color": "#E8EEF7", "bottom": 1}),
            bold=book.add_format({"bold": True}),
            money=book.add_format({"num_format": money}),
            money_bold=book.add_format({"num_format": money, "bold": True, "top": 1}),
            date=book.add_format({"num_format": formats.excel_date_format()}),
            percent=book.add_format({"num_format": "0.0%"}),
        )


class Sheet(Protocol):
    """Anything that can write itself as one worksheet."""

    name: str

    def write(self, sheet: Worksheet, styles: Styles) -> None: ...


def workbook_bytes(sheets: Sequence[Sheet], *, formats: Formats) -> bytes:
    """Write `sheets` in order into one workbook and return the `.xlsx` file's bytes."""
    buffer = io.BytesIO()
    with tempfile.TemporaryDirectory(prefix="fintrack-xlsx-") as scratch:
        book = xlsxwriter.Workbook(buffer, {"constant_memory": True, "tmpdir": scratch,
                                            "strings_to_numbers": False, "strings_to_formulas": False,
                                            "strings_to_urls": False})
        styles = Styles.for_book(book, formats)
        for spec in sheets:
            spec.write(book.add_worksheet(spec.name), styles)
        book.close()
    return buffer.getvalue()


def cell_text(value: object) -> str:
    """`value` as the text of one cell; text longer than Excel allows ends in '…' at the limit."""
    text = str(value)
    return text if len(text) <= MAX_CELL_CHARS else text[: MAX_CELL_CHARS - len(ELLIPSIS)] + ELLIPSIS


def _missing(value: object) -> bool:
    return value is None or (isinstance(value, float) and math.isnan(value))


# --- Summary --------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Comparison:
    """Income and expenses of a period and of the period it is compared with."""

    current_label: str
    previous_label: str
    income: Decimal
    expenses: Decimal
    previous_income: Decimal
    previous_expenses: Decimal


@dataclass(frozen=True)
class SummarySheet:
    """Facts (label, value) on top, then the key figures against the previous period.

    Values may be text, dates or Decimal amounts. Net profit, margin and the change column are formulas.
    """

    facts: tuple[tuple[str, object], ...]
    comparison: Comparison | None = None
    name: str = "Summary"

    def write(self, sheet: Worksheet, styles: Styles) -> None:
        sheet.set_column(0, 0, 22)
        sheet.set_column(1, 3, 20)
        for row, (label, value) in enumerate(self.facts):
            sheet.write_string(row, 0, label, styles.bold)
            _write_value(sheet, row, 1, value, styles)
        if self.comparison:
            _write_comparison(sheet, len(self.facts) + 1, self.comparison, styles)


def _write_value(sheet: Worksheet, row: int, col: int, value: object, styles: Styles) -> None:
    if isinstance(value, Decimal):
        sheet.write_number(row, col, float(value), styles.money)
    elif isinstance(value, dt.date):
        sheet.write_datetime(row, col, value, styles.date)
    elif not _missing(value):
        sheet.write_string(row, col, cell_text(value))


def _write_comparison(sheet: Worksheet, top: int, figures: Comparison, styles: Styles) -> None:
    """Income and expenses as numbers; net profit, margin and change as formulas (with cached values).

    Row by row: a constant-memory sheet cannot go back to a row it has left.
    """
    for col, title in enumerate(("Measure", figures.current_label, figures.previous_label, "Change")):
        sheet.write_string(top, col, title, styles.header)
    income, expenses, net, margin = (top + 1 + n for n in range(4))
    earned = (figures.income, figures.previous_income)
    spent = (figures.expenses, figures.previous_expenses)
    profit = tuple(e - s for e, s in zip(earned, spent, strict=True))
    for row, label, values in ((income, "Income", earned), (expenses, "Expenses", spent)):
        sheet.write_string(row, 0, label)
        for col, value in enumerate(values, start=1):
            sheet.write_number(row, col, float(value), styles.money)
        _write_change(sheet, row, values, styles.money)
    sheet.write_string(net, 0, "Net profit", styles.bold)
    for col, value in enumerate(profit, start=1):
        sheet.write_formula(net, col, f"={_cell(income, col)}-{_cell(expenses, col)}", styles.money_bold,
                            float(value))
    _write_change(sheet, net, profit, styles.money_bold)
    sheet.write_string(margin, 0, "Margin")
    for col, (value, base) in enumerate(zip(profit, earned, strict=True), start=1):
        formula = f'=IF({_cell(income, col)}=0,"",{_cell(net, col)}/{_cell(income, col)})'
        sheet.write_formula(margin, col, formula, styles.percent, float(value / base) if base else "")


def _write_change(sheet: Worksheet, row: int, values: tuple[Decimal, Decimal], style: Any) -> None:
    sheet.write_formula(row, 3, f"={_cell(row, 1)}-{_cell(row, 2)}", style, float(values[0] - values[1]))


def _cell(row: int, col: int) -> str:
    return xl_rowcol_to_cell(row, col)


# --- Profit & Loss --------------------------------------------------------------------------------------


@dataclass(frozen=True)
class ProfitAndLossSheet:
    """Categories as rows and months as columns; income, then expenses, each with totals, then net profit.

    `income` and `expenses` have columns category, month ('YYYY-MM'), amount (missing cells are zero);
    `months` lists the columns in order, headed by the names `month_label` gives them ('2026-03' -> 'Mar 2026').
    Every total is a live SUM formula.
    """

    months: tuple[str, ...]
    income: pd.DataFrame
    expenses: pd.DataFrame
    month_label: Callable[[str], str]
    name: str = "Profit & Loss"

    def write(self, sheet: Worksheet, styles: Styles) -> None:
        total_col = len(self.months) + 1
        sheet.set_column(0, 0, 28)
        sheet.set_column(1, total_col, 14)
        sheet.freeze_panes(1, 1)
        headers = ["Category", *(self.month_label(key) for key in self.months), "Total"]
        for col, title in enumerate(headers):
            sheet.write_string(0, col, title, styles.header)
        income_total, earned = self._section(sheet, 1, "Income", self.income, styles)
        expense_total, spent = self._section(sheet, income_total + 2, "Expenses", self.expenses, styles)
        net_row = expense_total + 2
        sheet.write_string(net_row, 0, "Net profit", styles.bold)
        for col in range(1, total_col + 1):
            value = earned[col - 1] - spent[col - 1]
            sheet.write_formula(net_row, col, f"={_cell(income_total, col)}-{_cell(expense_total, col)}",
                                styles.money_bold, float(value))

    def _section(self, sheet: Worksheet, top: int, title: str, grid: pd.DataFrame,
                 styles: Styles) -> tuple[int, list[Decimal]]:
        """Write a section from row `top`; returns the row of its total and the column totals."""
        sheet.write_string(top, 0, title, styles.bold)
        rows = _pivot(grid, self.months)
        first = top + 1
        for offset, (category, amounts) in enumerate(rows):
            _write_category_row(sheet, first + offset, category, amounts, styles)
        total_row = first + len(rows)
        sheet.write_string(total_row, 0, f"Total {title.lower()}", styles.bold)
        column_totals = [sum(col, ZERO) for col in zip(*(a for _, a in rows), strict=True)] if rows else []
        column_totals = column_totals or [ZERO] * len(self.months)
        column_totals.append(sum(column_totals, ZERO))
        for col, value in enumerate(column_totals, start=1):
            formula = f"=SUM({_cell(first, col)}:{_cell(total_row - 1, col)})" if rows else "=0"
            sheet.write_formula(total_row, col, formula, styles.money_bold, float(value))
        return total_row, column_totals


def _write_category_row(sheet: Worksheet, row: int, category: str, amounts: list[Decimal],
                        styles: Styles) -> None:
    sheet.write_string(row, 0, category)
    for col, amount in enumerate(amounts, start=1):
        sheet.write_number(row, col, float(amount), styles.money)
    last = len(amounts)
    sheet.write_formula(row, last + 1, f"=SUM({_cell(row, 1)}:{_cell(row, last)})", styles.money,
                        float(sum(amounts, ZERO)))


def _pivot(grid: pd.DataFrame, months: Sequence[str]) -> list[tuple[str, list[Decimal]]]:
    """(category, amount per month) for each category, largest total first."""
    cells: dict[str, dict[str, Decimal]] = {}
    for category, month, amount in grid[["category", "month", "amount"]].itertuples(index=False):
        by_month = cells.setdefault(category, {})
        by_month[month] = by_month.get(month, ZERO) + amount
    rows = [(category, [by_month.get(m, ZERO) for m in months]) for category, by_month in cells.items()]
    return sorted(rows, key=lambda row: (-sum(row[1], ZERO), row[0]))


# --- Tables of rows -------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Column:
    """One column of a table sheet: the DataFrame column `key`, its header, kind and width."""

    key: str
    header: str
    kind: ColumnKind = "text"
    width: float = 16


@dataclass(frozen=True)
class TableSheet:
    """Rows streamed from `chunks` (DataFrames with at least the columns' keys) under a frozen,
    filterable header, followed by a total row of SUM formulas under the money columns (if it has any)."""

    name: str
    columns: tuple[Column, ...]
    chunks: Iterable[pd.DataFrame] = field(default_factory=tuple)

    def write(self, sheet: Worksheet, styles: Styles) -> None:
        for col, column in enumerate(self.columns):
            sheet.set_column(col, col, column.width)
            sheet.write_string(0, col, column.header, styles.header)
        sheet.freeze_panes(1, 0)
        writers = [_cell_writer(sheet, column.kind, styles) for column in self.columns]
        money = [col for col, column in enumerate(self.columns) if column.kind == "money"]
        totals, row = dict.fromkeys(money, ZERO), 0
        for chunk in self.chunks:
            if row + len(chunk) > MAX_DATA_ROWS:
                raise SheetTooLargeError(self.name)
            for values in chunk[[c.key for c in self.columns]].itertuples(index=False, name=None):
                row += 1
                for col, value in enumerate(values):
                    if not _missing(value):
                        writers[col](row, col, value)
                for col in money:
                    totals[col] += values[col] or ZERO
        sheet.autofilter(0, 0, row, len(self.columns) - 1)
        if money:
            self._total_row(sheet, row, totals, styles)

    def _total_row(self, sheet: Worksheet, last: int, totals: dict[int, Decimal], styles: Styles) -> None:
        sheet.write_string(last + 1, 0, "Total", styles.bold)
        for col, value in totals.items():
            formula = f"=SUM({_cell(1, col)}:{_cell(last, col)})" if last else "=0"
            sheet.write_formula(last + 1, col, formula, styles.money_bold, float(value))


def _cell_writer(sheet: Worksheet, kind: ColumnKind, styles: Styles) -> Callable[[int, int, Any], Any]:
    if kind == "money":
        return lambda row, col, value: sheet.write_number(row, col, float(value), styles.money)
    if kind == "date":
        return lambda row, col, value: sheet.write_datetime(row, col, value, styles.date)
    if kind == "number":
        return lambda row, col, value: sheet.write_number(row, col, value)
    return lambda row, col, value: sheet.write_string(row, col, cell_text(value))
