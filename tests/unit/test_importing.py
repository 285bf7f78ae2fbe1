"""The pure statement reader: encodings, delimiters, line endings, header guesses, dates and amounts."""

from __future__ import annotations

import datetime as dt
import io
from decimal import Decimal

import pytest
from openpyxl import Workbook

from fintrack.errors import ValidationError
from fintrack.importing.amounts import detect_decimal_comma, parse_signed
from fintrack.importing.dates import DateError, detect_order, parse_date
from fintrack.importing.guess import guess_mapping, mapping_problems
from fintrack.importing.mapping import ColumnMapping
from fintrack.importing.reading import read_table, sniff_delimiter
from fintrack.importing.rows import parse_rows
from fintrack.money import AmountError
from tests.statements import STATEMENTS_DIR


def headers(table, mapping: ColumnMapping) -> dict[str, str]:
    return {role: table.header[index] for role, index in mapping.columns().items()}


@pytest.mark.parametrize(("data", "encoding"), [
    ("Empfänger;Betrag\nMüller;-1,00\n".encode(), "utf-8"),
    ("\ufeffDatum;Betrag\n01.02.2024;-1,00\n".encode(), "utf-8-sig"),
    ("Empfänger;Betrag\nMüller;-1,00\n".encode("cp1252"), "cp1252"),
    ("Date,Amount\n2024-01-01,1.00\n".encode("utf-16"), "utf-16"),
])
def test_encodings_are_detected(data, encoding):
    assert read_table(data, "s.csv").encoding == encoding


def test_an_encoding_override_that_cannot_read_the_file_is_refused():
    with pytest.raises(ValidationError, match="cannot be read as UTF-8"):
        read_table("Müller".encode("cp1252"), "s.csv", encoding="utf-8")


@pytest.mark.parametrize(("text", "delimiter"), [
    ("a,b,c\n1,2,3\n", ","), ("a;b;c\n1;2,5;3\n", ";"), ("a\tb\n1\t2\n", "\t"), ("a|b\n1|2\n", "|"),
])
def test_delimiters_are_sniffed(text, delimiter):
    assert sniff_delimiter(text) == delimiter


def test_cr_only_line_endings_blank_lines_and_line_numbers():
    table = read_table(b"Date,Amount\r\r2024-01-01,1.00\r\r\r2024-01-02,2.00\r", "s.csv")
    assert [line for line, _ in table.rows] == [3, 6]


def test_title_lines_above_the_header_are_skipped():
    table = read_table(b"Account statement\nIBAN DE00 1234\n\nDate,Payee,Amount\n2024-01-01,A,1.00\n", "s.csv")
    assert table.header == ("Date", "Payee", "Amount") and table.header_line == 4
    assert table.rows == ((5, ("2024-01-01", "A", "1.00")),)


def test_xlsx_workbooks_are_read_with_real_dates_and_numbers():
    book = Workbook()
    sheet = book.active
    sheet.append(["Booking Date", "Name", "Amount"])
    sheet.append([dt.datetime(2024, 1, 5), "Shop", -12.5])
    sheet.append([dt.datetime(2024, 1, 6, 14, 30), "Client", 1000])
    buffer = io.BytesIO()
    book.save(buffer)

    table = read_table(buffer.getvalue(), "statement.xlsx")
    rows, errors = parse_rows(table, guess_mapping(table))

    assert table.encoding == "xlsx" and not errors
    assert [(r.kind, r.date, r.amount) for r in rows] == [
        ("expense", dt.date(2024, 1, 5), Decimal("12.50")), ("income", dt.date(2024, 1, 6), Decimal("1000.00"))]


