"""Hostile statements against the import service on SQLite and PostgreSQL: every cap refuses early and
names its setting; a database failure in the middle of a commit writes nothing and gives the owner an
error id that the operator finds in the log."""

from __future__ import annotations

import logging
import time
from decimal import Decimal

import pytest
from sqlalchemy import text

from fintrack.errors import NotSavedError, ValidationError
from fintrack.filters import EntryFilter
from fintrack.importing.limits import DEFAULT_MAX_BYTES, MB, ImportLimits
from fintrack.services import imports, ledger
from tests import hostile_files

# The issue asks for the refusals to come "under a second"; this is generous (they take milliseconds),
# and reading what they refuse takes seconds to minutes.
PROMPTLY = 1.0
STATEMENT = b"Date,Description,Amount\n2024-01-02,Shop,-10.00\n2024-01-03,Client,250.00\n"


@pytest.fixture(scope="session")
def zip_bomb() -> bytes:
    """A real workbook of 2,000,000 statement rows: about 1 MB to upload, 284 MB once unpacked."""
    return hostile_files.workbook(2_000_000)


def refusal(db, owner, data: bytes, filename: str, **options) -> tuple[str, float]:
    """What `preview` says is wrong with the file, and how long it took to say so."""
    started = time.perf_counter()
    with pytest.raises(ValidationError) as refused:
        imports.preview(db, owner_id=owner.id, data=data, filename=filename, **options)
    return refused.value.field_errors["file"], time.perf_counter() - started


def rows_previewed(db, owner, data: bytes, filename: str, **options) -> int:
    return len(imports.preview(db, owner_id=owner.id, data=data, filename=filename, **options).rows)


def test_a_zip_bomb_is_refused_from_its_directory_before_the_sheet_is_read(db, owner, zip_bomb):
    assert len(zip_bomb) < 2 * MB

    problem, seconds = refusal(db, owner, zip_bomb, "statement.xlsx")

    # reading the sheet would have stopped at the row cap instead, seconds later, saying so
    assert "more than the 100 MB an Excel statement may unpack to" in problem
    assert "(setting FINTRACK_IMPORT_MAX_XLSX_EXPANDED)" in problem and "ROWS" not in problem
    assert seconds < PROMPTLY


def test_the_expansion_cap_is_the_setting_of_the_limits_given(db, owner):
    workbook = hostile_files.workbook(1_000)  # about 60 KB of sheet unpacked
    assert rows_previewed(db, owner, workbook, "statement.xlsx") == 1_000

    problem, _ = refusal(db, owner, workbook, "statement.xlsx", limits=ImportLimits(max_xlsx_expanded=50_000))

    assert "FINTRACK_IMPORT_MAX_XLSX_EXPANDED" in problem and "more than the 48.8 KB" in problem


def test_a_file_over_the_byte_cap_is_refused_before_it_is_read(db, owner):
    problem, seconds = refusal(db, owner, hostile_files.csv_of_size(60 * MB), "statement.csv")

    assert problem.startswith("is 60 MB, more than the 10 MB a statement may be (setting FINTRACK_IMPORT_MAX_BYTES)")
    assert seconds < PROMPTLY


def test_the_byte_cap_holds_to_the_byte(db, owner):
    limits = ImportLimits(max_bytes=len(hostile_files.csv_rows(10)))
    assert rows_previewed(db, owner, hostile_files.csv_rows(10), "statement.csv", limits=limits) == 10

    problem, _ = refusal(db, owner, hostile_files.csv_rows(11), "statement.csv", limits=limits)

    assert "FINTRACK_IMPORT_MAX_BYTES" in problem
    assert refusal(db, owner, hostile_files.csv_of_size(DEFAULT_MAX_BYTES + 1), "s.csv")[0].startswith(
        "is more than the 10 MB")  # one byte over reads the same as the cap: no '10 MB, more than 10 MB'


