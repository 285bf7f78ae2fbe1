"""The `account_days` rollup (per owner, money account and day: how many entries and their incomes less
expenses in whole cents; account 0 for entries without one), filled from the existing entries, and a
(user_id, amount, id) index on expenses and incomes for the ledger's amount sort.

The balances and the balance over time read the cells instead of grouping every entry of an account (the
dashboard's cash section at 250,000 entries). A day, not a month: five years are ~1,800 cells an account.
The fill is written out here rather than imported from `fintrack.repository.rollups`, so this revision keeps
doing what it did when the table changes later.

Revision ID: 0011
Revises: 0010
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0011"
down_revision = "0010"
branch_labels = None
depends_on = None

_CENTS = {  # the amount in whole cents, per database
    "sqlite": "CAST(ROUND(amount * 100) AS INTEGER)",
    "postgresql": "CAST(amount * 100 AS BIGINT)",
}
_SIGNED = (("expenses", -1), ("incomes", 1))


def _fill() -> None:
    cents = _CENTS[op.get_bind().dialect.name]
    parts = " UNION ALL ".join(
        f"SELECT user_id, COALESCE(account_id, 0) AS account_id, date AS day, COUNT(*) AS entries, "  # noqa: S608
        f"{sign} * SUM({cents}) AS net FROM {table} GROUP BY user_id, COALESCE(account_id, 0), date"
        for table, sign in _SIGNED)
    op.execute(
        "INSERT INTO account_days (user_id, account_id, day, entries, net_cents) "  # noqa: S608
        f"SELECT user_id, account_id, day, SUM(entries), CAST(SUM(net) AS BIGINT) FROM ({parts}) AS both_kinds "
        "GROUP BY user_id, account_id, day"
    )


def upgrade() -> None:
    op.create_table(
        "account_days",
        sa.Column("user_id", sa.Integer(), nullable=False),
        sa.Column("account_id", sa.Integer(), nullable=False),
        sa.Column("day", sa.Date(), nullable=False),
        sa.Column("entries", sa.Integer(), nullable=False),
        sa.Column("net_cents", sa.BigInteger(), nullable=False),
        sa.ForeignKeyConstraint(["user_id"], ["users.id"], name="fk_account_days_user_id_users", ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("user_id", "account_id", "day", name="pk_account_days"),
    )
    _fill()
    for table, _ in _SIGNED:
        op.create_index(f"ix_{table}_user_id_amount_id", table, ["user_id", "amount", "id"])


def downgrade() -> None:
    for table, _ in _SIGNED:
        op.drop_index(f"ix_{table}_user_id_amount_id", table_name=table)
    op.drop_table("account_days")
