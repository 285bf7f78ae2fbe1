"""'Download all my data' and 'Delete my account' on both databases, with another owner who must be untouched."""

from __future__ import annotations

import datetime as dt
import io
import json
import zipfile
from decimal import Decimal

import openpyxl
import pytest
from sqlalchemy import func, select

from fintrack.db.models import AuthSession, RateLimitEvent, User
from fintrack.errors import AuthenticationError, RateLimitedError, ValidationError
from fintrack.repository import owner_data
from fintrack.services import account_data, accounts, sessions
from fintrack.services.account_deletion import delete_account
from fintrack.services.accounts import LoginPolicy
from fintrack.services.assistant.limits import owner_buckets
from tests.owner_records import SECRET_KEY, fill_every_table, owner_tables

PASSWORD = "correct horse battery"
NOW = dt.datetime(2026, 12, 5, 12, 0, tzinfo=dt.UTC)
POLICY = LoginPolicy()


@pytest.fixture
def two_owners(db, make_owner):
    mine, theirs = make_owner(business_name="Mine & Co"), make_owner(business_name="Theirs Ltd")
    fill_every_table(db, mine, tag="-mine")
    fill_every_table(db, theirs, tag="-theirs")
    return mine, theirs


def secrets_of(db, owner) -> list[str]:
    """The stored password hash and session token hashes of `owner`: none may leave in an export."""
    with db.transaction() as session:
        found = [session.scalar(select(User.password_hash).where(User.id == owner.id))]
        found += session.scalars(select(AuthSession.token_hash).where(AuthSession.user_id == owner.id)).all()
    assert len(found) >= 2
    return found


def workbook_text(data: bytes) -> str:
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        return "".join(archive.read(name).decode() for name in archive.namelist() if name.endswith(".xml"))


def counts_of(db, owner) -> dict[str, int]:
    with db.transaction() as session:
        counts = {table.name: session.scalar(select(func.count()).select_from(table)
                                             .where(table.c.user_id == owner.id)) for table in owner_tables()}
        counts["users"] = session.scalar(select(func.count()).select_from(User).where(User.id == owner.id))
        counts["rate_limit_events"] = session.scalar(select(func.count()).select_from(RateLimitEvent).where(
            RateLimitEvent.bucket.in_([accounts.sign_in_bucket(owner.email), *owner_buckets(owner.id)])))
    return counts


def owner_rows(db, owner) -> dict[str, int]:
    """The owner's rows per table, without the rate-limit events (a refused attempt is counted there)."""
    return {name: count for name, count in counts_of(db, owner).items() if name != "rate_limit_events"}


# --- export -----------------------------------------------------------------------------------------------


def test_the_json_export_holds_every_table_of_the_owner_for_a_script_to_read_back(db, two_owners):
    mine, _ = two_owners
    _, exported = account_data.account_files(db, owner_id=mine.id, now=NOW)
    assert exported.name == "fintrack-mine-co-all-data-2026-12-05.json" and exported.mime == "application/json"
    data = json.loads(exported.data, parse_float=lambda text: pytest.fail(f"a float in the export: {text}"))

    assert (data["format"], data["version"], data["exported_at"]) == (
        "fintrack-account-export", 1, "2026-12-05T12:00:00+00:00")
    assert data["profile"]["email"] == mine.email and data["profile"]["business_name"] == "Mine & Co"
    assert data["profile"]["fiscal_year_start"] == "2000-01-01"
    assert {"kind": "expense", "name": "Rent", "entries": 1} in data["categories"]
    left_out = {"login_tokens", "books_stamps", "category_months", "party_months", "account_days"}
    exported_tables = {table.name for table in owner_tables()} - left_out
    assert exported_tables <= data.keys() and not left_out & data.keys()
    assert all(data[name] for name in exported_tables), "every table of the owner has its rows"

    rent = next(row for row in data["expenses"] if row["category"] == "Rent")
    assert (rent["date"], rent["amount"], rent["vendor"], rent["notes"]) == (
        "2026-03-02", "1234.56", "Landlord-mine", "March-mine")
    assert Decimal(rent["amount"]) == Decimal("1234.56")
    assert [row["amount"] for row in data["incomes"]] == ["0.10"]
    assert [(row["name"], row["value"]) for row in data["assets"]] == [("Van-mine", "18999.99")]
    assert data["import_mappings"][0]["mapping"]["party"] == "Payee"  # stored JSON comes back nested
    assert data["assistant_actions"][0]["payload"]["amount"] == "42.50"
    assert dt.datetime.fromisoformat(data["sessions"][0]["expires_at"]).utcoffset() == dt.timedelta(0)
    assert set(data["sessions"][0]) == {"created_at", "expires_at", "client"}  # never the token's hash


def test_the_export_leaves_out_password_and_token_hashes_and_other_owners(db, two_owners):
    mine, theirs = two_owners
    workbook, exported = account_data.account_files(db, owner_id=mine.id, now=NOW)
    texts = {"json": exported.data.decode(), "workbook": workbook_text(workbook.data)}
    for where, text in texts.items():
        for secret in secrets_of(db, mine):
            assert secret not in text, f"a secret hash in the {where}"
        for name in ("password_hash", "token_hash", "browser_hash", "-theirs", theirs.email, "Theirs Ltd"):
            assert name not in text, f"{name!r} in the {where}"
        assert "-mine" in text and mine.email in text


