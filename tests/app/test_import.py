"""The import screen through AppTest: upload, review, confirm; remembered layouts, duplicates, bad rows,
ambiguous dates and the sign switch."""

from __future__ import annotations

import datetime as dt
import logging
import re
from decimal import Decimal

import pytest
from sqlalchemy import text

from fintrack.filters import EntryFilter
from fintrack.services import ledger
from tests import hostile_files
from tests.statements import STATEMENTS_DIR

IMPORT = "pages/import.py"
CONFIRM = "import_confirm"


def books(db, owner, kind: str) -> tuple[int, Decimal]:
    page = ledger.find_entries(db, owner_id=owner.id, filters=EntryFilter(kind=kind))
    return page.total_count, page.total_amount


def texts(elements) -> str:
    return " ".join(element.value for element in elements)


@pytest.fixture
def screen(app_db, app_owner, sign_in, open_page):
    def open_():
        sign_in(app_owner)
        at = open_page(IMPORT)
        assert not at.exception
        return at

    return open_


def upload(at, name: str, data: bytes | None = None):
    data = data if data is not None else (STATEMENTS_DIR / name).read_bytes()
    at.file_uploader[0].set_value((name, data, "text/csv")).run()
    assert not at.exception, at.exception
    return at


def test_the_empty_screen_says_what_to_do(screen):
    assert "Upload a CSV or Excel" in texts(screen().info)


def test_a_real_statement_is_previewed_then_imported_on_confirm(app_db, app_owner, screen):
    at = upload(screen(), "schwab-checking.csv")
    assert {metric.label: metric.value for metric in at.metric}["Expenses to import"] == "3"
    assert {metric.label: metric.value for metric in at.metric}["Dates"] == "4 Aug 2022"  # as en_IE writes dates
    assert books(app_db, app_owner, "expense") == (0, Decimal("0"))  # nothing written before Confirm

    at.button(key=CONFIRM).click().run()

    assert not at.exception and "Imported **4** entries" in at.success[0].value
    assert "€235.27" in at.success[0].value and "dated 4 Aug 2022 to 17 Aug 2022" in at.success[0].value
    assert books(app_db, app_owner, "expense") == (3, Decimal("235.27"))
    assert books(app_db, app_owner, "income") == (1, Decimal("20.00"))
    assert at.file_uploader[0].value is None  # a fresh uploader for the next statement


def test_the_next_statement_with_that_layout_is_recognised_and_its_duplicates_skipped(app_db, app_owner, screen):
    at = upload(screen(), "outbank.csv")
    at.button(key=CONFIRM).click().run()

    at = upload(at, "outbank.csv")

    assert "Recognised layout" in texts(at.success)
    assert "4 row(s) are already in your books" in texts(at.warning)
    assert at.button(key=CONFIRM).disabled
    at.checkbox(key=next(box.key for box in at.checkbox if box.key.endswith("_keep_duplicates"))).check().run()
    at.button(key=CONFIRM).click().run()
    assert books(app_db, app_owner, "expense") == (6, Decimal("271.78"))


def test_bad_rows_are_listed_and_block_the_import_until_skipped(app_db, app_owner, screen):
    data = b"Date,Description,Amount\n2024-01-02,Shop,-10.00\n2024-01-03,Shop,ten\n"
    at = upload(screen(), "bad.csv", data)

    assert "1 row(s) cannot be read" in texts(at.error)
    assert at.dataframe[0].value.iloc[0].tolist()[:2] == [3, "'ten' is not an amount (try 42.50 or 42,50)"]
    assert at.button(key=CONFIRM).disabled

    at.checkbox(key=next(box.key for box in at.checkbox if box.key.endswith("_skip_bad"))).check().run()
    at.button(key=CONFIRM).click().run()
    assert "Skipped 1 unreadable row." in at.success[0].value
    assert books(app_db, app_owner, "expense") == (1, Decimal("10.00"))


