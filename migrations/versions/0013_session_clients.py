"""`sessions.client`: who signed in, a browser or a script (POST /api/v1/auth/login), so the live-sessions
metric can tell them apart. Existing sessions were started by both and cannot be told apart now: they are
counted as browsers until they expire.

Revision ID: 0013
Revises: 0012
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0013"
down_revision = "0012"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("sessions") as table:
        table.add_column(sa.Column("client", sa.String(length=16), nullable=False, server_default="browser"))


def downgrade() -> None:
    with op.batch_alter_table("sessions", recreate="never") as table:
        table.drop_column("client")
