"""Migrations: up, down to base and up again on both databases; the models never drift from them."""

from __future__ import annotations

import shutil

import pytest
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from sqlalchemy import inspect

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
                  "created_at"],
        "expenses": ["id", "user_id", "date", "category", "vendor", "payment_method", "amount", "notes",
                     "created_at"],
        "incomes": ["id", "user_id", "date", "category", "client", "payment_method", "amount", "notes",
                    "created_at"],
        "assets": ["id", "user_id", "name", "acquisition_date", "value", "type", "notes", "created_at"],
    }


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
