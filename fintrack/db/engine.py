"""Engines and the unit of work.

`Database` is what services receive: `with db.transaction() as session:` is one unit of work that commits
on success and rolls back on any error. Repositories get the session and never commit.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from sqlalchemy import Connection, Engine, create_engine, event
from sqlalchemy.engine import make_url
from sqlalchemy.orm import Session, sessionmaker

from fintrack.config import normalize_database_url


def _casefold(value: object) -> object:
    """SQL `casefold(text)`: Unicode case folding ('CAFÉ' and 'Café' both become 'café'); NULL stays NULL."""
    return value.casefold() if isinstance(value, str) else value


def _prepare_sqlite(engine: Engine) -> None:
    """Foreign keys (for the cascades), WAL, a busy timeout, real BEGINs so savepoints work, and a
    Unicode-aware `casefold()` (SQLite's own lower() and LIKE fold ASCII letters only).

    pysqlite's own transaction handling defers BEGIN and breaks SAVEPOINT; SQLAlchemy's documented
    recipe hands transaction control back to SQLAlchemy.
    """

    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_connection, _record):  # noqa: ANN001 - DB-API objects are untyped
        dbapi_connection.isolation_level = None
        dbapi_connection.create_function("casefold", 1, _casefold, deterministic=True)
        cursor = dbapi_connection.cursor()
        cursor.execute("PRAGMA foreign_keys=ON")
        cursor.execute("PRAGMA busy_timeout=10000")
        cursor.execute("PRAGMA journal_mode=WAL")
        cursor.close()

    @event.listens_for(engine, "begin")
    def _on_begin(connection):  # noqa: ANN001
        connection.exec_driver_sql("BEGIN")


def make_engine(url: str) -> Engine:
    """Create an engine for `url` (SQLite folder created if needed).

    `hide_parameters`: a database error's message names the statement but not its values (owners' notes,
    amounts, token hashes), so the logged stack trace of an unexpected error carries none of them.
    """
    url = normalize_database_url(url)
    parsed = make_url(url)
    if parsed.get_backend_name() == "sqlite":
        if parsed.database and parsed.database != ":memory:":
            Path(parsed.database).parent.mkdir(parents=True, exist_ok=True)
        engine = create_engine(url, connect_args={"check_same_thread": False}, hide_parameters=True)
        _prepare_sqlite(engine)
        return engine
    return create_engine(url, pool_pre_ping=True, pool_size=5, max_overflow=10, hide_parameters=True)


class Database:
    """A bind (engine, or a connection in tests) and the session factory for units of work."""

    def __init__(self, bind: Engine | Connection) -> None:
        self.bind = bind
        self._sessions = sessionmaker(
            bind=bind, expire_on_commit=False, join_transaction_mode="create_savepoint"
        )

    @classmethod
    def from_url(cls, url: str) -> Database:
        return cls(make_engine(url))

    @property
    def dialect(self) -> str:
        return self.bind.dialect.name

    @contextmanager
    def transaction(self) -> Iterator[Session]:
        """One unit of work: commit when the block ends, roll back if it raises."""
        with self._sessions() as session, session.begin():
            yield session

    @contextmanager
    def single_reads(self) -> Iterator[Connection]:
        """A connection for a read outside any unit of work. On PostgreSQL it autocommits: a single read is one
        round trip, with no BEGIN or COMMIT. SQLite keeps its own transactions (an isolation level set on a
        connection there would hand BEGIN back to pysqlite for good), and a test's connection, inside its
        rolled-back transaction, is used as it is."""
        if isinstance(self.bind, Connection):
            yield self.bind
            return
        with self.bind.connect() as connection:
            if self.dialect == "postgresql":
                connection.execution_options(isolation_level="AUTOCOMMIT")
            yield connection
