"""Transfers on SQLite and PostgreSQL: both balances move, no profit figure counts them, two imported sides
are proposed and turned into one transfer only on confirmation, and reconciliation ticks each side off."""

from __future__ import annotations

import datetime as dt
import io
from decimal import Decimal

import openpyxl
import pytest

from fintrack.errors import ReconciledError, ValidationError
from fintrack.filters import EntryFilter
from fintrack.periods import custom
from fintrack.services import exports, imports, ledger, reconcile, reports, transfers
from fintrack.services import money_accounts as accounts
from tests.statements import STATEMENTS

SCHWAB = next(expected for expected in STATEMENTS if expected.file == "schwab-checking.csv")
AUGUST = custom(dt.date(2022, 8, 1), dt.date(2022, 8, 31))
TODAY = dt.date(2026, 1, 1)


def open_account(db, owner, name, type_="current", opening="0"):
    return accounts.add_account(db, owner_id=owner.id, data={
        "name": name, "type": type_, "opening_balance": opening, "opening_date": dt.date(2022, 8, 1)})


def balances(db, owner) -> dict[str, Decimal]:
    return {b.account.name: b.balance for b in accounts.balances(db, owner_id=owner.id)}


def profit(db, owner) -> tuple[Decimal, Decimal]:
    totals = reports.summary(db, owner_id=owner.id, period=AUGUST, today=TODAY).current
    return totals.income, totals.expenses


@pytest.fixture
def bank(db, owner):
    account = open_account(db, owner, "Bank", opening="1093.74")
    imports.commit(db, owner_id=owner.id, preview=imports.preview(
        db, owner_id=owner.id, data=SCHWAB.data(), filename=SCHWAB.file, account_id=account.id))
    return account


def test_a_transfer_moves_both_balances_and_no_profit_figure(db, owner, bank):
    card = open_account(db, owner, "Card", "credit_card", "-300")
    before = profit(db, owner)
    transfers.add_transfer(db, owner_id=owner.id, data={
        "from_account_id": bank.id, "to_account_id": card.id, "date": dt.date(2022, 8, 20), "amount": "300"})
    assert balances(db, owner) == {"Main account": Decimal("0.00"), "Bank": Decimal("578.47"),
                                   "Card": Decimal("0.00")}
    assert profit(db, owner) == before == (Decimal("20.00"), Decimal("235.27"))
    assert accounts.balance_of(db, owner_id=owner.id, account_id=bank.id, on=dt.date(2022, 8, 19)) == Decimal("878.47")
    assert accounts.balance_over_time(db, owner_id=owner.id, account_id=card.id)[-1] == (
        dt.date(2022, 8, 20), Decimal("0.00"))


def test_a_transfer_needs_two_of_the_owners_accounts(db, owner, bank, make_owner):
    data = {"from_account_id": bank.id, "to_account_id": bank.id, "date": dt.date(2022, 8, 20), "amount": "1"}
    with pytest.raises(ValidationError, match="To account: must be another account"):
        transfers.add_transfer(db, owner_id=owner.id, data=data)
    theirs = open_account(db, make_owner(), "Theirs")
    with pytest.raises(ValidationError, match="not one of your accounts"):
        transfers.add_transfer(db, owner_id=owner.id, data=data | {"to_account_id": theirs.id})
    with pytest.raises(ValidationError, match="Amount"):
        transfers.add_transfer(db, owner_id=owner.id, data=data | {"amount": "-5"})


def test_two_imported_sides_are_proposed_and_become_one_transfer_on_confirmation(db, owner, bank):
    paypal = open_account(db, owner, "PayPal", "platform")
    ledger.add_entry(db, owner_id=owner.id, data={"kind": "income", "date": dt.date(2022, 8, 6), "category": "Sales",
                                                  "party": "Bank transfer", "amount": "57.27", "account_id": paypal.id})
    ledger.add_entry(db, owner_id=owner.id, data={"kind": "income", "date": dt.date(2022, 8, 30), "category": "Sales",
                                                  "party": "Too late", "amount": "75.00", "account_id": paypal.id})
    [pair] = transfers.candidates(db, owner_id=owner.id, date_from=dt.date(2022, 8, 1), date_to=dt.date(2022, 8, 31))
    assert (pair.amount, pair.from_account_id, pair.to_account_id, pair.out_date, pair.in_date) == (
        Decimal("57.27"), bank.id, paypal.id, dt.date(2022, 8, 4), dt.date(2022, 8, 6))
    before, income_before = balances(db, owner), profit(db, owner)
    assert balances(db, owner) == before  # proposing changes nothing
    transfer = transfers.confirm_pair(db, owner_id=owner.id, expense_id=pair.expense_id, income_id=pair.income_id)
    assert (transfer.notes, transfer.date) == ("PAYPAL INST XFER 220803~ Tran: ACHDW / Bank transfer",
                                              dt.date(2022, 8, 4))
    assert balances(db, owner) == before
    assert profit(db, owner) == (income_before[0] - Decimal("57.27"), income_before[1] - Decimal("57.27"))
    assert transfers.candidates(db, owner_id=owner.id, date_from=dt.date(2022, 8, 1),
                                date_to=dt.date(2022, 8, 31)) == []