def test_xlsx_amounts_computed_by_a_formula_lose_their_float_noise():
    book = Workbook()
    book.active.append(["Date", "Name", "Amount"])
    book.active.append([dt.datetime(2024, 1, 5), "Shop", -0.1 - 0.2])  # a formula's cached -0.30000000000000004
    buffer = io.BytesIO()
    book.save(buffer)

    table = read_table(buffer.getvalue(), "statement.xlsx")
    rows, errors = parse_rows(table, guess_mapping(table))

    assert not errors and [(r.kind, r.amount) for r in rows] == [("expense", Decimal("0.30"))]


def test_a_stray_control_character_is_no_reason_to_refuse_the_file():
    data = b"Date,Description,Amount\n2024-01-02,Sh\x00op,-1.00\n2024-01-03,Shop\x07,-2.00\n"
    assert read_table(data, "s.csv").rows[0][1][1] == "Sh\x00op"  # a bad row later, with its line
    with pytest.raises(ValidationError, match="does not look like a bank statement"):
        read_table(b"\x00\x01\x02garbage\x03\x04\x05\x06" * 50, "s.csv")


def test_unreadable_dates_in_a_date_column_are_named_with_an_example():
    table = read_table(b"Datum;Betrag\n31.02.2024;-1,00\n45.13.2024;-2,00\n", "s.csv")
    problem = mapping_problems(table, guess_mapping(table))["date"]
    assert problem.startswith("the dates in column 'Datum' could not be read (for example '31.02.2024')")
    table = read_table(b"Foo,Bar\nx,y\n", "s.csv")
    assert mapping_problems(table, guess_mapping(table))["date"] == "choose the column that holds the date"


def test_old_excel_files_are_refused_with_what_to_do():
    with pytest.raises(ValidationError, match="save it as .xlsx"):
        read_table(b"\xd0\xcf\x11\xe0", "old.xls")


@pytest.mark.parametrize(("file", "expected"), [
    ("capitalone.csv", {"date": "Transaction Date", "debit": "Debit", "credit": "Credit", "party": "Description",
                        "category": "Category"}),
    ("gls.csv", {"date": "Buchungstag", "amount": "Betrag", "party": "Auftraggeber/Empfänger", "notes": "VWZ1",
                 "balance": "Kontostand"}),
    ("n26-fr.csv", {"date": "Booking Date", "amount": "Amount (EUR)", "party": "Partner Name"}),
    ("mint.csv", {"date": "Date", "amount": "Amount", "type": "Transaction Type", "party": "Description",
                  "category": "Category"}),
    ("schwab-checking.csv", {"date": "Date", "debit": "Withdrawal", "credit": "Deposit", "party": "Description",
                             "balance": "RunningBalance"}),
    ("stripe-default.csv", {"date": "created", "amount": "amount", "party": "description", "fee": "fee"}),
])
def test_columns_are_guessed_from_headers_in_several_languages(file, expected):
    table = read_table((STATEMENTS_DIR / file).read_bytes(), file)
    assert headers(table, guess_mapping(table)) == expected


def test_spanish_headers():
    table = read_table(b"Fecha,Concepto,Importe\n24/03/2022,Nomina,1394.11\n", "s.csv")
    assert headers(table, guess_mapping(table)) == {"date": "Fecha", "party": "Concepto", "amount": "Importe"}


def test_unknown_headers_fall_back_on_the_content():
    table = read_table(b"Quand,Qui,Combien\n2024-01-01,Shop,-3.00\n", "s.csv")
    assert headers(table, guess_mapping(table)) == {"date": "Quand", "amount": "Combien"}


@pytest.mark.parametrize(("text", "order", "expected"), [
    ("2024-03-01", "DMY", dt.date(2024, 3, 1)),
    ("24/03/2022", "DMY", dt.date(2022, 3, 24)),
    ("2/20/19", "MDY", dt.date(2019, 2, 20)),
    ("10.10.2017", "DMY", dt.date(2017, 10, 10)),
    ("2021-02-03 13:12", "MDY", dt.date(2021, 2, 3)),
    ("2021-02-03T13:12:00Z", "MDY", dt.date(2021, 2, 3)),
    ("20240131", "DMY", dt.date(2024, 1, 31)),
    ("5 Jan 2024", "MDY", dt.date(2024, 1, 5)),
    ("Jan 5, 2024", "DMY", dt.date(2024, 1, 5)),
])
def test_dates_in_many_formats(text, order, expected):
    assert parse_date(text, order) == expected


