"""Shared fixtures: real databases (SQLite and PostgreSQL), owners, and an app database for screens.

Every database test is parametrized over `sqlite` and `postgresql`. The PostgreSQL database is created
for the run from FINTRACK_TEST_DATABASE_URL (default: the local server) by `alembic upgrade head`, and
dropped after. Each test runs inside a transaction that is rolled back, so tests never see each other.
In CI (CI=true) an unreachable PostgreSQL fails the run instead of skipping.
"""

from __future__ import annotations

import datetime as dt
import io
import itertools
import logging
import os
import shutil
import uuid
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest
from sqlalchemy import create_engine, text
from sqlalchemy.engine import make_url

from fintrack import passwords
from fintrack.config import Settings, normalize_database_url
from fintrack.db import migrate
from fintrack.db.engine import Database, make_engine
from fintrack.logs import configure_logging
from fintrack.services import accounts
from fintrack.services.accounts import Owner

DEFAULT_POSTGRES_URL = "postgresql://postgres@127.0.0.1:5432/postgres"
DATABASES = ("sqlite", "postgresql")


@pytest.fixture(autouse=True, scope="session")
def _fast_password_hashing() -> Iterator[None]:
    """bcrypt at cost 4 in tests: the algorithm is the same, the suite stays fast."""
    saved = passwords.ROUNDS
    passwords.ROUNDS = 4
    yield
    passwords.ROUNDS = saved


@pytest.fixture(autouse=True)
def _settings_read_afresh() -> Iterator[None]:
    """The app keeps its settings for the process; each test builds them from its own environment."""
    Settings.settings_clear_cache()
    yield
    Settings.settings_clear_cache()


@pytest.fixture
def log_lines() -> Iterator[io.StringIO]:
    """Everything logged during the test, as the server writes it (JSON lines), at the most talkative level."""
    buffer = io.StringIO()
    handler = configure_logging("debug", buffer)
    yield buffer
    logging.getLogger().removeHandler(handler)


def _server_url() -> str:
    return normalize_database_url(os.environ.get("FINTRACK_TEST_DATABASE_URL", DEFAULT_POSTGRES_URL))


def create_postgres_database(prefix: str = "fintrack_test") -> str:
    """Create an empty database on the test server and return its URL (skips or fails if unreachable)."""
    server = make_url(_server_url())
    name = f"{prefix}_{uuid.uuid4().hex[:10]}"
    admin = create_engine(server.set(database="postgres"), isolation_level="AUTOCOMMIT")
    try:
        with admin.connect() as connection:
            connection.execute(text(f'CREATE DATABASE "{name}"'))
    except Exception as exc:  # noqa: BLE001 - any connection failure means "no server"
        if os.environ.get("CI") == "true":
            raise RuntimeError(f"PostgreSQL is required in CI but unreachable: {exc}") from exc
        pytest.skip(f"PostgreSQL not reachable at {server.render_as_string()}: {exc}")
    finally:
        admin.dispose()
    return server.set(database=name).render_as_string(hide_password=False)


def drop_postgres_database(url: str) -> None:
    server = make_url(url)
    admin = create_engine(server.set(database="postgres"), isolation_level="AUTOCOMMIT")
    with admin.connect() as connection:
        connection.execute(text(f'DROP DATABASE IF EXISTS "{server.database}" WITH (FORCE)'))
    admin.dispose()


@contextmanager
def own_database(kind: str, sqlite_template: str, folder: Path, prefix: str) -> Iterator[str]:
    """The URL of a migrated database of `kind` for one test module, for code that must really commit
    (its own engine, threads); a PostgreSQL one is dropped afterwards."""
    if kind == "sqlite":
        path = folder / f"{prefix}.db"
        shutil.copy(sqlite_template, path)
        yield f"sqlite:///{path}"
        return
    url = create_postgres_database(prefix)
    migrate.upgrade(url)
    yield url
    drop_postgres_database(url)


@pytest.fixture(scope="module", params=DATABASES)
def committing_db(request: pytest.FixtureRequest, sqlite_template: str,
                  tmp_path_factory: pytest.TempPathFactory) -> Iterator[Database]:
    """A `Database` on its own engine whose units of work really commit, for tests with threads."""
    folder = tmp_path_factory.mktemp("committing")
    with own_database(request.param, sqlite_template, folder, "fintrack_committing") as url:
        database = Database.from_url(url)
        yield database
        database.bind.dispose()


@pytest.fixture(scope="session")
def sqlite_template(tmp_path_factory: pytest.TempPathFactory) -> str:
    """A migrated SQLite file; copy it for a fresh database in milliseconds."""
    path = tmp_path_factory.mktemp("sqlite") / "template.db"
    migrate.upgrade(f"sqlite:///{path}")
    return str(path)


@pytest.fixture(scope="session")
def sqlite_url(sqlite_template: str, tmp_path_factory: pytest.TempPathFactory) -> str:
    path = tmp_path_factory.mktemp("sqlite-shared") / "fintrack.db"
    shutil.copy(sqlite_template, path)
    return f"sqlite:///{path}"


@pytest.fixture(scope="session")
def postgresql_url() -> Iterator[str]:
    url = create_postgres_database()
    migrate.upgrade(url)
    yield url
    drop_postgres_database(url)


@pytest.fixture(scope="session")
def engines(request: pytest.FixtureRequest) -> Iterator[dict]:
    """One engine per database kind, created on first use."""
    created: dict = {}

    def get(kind: str):  # noqa: ANN202
        if kind not in created:
            created[kind] = make_engine(request.getfixturevalue(f"{kind}_url"))
        return created[kind]

    yield get
    for engine in created.values():
        engine.dispose()


@pytest.fixture(params=DATABASES)
def db(request: pytest.FixtureRequest, engines) -> Iterator[Database]:  # noqa: ANN001
    """A `Database` on a real SQLite or PostgreSQL whose every change is rolled back after the test.

    Services commit their units of work; here those commits release savepoints inside one outer
    transaction, so what they write is real, visible to later calls in the test, and gone afterwards.
    """
    engine = engines(request.param)
    with engine.connect() as connection:
        outer = connection.begin()
        yield Database(connection)
        outer.rollback()


_emails = itertools.count(1)


@pytest.fixture
def make_owner(db: Database) -> Callable[..., Owner]:
    """Create owners with sensible defaults; keyword arguments override the sign-up form."""

    def make(**overrides: object) -> Owner:
        form = {
            "email": f"owner{next(_emails)}@example.com",
            "password": "correct horse battery",
            "business_name": "Acme Studio",
            "fiscal_year_start": dt.date(2000, 1, 1),
            "currency_code": "EUR",
            **overrides,
        }
        return accounts.sign_up(db, form)

    return make


@pytest.fixture
def owner(make_owner: Callable[..., Owner]) -> Owner:
    return make_owner()


@pytest.fixture
def app_database_url(sqlite_template: str, tmp_path, monkeypatch: pytest.MonkeyPatch) -> str:  # noqa: ANN001
    """A fresh, migrated SQLite database that the app under AppTest reads through DATABASE_URL."""
    path = tmp_path / "app.db"
    shutil.copy(sqlite_template, path)
    url = f"sqlite:///{path}"
    monkeypatch.setenv("DATABASE_URL", url)
    monkeypatch.setenv("FINTRACK_DATA_DIR", str(tmp_path))
    monkeypatch.delenv("OPENAI_API_KEY", raising=False)
    return url
