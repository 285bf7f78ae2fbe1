"""Statements into an account on SQLite and PostgreSQL: running balances checked, a missing or doubled line
named, the books compared, a platform's fees booked, the account remembered with the layout."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest

from fintrack.errors import ValidationError
from fintrack.importing.balances import Break
from fintrack.services import imports
from fintrack.services import money_accounts as accounts
from tests.statements import STATEMENTS, WITH_BALANCES

SCHWAB = next(expected for expected in STATEMENTS if expected.file == "schwab-checking.csv")


def open_account(db, owner, name="Bank", opening="0", day=dt.date(2000, 1, 1), type_="current"):
    return accounts.add_account(db, owner_id=owner.id, data={
        "name": name, "type": type_, "opening_balance": opening, "opening_date": day})


def preview(db, owner, data: bytes, account=None, filename="statement.csv") -> imports.Preview:
    return imports.preview(db, owner_id=owner.id, data=data, filename=filename,
                           account_id=account.id if account else None)


def schwab_lines() -> list[bytes]:
    return SCHWAB.data().splitlines(keepends=True)


@pytest.mark.parametrize("expected", WITH_BALANCES, ids=lambda e: e.file)
def test_statements_with_balances_import_and_check_clean(db, owner, expected):
    bank = open_account(db, owner, opening=str(expected.opening), day=expected.first_date - dt.timedelta(days=1))
    shown = preview(db, owner, expected.data(), bank, expected.file)
    check = shown.balance_check
    assert check.clean and (check.opening, check.closing, check.closing_date) == (
        expected.opening, expected.closing, expected.last_date)
    assert shown.books_difference == Decimal("0.00")
    imports.commit(db, owner_id=owner.id, preview=shown)
    assert accounts.balance_of(db, owner_id=owner.id, account_id=bank.id, on=expected.last_date) == expected.closing


def test_books_that_do_not_reach_the_statements_opening_balance_are_shown_the_difference(db, owner):
    bank = open_account(db, owner, opening="1000.00")
    shown = preview(db, owner, SCHWAB.data(), bank)
    assert shown.balance_check.clean and shown.books_difference == Decimal("93.74")


def test_a_deleted_line_is_named_at_the_row_where_the_balances_part(db, owner):
    lines = schwab_lines()
    del lines[2]  # 08/14, BMO HARRIS BANK, 103.00 out
    shown = preview(db, owner, b"".join(lines))
    assert shown.balance_check.first_break == Break(
        line=2, expected=Decimal("981.47"), stated=Decimal("878.47"))  # 08/17: 961.47 + 20.00


def test_a_doubled_line_and_a_doubled_statement_are_flagged(db, owner):
    lines = schwab_lines()
    doubled_line = preview(db, owner, b"".join([*lines[:4], lines[3], *lines[4:]]))
    assert doubled_line.balance_check.first_break.line == 4  # 08/09 twice: 961.47 - 75.00 is not 961.47
    doubled = preview(db, owner, b"".join([*lines, *lines[1:]]))
    assert doubled.balance_check.first_break is not None
    assert doubled.balance_check.first_break.stated == Decimal("1036.47")  # the second 08/04 row


def test_a_statement_whose_rows_were_picked_from_a_longer_one_is_flagged_at_its_second_row(db, owner):
    ingesp = next(expected for expected in STATEMENTS if expected.file == "ingesp.csv")
    shown = preview(db, owner, ingesp.data(), filename=ingesp.file)
    second = next(row for row in shown.rows if row.date == dt.date(2022, 4, 8))
    assert shown.balance_check.first_break.line == second.line  # 1719.90 + 2.69 is not 2447.31


def test_a_statement_without_balances_has_no_check(db, owner):
    shown = preview(db, owner, b"Date,Payee,Amount\n2024-01-01,Shop,-3.00\n")
    assert shown.balance_check is None and shown.books_difference is None


def test_a_platforms_fees_become_expenses_so_the_payout_nets(db, owner):
    stripe = open_account(db, owner, "Stripe", type_="platform")
    shown = preview(db, owner, next(e for e in STATEMENTS if e.file == "stripe-default.csv").data(), stripe)
    assert [(fee.kind, fee.amount, fee.category, fee.party) for fee in shown.fees][:2] == [
        ("expense", Decimal("1.03"), "Bank fees", "Stripe"), ("expense", Decimal("1.10"), "Bank fees", "Stripe")]
    imports.commit(db, owner_id=owner.id, preview=shown)
    assert accounts.balance_of(db, owner_id=owner.id, account_id=stripe.id) == Decimal("107.72")  # 112.50 - 4.78
    again = preview(db, owner, next(e for e in STATEMENTS if e.file == "stripe-default.csv").data(), stripe)
    assert again.duplicates == 10 and again.to_write() == []


def test_the_account_is_remembered_with_the_layout_and_another_owners_is_refused(db, owner, make_owner):
    bank = open_account(db, owner)
    first = preview(db, owner, SCHWAB.data())
    assert first.account.name == "Main account"
    imports.commit(db, owner_id=owner.id, preview=preview(db, owner, SCHWAB.data(), bank))
    assert preview(db, owner, SCHWAB.data()).account == bank
    assert accounts.balance_of(db, owner_id=owner.id, account_id=bank.id) == Decimal("-215.27")
    theirs = open_account(db, make_owner())
    with pytest.raises(ValidationError, match="not one of your accounts"):
        preview(db, owner, SCHWAB.data(), theirs)
