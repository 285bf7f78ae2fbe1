"""Process-wide resources, created once per server with `st.cache_resource` and never mutated."""

from __future__ import annotations

import streamlit as st

from fintrack.config import Settings, load_settings
from fintrack.db import migrate
from fintrack.db.engine import Database


def settings() -> Settings:
    """Settings for this run (cheap to rebuild; the environment is the source of truth)."""
    return load_settings()


@st.cache_resource(show_spinner="Preparing the database…")
def _database(url: str) -> Database:
    migrate.upgrade(url)  # safe with several servers: PostgreSQL takes an advisory lock
    return Database.from_url(url)


def database() -> Database:
    """The shared `Database` for the configured URL, migrated to head on first use."""
    return _database(settings().database_url)
