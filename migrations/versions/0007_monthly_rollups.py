"""Monthly rollups of the books: `category_months` and `party_months`, filled from the existing entries.

Each cell holds how many entries of one owner, kind and month fall in one category (or with one vendor or
client, '' for none) and their exact sum in whole cents. Two narrow tables, not one by category *and*
party: at the benchmark's spread (40 categories, 300 parties) the four-way table has ~49,000 cells for
250,000 entries, while these have ~2,000 and ~14,000, and every report reads one or the other.

The fill is written out here rather than imported from `fintrack.repository.rollups`, so this revision
keeps doing what it did when the tables change later. The (user_id, date) index that the partial months
of a period read by exists since 0001.

Revision ID: 0007
Revises: 0006
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0007"
down_revision = "0006"
branch_labels = None
depends_on = None

_SQL = {  # the month's first day and the amount in whole cents, per database
    "sqlite": ("date(date, 'start of month')", "CAST(ROUND(amount * 100) AS INTEGER)"),
    "postgresql": ("CAST(date_trunc('month', date) AS DATE)", "CAST(amount * 100 AS BIGINT)"),
}
_ENTRIES = (("expenses", "expense", "vendor"), ("incomes", "income", "client"))


def _create(name: str, column: sa.Column) -> None:
    op.create_table(
        name,
        sa.Column("user_id", sa.Integer(), nullable=False),
        sa.Column("kind", sa.String(10), nullable=False),
        sa.Column("month", sa.Date(), nullable=False),
        column,
        sa.Column("entries", sa.Integer(), nullable=False),
        sa.Column("total_cents", sa.BigInteger(), nullable=False),
        sa.ForeignKeyConstraint(["user_id"], ["users.id"], name=f"fk_{name}_user_id_users", ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("user_id", "kind", "month", column.name, name=f"pk_{name}"),
    )


def _fill(name: str, grouped_by: str) -> None:
    month, cents = _SQL[op.get_bind().dialect.name]
    for table, kind, party in _ENTRIES:
        value = f"COALESCE({party}, '')" if grouped_by == "party" else "category"
        op.execute(
            f"INSERT INTO {name} (user_id, kind, month, {grouped_by}, entries, total_cents) "  # noqa: S608
            f"SELECT user_id, '{kind}', {month}, {value}, COUNT(*), SUM({cents}) FROM {table} "
            f"GROUP BY user_id, {month}, {value}"
        )


def upgrade() -> None:
    _create("category_months", sa.Column("category", sa.String(100), nullable=False))
    _create("party_months", sa.Column("party", sa.String(255), nullable=False))
    _fill("category_months", "category")
    _fill("party_months", "party")


def downgrade() -> None:
    op.drop_table("party_months")
    op.drop_table("category_months")
