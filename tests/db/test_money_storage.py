"""Amounts round-trip as Decimal on both databases, and sums of many cents do not drift."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from sqlalchemy import insert, select

from fintrack.db.models import Expense
from fintrack.db.sql import money_sum


def _insert(db, owner_id, amounts):
    with db.transaction() as session:
        session.execute(insert(Expense), [
            {"user_id": owner_id, "date": dt.date(2026, 1, 1), "category": "Office", "amount": amount}
            for amount in amounts])


def test_amounts_come_back_as_the_same_decimal(db, owner):
    amounts = [Decimal("0.10"), Decimal("0.20"), Decimal("9999999999.99"), Decimal("1234.56"), Decimal("0.01")]
    _insert(db, owner.id, amounts)
    with db.transaction() as session:
        stored = session.scalars(select(Expense.amount).where(Expense.user_id == owner.id)
                                 .order_by(Expense.id)).all()
    assert stored == amounts
    assert all(isinstance(value, Decimal) for value in stored)


def test_sum_of_many_cents_is_exact(db, owner):
    amounts = [Decimal("0.10"), Decimal("0.20"), Decimal("19.99")] * 3000
    _insert(db, owner.id, amounts)
    with db.transaction() as session:
        total = session.scalar(select(money_sum(Expense.amount)).where(Expense.user_id == owner.id))
    assert total == sum(amounts) == Decimal("60870.00")
    assert isinstance(total, Decimal)


def test_sum_of_nothing_is_zero(db, owner):
    with db.transaction() as session:
        assert session.scalar(select(money_sum(Expense.amount)).where(Expense.user_id == owner.id)) == 0
