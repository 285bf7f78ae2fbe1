"""The demo business: two years of books ending today, refreshed in place, never mixed with others."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from sqlalchemy import func, select

from fintrack.db.models import Asset, Expense, Income
from fintrack.demo import DEMO_EMAIL, create_demo_owner, demo_books
from fintrack.services import money_accounts

TODAY = dt.date(2026, 11, 25)


def _count(db, model, owner_id):
    with db.transaction() as session:
        return session.scalar(select(func.count(model.id)).where(model.user_id == owner_id))


def test_demo_books_cover_two_years_and_end_today():
    expenses, incomes, assets = demo_books(TODAY)
    dates = [row["date"] for row in expenses + incomes]
    assert max(dates) <= TODAY and min(dates) >= dt.date(2024, 12, 1)
    assert {row["category"] for row in expenses} >= {"Rent", "Payroll", "Software", "Travel"}
    assert {row["type"] for row in assets} >= {"Equipment", "Vehicle"}
    assert all(isinstance(row["amount"], Decimal) and row["amount"] > 0 for row in expenses + incomes)
    assert demo_books(TODAY) == (expenses, incomes, assets)


def test_sales_are_seasonal():
    _, incomes, _ = demo_books(TODAY)
    by_month: dict[int, Decimal] = {}
    for row in incomes:
        by_month[row["date"].month] = by_month.get(row["date"].month, Decimal(0)) + row["amount"]
    assert by_month[12] > by_month[1]


def test_create_demo_owner_twice_refreshes_instead_of_doubling(db, owner):
    demo = create_demo_owner(db, today=TODAY)
    assert demo.email == DEMO_EMAIL
    counts = [_count(db, model, demo.id) for model in (Expense, Income, Asset)]
    assert all(count > 0 for count in counts)
    again = create_demo_owner(db, today=TODAY)
    assert again.id == demo.id
    assert [_count(db, model, demo.id) for model in (Expense, Income, Asset)] == counts
    assert _count(db, Expense, owner.id) == 0


def test_the_demos_account_opens_on_the_day_of_its_first_entry(db):
    demo = create_demo_owner(db, today=TODAY)
    expenses, incomes, _ = demo_books(TODAY)
    [main] = money_accounts.list_accounts(db, owner_id=demo.id)
    assert main.opening_date == min(row["date"] for row in expenses + incomes) < TODAY
