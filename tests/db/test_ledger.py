"""The ledger service on SQLite and PostgreSQL: writes, validation, ownership, filters, paging and totals."""

from __future__ import annotations

import csv
import datetime as dt
import io
from decimal import Decimal

import pytest

from fintrack.display import Formats
from fintrack.errors import NotFoundError, ValidationError
from fintrack.filters import EntryFilter
from fintrack.repository import entries as entries_repo
from fintrack.schemas import MAX_NOTES_LENGTH, EntryInput
from fintrack.services import ledger, money_accounts

DAY = dt.date(2025, 3, 14)


def form(**overrides) -> dict:
    return {"kind": "expense", "date": DAY, "category": "Rent", "party": "Landlord Ltd",
            "payment_method": "Bank transfer", "amount": "1200.00", "notes": None, **overrides}


def add(db, owner, **overrides) -> ledger.Entry:
    return ledger.add_entry(db, owner_id=owner.id, data=form(**overrides))


def everything(db, owner, kind="expense", **filters) -> ledger.EntryPage:
    return ledger.find_entries(db, owner_id=owner.id, filters=EntryFilter(kind=kind, **filters), page_size=250)


def ids(page: ledger.EntryPage) -> list[int]:
    return [int(value) for value in page.frame["id"]]


# --- writing ---------------------------------------------------------------------------------------------


def test_add_and_read_back_an_expense(db, owner):
    entry = add(db, owner, amount="1.234,56", notes="  March  ")
    assert entry == ledger.Entry(entry.id, "expense", DAY, "Rent", "Landlord Ltd", "Bank transfer",
                                 Decimal("1234.56"), "March",
                                 money_accounts.list_accounts(db, owner_id=owner.id)[0].id)  # the Main account
    assert ledger.get_entry(db, owner_id=owner.id, kind="expense", entry_id=entry.id) == entry


def test_an_income_stores_its_client(db, owner):
    income = add(db, owner, kind="income", category="Sales", party="Big Client", amount="99,90")
    page = everything(db, owner, kind="income")
    assert page.frame.loc[0, "party"] == "Big Client"
    assert (income.kind, income.amount, page.total_count) == ("income", Decimal("99.90"), 1)
    assert everything(db, owner, kind="expense").total_count == 0


def test_empty_optional_texts_are_stored_as_null(db, owner):
    entry = add(db, owner, party="  ", payment_method="", notes="")
    assert (entry.party, entry.payment_method, entry.notes) == (None, None, None)


def test_update_an_entry(db, owner):
    entry = add(db, owner)
    changed = ledger.update_entry(db, owner_id=owner.id, kind="expense", entry_id=entry.id,
                                  data={**entry.as_form(), "amount": "1250,5", "category": "Office"})
    assert (changed.id, changed.amount, changed.category) == (entry.id, Decimal("1250.50"), "Office")
    assert ledger.get_entry(db, owner_id=owner.id, kind="expense", entry_id=entry.id) == changed


def test_duplicate_copies_every_field_and_can_move_the_date(db, owner):
    entry = add(db, owner, notes="monthly")
    same = ledger.duplicate_entry(db, owner_id=owner.id, kind="expense", entry_id=entry.id)
    moved = ledger.duplicate_entry(db, owner_id=owner.id, kind="expense", entry_id=entry.id,
                                   on_date=dt.date(2025, 4, 14))
    assert same.id != entry.id and same.as_form() == entry.as_form()
    assert moved.date == dt.date(2025, 4, 14) and moved.notes == "monthly"
    assert everything(db, owner).total_count == 3


def test_bulk_delete(db, owner):
    kept, *gone = [add(db, owner, amount=str(n)) for n in (1, 2, 3)]
    assert ledger.delete_entries(db, owner_id=owner.id, kind="expense", entry_ids=[e.id for e in gone]) == 2
    assert ids(everything(db, owner)) == [kept.id]


def test_bulk_delete_is_all_or_nothing(db, owner):
    entries = [add(db, owner, amount=str(n)) for n in (1, 2)]
    stale = entries[1].id + 1000
    with pytest.raises(NotFoundError, match=f"Expense {stale} was not found"):
        ledger.delete_entries(db, owner_id=owner.id, kind="expense", entry_ids=[entries[0].id, stale])
    assert everything(db, owner).total_count == 2


