"""The owner's locale (`users.locale`, e.g. 'de_DE'): how their money, numbers and dates are written.

Existing owners get a locale derived from their currency (CHF: de_CH, JPY: ja_JP, USD: en_US; EUR, shared by
many countries, en_IE, which writes amounts as they were shown so far). The column is added with a server
default so SQLite adds it in place: rebuilding `users` on SQLite would drop the table, and with foreign keys
on, that deletes every owner's books (ON DELETE CASCADE); the downgrade drops the column in place for the
same reason.

Revision ID: 0006
Revises: 0005
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

from fintrack.display import DEFAULT_LOCALE, default_locale

revision = "0006"
down_revision = "0005"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("users") as batch:
        batch.add_column(sa.Column("locale", sa.String(35), nullable=False, server_default=DEFAULT_LOCALE))
    users = sa.table("users", sa.column("currency_code", sa.String), sa.column("locale", sa.String))
    connection = op.get_bind()
    for (code,) in connection.execute(sa.select(users.c.currency_code).distinct()):
        connection.execute(users.update().where(users.c.currency_code == code)
                           .values(locale=default_locale(code.strip())))


def downgrade() -> None:
    with op.batch_alter_table("users", recreate="never") as batch:
        batch.drop_column("locale")
