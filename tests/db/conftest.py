"""A whole database per test module, for code that builds its own engine from the environment as it does in
production: the API, the sign-in routes, /metrics and `fintrack check`. Its tests commit for real, so such a
module gets a fresh, migrated database of each kind instead of the rolled-back `db`."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from fintrack.db.engine import Database
from tests.conftest import DATABASES, own_database


@pytest.fixture(scope="module", params=DATABASES)
def module_database_url(request: pytest.FixtureRequest, sqlite_template: str,
                        tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """The URL of this module's database of each kind (named after the module; PostgreSQL's dropped after)."""
    name = f"fintrack_{request.module.__name__.rsplit('.', 1)[-1].removeprefix('test_')}"
    with own_database(request.param, sqlite_template, tmp_path_factory.mktemp(name), name) as url:
        yield url


@pytest.fixture
def app_environment(module_database_url: str, tmp_path, monkeypatch: pytest.MonkeyPatch) -> str:
    """The environment the app reads, pointed at this module's database with a private data folder, outside
    production; returns the database's URL."""
    monkeypatch.setenv("DATABASE_URL", module_database_url)
    monkeypatch.setenv("FINTRACK_DATA_DIR", str(tmp_path))
    monkeypatch.delenv("FINTRACK_ENV", raising=False)
    return module_database_url


@pytest.fixture
def app_db(app_environment: str) -> Iterator[Database]:
    """A `Database` of its own on this module's database, as the app's environment names it."""
    database = Database.from_url(app_environment)
    yield database
    database.bind.dispose()