def test_the_repository_insert_works_inside_a_callers_transaction(db, owner):
    entry = EntryInput(kind="income", date=DAY, category="Sales", amount=Decimal("10.00"))
    with db.transaction() as session:
        new_id = entries_repo.insert(session, owner_id=owner.id, entry=entry)
        assert entries_repo.table_for("income").__tablename__ == "incomes"
        assert entries_repo.party_column("income").key == "client"
    assert ledger.get_entry(db, owner_id=owner.id, kind="income", entry_id=new_id).amount == Decimal("10.00")


# --- validation ------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("amount", "abc", "not an amount"),
        ("amount", "12.345", "more than two decimals"),
        ("amount", "0", "more than zero"),
        ("amount", "0,00", "more than zero"),
        ("amount", "-5", "positive"),
        ("amount", "10000000000.00", "larger than"),
        ("amount", "", "required"),
        ("date", "2025-02-30", "not a date"),
        ("date", "yesterday", "not a date"),
        ("category", "", "required"),
        ("category", "c" * 101, "too long"),
        ("party", "p" * 256, "too long"),
        ("payment_method", "m" * 51, "too long"),
        ("notes", "n" * 32_768, "too long \\(at most 32767 characters\\)"),
        ("kind", "transfer", "must be one of"),
        ("date", "1899-12-31", "not between 1900-01-01 and 2100-12-31"),
        ("notes", "a\x00b", "control character"), ("party", "Shop\x00", "control character"),
        ("category", "Rent\x1b", "control character"), ("payment_method", "Card\tx", "control character"),
    ],
)
def test_bad_input_is_refused_and_writes_nothing(db, owner, field, value, message):
    existing = add(db, owner)
    with pytest.raises(ValidationError, match=message) as error:
        add(db, owner, **{field: value})
    assert field in error.value.field_errors
    with pytest.raises(ValidationError, match=message):
        kind = value if field == "kind" else "expense"
        ledger.update_entry(db, owner_id=owner.id, kind=kind, entry_id=existing.id,
                            data={**existing.as_form(), field: value})
    assert ids(everything(db, owner)) == [existing.id]
    assert ledger.get_entry(db, owner_id=owner.id, kind="expense", entry_id=existing.id) == existing


def test_notes_keep_their_lines_and_tabs(db, owner):
    entry = add(db, owner, notes="first line\n\tsecond line\r\n")
    saved = ledger.get_entry(db, owner_id=owner.id, kind="expense", entry_id=entry.id)
    assert saved.notes == "first line\n\tsecond line"


def test_the_largest_amount_is_accepted(db, owner):
    assert add(db, owner, amount="9.999.999.999,99").amount == Decimal("9999999999.99")


# --- ownership -------------------------------------------------------------------------------------------


def test_another_owners_entry_is_not_found_and_untouched(db, owner, make_owner):
    other = make_owner()
    theirs = add(db, other, notes="private")
    message = f"Expense {theirs.id} was not found"
    with pytest.raises(NotFoundError, match=message):
        ledger.get_entry(db, owner_id=owner.id, kind="expense", entry_id=theirs.id)
    with pytest.raises(NotFoundError, match=message):
        ledger.update_entry(db, owner_id=owner.id, kind="expense", entry_id=theirs.id, data=form(amount="1"))
    with pytest.raises(NotFoundError, match=message):
        ledger.delete_entries(db, owner_id=owner.id, kind="expense", entry_ids=[theirs.id])
    with pytest.raises(NotFoundError, match=message):
        ledger.duplicate_entry(db, owner_id=owner.id, kind="expense", entry_id=theirs.id)
    assert ledger.get_entry(db, owner_id=other.id, kind="expense", entry_id=theirs.id) == theirs
    assert everything(db, owner).total_count == 0 and everything(db, other).total_count == 1


def test_bulk_delete_with_one_foreign_id_deletes_nothing(db, owner, make_owner):
    mine = add(db, owner)
    theirs = add(db, make_owner())
    with pytest.raises(NotFoundError, match=f"Expense {theirs.id} was not found"):
        ledger.delete_entries(db, owner_id=owner.id, kind="expense", entry_ids=[mine.id, theirs.id])
    assert ids(everything(db, owner)) == [mine.id]


