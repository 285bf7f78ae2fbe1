"""The one `Database` a server process keeps per URL, shared by the screens and the cookie routes."""

from __future__ import annotations

import threading
from functools import cache

from fintrack.db import migrate
from fintrack.db.engine import Database

_first_use = threading.Lock()


def shared_database(url: str) -> Database:
    """The process's `Database` for `url`, migrated to head on first use (once, even from several threads)."""
    with _first_use:
        return _migrated(url)


@cache
def _migrated(url: str) -> Database:
    migrate.upgrade(url)  # safe with several servers: PostgreSQL serialises upgrades with an advisory lock
    return Database.from_url(url)
