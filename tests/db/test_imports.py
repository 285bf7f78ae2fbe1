"""Statement imports against real databases: the real bank exports, files written here, duplicates,
remembered mappings, all-or-none writes, 50,000 rows, and ownership."""

from __future__ import annotations

import datetime as dt
import io
from decimal import Decimal

import pytest
from openpyxl import Workbook

from fintrack.errors import ValidationError
from fintrack.filters import EntryFilter
from fintrack.importing.mapping import ColumnMapping
from fintrack.services import imports, ledger
from fintrack.services.imports import DEFAULT_CATEGORY
from tests.statements import STATEMENTS, STATEMENTS_DIR

SEMICOLON_LATIN1 = ("Buchungstag;Auftraggeber/Empfänger;Verwendungszweck;Betrag\r\n"
                    "03.01.2024;Bäckerei Müller;Brötchen;-12,50\r\n"
                    "15.01.2024;Kunde GmbH;Rechnung 7;1.234,56\r\n").encode("cp1252")


def books(db, owner_id: int, kind: str) -> tuple[int, Decimal]:
    page = ledger.find_entries(db, owner_id=owner_id, filters=EntryFilter(kind=kind))
    return page.total_count, page.total_amount


def dates_in_books(db, owner_id: int) -> list[dt.date]:
    return [date for kind in ("expense", "income")
            for date in ledger.find_entries(db, owner_id=owner_id, filters=EntryFilter(kind=kind),
                                            page_size=250).frame["date"]]


def import_file(db, owner_id: int, data: bytes, filename: str = "statement.csv", **options):
    shown = imports.preview(db, owner_id=owner_id, data=data, filename=filename)
    return shown, imports.commit(db, owner_id=owner_id, preview=shown, **options)


@pytest.mark.parametrize("expected", STATEMENTS, ids=lambda e: e.file)
def test_every_real_statement_imports_to_exactly_its_counts_sums_and_dates(db, owner, expected):
    shown, result = import_file(db, owner.id, expected.data(), expected.file)

    assert not shown.errors and not shown.needs_date_order and not shown.mapping_problems
    assert result.written == expected.rows
    assert books(db, owner.id, "expense") == (expected.expenses, expected.expenses_total)
    assert books(db, owner.id, "income") == (expected.incomes, expected.incomes_total)
    dates = dates_in_books(db, owner.id)
    assert (min(dates), max(dates)) == (expected.first_date, expected.last_date)
    assert (result.totals.first_date, result.totals.last_date) == (expected.first_date, expected.last_date)


@pytest.mark.parametrize("expected", STATEMENTS, ids=lambda e: e.file)
def test_the_same_statement_twice_flags_every_second_row_as_a_duplicate(db, owner, expected):
    import_file(db, owner.id, expected.data(), expected.file)

    again, result = import_file(db, owner.id, expected.data(), expected.file)

    assert again.duplicates == expected.rows and all(row.duplicate for row in again.rows)
    assert result.written == 0 and result.duplicates_skipped == expected.rows
    assert books(db, owner.id, "expense") == (expected.expenses, expected.expenses_total)
    assert books(db, owner.id, "income") == (expected.incomes, expected.incomes_total)


def test_semicolon_decimal_comma_latin1(db, owner):
    shown, result = import_file(db, owner.id, SEMICOLON_LATIN1)

    assert (shown.encoding, shown.delimiter, shown.mapping.decimal_comma) == ("cp1252", ";", True)
    assert [(row.kind, row.party, row.amount) for row in shown.rows] == [
        ("expense", "Bäckerei Müller", Decimal("12.50")), ("income", "Kunde GmbH", Decimal("1234.56"))]
    assert books(db, owner.id, "income") == (1, Decimal("1234.56"))


def test_utf8_with_bom(db, owner):
    data = "\ufeffDate,Description,Amount\n2024-02-01,Café Olé,-4.20\n".encode()
    shown, result = import_file(db, owner.id, data)

    assert shown.encoding == "utf-8-sig" and shown.header[0] == "Date"
    assert shown.rows[0].party == "Café Olé" and result.written == 1


def test_an_excel_workbook(db, owner):
    book = Workbook()
    book.active.append(["Fecha", "Concepto", "Importe"])
    book.active.append([dt.datetime(2024, 3, 24), "Nomina", 1394.11])
    book.active.append([dt.datetime(2024, 3, 25), "Cafe", -3.5])
    buffer = io.BytesIO()
    book.save(buffer)

    shown, result = import_file(db, owner.id, buffer.getvalue(), "movimientos.xlsx")

    assert shown.encoding == "xlsx" and result.written == 2
    assert books(db, owner.id, "income") == (1, Decimal("1394.11"))
    assert books(db, owner.id, "expense") == (1, Decimal("3.50"))