def test_reading_a_csv_stops_once_the_row_cap_is_passed(db, owner):
    # a line no CSV reader accepts (a field over csv's 128 KB field limit) after the cap: were the file
    # read to its end, the refusal would name that line instead
    poisoned = hostile_files.csv_rows(2_000) + b"2024-01-02,Shop," + b"9" * 200_000 + b"\n"
    assert "could not be read as a table near line 2002" in refusal(
        db, owner, poisoned, "statement.csv", limits=ImportLimits(max_rows=3_000))[0]

    problem, _ = refusal(db, owner, poisoned, "statement.csv", limits=ImportLimits(max_rows=1_000))

    assert problem.startswith("has more than 1,000 rows, the most a statement may have (setting "
                              "FINTRACK_IMPORT_MAX_ROWS)")


def test_the_default_row_cap_is_a_hundred_thousand(db, owner):
    problem, _ = refusal(db, owner, hostile_files.csv_rows(100_001), "statement.csv")

    assert problem.startswith("has more than 100,000 rows")


@pytest.mark.parametrize("filename, build", [("statement.csv", hostile_files.csv_rows),
                                             ("statement.xlsx", hostile_files.workbook)])
def test_the_row_cap_holds_to_the_row_and_title_lines_do_not_count(db, owner, filename, build):
    limits = ImportLimits(max_rows=50)
    assert rows_previewed(db, owner, build(50), filename, limits=limits) == 50

    problem, _ = refusal(db, owner, build(51), filename, limits=limits)

    assert problem.startswith("has more than 50 rows") and "FINTRACK_IMPORT_MAX_ROWS" in problem
    if filename.endswith(".csv"):
        titled = b"Statement of account 123\nPeriod: January\n" + build(50)
        assert rows_previewed(db, owner, titled, filename, limits=limits) == 50


# --- a database failure during the commit ------------------------------------------------------------


@pytest.fixture
def failing_incomes(db):
    """The database itself refuses every new income (a trigger), as a full disk or a lost server would."""
    if db.dialect == "sqlite":
        statements = ["CREATE TRIGGER refuse_incomes BEFORE INSERT ON incomes "
                      "BEGIN SELECT RAISE(ABORT, 'the disk is full'); END"]
    else:
        statements = ["CREATE FUNCTION refuse_incomes() RETURNS trigger LANGUAGE plpgsql AS "
                      "$$ BEGIN RAISE EXCEPTION 'the disk is full'; END $$",
                      "CREATE TRIGGER refuse_incomes BEFORE INSERT ON incomes "
                      "FOR EACH ROW EXECUTE FUNCTION refuse_incomes()"]
    for statement in statements:  # inside the test's transaction: rolled back with it
        db.bind.execute(text(statement))


def test_a_database_failure_mid_commit_writes_nothing_and_logs_the_id_the_owner_sees(db, owner, failing_incomes,
                                                                                       caplog):
    shown = imports.preview(db, owner_id=owner.id, data=STATEMENT, filename="statement.csv")
    caplog.set_level(logging.ERROR, logger="fintrack")

    with pytest.raises(NotSavedError) as failed:
        imports.commit(db, owner_id=owner.id, preview=shown)

    error_id = failed.value.error_id
    assert str(failed.value).startswith(f"The import could not be saved; nothing was written. Error id {error_id}")
    for kind in ("expense", "income"):  # the expense went in before the income failed: rolled back
        page = ledger.find_entries(db, owner_id=owner.id, filters=EntryFilter(kind=kind))
        assert (page.total_count, page.total_amount) == (0, Decimal("0"))
    again = imports.preview(db, owner_id=owner.id, data=STATEMENT, filename="statement.csv")
    assert again.mapping_source == "guessed"  # the mapping was not remembered either
    [record] = [r for r in caplog.records if getattr(r, "error_id", None) == error_id]
    assert (record.event, record.owner_id, record.levelno) == ("import.failed", owner.id, logging.ERROR)
    assert "the disk is full" in str(record.exc_info[1])