def test_a_date_that_is_not_real_in_the_chosen_order_is_refused():
    with pytest.raises(DateError, match="not a real date"):
        parse_date("13/31/2024", "DMY")


def test_date_order_detection():
    assert detect_order(["24/03/2022", "08/04/2022"]) == detect_order(["08/04/2022", "24/03/2022"])
    assert detect_order(["24/03/2022", "08/04/2022"]).order == "DMY"
    assert detect_order(["2/20/19", "1/5/19"], prefer="DMY").order == "MDY"
    assert detect_order(["03/04/2024", "05/06/2024"]).ambiguous
    assert not detect_order(["10.10.2017"]).ambiguous  # the same day either way
    assert detect_order(["2024-01-02"]).order == "YMD"


@pytest.mark.parametrize(("values", "decimal_comma"), [
    (["-98,76", "1.234,56"], True), (["$1,036.47", "-12.00"], False), (["100,00"], True),
    (["1000", "12"], False),
])
def test_decimal_comma_detection(values, decimal_comma):
    assert detect_decimal_comma(values) is decimal_comma


def test_a_tie_goes_to_the_hint():
    assert detect_decimal_comma(["1000"], hint=True)


@pytest.mark.parametrize(("text", "decimal_comma", "expected"), [
    ("-98,76", True, "-98.76"), ("1.234,56", True, "1234.56"), ("$1,036.47", False, "1036.47"),
    ("(12.00)", False, "-12.00"), ("1,000.00", False, "1000.00"), ("12 EUR", False, "12.00"),
    ("25.00-", False, "-25.00"), ("12.50 DR", False, "-12.50"), ("1.000,00CR", True, "1000.00"),
])
def test_amounts_with_signs_marks_and_separators(text, decimal_comma, expected):
    assert parse_signed(text, decimal_comma=decimal_comma) == Decimal(expected)


@pytest.mark.parametrize(("text", "decimal_comma"), [("1,2", False), ("1234,5", False), ("1.2.3,4", True),
                                                    ("1.23,45", True), ("1e3", False)])
def test_thousands_not_grouped_by_three_are_refused(text, decimal_comma):
    with pytest.raises(AmountError, match="not an amount"):
        parse_signed(text, decimal_comma=decimal_comma)


def test_a_row_wider_than_its_header_is_a_bad_row():
    table = read_table(b"Date,Description,Amount\n2024-01-02,Shop,($1,234.50)\n2024-01-03,Shop,-3.00,,\n", "s.csv")
    rows, errors = parse_rows(table, guess_mapping(table))
    assert [row.line for row in rows] == [3]  # trailing empty fields do not count
    assert [(error.line, error.reason) for error in errors] == [
        (2, "has 4 fields but the header has 3 (a value with a ',' in it must be quoted)")]


def test_an_amount_with_three_decimals_is_refused():
    with pytest.raises(AmountError, match="more than two decimals"):
        parse_signed("1.005", decimal_comma=False)


def test_bad_rows_are_listed_with_line_and_reason_and_the_rest_are_read():
    table = read_table(b"Date,Debit,Credit,Type\n2024-01-01,5.00,,\n2024-01-02,,,\n2024-01-03,1.00,2.00,\n"
                       b"2024-13-01,1.00,,\n", "s.csv")
    mapping = ColumnMapping(date=0, debit=1, credit=2)
    rows, errors = parse_rows(table, mapping)

    assert [(row.line, row.kind) for row in rows] == [(2, "expense")]
    assert [(error.line, error.reason) for error in errors] == [
        (3, "has neither a debit nor a credit amount"), (4, "has both a debit and a credit amount"),
        (5, "'2024-13-01' is not a real date when read year first (2024-12-31)")]


