"""Mark an assistant action whose record was later deleted, so a reused id is never taken for its record.

SQLite hands the largest deleted id to the next row; without this mark a hand-made entry could show in
the ledger as "added by the assistant".

Revision ID: 0005
Revises: 0004
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0005"
down_revision = "0004"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("assistant_actions") as batch:
        batch.add_column(sa.Column("record_deleted_at", sa.DateTime(timezone=True), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("assistant_actions") as batch:
        batch.drop_column("record_deleted_at")
