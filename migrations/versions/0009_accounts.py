"""Money accounts (`accounts`: current, savings, credit card, cash, payment platform), their reconciliations
with statements (`reconciliations`), transfers between them (`transfers`), and for each expense and income its
account and the reconciliation that ticked it off (`account_id`, `reconciliation_id`: additions after the
seed's columns).

Every existing owner gets one default "Main account", opening at zero on the day of their first entry (or
their fiscal year's start when they have none), and all their entries go to it. The account column stays
nullable in the schema: the application sets it on every write, and a row loaded past the application
counts in the owner's default account. On SQLite the entry tables are rebuilt (batch mode) to add the
foreign key: nothing references them, so no cascade reaches the books.

Revision ID: 0009
Revises: 0008
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0009"
down_revision = "0008"
branch_labels = None
depends_on = None

_ENTRY_TABLES = ("expenses", "incomes")
_accounts = sa.table("accounts", sa.column("id", sa.Integer), sa.column("user_id", sa.Integer),
                     sa.column("name", sa.String), sa.column("type", sa.String),
                     sa.column("opening_balance", sa.Numeric), sa.column("opening_date", sa.Date),
                     sa.column("is_default", sa.Boolean))
_users = sa.table("users", sa.column("id", sa.Integer), sa.column("fiscal_year_start", sa.Date))


def _entries(name: str) -> sa.TableClause:
    return sa.table(name, sa.column("user_id", sa.Integer), sa.column("date", sa.Date),
                    sa.column("account_id", sa.Integer))


def _create_accounts() -> None:
    op.create_table(
        "accounts",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("user_id", sa.Integer(), nullable=False),
        sa.Column("name", sa.String(100), nullable=False),
        sa.Column("type", sa.String(20), nullable=False),
        sa.Column("opening_balance", sa.Numeric(12, 2), nullable=False),
        sa.Column("opening_date", sa.Date(), nullable=False),
        sa.Column("is_default", sa.Boolean(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), server_default=sa.func.now(), nullable=True),
        sa.ForeignKeyConstraint(["user_id"], ["users.id"], name="fk_accounts_user_id_users", ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id", name="pk_accounts"),
        sa.UniqueConstraint("user_id", "name", name="uq_accounts_user_id_name"),
    )


def _main_accounts() -> None:
    """One default "Main account" per owner, opening on the owner's first entry."""
    tables = [_entries(name) for name in _ENTRY_TABLES]
    dates = sa.union_all(*(sa.select(table.c.user_id, table.c.date) for table in tables)).subquery()
    first = sa.select(sa.func.min(dates.c.date)).where(dates.c.user_id == _users.c.id).scalar_subquery()
    rows = sa.select(_users.c.id, sa.literal("Main account"), sa.literal("current"), sa.literal(0),
                     sa.func.coalesce(first, _users.c.fiscal_year_start), sa.true())
    op.execute(_accounts.insert().from_select(
        ["user_id", "name", "type", "opening_balance", "opening_date", "is_default"], rows))


def _create_reconciliations() -> None:
    op.create_table(
        "reconciliations",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("user_id", sa.Integer(), nullable=False),
        sa.Column("account_id", sa.Integer(), nullable=False),
        sa.Column("statement_date", sa.Date(), nullable=False),
        sa.Column("statement_balance", sa.Numeric(12, 2), nullable=False),
        sa.Column("started_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("finished_at", sa.DateTime(timezone=True), nullable=True),
        sa.ForeignKeyConstraint(["user_id"], ["users.id"], name="fk_reconciliations_user_id_users",
                                ondelete="CASCADE"),
        sa.ForeignKeyConstraint(["account_id"], ["accounts.id"], name="fk_reconciliations_account_id_accounts",
                                ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id", name="pk_reconciliations"),
    )
    op.create_index("ix_reconciliations_account_id", "reconciliations", ["account_id"])


def _create_transfers() -> None:
    op.create_table(
        "transfers",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("user_id", sa.Integer(), nullable=False),
        sa.Column("from_account_id", sa.Integer(), nullable=False),
        sa.Column("to_account_id", sa.Integer(), nullable=False),
        sa.Column("date", sa.Date(), nullable=False),
        sa.Column("amount", sa.Numeric(12, 2), nullable=False),
        sa.Column("notes", sa.Text(), nullable=True),
        sa.Column("from_reconciliation_id", sa.Integer(), nullable=True),
        sa.Column("to_reconciliation_id", sa.Integer(), nullable=True),
        sa.Column("created_at", sa.DateTime(timezone=True), server_default=sa.func.now(), nullable=True),
        sa.ForeignKeyConstraint(["user_id"], ["users.id"], name="fk_transfers_user_id_users", ondelete="CASCADE"),
        sa.ForeignKeyConstraint(["from_account_id"], ["accounts.id"], name="fk_transfers_from_account_id_accounts"),
        sa.ForeignKeyConstraint(["to_account_id"], ["accounts.id"], name="fk_transfers_to_account_id_accounts"),
        sa.ForeignKeyConstraint(["from_reconciliation_id"], ["reconciliations.id"],
                                name="fk_transfers_from_reconciliation_id_reconciliations", ondelete="SET NULL"),
        sa.ForeignKeyConstraint(["to_reconciliation_id"], ["reconciliations.id"],
                                name="fk_transfers_to_reconciliation_id_reconciliations", ondelete="SET NULL"),
        sa.PrimaryKeyConstraint("id", name="pk_transfers"),
    )
    op.create_index("ix_transfers_user_id_date", "transfers", ["user_id", "date"])


def upgrade() -> None:
    _create_accounts()
    _main_accounts()
    _create_reconciliations()
    _create_transfers()
    for name in _ENTRY_TABLES:
        with op.batch_alter_table(name) as batch:
            batch.add_column(sa.Column("account_id", sa.Integer(), nullable=True))
            batch.add_column(sa.Column("reconciliation_id", sa.Integer(), nullable=True))
            batch.create_foreign_key(f"fk_{name}_account_id_accounts", "accounts", ["account_id"], ["id"])
            batch.create_foreign_key(f"fk_{name}_reconciliation_id_reconciliations", "reconciliations",
                                     ["reconciliation_id"], ["id"], ondelete="SET NULL")
            batch.create_index(f"ix_{name}_account_id_date", ["account_id", "date"])
        entries = _entries(name)
        default = sa.select(_accounts.c.id).where(_accounts.c.user_id == entries.c.user_id,
                                                  _accounts.c.is_default.is_(sa.true())).scalar_subquery()
        op.execute(entries.update().values(account_id=default))


def downgrade() -> None:
    for name in _ENTRY_TABLES:
        with op.batch_alter_table(name) as batch:
            batch.drop_index(f"ix_{name}_account_id_date")
            batch.drop_constraint(f"fk_{name}_reconciliation_id_reconciliations", type_="foreignkey")
            batch.drop_constraint(f"fk_{name}_account_id_accounts", type_="foreignkey")
            batch.drop_column("reconciliation_id")
            batch.drop_column("account_id")
    op.drop_index("ix_transfers_user_id_date", table_name="transfers")
    op.drop_table("transfers")
    op.drop_index("ix_reconciliations_account_id", table_name="reconciliations")
    op.drop_table("reconciliations")
    op.drop_table("accounts")