def test_a_date_outside_the_books_range_is_a_bad_row():
    table = read_table(b"Date,Amount\n1899-12-31,-5.00\n1900-01-01,-5.00\n", "s.csv")
    rows, errors = parse_rows(table, ColumnMapping(date=0, amount=1))
    assert [row.line for row in rows] == [3]
    assert [(error.line, error.reason) for error in errors] == [
        (2, "the date 1899-12-31 is not between 1900-01-01 and 2100-12-31")]


def test_a_debit_credit_type_column_decides_the_kind():
    table = read_table(b"Date,Amount,Type\n2024-01-01,5.00,debit\n2024-01-02,5.00,CR\n2024-01-03,5.00,x\n", "s")
    rows, errors = parse_rows(table, ColumnMapping(date=0, amount=1, type=2))
    assert [row.kind for row in rows] == ["expense", "income"]
    assert errors[0].reason == "the type 'x' is neither debit nor credit"


def test_mapping_problems_and_json_round_trip():
    assert ColumnMapping(date=0, amount=1, debit=2).problems(3) == {
        "amount": "choose either one amount column or debit/credit columns, not both"}
    assert "columns" in ColumnMapping(date=0, amount=0).problems(2)
    assert ColumnMapping(date=5, amount=1).problems(2) == {"date": "is not a column of this file"}
    mapping = ColumnMapping(date=0, amount=2, party=1, date_order="MDY", decimal_comma=True, flip_sign=True)
    assert ColumnMapping.from_json(mapping.to_json()) == mapping
    assert ColumnMapping.from_json("{not json") is None


def test_a_vendor_column_with_one_value_on_every_row_is_not_the_first_choice():
    """A Swiss bank: 'Description' is the account's own name on every row, 'Description 1' the counterparty."""
    table = read_table(b"Date,Description,Description 1,Description 2,Amount\n"
                       b"2026-03-01,Business account,Migros Zurich,Groceries,-12.50\n"
                       b"2026-03-02,Business account,SBB CFF FFS,Train,-40.00\n", "s.csv")
    assert headers(table, guess_mapping(table))["party"] == "Description 1"


def test_a_single_row_keeps_the_best_named_vendor_column():
    table = read_table(b"Date,Description,Description 1,Amount\n2026-03-01,Migros,Zurich,-12.50\n", "s.csv")
    assert headers(table, guess_mapping(table))["party"] == "Description"


@pytest.mark.parametrize("text", [
    "Data;Opis;Kwota\n2026-03-01;Biedronka artykuły spożywcze;-12,50\n",  # Polish
    "Datum;Popis;Částka\n2026-03-01;Žlutý kůň, řeřicha;-12,50\n",  # Czech
])
def test_central_european_statements_are_read_as_windows_1250(text):
    table = read_table(text.encode("cp1250"), "s.csv")
    assert table.encoding == "cp1250"
    assert table.rows[0][1][1] == text.splitlines()[1].split(";")[1]


@pytest.mark.parametrize("text", [
    "Datum;Empfänger;Betrag\n2026-03-01;Müller Bäckerei Straße;-12,50\n",
    "Date;Libellé;Montant\n2026-03-01;Café de la Gare, crème brûlée à emporter;-12,50\n",
    "Dato;Tekst;Beløb\n2026-03-01;Søren Købmand Århus;-12,50\n",
    "Fecha;Concepto;Importe\n2026-03-01;Panadería Muñoz, año;-12,50\n",
    "Date,Note,Amount\n2026-03-01,£12.50 for 5 kg (½ price) œufs,-12.50\n",
])
def test_western_statements_stay_windows_1252(text):
    assert read_table(text.encode("cp1252"), "s.csv").encoding == "cp1252"
