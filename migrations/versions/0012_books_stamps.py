"""The `books_stamps` table: per owner, a random token replaced by every write to the owner's entries or
assets, so an app server can tell with one primary-key read whether a summary it computed is still the
books' (see `fintrack.services.summary_cache`). Every existing owner gets a stamp here.

Revision ID: 0012
Revises: 0011
"""

from __future__ import annotations

import uuid

import sqlalchemy as sa
from alembic import op

revision = "0012"
down_revision = "0011"
branch_labels = None
depends_on = None


def upgrade() -> None:
    stamps = op.create_table(
        "books_stamps",
        sa.Column("user_id", sa.Integer(), nullable=False),
        sa.Column("stamp", sa.String(length=32), nullable=False),
        sa.ForeignKeyConstraint(["user_id"], ["users.id"], name="fk_books_stamps_user_id_users", ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("user_id", name="pk_books_stamps"),
    )
    owners = op.get_bind().execute(sa.text("SELECT id FROM users")).scalars().all()
    if owners:
        op.bulk_insert(stamps, [{"user_id": owner, "stamp": uuid.uuid4().hex} for owner in owners])


def downgrade() -> None:
    op.drop_table("books_stamps")
