"""What every screen uses: the settings and the process-wide `Database` (see `fintrack.db.shared`)."""

from __future__ import annotations

from fintrack.config import settings
from fintrack.db.engine import Database
from fintrack.db.shared import shared_database

__all__ = ["database", "settings"]


def database() -> Database:
    """The process's `Database` for the configured URL (the cookie routes use the same one)."""
    return shared_database(settings().database_url)
