"""Balances read from the `account_days` rollup are exact: on both databases, every account's balance at
several dates, and every point of its balance over time, equal its opening balance plus the raw sums of its
entries (those without an account in the default one) and transfers, summed here row by row in Python."""

from __future__ import annotations

import datetime as dt
import random
from decimal import Decimal

from sqlalchemy import or_, select, text

from fintrack.db.models import Expense, Income
from fintrack.repository import rollups
from fintrack.services import ledger, money_accounts, transfers

D = dt.date
FIRST, DAYS = D(2025, 11, 20), 150
DATES = (D(2025, 11, 19), D(2025, 12, 1), D(2025, 12, 31), D(2026, 1, 15), D(2026, 2, 28), D(2026, 4, 18), None)


def _books(db, owner) -> list[money_accounts.MoneyAccount]:  # noqa: ANN001
    """Two accounts with opening balances; 120 entries spread over them and the default account, some moved,
    some deleted; a row loaded past the application without an account; two transfers."""
    [main] = money_accounts.list_accounts(db, owner_id=owner.id)
    money_accounts.update_account(db, owner_id=owner.id, account_id=main.id, data=main.as_form() | {
        "opening_balance": "250.10", "opening_date": FIRST})
    card = money_accounts.add_account(db, owner_id=owner.id, data={
        "name": "Card", "type": "credit_card", "opening_balance": "-100.55", "opening_date": FIRST})
    chance, added = random.Random(11), []
    for _ in range(120):
        added.append(ledger.add_entry(db, owner_id=owner.id, data={
            "kind": chance.choice(("expense", "income")), "date": FIRST + dt.timedelta(days=chance.randrange(DAYS)),
            "category": "Sales", "amount": Decimal(chance.randrange(1, 500_000)).scaleb(-2),
            "account_id": chance.choice((None, main.id, card.id))}))
    for entry in added[:10]:
        ledger.update_entry(db, owner_id=owner.id, kind=entry.kind, entry_id=entry.id,
                            data=entry.as_form() | {"account_id": card.id, "date": entry.date + dt.timedelta(days=3)})
    ledger.delete_entries(db, owner_id=owner.id, kind="expense",
                          entry_ids=[entry.id for entry in added[10:30] if entry.kind == "expense"])
    with db.transaction() as session:
        session.execute(text("INSERT INTO incomes (user_id, date, category, amount) VALUES (:o, '2026-01-10', "
                             "'Sales', 33.33)"), {"o": owner.id})
        rollups.rebuild(session, owner_id=owner.id)
    for day, amount in ((D(2025, 12, 31), "400.00"), (D(2026, 2, 1), "0.07")):
        transfers.add_transfer(db, owner_id=owner.id, data={
            "from_account_id": main.id, "to_account_id": card.id, "date": day, "amount": amount})
    return money_accounts.list_accounts(db, owner_id=owner.id)


def _raw_balance(db, owner, account: money_accounts.MoneyAccount, on: dt.date | None) -> Decimal:  # noqa: ANN001
    balance = account.opening_balance
    with db.transaction() as session:
        for table, sign in ((Income, 1), (Expense, -1)):
            held = or_(table.account_id == account.id, table.account_id.is_(None)) if account.is_default \
                else table.account_id == account.id
            for amount in session.scalars(select(table.amount).where(
                    table.user_id == owner.id, held, *([table.date <= on] if on else []))):
                balance += sign * amount
    for moved in transfers.list_transfers(db, owner_id=owner.id):
        if on is None or moved.date <= on:
            balance += moved.amount * ((moved.to_account_id == account.id) - (moved.from_account_id == account.id))
    return balance


def test_balances_from_the_rollup_equal_the_opening_balance_plus_the_raw_sums(db, owner):
    accounts = _books(db, owner)
    for on in DATES:
        found = {b.account.id: b.balance for b in money_accounts.balances(db, owner_id=owner.id, on=on)}
        assert found == {account.id: _raw_balance(db, owner, account, on) for account in accounts}, on
    assert _raw_balance(db, owner, accounts[0], DATES[3]) != accounts[0].opening_balance  # the books move it


def test_every_point_of_the_balance_over_time_equals_the_raw_sums(db, owner):
    for account in _books(db, owner):
        series = money_accounts.balance_over_time(db, owner_id=owner.id, account_id=account.id)
        assert series[0] == (account.opening_date, account.opening_balance)
        assert len(series) > 30  # a point for each day that moved the account
        for day, balance in series[1:]:
            assert balance == _raw_balance(db, owner, account, day), (account.name, day)
        assert series[-1][1] == money_accounts.balance_of(db, owner_id=owner.id, account_id=account.id)


def test_the_balance_by_month_is_exact_at_the_last_day_that_moved_each_month(db, owner):
    for account in _books(db, owner):
        days = money_accounts.balance_over_time(db, owner_id=owner.id, account_id=account.id)
        series = money_accounts.balance_over_time(db, owner_id=owner.id, account_id=account.id, by_month=True)
        last_days = {day.replace(day=1): day for day, _ in days[1:]}
        assert [day for day, _ in series[1:]] == sorted(last_days.values())  # one point a month: its last day
        for day, balance in series[1:]:
            assert balance == _raw_balance(db, owner, account, day), (account.name, day)
        assert series[-1] == days[-1]


def test_entries_dated_before_the_opening_date_are_drawn_on_their_own_days(db, owner):
    """An account opened at sign-up, then last year's books typed in: the line runs through the entries' days
    (it was drawn as one vertical line at the opening date), each point the balance of that day."""
    [main] = money_accounts.list_accounts(db, owner_id=owner.id)
    money_accounts.update_account(db, owner_id=owner.id, account_id=main.id, data=main.as_form() | {
        "opening_balance": "100.00", "opening_date": D(2026, 6, 1)})
    for day, amount in ((D(2025, 3, 10), "40.00"), (D(2025, 3, 20), "2.50"), (D(2025, 9, 5), "7.25")):
        ledger.add_entry(db, owner_id=owner.id, data={"kind": "expense", "date": day, "category": "Office",
                                                      "amount": amount})
    [main] = money_accounts.list_accounts(db, owner_id=owner.id)
    daily = money_accounts.balance_over_time(db, owner_id=owner.id, account_id=main.id)
    assert daily == [(D(2025, 3, 10), Decimal("100.00")), (D(2025, 3, 10), Decimal("60.00")),
                     (D(2025, 3, 20), Decimal("57.50")), (D(2025, 9, 5), Decimal("50.25"))]
    for day, balance in daily[1:]:
        assert balance == _raw_balance(db, owner, main, day)
    monthly = money_accounts.balance_over_time(db, owner_id=owner.id, account_id=main.id, by_month=True)
    assert monthly == [(D(2025, 3, 1), Decimal("100.00")), (D(2025, 3, 20), Decimal("57.50")),
                       (D(2025, 9, 5), Decimal("50.25"))]