def test_an_expense_id_is_not_an_income_id(db, owner):
    expense = add(db, owner)
    with pytest.raises(NotFoundError, match=f"Income {expense.id} was not found"):
        ledger.get_entry(db, owner_id=owner.id, kind="income", entry_id=expense.id)


# --- finding ---------------------------------------------------------------------------------------------


@pytest.fixture
def books(db, owner, make_owner):
    """A small ledger with one of everything the filters look at, plus a stranger's look-alike rows."""
    rows = [
        dict(date=dt.date(2025, 1, 5), category="Rent", party="Landlord Ltd", payment_method="Bank transfer",
             amount="1000.00", notes="January rent"),
        dict(date=dt.date(2025, 1, 20), category="Software", party="GitHub, Inc.", payment_method="Card",
             amount="21.00", notes=None),
        dict(date=dt.date(2025, 2, 3), category="Meals", party="Café Rouge", payment_method="Cash",
             amount="42.50", notes="Lunch with 100% of the team"),
        dict(date=dt.date(2025, 2, 28), category="Software", party="Figma", payment_method="Card",
             amount="15.00", notes="design_tool"),
        dict(date=dt.date(2025, 3, 1), category="Travel", party="Rail Co", payment_method="Card",
             amount="89.99", notes="Trip to see GITHUB folks"),
    ]
    entries = {row["party"]: add(db, owner, **row) for row in rows}
    stranger = make_owner()
    for row in rows:
        add(db, stranger, **row)
    return entries


def parties(page: ledger.EntryPage) -> set[str]:
    return set(page.frame["party"])


@pytest.mark.parametrize(
    ("filters", "expected"),
    [
        ({}, {"Landlord Ltd", "GitHub, Inc.", "Café Rouge", "Figma", "Rail Co"}),
        ({"date_from": dt.date(2025, 2, 3)}, {"Café Rouge", "Figma", "Rail Co"}),
        ({"date_to": dt.date(2025, 2, 3)}, {"Landlord Ltd", "GitHub, Inc.", "Café Rouge"}),
        ({"date_from": dt.date(2025, 2, 1), "date_to": dt.date(2025, 2, 28)}, {"Café Rouge", "Figma"}),
        ({"categories": ("Software",)}, {"GitHub, Inc.", "Figma"}),
        ({"categories": ("Software", "Rent")}, {"GitHub, Inc.", "Figma", "Landlord Ltd"}),
        ({"party_contains": "github"}, {"GitHub, Inc."}),
        ({"party_contains": "LTD"}, {"Landlord Ltd"}),
        ({"party_contains": "caf"}, {"Café Rouge"}),
        ({"party_contains": "%"}, set()),
        ({"party_contains": "CAFÉ"}, {"Café Rouge"}), ({"party_contains": "café ROUGE"}, {"Café Rouge"}),
        ({"text": "CAFÉ"}, {"Café Rouge"}), ({"text": "cafe"}, set()),
        ({"payment_method": "Card"}, {"GitHub, Inc.", "Figma", "Rail Co"}),
        ({"amount_min": Decimal("42.50")}, {"Landlord Ltd", "Café Rouge", "Rail Co"}),
        ({"amount_max": Decimal("21.00")}, {"GitHub, Inc.", "Figma"}),
        ({"amount_min": Decimal("15.01"), "amount_max": Decimal("89.99")}, {"GitHub, Inc.", "Café Rouge",
                                                                            "Rail Co"}),
        ({"text": "github"}, {"GitHub, Inc.", "Rail Co"}),
        ({"text": "100%"}, {"Café Rouge"}),
        ({"text": "h_1"}, set()),
        ({"text": "design_tool"}, {"Figma"}),
        ({"categories": ("Software", "Travel"), "payment_method": "Card", "amount_min": Decimal("20"),
          "text": "git"}, {"GitHub, Inc.", "Rail Co"}),
        ({"categories": ("Software",), "date_from": dt.date(2025, 2, 1), "party_contains": "fig",
          "amount_max": Decimal("15")}, {"Figma"}),
        ({"categories": ("Nope",)}, set()),
    ],
)
def test_filters_and_their_combinations(db, owner, books, filters, expected):
    page = everything(db, owner, **filters)
    assert parties(page) == expected
    assert page.total_count == len(expected)
    assert page.total_amount == sum(page.frame["amount"], Decimal("0.00"))