def test_debit_and_credit_columns(db, owner):
    data = b"Date,Payee,Money Out,Money In\n2024-03-01,Rent Co,900.00,\n2024-03-02,Client A,,1500.00\n"
    shown, _ = import_file(db, owner.id, data)

    assert shown.mapping.amount is None and (shown.mapping.debit, shown.mapping.credit) == (2, 3)
    assert books(db, owner.id, "expense") == (1, Decimal("900.00"))
    assert books(db, owner.id, "income") == (1, Decimal("1500.00"))


def test_ambiguous_dates_are_asked_and_the_answer_is_used(db, owner):
    data = b"Date,Description,Amount\n03/04/2024,Shop,-10.00\n05/06/2024,Shop,-20.00\n"
    shown = imports.preview(db, owner_id=owner.id, data=data, filename="s.csv")
    assert shown.date_ambiguous and shown.needs_date_order
    with pytest.raises(ValidationError) as refused:
        imports.commit(db, owner_id=owner.id, preview=shown)
    assert "date_order" in refused.value.field_errors

    unanswered = imports.preview(db, owner_id=owner.id, data=data, filename="s.csv",
                                 mapping=shown.mapping.with_changes(flip_sign=True))
    assert unanswered.needs_date_order  # changing another setting is no answer
    with pytest.raises(ValidationError) as refused:
        imports.commit(db, owner_id=owner.id, preview=unanswered)
    assert "date_order" in refused.value.field_errors

    day_first = imports.preview(db, owner_id=owner.id, data=data, filename="s.csv",
                                mapping=shown.mapping.with_changes(date_order="DMY"), date_order_confirmed=True)
    assert not day_first.needs_date_order
    assert [row.date for row in day_first.rows] == [dt.date(2024, 4, 3), dt.date(2024, 6, 5)]
    imports.commit(db, owner_id=owner.id, preview=day_first)
    assert sorted(dates_in_books(db, owner.id)) == [dt.date(2024, 4, 3), dt.date(2024, 6, 5)]


def test_control_characters_in_a_statement_are_bad_rows_with_their_line(db, owner):
    data = b"Date,Description,Amount,Memo\n2024-01-02,Sh\x00op,-1.00,\n2024-01-03,Shop,-2.00,a\x00b\n" \
           b"2024-01-04,Shop,-3.00,fine\n"
    shown = imports.preview(db, owner_id=owner.id, data=data, filename="s.csv",
                            mapping=ColumnMapping(date=0, party=1, amount=2, notes=3))
    assert [(error.line, error.reason) for error in shown.errors] == [
        (2, "the vendor or client contains a control character (such as a NUL byte); remove it"),
        (3, "the notes contains a control character (such as a NUL byte); remove it")]
    imports.commit(db, owner_id=owner.id, preview=shown, skip_bad_rows=True)
    assert books(db, owner.id, "expense") == (1, Decimal("3.00"))


def test_imported_categories_take_the_owners_spelling_of_the_same_name(db, owner):
    ledger.add_entry(db, owner_id=owner.id, data={"kind": "expense", "date": dt.date(2024, 1, 1),
                                                  "category": "Rent", "amount": "5"})
    data = b"Date,Description,Amount,Kind\n2024-02-01,A,-1.00,rent\n2024-02-02,B,-2.00,RENT\n" \
           b"2024-02-03,C,-3.00,office\n2024-02-04,D,-4.00,Office\n"
    shown = imports.preview(db, owner_id=owner.id, data=data, filename="s.csv",
                            mapping=ColumnMapping(date=0, party=1, amount=2, category=3))
    imports.commit(db, owner_id=owner.id, preview=shown)
    assert ledger.category_choices(db, owner_id=owner.id, kind="expense")[:2] == ["Rent", "office"]
    page = ledger.find_entries(db, owner_id=owner.id, filters=EntryFilter(kind="expense"), page_size=250)
    assert sorted(page.frame["category"]) == ["Rent", "Rent", "Rent", "office", "office"]


def test_an_empty_file_is_refused_with_a_message(db, owner):
    for data in (b"", b"\r\n\r\n  \n"):
        with pytest.raises(ValidationError, match="empty"):
            imports.preview(db, owner_id=owner.id, data=data, filename="empty.csv")


def test_a_header_only_file_previews_no_rows_and_writes_nothing(db, owner):
    shown, result = import_file(db, owner.id, b"Date,Description,Amount\r\n")

    assert shown.rows == () and shown.errors == () and not shown.mapping_problems
    assert result.written == 0 and books(db, owner.id, "expense") == (0, Decimal("0"))