def test_ambiguous_dates_are_asked_before_anything_is_written(app_db, app_owner, screen):
    at = upload(screen(), "ambiguous.csv", b"Date,Description,Amount\n03/04/2024,Shop,-1.00\n05/06/2024,Shop,-2.00\n")

    assert "reads both day first and month first" in texts(at.warning)
    assert at.radio[0].value is None and at.button(key=CONFIRM).disabled
    assert "Say how the dates are written" in texts(at.caption)

    at.radio[0].set_value("DMY").run()
    at.button(key=CONFIRM).click().run()

    assert not at.exception
    entries = ledger.find_entries(app_db, owner_id=app_owner.id, filters=EntryFilter(sort="date_asc")).frame
    assert list(entries["date"]) == [dt.date(2024, 4, 3), dt.date(2024, 6, 5)]


AMBIGUOUS = b"Date,Description,Amount,Kind\n03/04/2024,Shop,-1.00,Food\n05/06/2024,Shop,-2.00,Food\n"


@pytest.mark.parametrize("change", ["flip", "category"])
def test_changing_another_setting_does_not_skip_the_date_order_question(app_db, app_owner, screen, change):
    at = upload(screen(), "ambiguous.csv", AMBIGUOUS)
    if change == "flip":
        at.toggle(key=next(toggle.key for toggle in at.toggle if toggle.key.endswith("_flip"))).set_value(True).run()
    else:
        next(box for box in at.selectbox if box.key.endswith("_category")).set_value(3).run()

    assert not at.exception and at.radio[0].value is None
    assert at.button(key=CONFIRM).disabled and "Say how the dates are written" in texts(at.caption)

    at.radio[0].set_value("DMY").run()
    at.button(key=CONFIRM).click().run()
    entries = ledger.find_entries(app_db, owner_id=app_owner.id, filters=EntryFilter(
        kind="income" if change == "flip" else "expense", sort="date_asc")).frame
    assert list(entries["date"]) == [dt.date(2024, 4, 3), dt.date(2024, 6, 5)]


def test_a_remembered_layout_keeps_its_date_order_when_another_setting_changes(app_db, app_owner, screen):
    at = upload(screen(), "ambiguous.csv", AMBIGUOUS)
    at.radio[0].set_value("DMY").run()
    at.button(key=CONFIRM).click().run()

    at = upload(at, "next.csv", AMBIGUOUS.replace(b"2024", b"2023"))
    assert "Recognised layout" in texts(at.success) and at.radio[0].value == "DMY"
    at.toggle(key=next(toggle.key for toggle in at.toggle if toggle.key.endswith("_flip"))).set_value(True).run()
    assert not at.button(key=CONFIRM).disabled


def test_flipping_the_sign_turns_money_in_into_expenses(app_db, app_owner, screen):
    at = upload(screen(), "card.csv", b"Date,Description,Amount\n2024-01-02,Hotel,250.00\n")
    assert {metric.label: metric.value for metric in at.metric}["Incomes to import"] == "1"

    at.toggle(key=next(toggle.key for toggle in at.toggle if toggle.key.endswith("_flip"))).set_value(True).run()
    at.button(key=CONFIRM).click().run()

    assert "Imported **1** entry: 1 expense (€250.00) and 0 incomes (€0.00)" in at.success[0].value
    assert books(app_db, app_owner, "expense") == (1, Decimal("250.00"))


def test_an_empty_file_is_explained(screen):
    at = upload(screen(), "empty.csv", b"")
    assert "empty" in texts(at.error)


def test_the_owner_maps_a_column_and_the_layout_is_remembered(app_db, app_owner, screen):
    data = b"When,Who,How much\n2024-01-02,Paper Shop,-12.00\n"
    at = upload(screen(), "mine.csv", data)
    party = next(box for box in at.selectbox if box.key.endswith("_party"))
    assert party.value == -1  # not in this file

    party.set_value(1).run()
    at.button(key=CONFIRM).click().run()
    entries = ledger.find_entries(app_db, owner_id=app_owner.id, filters=EntryFilter()).frame
    assert list(entries["party"]) == ["Paper Shop"]

    at = upload(at, "next.csv", b"When,Who,How much\n2024-02-02,Ink Co,-3.00\n")
    assert "Recognised layout" in texts(at.success) and "Who" in texts(at.success)