@pytest.mark.parametrize(
    ("sort", "expected"),
    [
        ("date_desc", ["Rail Co", "Figma", "Café Rouge", "GitHub, Inc.", "Landlord Ltd"]),
        ("date_asc", ["Landlord Ltd", "GitHub, Inc.", "Café Rouge", "Figma", "Rail Co"]),
        ("amount_desc", ["Landlord Ltd", "Rail Co", "Café Rouge", "GitHub, Inc.", "Figma"]),
        ("amount_asc", ["Figma", "GitHub, Inc.", "Café Rouge", "Rail Co", "Landlord Ltd"]),
    ],
)
def test_sorting(db, owner, books, sort, expected):
    assert list(everything(db, owner, sort=sort).frame["party"]) == expected


def test_the_frame_carries_decimals_and_dates(db, owner, books):
    frame = everything(db, owner).frame
    assert list(frame.columns) == list(entries_repo.PAGE_COLUMNS)
    assert all(isinstance(value, Decimal) for value in frame["amount"])
    assert all(type(value) is dt.date for value in frame["date"])


def test_the_total_is_exact_to_the_cent_over_all_pages(db, owner):
    amounts = ["0.10", "0.20", "0.70", "1234567.89", "0.01", "33.33", "33.33", "33.34"]
    for amount in amounts * 5:
        add(db, owner, amount=amount)
    seen, cursor = Decimal("0"), None
    for _ in range(4):
        page = ledger.find_entries(db, owner_id=owner.id, filters=EntryFilter(), cursor=cursor, page_size=10)
        seen, cursor = seen + sum(page.frame["amount"], Decimal("0")), page.next_cursor
    expected = sum((Decimal(a) for a in amounts), Decimal("0")) * 5
    assert page.total_amount == seen == expected == Decimal("6173344.50")


# --- choices ---------------------------------------------------------------------------------------------


def test_category_choices_put_the_owners_most_used_first(db, owner, make_owner):
    for category in ["Software", "Hosting", "Hosting", "Hosting", "Software", "Rent"]:
        add(db, owner, category=category)
    for _ in range(5):
        add(db, make_owner(), category="Stranger's category")
    choices = ledger.category_choices(db, owner_id=owner.id, kind="expense")
    assert choices[:3] == ["Hosting", "Software", "Rent"]
    assert "Advertising" in choices and "Stranger's category" not in choices
    assert len(choices) == len(set(choices))
    assert ledger.category_choices(db, owner_id=owner.id, kind="income")[0] == "Sales"


def test_payment_method_choices(db, owner):
    for method in ["Amex", "Amex", "Card"]:
        add(db, owner, payment_method=method)
    choices = ledger.payment_method_choices(db, owner_id=owner.id, kind="expense")
    assert choices[:2] == ["Amex", "Card"] and "Cash" in choices and choices.count("Card") == 1


# --- export ----------------------------------------------------------------------------------------------


def test_csv_export_of_the_filtered_view(db, owner, books):
    data = ledger.export_csv(db, owner_id=owner.id, filters=EntryFilter(payment_method="Card", sort="date_asc"))
    assert data.startswith(b"\xef\xbb\xbf")
    rows = list(csv.DictReader(io.StringIO(data.decode("utf-8-sig"))))
    assert [row["Vendor"] for row in rows] == ["GitHub, Inc.", "Figma", "Rail Co"]
    assert [row["Amount"] for row in rows] == ["21.00", "15.00", "89.99"]
    assert rows[0]["Date"] == "2025-01-20"


def test_csv_export_defuses_text_a_spreadsheet_would_run(db, owner):
    add(db, owner, party='=HYPERLINK("http://evil.example","x")', notes="@SUM(A1)", amount="5")
    add(db, owner, party="Plain Vendor", notes="-5 discount", amount="7")
    data = ledger.export_csv(db, owner_id=owner.id, filters=EntryFilter(sort="amount_asc"))
    rows = list(csv.DictReader(io.StringIO(data.decode("utf-8-sig"))))
    assert [(row["Vendor"], row["Notes"], row["Amount"]) for row in rows] == [
        ('\'=HYPERLINK("http://evil.example","x")', "'@SUM(A1)", "5.00"), ("Plain Vendor", "'-5 discount", "7.00")]