def test_an_unparsable_amount_names_the_line_and_writes_nothing(db, owner):
    data = b"Date,Description,Amount\n2024-01-02,Shop,-10.00\n\n2024-01-03,Shop,ten euros\n2024-01-04,Shop,-3\n"
    shown = imports.preview(db, owner_id=owner.id, data=data, filename="s.csv")

    assert [(error.line, error.reason) for error in shown.errors] == [
        (4, "'ten euros' is not an amount (try 42.50 or 42,50)")]
    with pytest.raises(ValidationError, match="line 4"):
        imports.commit(db, owner_id=owner.id, preview=shown)
    assert books(db, owner.id, "expense") == (0, Decimal("0"))

    result = imports.commit(db, owner_id=owner.id, preview=shown, skip_bad_rows=True)
    assert (result.written, result.bad_rows_skipped) == (2, 1)
    assert books(db, owner.id, "expense") == (2, Decimal("13.00"))


def test_a_row_the_schema_refuses_stops_the_whole_import(db, owner):
    data = b"Date,Description,Amount\n2024-01-02,Shop,-10.00\n2024-01-03,Big,-20.00\n"
    shown = imports.preview(db, owner_id=owner.id, data=data, filename="s.csv")

    with pytest.raises(ValidationError, match="Line 3: category"):
        imports.commit(db, owner_id=owner.id, preview=shown.with_categories({3: "x" * 101}))
    assert books(db, owner.id, "expense") == (0, Decimal("0"))


def test_a_row_matching_an_existing_entry_is_flagged_and_skipped_unless_kept(db, owner):
    ledger.add_entry(db, owner_id=owner.id, data={"kind": "expense", "date": "2024-05-02", "category": "Office",
                                                   "party": "paper  shop", "amount": "12.00"})
    data = (b"Date,Description,Amount\n2024-05-02,Paper Shop,-12.00\n2024-05-02,Paper Shop,-12.00\n"
            b"2024-05-02,Paper Shop,12.00\n")
    shown = imports.preview(db, owner_id=owner.id, data=data, filename="s.csv")

    # Two identical rows against one entry: only one is the entry already booked; the income is not.
    assert [row.duplicate for row in shown.rows] == [True, False, False]
    result = imports.commit(db, owner_id=owner.id, preview=shown)
    assert (result.written, result.duplicates_skipped) == (2, 1)
    assert books(db, owner.id, "expense") == (2, Decimal("24.00"))

    kept = imports.commit(db, owner_id=owner.id, preview=shown, keep_duplicates=True)
    assert kept.written == 3 and kept.duplicates_skipped == 0


def test_categories_come_from_the_owners_history_for_the_same_party(db, owner):
    for category in ("Software", "Software", "Office"):
        ledger.add_entry(db, owner_id=owner.id, data={"kind": "expense", "date": "2023-01-01",
                                                       "category": category, "party": "ACME Cloud",
                                                       "amount": "5"})
    data = (b"Date,Description,Amount,Category\n2024-01-01,acme cloud,-9.99,Tech\n"
            b"2024-01-02,Corner Cafe,-3.50,Food\n2024-01-03,Unknown Ltd,-1.00,\n")
    shown = imports.preview(db, owner_id=owner.id, data=data, filename="s.csv")

    assert [(row.category, row.category_source) for row in shown.rows] == [
        ("Software", "history"), ("Food", "file"), (DEFAULT_CATEGORY, "default")]


def test_the_owner_can_change_categories_before_confirming(db, owner):
    shown = imports.preview(db, owner_id=owner.id, data=b"Date,Description,Amount\n2024-01-01,Cafe,-3.50\n",
                            filename="s.csv")
    imports.commit(db, owner_id=owner.id, preview=shown.with_categories({2: "Meals"}))

    assert ledger.category_choices(db, owner_id=owner.id, kind="expense")[0] == "Meals"


def test_flipping_the_sign_convention(db, owner):
    data = b"Date,Description,Amount\n2024-01-01,Card purchase,25.00\n2024-01-02,Refund,-5.00\n"
    guessed = imports.preview(db, owner_id=owner.id, data=data, filename="card.csv")
    flipped = imports.preview(db, owner_id=owner.id, data=data, filename="card.csv",
                              mapping=guessed.mapping.with_changes(flip_sign=True))

    assert [row.kind for row in guessed.rows] == ["income", "expense"]
    assert [row.kind for row in flipped.rows] == ["expense", "income"]


def test_the_confirmed_mapping_is_remembered_for_the_same_header(db, owner, make_owner):
    data = b"When,Who,How much,Ref\n2024-02-03,Shop,-4.00,x\n"
    guessed = imports.preview(db, owner_id=owner.id, data=data, filename="s.csv")
    assert guessed.mapping_source == "guessed" and guessed.mapping.party is None
    chosen = guessed.mapping.with_changes(party=1, notes=3, flip_sign=True)
    imports.commit(db, owner_id=owner.id, preview=imports.preview(
        db, owner_id=owner.id, data=data, filename="s.csv", mapping=chosen))

    later = b"when , WHO,How much,Ref\n2024-03-01,Other shop,7.50,y\n"
    remembered = imports.preview(db, owner_id=owner.id, data=later, filename="next.csv")
    assert remembered.mapping_source == "remembered"
    assert remembered.mapping == chosen.with_changes(account_id=remembered.account.id)  # the account it went to
    assert (remembered.rows[0].party, remembered.rows[0].kind) == ("Other shop", "expense")

    stranger = make_owner()
    assert imports.preview(db, owner_id=stranger.id, data=later, filename="n.csv").mapping_source == "guessed"


