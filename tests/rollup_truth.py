"""The rollups against the raw GROUP BY over the entries: the check every rollup test ends with.

Three grains: by kind, month and category; by kind, month and party; by money account and day (the
`account_days` net of incomes less expenses, account 0 for entries without one).

The raw side uses only what the reports used before the rollups existed (`month_key`, `money_sum`), not the
rollups' own SQL (`month_start`, `cents_sum`), so a mistake there cannot hide on both sides.
"""

from __future__ import annotations

from decimal import Decimal

from sqlalchemy import func, select

from fintrack import kinds
from fintrack.db.engine import Database
from fintrack.db.models import AccountDay, CategoryMonth, PartyMonth
from fintrack.db.sql import money_sum, month_key
from fintrack.repository.entries import party_column, table_for
from fintrack.repository.rollups import from_cents

# (kind, 'YYYY-MM', category or party) -> count, sum; for "account": (account id or 0, day) -> count, net
Cells = dict[tuple, tuple[int, Decimal]]


def raw_cells(db: Database, owner_id: int) -> dict[str, Cells]:
    """The owner's entries grouped by kind, month and category, by kind, month and party ('' for none), and by
    account (0 for none) and day, incomes less expenses."""
    found: dict[str, Cells] = {"category": {}, "party": {}, "account": {}}
    with db.transaction() as session:
        for kind in kinds.ENTRY_KINDS:
            table = table_for(kind)
            month = month_key(table.date)
            for grain, key in (("category", table.category), ("party", func.coalesce(party_column(kind), ""))):
                for name, key_month, count, total in session.execute(
                        select(key, month, func.count(), money_sum(table.amount))
                        .where(table.user_id == owner_id).group_by(key, month)):
                    found[grain][(kind, key_month, name)] = (count, Decimal(total).quantize(Decimal("0.01")))
            _add_account_days(session, table, owner_id, -1 if kind == "expense" else 1, found["account"])
    return found


def _add_account_days(session, table, owner_id: int, sign: int, found: Cells) -> None:  # noqa: ANN001
    for account_id, day, count, total in session.execute(
            select(table.account_id, table.date, func.count(), money_sum(table.amount))
            .where(table.user_id == owner_id).group_by(table.account_id, table.date)):
        before_count, before_net = found.get((account_id or 0, day), (0, Decimal("0.00")))
        found[(account_id or 0, day)] = (before_count + count,
                                         before_net + sign * Decimal(total).quantize(Decimal("0.01")))


def rollup_cells(db: Database, owner_id: int) -> dict[str, Cells]:
    """The owner's non-empty rollup cells, in the shape of `raw_cells` (an emptied cell must hold zeros)."""
    found: dict[str, Cells] = {}
    with db.transaction() as session:
        for grain, rollup, key in (("category", CategoryMonth, CategoryMonth.category),
                                   ("party", PartyMonth, PartyMonth.party)):
            rows = session.execute(select(rollup.kind, rollup.month, key, rollup.entries, rollup.total_cents)
                                   .where(rollup.user_id == owner_id)).all()
            emptied = [row for row in rows if row.entries == 0]
            assert all(row.total_cents == 0 for row in emptied), f"an emptied {grain} cell keeps a sum: {emptied}"
            found[grain] = {(kind, f"{month.year:04d}-{month.month:02d}", name): (count, from_cents(cents))
                            for kind, month, name, count, cents in rows if count}
        rows = session.execute(select(AccountDay.account_id, AccountDay.day, AccountDay.entries, AccountDay.net_cents)
                               .where(AccountDay.user_id == owner_id)).all()
        emptied = [row for row in rows if row.entries == 0]
        assert all(row.net_cents == 0 for row in emptied), f"an emptied account cell keeps a sum: {emptied}"
        found["account"] = {(account_id, day): (count, from_cents(net))
                            for account_id, day, count, net in rows if count}
    return found


def assert_rollups_match(db: Database, owner_id: int) -> dict[str, Cells]:
    """Fail unless the owner's rollups equal the raw aggregates exactly; returns them for further checks."""
    raw, rolled = raw_cells(db, owner_id), rollup_cells(db, owner_id)
    assert rolled == raw
    return raw