@pytest.mark.parametrize("starter", ["\uff1d", "\uff0b", "\uff0d", "\uff20"])  # full-width = + - @
def test_csv_export_defuses_full_width_formula_starters(db, owner, starter):
    add(db, owner, party=f'{starter}HYPERLINK("http://evil.example","x")', notes=f"{starter}1+1", amount="5")
    data = ledger.export_csv(db, owner_id=owner.id, filters=EntryFilter())
    [row] = csv.DictReader(io.StringIO(data.decode("utf-8-sig")))
    assert (row["Vendor"], row["Notes"]) == (f'\'{starter}HYPERLINK("http://evil.example","x")', f"'{starter}1+1")


@pytest.mark.parametrize("written", ["\t=1+1", "\r=1+1", "\u3000\uff1d1+1", " @SUM(A1)"])
def test_csv_export_defuses_a_formula_behind_leading_whitespace(db, owner, written):
    add(db, owner, party=written, amount="5")  # stored without the whitespace, which leaves the starter first
    data = ledger.export_csv(db, owner_id=owner.id, filters=EntryFilter())
    [row] = csv.DictReader(io.StringIO(data.decode("utf-8-sig")))
    assert row["Vendor"] == "'" + written.lstrip()


def test_a_decimal_comma_owners_csv_has_semicolons_and_decimal_commas(db, owner):
    add(db, owner, party="Müller; Söhne", notes="=1+1", amount="1234.50")
    german = ledger.export_csv(db, owner_id=owner.id, filters=EntryFilter(), formats=Formats("de_DE", "EUR"))
    [row] = csv.DictReader(io.StringIO(german.decode("utf-8-sig")), delimiter=";")
    assert (row["Vendor"], row["Amount"], row["Notes"]) == ("Müller; Söhne", "1234,50", "'=1+1")  # formulas stay text
    swiss = ledger.export_csv(db, owner_id=owner.id, filters=EntryFilter(), formats=Formats("de_CH", "CHF"))
    [row] = csv.DictReader(io.StringIO(swiss.decode("utf-8-sig")))  # a decimal point: commas, as before
    assert row["Amount"] == "1234.50"


def test_csv_export_of_an_empty_view_has_a_header(db, owner):
    data = ledger.export_csv(db, owner_id=owner.id, filters=EntryFilter(kind="income"))
    assert data.decode("utf-8-sig").strip() == "Id,Date,Category,Client,Payment method,Amount,Notes"


def test_export_reads_the_view_in_chunks_in_order(db, owner, books):
    with db.transaction() as session:
        chunks = list(entries_repo.frame_for_export(session, owner_id=owner.id,
                                                    filters=EntryFilter(sort="amount_asc"), chunk_rows=2))
    assert [len(chunk) for chunk in chunks] == [2, 2, 1]
    assert [party for chunk in chunks for party in chunk["party"]] == [
        "Figma", "GitHub, Inc.", "Café Rouge", "Rail Co", "Landlord Ltd"]


def test_bulk_insert_of_one_kind(db, owner):
    rows = [EntryInput(kind="income", date=DAY, category="Sales", party=f"Client {n}", amount=Decimal(n + 1))
            for n in range(3)]
    with db.transaction() as session:
        assert entries_repo.insert_many(session, owner_id=owner.id, kind="income", entries=rows) == 3
        assert entries_repo.insert_many(session, owner_id=owner.id, kind="income", entries=[]) == 0
    page = everything(db, owner, kind="income", sort="amount_asc")
    assert list(page.frame["party"]) == ["Client 0", "Client 1", "Client 2"]
    assert page.total_amount == Decimal("6.00")


def test_a_long_pasted_note_is_kept_whole(db, owner):
    """A pasted e-mail of 10,000 characters (5,001 were refused before) and a note at the limit are kept."""
    for length in (10_000, MAX_NOTES_LENGTH):
        note = ("Invoice text. " * 3000)[:length - 1] + "!"
        entry = add(db, owner, notes=note)
        assert ledger.get_entry(db, owner_id=owner.id, kind="expense", entry_id=entry.id).notes == note
