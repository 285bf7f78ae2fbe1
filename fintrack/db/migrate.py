"""Apply Alembic migrations programmatically, safely when several app servers start at once.

On PostgreSQL an advisory lock serialises concurrent upgrades; the second server waits, then finds the
schema at head and does nothing. `python -m fintrack.db.migrate` is what `make run` calls.
"""

from __future__ import annotations

from alembic import command
from alembic.config import Config
from sqlalchemy import Connection, text

from fintrack.config import PROJECT_ROOT, settings_or_exit
from fintrack.db.engine import make_engine

MIGRATION_LOCK_ID = 7_261_001  # any constant shared by every FinTrack server


def alembic_config(connection: Connection | None = None) -> Config:
    """Alembic's config pointing at the repository's migrations, optionally bound to `connection`."""
    config = Config(str(PROJECT_ROOT / "alembic.ini"))
    config.set_main_option("script_location", str(PROJECT_ROOT / "migrations"))
    config.attributes["configure_logger"] = False
    if connection is not None:
        config.attributes["connection"] = connection
    return config


def upgrade(url: str, revision: str = "head") -> None:
    """Bring the database at `url` to `revision` (head by default)."""
    engine = make_engine(url)
    try:
        with engine.connect() as connection:
            if connection.dialect.name == "postgresql":
                connection.execute(text("SELECT pg_advisory_lock(:id)"), {"id": MIGRATION_LOCK_ID})
                connection.commit()
            try:
                command.upgrade(alembic_config(connection), revision)
                connection.commit()
            finally:
                if connection.dialect.name == "postgresql":
                    connection.execute(text("SELECT pg_advisory_unlock(:id)"), {"id": MIGRATION_LOCK_ID})
                    connection.commit()
    finally:
        engine.dispose()


def downgrade(url: str, revision: str = "base") -> None:
    """Take the database at `url` down to `revision` (used by the migration tests)."""
    engine = make_engine(url)
    try:
        with engine.begin() as connection:
            command.downgrade(alembic_config(connection), revision)
    finally:
        engine.dispose()


if __name__ == "__main__":
    settings = settings_or_exit()
    upgrade(settings.database_url)
    print("Database is up to date.")
