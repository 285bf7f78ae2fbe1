"""Workbooks that lie about themselves, read without a database: a size they do not have, a row beyond
Excel's last one, an archive that understates its sheet; and the uploader's own limit."""

from __future__ import annotations

import tomllib

import pytest

from fintrack.config import PROJECT_ROOT
from fintrack.errors import ValidationError
from fintrack.importing.limits import ImportLimits, describe_size
from fintrack.importing.reading import NOT_A_WORKBOOK, read_table
from tests import hostile_files

BLANK_TEXT_CELL = '<c t="inlineStr"><is><t>{}</t></is></c>'


def test_a_sheet_declaring_every_cell_of_excel_is_read_as_wide_and_long_as_it_is():
    # openpyxl trusts <dimension>: each row would be 16,384 cells, followed by a million empty rows
    table = read_table(hostile_files.workbook(3, dimension="A1:XFD1048576"), "statement.xlsx")

    assert table.header == ("Date", "Description", "Amount")
    assert [values for _, values in table.rows] == [("2024-01-02", "Corner Shop", "-10.00")] * 3


def test_a_cell_in_excels_last_column_is_not_read_into_every_row():
    far = '<row r="9"><c r="XFD9" t="inlineStr"><is><t>far away</t></is></c></row>'
    table = read_table(hostile_files.workbook(3, extra_xml=far), "statement.xlsx")

    assert len(table.rows) == 3 and max(len(values) for _, values in table.rows) == 3


@pytest.mark.parametrize("row", [1_048_577, 10**15])
def test_a_row_beyond_excels_last_is_a_damaged_workbook(row):
    beyond = f'<row r="{row}">{BLANK_TEXT_CELL.format("x")}</row>'

    with pytest.raises(ValidationError) as refused:
        read_table(hostile_files.workbook(3, extra_xml=beyond), "statement.xlsx")

    assert refused.value.field_errors == {"file": NOT_A_WORKBOOK}


def test_an_archive_understating_its_sheet_is_not_unpacked_beyond_what_it_declares():
    # the expansion cap trusts the archive's directory; Python's zipfile stops at the declared size
    lying = hostile_files.declaring(hostile_files.workbook(200_000), hostile_files.SHEET, 5_000)

    with pytest.raises(ValidationError) as refused:
        read_table(lying, "statement.xlsx", limits=ImportLimits(max_xlsx_expanded=10_000))

    assert refused.value.field_errors == {"file": NOT_A_WORKBOOK}


def test_streamlit_refuses_uploads_over_the_byte_cap_itself():
    config = tomllib.loads((PROJECT_ROOT / ".streamlit" / "config.toml").read_text())

    assert config["server"]["maxUploadSize"] == ImportLimits().max_upload_megabytes == 10


@pytest.mark.parametrize("size, shown", [(12, "12 bytes"), (50_000, "48.8 KB"), (10 * 1024 * 1024, "10 MB"),
                                         (298_000_310, "284.2 MB")])
def test_sizes_read_as_people_say_them(size, shown):
    assert describe_size(size) == shown
