"""The original schema: users, expenses, incomes, assets.

Revision ID: 0001
Revises:
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None


def _owner() -> sa.Column:
    return sa.Column("user_id", sa.Integer(), sa.ForeignKey("users.id", ondelete="CASCADE"), nullable=False)


def _created_at() -> sa.Column:
    return sa.Column("created_at", sa.DateTime(timezone=True), server_default=sa.func.now())


def _entry_table(name: str, party: str) -> None:
    op.create_table(
        name,
        sa.Column("id", sa.Integer(), primary_key=True),
        _owner(),
        sa.Column("date", sa.Date(), nullable=False),
        sa.Column("category", sa.String(100), nullable=False),
        sa.Column(party, sa.String(255)),
        sa.Column("payment_method", sa.String(50)),
        sa.Column("amount", sa.Numeric(12, 2), nullable=False),
        sa.Column("notes", sa.Text()),
        _created_at(),
    )
    op.create_index(f"ix_{name}_user_id_date", name, ["user_id", "date"])
    op.create_index(f"ix_{name}_user_id_category", name, ["user_id", "category"])


def upgrade() -> None:
    op.create_table(
        "users",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("email", sa.String(255), nullable=False, unique=True),
        sa.Column("password_hash", sa.String(255), nullable=False),
        sa.Column("business_name", sa.String(255), nullable=False),
        sa.Column("fiscal_year_start", sa.Date(), nullable=False),
        sa.Column("currency_code", sa.CHAR(3), nullable=False),
        _created_at(),
    )
    _entry_table("expenses", "vendor")
    _entry_table("incomes", "client")
    op.create_table(
        "assets",
        sa.Column("id", sa.Integer(), primary_key=True),
        _owner(),
        sa.Column("name", sa.String(255), nullable=False),
        sa.Column("acquisition_date", sa.Date(), nullable=False),
        sa.Column("value", sa.Numeric(12, 2), nullable=False),
        sa.Column("type", sa.String(100)),
        sa.Column("notes", sa.Text()),
        _created_at(),
    )
    op.create_index("ix_assets_user_id", "assets", ["user_id"])


def downgrade() -> None:
    op.drop_table("assets")
    op.drop_table("incomes")
    op.drop_table("expenses")
    op.drop_table("users")
