"""Migrations: up, down to base and up again on both databases; the models never drift from them."""

from __future__ import annotations

import datetime as dt
import shutil

import pytest
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from sqlalchemy import inspect, text

from fintrack.db import migrate
from fintrack.db.engine import make_engine
from fintrack.db.models import Base
from tests.conftest import create_postgres_database, drop_postgres_database


@pytest.fixture(params=["sqlite", "postgresql"])
def empty_database_url(request, tmp_path):
    if request.param == "sqlite":
        yield f"sqlite:///{tmp_path / 'migrations.db'}"
        return
    url = create_postgres_database("fintrack_migrations")
    yield url
    drop_postgres_database(url)


def _tables(url: str) -> set[str]:
    engine = make_engine(url)
    try:
        return set(inspect(engine).get_table_names()) - {"alembic_version"}
    finally:
        engine.dispose()


def test_upgrade_downgrade_upgrade(empty_database_url):
    migrate.upgrade(empty_database_url)
    assert _tables(empty_database_url) == set(Base.metadata.tables)
    migrate.downgrade(empty_database_url, "base")
    assert _tables(empty_database_url) == set()
    migrate.upgrade(empty_database_url)
    assert _tables(empty_database_url) == set(Base.metadata.tables)


def test_upgrading_twice_is_harmless(empty_database_url):
    migrate.upgrade(empty_database_url)
    migrate.upgrade(empty_database_url)
    assert "users" in _tables(empty_database_url)


@pytest.mark.parametrize("kind", ["sqlite", "postgresql"])
def test_models_and_migrations_do_not_drift(kind, request):
    """The equivalent of `alembic check`: autogenerate finds nothing to change at head."""
    engine = make_engine(request.getfixturevalue(f"{kind}_url"))
    try:
        with engine.connect() as connection:
            context = MigrationContext.configure(connection, opts={"compare_type": True})
            assert compare_metadata(context, Base.metadata) == []
    finally:
        engine.dispose()


def test_original_columns_are_kept(sqlite_template, tmp_path):
    path = tmp_path / "copy.db"
    shutil.copy(sqlite_template, path)
    engine = make_engine(f"sqlite:///{path}")
    columns = {table: [c["name"] for c in inspect(engine).get_columns(table)]
               for table in ("users", "expenses", "incomes", "assets")}
    engine.dispose()
    assert columns == {
        "users": ["id", "email", "password_hash", "business_name", "fiscal_year_start", "currency_code",
                  "created_at", "locale"],  # locale: an addition (0006)
        "expenses": ["id", "user_id", "date", "category", "vendor", "payment_method", "amount", "notes",
                     "created_at", "account_id", "reconciliation_id"],  # additions (0009)
        "incomes": ["id", "user_id", "date", "category", "client", "payment_method", "amount", "notes",
                    "created_at", "account_id", "reconciliation_id"],
        "assets": ["id", "user_id", "name", "acquisition_date", "value", "type", "notes", "created_at"],
    }


def _owners_with_books(url: str) -> None:
    engine = make_engine(url)
    with engine.begin() as connection:
        for number, code in enumerate(("CHF", "JPY", "EUR"), start=1):
            connection.execute(text(
                "INSERT INTO users (id, email, password_hash, business_name, fiscal_year_start, currency_code) "
                "VALUES (:id, :email, 'x', 'Shop', '2000-01-01', :code)"), {"id": number, "email": code, "code": code})
            connection.execute(text("INSERT INTO expenses (user_id, date, category, amount) "
                                    "VALUES (:id, '2026-01-01', 'Rent', 10)"), {"id": number})
    engine.dispose()


def _read(url: str, query: str) -> list:
    engine = make_engine(url)
    try:
        with engine.connect() as connection:
            return list(connection.execute(text(query)))
    finally:
        engine.dispose()


def test_existing_owners_get_a_locale_from_their_currency_and_the_downgrade_keeps_their_books(
        empty_database_url):
    """On SQLite with foreign keys on, rebuilding `users` (batch mode's way) would cascade-delete the books."""
    migrate.upgrade(empty_database_url, "0005")
    _owners_with_books(empty_database_url)
    migrate.upgrade(empty_database_url)
    assert dict(_read(empty_database_url, "SELECT email, locale FROM users")) == {
        "CHF": "de_CH", "JPY": "ja_JP", "EUR": "en_IE"}
    migrate.downgrade(empty_database_url, "0005")
    assert _read(empty_database_url, "SELECT count(*) FROM expenses") == [(3,)]
    assert "locale" not in {c["name"] for c in inspect(make_engine(empty_database_url)).get_columns("users")}


def test_existing_books_get_one_main_account_holding_every_entry_and_the_downgrade_keeps_them(
        empty_database_url):
    migrate.upgrade(empty_database_url, "0008")
    _owners_with_books(empty_database_url)
    migrate.upgrade(empty_database_url)
    assert sorted(_read(empty_database_url, "SELECT user_id, name, type, opening_balance, opening_date "
                                            "FROM accounts")) == [
        (number, "Main account", "current", 0, "2026-01-01") if "sqlite" in empty_database_url
        else (number, "Main account", "current", 0, dt.date(2026, 1, 1)) for number in (1, 2, 3)]
    assert _read(empty_database_url, "SELECT count(*) FROM expenses e JOIN accounts a ON a.id = e.account_id "
                                     "AND a.user_id = e.user_id") == [(3,)]
    migrate.downgrade(empty_database_url, "0008")
    assert _read(empty_database_url, "SELECT count(*) FROM expenses") == [(3,)]
    assert "accounts" not in _tables(empty_database_url)


def test_existing_owners_get_books_stamps_and_sessions_count_as_browsers(empty_database_url):
    migrate.upgrade(empty_database_url, "0011")
    _owners_with_books(empty_database_url)
    engine = make_engine(empty_database_url)
    with engine.begin() as connection:  # a session from before 0013, which could not say who started it
        connection.execute(text("INSERT INTO sessions (token_hash, user_id, created_at, expires_at) "
                                "VALUES ('h', 1, '2026-12-01 10:00:00', '2026-12-20 10:00:00')"))
    engine.dispose()
    migrate.upgrade(empty_database_url)
    stamps = dict(_read(empty_database_url, "SELECT user_id, stamp FROM books_stamps"))
    assert sorted(stamps) == [1, 2, 3] and len(set(stamps.values())) == 3  # one random stamp per owner
    assert _read(empty_database_url, "SELECT client FROM sessions") == [("browser",)]
    migrate.downgrade(empty_database_url, "0011")
    assert "books_stamps" not in _tables(empty_database_url)


def test_two_servers_starting_at_once_migrate_safely():
    """Two app servers upgrading one PostgreSQL together: the advisory lock makes the second wait."""
    from concurrent.futures import ThreadPoolExecutor

    url = create_postgres_database("fintrack_race")
    try:
        with ThreadPoolExecutor(max_workers=3) as pool:
            results = list(pool.map(lambda _: migrate.upgrade(url), range(3)))
        assert results == [None, None, None]
        assert _tables(url) == set(Base.metadata.tables)
    finally:
        drop_postgres_database(url)
