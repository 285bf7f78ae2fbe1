"""What every screen uses: the settings and the process-wide `Database` (see `fintrack.db.shared`)."""

from __future__ import annotations

from fintrack.config import Settings, load_settings
from fintrack.db.engine import Database
from fintrack.db.shared import shared_database


def settings() -> Settings:
    """Settings for this run (cheap to rebuild; the environment is the source of truth)."""
    return load_settings()


def database() -> Database:
    """The process's `Database` for the configured URL (the cookie routes use the same one)."""
    return shared_database(settings().database_url)