def test_an_incomplete_mapping_is_reported_and_cannot_be_committed(db, owner):
    shown = imports.preview(db, owner_id=owner.id, data=b"Foo,Bar\nx,y\n", filename="s.csv")

    assert set(shown.mapping_problems) == {"date", "amount"} and shown.rows == ()
    with pytest.raises(ValidationError, match="Date"):
        imports.commit(db, owner_id=owner.id, preview=shown)


def test_a_date_column_whose_dates_cannot_be_read_says_so_with_an_example(db, owner):
    data = b"Date,Description,Amount\n2024-13-45,Shop,-1.00\n2024-14-46,Shop,-2.00\n"
    shown = imports.preview(db, owner_id=owner.id, data=data, filename="s.csv")

    assert shown.mapping_problems == {"date": "the dates in column 'Date' could not be read (for example "
                                      "'2024-13-45'); correct them in the file, or choose the column that "
                                      "holds the date"}
    with pytest.raises(ValidationError, match="Date: the dates in column 'Date' could not be read"):
        imports.commit(db, owner_id=owner.id, preview=shown)


@pytest.mark.parametrize("data", [
    bytes(range(256)) * 8,  # every byte: what a binary file looks like
    b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n" + bytes((index * 97 + 13) % 256 for index in range(4000)),
    "Date,Amount\n2024-01-02,-1.00\n".encode("utf-16-le") * 20,  # NUL every other byte
])
def test_a_binary_file_named_csv_is_not_a_bank_statement(db, owner, data):
    with pytest.raises(ValidationError, match=r"File: does not look like a bank statement \(CSV or XLSX\)"):
        imports.preview(db, owner_id=owner.id, data=data, filename="statement.csv")


def test_duplicates_and_categories_come_only_from_the_owners_own_books(db, owner, make_owner):
    other = make_owner()
    ledger.add_entry(db, owner_id=other.id, data={"kind": "expense", "date": "2024-01-01",
                                                   "category": "Secret", "party": "Shop", "amount": "10"})
    shown = imports.preview(db, owner_id=owner.id, data=b"Date,Description,Amount\n2024-01-01,Shop,-10\n",
                            filename="s.csv")

    assert not shown.rows[0].duplicate and shown.rows[0].category == DEFAULT_CATEGORY
    imports.commit(db, owner_id=owner.id, preview=shown)
    assert books(db, other.id, "expense") == (1, Decimal("10.00"))
    assert books(db, owner.id, "expense") == (1, Decimal("10.00"))


def test_fifty_thousand_rows_import_in_one_bulk_transaction(db, owner):
    lines = ["Date;Payee;Amount"]
    amounts = [Decimal(f"{number % 1000 + 1}.{number % 100:02d}") for number in range(50_000)]
    for number, amount in enumerate(amounts):
        day = dt.date(2023, 1, 1) + dt.timedelta(days=number % 365)
        sign = "-" if number % 4 else ""
        lines.append(f"{day:%d.%m.%Y};Vendor {number % 500};{sign}{str(amount).replace('.', ',')}")
    progress: list[float] = []

    shown = imports.preview(db, owner_id=owner.id, data="\n".join(lines).encode(), filename="big.csv")
    result = imports.commit(db, owner_id=owner.id, preview=shown, progress=progress.append)

    assert not shown.errors and result.written == 50_000 and progress[-1] == 1.0
    assert books(db, owner.id, "expense") == (37_500, sum(a for n, a in enumerate(amounts) if n % 4))
    assert books(db, owner.id, "income") == (12_500, sum(a for n, a in enumerate(amounts) if not n % 4))


def test_a_statement_in_another_currency_than_the_books_is_previewed_with_a_warning(db, make_owner):
    euros = (STATEMENTS_DIR / "n26-fr.csv").read_bytes()
    in_dollars = make_owner(currency_code="USD")
    warned = imports.preview(db, owner_id=in_dollars.id, data=euros, filename="n26-fr.csv")
    assert "amounts are in EUR, but your books are kept in USD" in warned.currency_warning
    assert len(warned.rows) == 2  # nothing is left out or converted: the owner decides
    in_euros = make_owner(currency_code="EUR")
    assert imports.preview(db, owner_id=in_euros.id, data=euros, filename="n26-fr.csv").currency_warning is None
