"""On PostgreSQL the (user_id, date) index of expenses and incomes also carries the amount, the category and
the vendor (client): the reports read the days of a month a period starts or ends inside from the entries,
and with the index covering those columns that read is an index-only scan instead of a heap fetch for each
row, scattered over the whole table when the entries were written out of date order (an import, a backfill).

SQLite has no INCLUDE and its summary already reads those days fast enough: nothing changes there. The index
is rebuilt under its own name in the migration's transaction, so no reader sees the table without it.

Revision ID: 0010
Revises: 0009
"""

from __future__ import annotations

from alembic import op

revision = "0010"
down_revision = "0009"
branch_labels = None
depends_on = None

_PARTIES = {"expenses": "vendor", "incomes": "client"}


def _rebuild(include: bool) -> None:
    if op.get_bind().dialect.name != "postgresql":
        return
    for table, party in _PARTIES.items():
        name = f"ix_{table}_user_id_date"
        op.drop_index(name, table_name=table)
        op.create_index(name, table, ["user_id", "date"],
                        postgresql_include=["amount", "category", party] if include else [])


def upgrade() -> None:
    _rebuild(include=True)


def downgrade() -> None:
    _rebuild(include=False)