def test_the_workbook_has_a_sheet_per_table_with_real_numbers_and_dates(db, two_owners):
    mine, _ = two_owners
    workbook, _ = account_data.account_files(db, owner_id=mine.id, now=NOW)
    assert workbook.name == "fintrack-mine-co-all-data-2026-12-05.xlsx"
    book = openpyxl.load_workbook(io.BytesIO(workbook.data))
    assert book.sheetnames[:5] == ["Profile", "Categories", "Expenses", "Incomes", "Assets"]
    assert sorted(book.sheetnames[5:]) == ["Accounts", "Api tokens", "Assistant actions", "Assistant conversations",
                                           "Assistant messages", "Assistant usage", "Import mappings",
                                           "Reconciliations", "Sessions", "Transfers"]
    profile = {row[0]: row[1] for row in book["Profile"].iter_rows(values_only=True)}
    assert profile["Email"] == mine.email and "Password hash" not in profile
    expenses = list(book["Expenses"].iter_rows(values_only=True))
    header = expenses[0]
    rent = dict(zip(header, next(row for row in expenses[1:] if "Rent" in row), strict=True))
    assert rent["Amount"] == pytest.approx(1234.56) and rent["Date"] == dt.datetime(2026, 3, 2)
    assert expenses[-1][0] == "Total"
    usage = list(book["Assistant usage"].iter_rows(values_only=True))
    assert dict(zip(usage[0], usage[1], strict=True))["Prompt tokens"] == 120
    categories = list(book["Categories"].iter_rows(values_only=True))
    assert ("expense", "Rent", 1) in categories and categories[-1][0] != "Total"


def test_an_owner_with_empty_books_gets_empty_tables(db, owner):
    workbook, exported = account_data.account_files(db, owner_id=owner.id, now=NOW)
    data = json.loads(exported.data)
    assert data["expenses"] == [] and data["categories"] == [] and data["profile"]["email"] == owner.email
    book = openpyxl.load_workbook(io.BytesIO(workbook.data))
    assert [row[0] for row in book["Expenses"].iter_rows(values_only=True)] == ["Id", "Total"]
    assert book["Sessions"].max_row == 1  # a header and no total row: nothing there is money


# --- deletion ---------------------------------------------------------------------------------------------


def test_deleting_an_account_removes_every_row_of_the_owner_and_nothing_of_another(db, two_owners):
    mine, theirs = two_owners
    token = sessions.start_session(db, owner_id=mine.id, secret_key=SECRET_KEY, days=1)
    assert all(counts_of(db, mine).values())
    theirs_before = counts_of(db, theirs)

    removed = delete_account(db, owner_id=mine.id, confirmation=f"  {mine.email.upper()} ", password=PASSWORD,
                             policy=POLICY)

    assert set(counts_of(db, mine).values()) == {0}
    assert counts_of(db, theirs) == theirs_before
    assert removed["users"] == 1 and removed["expenses"] == 2 and removed["sessions"] == 2
    assert sessions.owner_for_token(db, token=token, secret_key=SECRET_KEY) is None
    with pytest.raises(AuthenticationError):
        accounts.authenticate(db, email=mine.email, password=PASSWORD, client="test", policy=POLICY)


@pytest.mark.parametrize(("confirmation", "password", "field"), [
    ("DELETE", PASSWORD, "confirmation"),
    ("someone.else@example.com", PASSWORD, "confirmation"),
    (None, "wrong password!", "password"),
])
def test_nothing_is_deleted_without_the_email_typed_and_the_password(db, two_owners, confirmation, password, field):
    mine, _ = two_owners
    before = owner_rows(db, mine)
    with pytest.raises(ValidationError) as refused:
        delete_account(db, owner_id=mine.id, confirmation=confirmation or mine.email, password=password,
                       policy=POLICY)
    assert set(refused.value.field_errors) == {field}
    assert owner_rows(db, mine) == before


def test_password_guesses_on_the_delete_form_are_throttled_like_sign_ins(db, owner):
    policy = LoginPolicy(per_email=2)
    for _ in range(2):
        with pytest.raises(ValidationError):
            delete_account(db, owner_id=owner.id, confirmation=owner.email, password="a wrong guess", policy=policy)
    with pytest.raises(RateLimitedError):
        delete_account(db, owner_id=owner.id, confirmation=owner.email, password=PASSWORD, policy=policy)
    assert owner_rows(db, owner)["users"] == 1


def test_a_deletion_that_fails_half_way_deletes_nothing(db, two_owners, monkeypatch):
    mine, _ = two_owners
    before = owner_rows(db, mine)
    delete_everything = owner_data.delete_owner

    def fail_after_deleting(session, **arguments):
        delete_everything(session, **arguments)
        raise RuntimeError("the connection dropped")

    monkeypatch.setattr(owner_data, "delete_owner", fail_after_deleting)
    with pytest.raises(RuntimeError):
        delete_account(db, owner_id=mine.id, confirmation=mine.email, password=PASSWORD, policy=POLICY)
    assert owner_rows(db, mine) == before