def test_entries_of_one_account_or_of_other_amounts_are_no_pair(db, owner, bank):
    income = ledger.add_entry(db, owner_id=owner.id, data={
        "kind": "income", "date": dt.date(2022, 8, 5), "category": "Sales", "amount": "57.27", "account_id": bank.id})
    assert transfers.candidates(db, owner_id=owner.id, date_from=dt.date(2022, 8, 1),
                                date_to=dt.date(2022, 8, 31)) == []
    paypal_fee = ledger.find_entries(db, owner_id=owner.id, filters=EntryFilter(kind="expense", sort="date_asc"))
    expense_id = int(paypal_fee.frame["id"][0])  # 57.27 out of the bank on 08/04: the same account
    with pytest.raises(ValidationError, match="same amount leaving one account"):
        transfers.confirm_pair(db, owner_id=owner.id, expense_id=expense_id, income_id=income.id)
    assert balances(db, owner)["Bank"] == Decimal("935.74")  # nothing was changed


def test_each_side_of_a_transfer_is_ticked_off_by_its_accounts_reconciliation(db, owner, bank):
    savings = open_account(db, owner, "Savings", "savings")
    transfer = transfers.add_transfer(db, owner_id=owner.id, data={
        "from_account_id": bank.id, "to_account_id": savings.id, "date": dt.date(2022, 8, 20), "amount": "500"})
    status = reconcile.start(db, owner_id=owner.id, account_id=bank.id,
                             data={"statement_date": dt.date(2022, 8, 31), "statement_balance": "378.47"})
    for kind in ("expense", "income", "transfer_out"):
        status = reconcile.tick(db, owner_id=owner.id, account_id=bank.id, kind=kind,
                                entry_ids=[e.id for e in status.entries if e.kind == kind])
    assert status.difference == 0 and [e.signed for e in status.entries if e.kind == "transfer_out"] == [
        Decimal("-500.00")]
    reconcile.finish(db, owner_id=owner.id, account_id=bank.id)
    savings_status = reconcile.start(db, owner_id=owner.id, account_id=savings.id,
                                     data={"statement_date": dt.date(2022, 8, 31), "statement_balance": "500"})
    assert [(e.kind, e.ticked) for e in savings_status.entries] == [("transfer_in", False)]
    with pytest.raises(ReconciledError):
        transfers.delete_transfer(db, owner_id=owner.id, transfer_id=transfer.id)
    transfers.delete_transfer(db, owner_id=owner.id, transfer_id=transfer.id, reopen_reconciled=True)
    assert not reconcile.status(db, owner_id=owner.id, account_id=bank.id).finished
    assert transfers.list_transfers(db, owner_id=owner.id) == []


def test_the_workbook_has_an_accounts_sheet_with_balances_at_the_start_and_end_of_the_period(db, owner, bank):
    card = open_account(db, owner, "Card", "credit_card", "-300")
    transfers.add_transfer(db, owner_id=owner.id, data={
        "from_account_id": bank.id, "to_account_id": card.id, "date": dt.date(2022, 8, 20), "amount": "300"})
    _, data = exports.dashboard_workbook(db, owner_id=owner.id, period=custom(dt.date(2022, 8, 10),
                                                                              dt.date(2022, 8, 31)), today=TODAY)
    sheet = openpyxl.load_workbook(io.BytesIO(data))["Accounts"]
    rows = [[cell.value for cell in row] for row in sheet.iter_rows(min_row=1, max_row=4)]
    assert rows[0] == ["Account", "Type", "Opening balance", "Opened", "Balance at start", "Balance at end"]
    assert [row[0] for row in rows[1:]] == ["Main account", "Bank", "Card"]
    assert [(row[4], row[5]) for row in rows[1:]] == [(0, 0), (961.47, 578.47), (-300, 0)]  # start: after 08/09
    assert isinstance(sheet.cell(row=2, column=4).value, dt.datetime)  # a real date
