"""Money accounts on SQLite and PostgreSQL: the Main account, every entry in an account, exact balances."""

from __future__ import annotations

import datetime as dt
import io
from decimal import Decimal

import openpyxl
import pytest
from sqlalchemy import text

from fintrack import demo
from fintrack.errors import ConflictError, NotFoundError, ValidationError
from fintrack.filters import EntryFilter
from fintrack.repository import rollups
from fintrack.services import exports, ledger
from fintrack.services import money_accounts as accounts

OPENED = dt.date(2026, 1, 1)


def open_account(db, owner, name="Visa card", type_="credit_card", balance="0", day=OPENED):
    return accounts.add_account(db, owner_id=owner.id, data={
        "name": name, "type": type_, "opening_balance": balance, "opening_date": day})


def book(db, owner, kind, amount, day, account=None):
    data = {"kind": kind, "date": day, "category": "Sales" if kind == "income" else "Rent", "amount": amount}
    if account is not None:
        data["account_id"] = account.id
    return ledger.add_entry(db, owner_id=owner.id, data=data)


def balances(db, owner, on=None) -> dict[str, Decimal]:
    return {b.account.name: b.balance for b in accounts.balances(db, owner_id=owner.id, on=on)}


def test_a_new_owner_has_one_default_main_account(db, owner):
    [main] = accounts.list_accounts(db, owner_id=owner.id)
    assert (main.name, main.type_label, main.opening_balance, main.is_default) == (
        "Main account", "Current account", Decimal("0.00"), True)


def test_an_entry_without_an_account_goes_to_the_default_one(db, owner):
    card = open_account(db, owner)
    book(db, owner, "expense", "10.00", OPENED)
    book(db, owner, "expense", "2.50", OPENED, account=card)
    assert balances(db, owner) == {"Main account": Decimal("-10.00"), "Visa card": Decimal("-2.50")}
    accounts.make_default(db, owner_id=owner.id, account_id=card.id)
    book(db, owner, "income", "1.00", OPENED)
    assert balances(db, owner) == {"Main account": Decimal("-10.00"), "Visa card": Decimal("-1.50")}


def test_balances_are_the_opening_balance_plus_the_entries_up_to_any_day(db, owner):
    bank = open_account(db, owner, "Bank", "current", "1000.10")
    book(db, owner, "income", "0.10", dt.date(2026, 1, 5), account=bank)
    book(db, owner, "expense", "0.20", dt.date(2026, 1, 6), account=bank)
    book(db, owner, "income", "250.00", dt.date(2026, 2, 1), account=bank)
    assert balances(db, owner, on=dt.date(2026, 1, 4))["Bank"] == Decimal("1000.10")
    assert balances(db, owner, on=dt.date(2026, 1, 5))["Bank"] == Decimal("1000.20")
    assert balances(db, owner, on=dt.date(2026, 1, 31))["Bank"] == Decimal("1000.00")
    assert balances(db, owner)["Bank"] == Decimal("1250.00")
    assert accounts.total_cash(accounts.balances(db, owner_id=owner.id)) == Decimal("1250.00")
    assert accounts.balance_over_time(db, owner_id=owner.id, account_id=bank.id) == [
        (OPENED, Decimal("1000.10")), (dt.date(2026, 1, 5), Decimal("1000.20")),
        (dt.date(2026, 1, 6), Decimal("1000.00")), (dt.date(2026, 2, 1), Decimal("1250.00"))]


def test_many_cents_sum_exactly(db, owner):
    bank = open_account(db, owner, "Bank", "current", "0.01")
    for _ in range(30):
        book(db, owner, "income", "0.10", OPENED, account=bank)
    assert balances(db, owner)["Bank"] == Decimal("3.01")


def test_a_row_loaded_past_the_application_counts_in_the_default_account(db, owner):
    with db.transaction() as session:
        session.execute(text("INSERT INTO incomes (user_id, date, category, amount) VALUES (:o, :d, 'Sales', 7)"),
                        {"o": owner.id, "d": OPENED})
        rollups.rebuild(session, owner_id=owner.id)  # rows written past the application: recount them
    assert balances(db, owner) == {"Main account": Decimal("7.00")}


def test_another_owners_account_is_refused_for_an_entry(db, owner, make_owner):
    theirs = open_account(db, make_owner())
    with pytest.raises(ValidationError, match="Account: is not one of your accounts"):
        book(db, owner, "expense", "1.00", OPENED, account=theirs)
    with pytest.raises(NotFoundError):
        accounts.get_account(db, owner_id=owner.id, account_id=theirs.id)


