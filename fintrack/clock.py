"""The current time in UTC; one function so tests and services agree on what 'now' is."""

from __future__ import annotations

import datetime as dt


def utcnow() -> dt.datetime:
    """Aware UTC now. SQLite stores it without the offset, PostgreSQL as timestamptz: both compare right."""
    return dt.datetime.now(dt.UTC)


def today() -> dt.date:
    """The server's calendar date: 'this month' and 'this fiscal year' end here. Tests replace this function
    (monkeypatch `fintrack.clock.today`) to stand on a fixed day."""
    return dt.date.today()