def test_a_header_only_file_says_there_is_nothing_to_import(screen):
    at = upload(screen(), "header.csv", b"Date,Description,Amount\n")
    assert "no transactions" in texts(at.info) and at.button(key=CONFIRM).disabled


def test_a_binary_file_is_not_offered_the_column_mapping(screen):
    at = upload(screen(), "photo.csv", bytes(range(256)) * 8)
    assert "does not look like a bank statement (CSV or XLSX)" in texts(at.error)
    assert not [box for box in at.selectbox if box.key.endswith("_party")]


def shown_as(markdown: str) -> str:
    """Markdown as it reads on screen: escaped characters (FINTRACK\\_IMPORT) without their backslash."""
    return re.sub(r"\\(.)", r"\1", markdown)


@pytest.mark.parametrize("setting, value, name, data", [
    ("FINTRACK_IMPORT_MAX_BYTES", "2000000", "statement.csv", hostile_files.csv_of_size(2_000_001)),
    ("FINTRACK_IMPORT_MAX_ROWS", "3", "statement.csv", hostile_files.csv_rows(4)),
    ("FINTRACK_IMPORT_MAX_XLSX_EXPANDED", "2000", "statement.xlsx", hostile_files.workbook(4)),
], ids=["bytes", "rows", "xlsx-expanded"])
def test_a_statement_over_a_cap_is_refused_naming_its_setting(screen, monkeypatch, setting, value, name, data):
    monkeypatch.setenv(setting, value)
    at = screen()
    assert at.file_uploader[0].proto.max_upload_size_mb == (2 if setting.endswith("BYTES") else 10)

    at = upload(at, name, data)

    assert f"(setting {setting})" in shown_as(texts(at.error))
    assert not at.metric and not [box for box in at.selectbox if box.key.endswith("_party")]


def test_a_database_failure_on_confirm_is_explained_with_an_id_the_log_carries(app_db, app_owner, screen, caplog):
    with app_db.bind.begin() as connection:  # the database itself refuses the incomes, after the expenses
        connection.execute(text("CREATE TRIGGER refuse_incomes BEFORE INSERT ON incomes "
                                "BEGIN SELECT RAISE(ABORT, 'the disk is full'); END"))
    at = upload(screen(), "schwab-checking.csv")
    caplog.set_level(logging.ERROR, logger="fintrack")

    at.button(key=CONFIRM).click().run()

    assert not at.exception
    message = texts(at.error)
    assert "The import could not be saved; nothing was written. Error id" in message
    error_id = re.search(r"Error id ([0-9a-f]{8})", message).group(1)
    assert books(app_db, app_owner, "expense") == (0, Decimal("0"))
    assert books(app_db, app_owner, "income") == (0, Decimal("0"))
    [record] = [r for r in caplog.records if getattr(r, "error_id", None) == error_id]
    assert (record.event, record.owner_id) == ("import.failed", app_owner.id)
    assert not at.success  # no summary of an import that did not happen


def test_a_statement_in_another_currency_is_shown_with_a_warning_and_can_still_be_imported(app_db, app_owner, screen):
    at = upload(screen(), "schwab-checking.csv")  # dollars, and the owner keeps the books in euros
    assert "amounts are in dollars, but your books are kept in EUR" in texts(at.warning)
    at.button(key=CONFIRM).click().run()
    assert books(app_db, app_owner, "income") == (1, Decimal("20.00"))
    at = upload(screen(), "n26-fr.csv")  # euros
    assert "your books are kept in" not in texts(at.warning)