def test_editing_an_entry_without_an_account_keeps_its_account(db, owner):
    card = open_account(db, owner)
    entry = book(db, owner, "expense", "5.00", OPENED, account=card)
    ledger.update_entry(db, owner_id=owner.id, kind="expense", entry_id=entry.id,
                        data={"kind": "expense", "date": OPENED, "category": "Rent", "amount": "6.00"})
    assert balances(db, owner)["Visa card"] == Decimal("-6.00")


def test_names_are_unique_per_owner_and_types_are_checked(db, owner, make_owner):
    open_account(db, owner)
    with pytest.raises(ConflictError):
        open_account(db, owner)
    open_account(db, make_owner())  # another owner may use the name
    with pytest.raises(ValidationError, match="Type: must be one of"):
        open_account(db, owner, name="Jar", type_="piggy bank")
    assert [a.name for a in accounts.list_accounts(db, owner_id=owner.id)] == ["Main account", "Visa card"]


def test_an_account_with_entries_or_the_default_one_is_not_deleted(db, owner):
    card = open_account(db, owner)
    main = accounts.list_accounts(db, owner_id=owner.id)[0]
    with pytest.raises(ValidationError, match="default account"):
        accounts.delete_account(db, owner_id=owner.id, account_id=main.id)
    entry = book(db, owner, "expense", "5.00", OPENED, account=card)
    with pytest.raises(ValidationError, match="still holds entries"):
        accounts.delete_account(db, owner_id=owner.id, account_id=card.id)
    ledger.delete_entries(db, owner_id=owner.id, kind="expense", entry_ids=[entry.id])
    accounts.delete_account(db, owner_id=owner.id, account_id=card.id)
    assert [a.name for a in accounts.list_accounts(db, owner_id=owner.id)] == ["Main account"]


def test_renaming_and_changing_the_opening_balance(db, owner):
    card = open_account(db, owner)
    changed = accounts.update_account(db, owner_id=owner.id, account_id=card.id,
                                      data={**card.as_form(), "name": "Amex", "opening_balance": "-1.234,50"},
                                      decimal_mark=",")
    assert (changed.name, changed.opening_balance) == ("Amex", Decimal("-1234.50"))


def test_the_ledger_filters_by_account_with_its_count_and_total(db, owner):
    card = open_account(db, owner)
    book(db, owner, "expense", "10.00", OPENED)
    book(db, owner, "expense", "2.50", OPENED, account=card)
    book(db, owner, "expense", "4.00", dt.date(2026, 2, 1), account=card)
    with db.transaction() as session:  # loaded past the application: in the default account
        session.execute(text("INSERT INTO expenses (user_id, date, category, amount) VALUES (:o, :d, 'Rent', 1)"),
                        {"o": owner.id, "d": OPENED})
    main = accounts.list_accounts(db, owner_id=owner.id)[0]
    views = {account.name: ledger.find_entries(db, owner_id=owner.id, filters=EntryFilter(
        kind="expense", account_id=account.id, date_from=dt.date(2026, 1, 1), date_to=dt.date(2026, 2, 28)))
        for account in (main, card)}
    assert {name: (view.total_count, view.total_amount) for name, view in views.items()} == {
        "Main account": (2, Decimal("11.00")), "Visa card": (2, Decimal("6.50"))}
    assert sorted(views["Visa card"].frame["amount"]) == [Decimal("2.50"), Decimal("4.00")]
    _, data = exports.ledger_workbook(db, owner_id=owner.id, filters=EntryFilter(kind="expense", account_id=card.id))
    facts = {row[0]: row[1] for row in openpyxl.load_workbook(io.BytesIO(data))["Filters"].iter_rows(values_only=True)}
    assert facts["Account"] == "Visa card"


def test_the_demo_books_are_in_the_demo_owners_main_account(db):
    owner = demo.create_demo_owner(db, today=dt.date(2026, 3, 18))
    [main] = accounts.list_accounts(db, owner_id=owner.id)
    with db.transaction() as session:
        unassigned = session.execute(text("SELECT count(*) FROM expenses WHERE user_id = :o AND "
                                          "(account_id IS NULL OR account_id <> :a)"),
                                     {"o": owner.id, "a": main.id}).scalar_one()
    assert unassigned == 0 and main.is_default
