"""What the entries did to each money account, read from the `account_days` rollup, always scoped by owner id.

The cells (kept by every entry write, `fintrack.repository.rollups`) hold each account's incomes less expenses
per day in whole cents, so a balance reads a few hundred or thousand cells however many entries the books
hold. Cells of entries without an account (`NO_ACCOUNT`) count in the owner's default account.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from fintrack.db.models import AccountDay
from fintrack.db.sql import month_start
from fintrack.repository.rollups import NO_ACCOUNT, from_cents


def net_by_account(session: Session, *, owner_id: int, through: dt.date | None = None) -> dict[int | None, Decimal]:
    """Incomes minus expenses per account id (None: entries without one), of entries dated up to `through`
    (all of them for None), exact."""
    conditions = [AccountDay.user_id == owner_id, *([AccountDay.day <= through] if through else [])]
    rows = session.execute(select(AccountDay.account_id, func.sum(AccountDay.net_cents))
                           .where(*conditions).group_by(AccountDay.account_id))
    return {(None if account_id == NO_ACCOUNT else account_id): from_cents(net) for account_id, net in rows}


def daily_net(session: Session, *, owner_id: int, account: dict[str, Any],
              by_month: bool = False) -> list[tuple[dt.date, Decimal]]:
    """Incomes minus expenses of `account` (a dict with its "id" and "is_default") per day that has entries
    (`by_month`: per month, dated by its last such day), in date order (for a balance over time); the default
    account also holds the entries without one."""
    held = [account["id"], *([NO_ACCOUNT] if account["is_default"] else [])]
    day, group = (func.max(AccountDay.day), month_start(AccountDay.day)) if by_month else (AccountDay.day,) * 2
    rows = session.execute(select(day, func.sum(AccountDay.net_cents))
                           .where(AccountDay.user_id == owner_id, AccountDay.account_id.in_(held),
                                  AccountDay.entries > 0)
                           .group_by(group).order_by(group))
    return [(day, from_cents(net)) for day, net in rows]
