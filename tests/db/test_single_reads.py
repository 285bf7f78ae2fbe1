"""`Database.single_reads` on both databases, on an engine as the app has it: PostgreSQL autocommits the read;
SQLite's connections keep the recipe's own BEGIN afterwards (pysqlite's isolation level stays None)."""

from __future__ import annotations

from sqlalchemy import text


def test_a_single_read_autocommits_on_postgresql_and_leaves_sqlites_transactions_as_they_were(app_db):
    with app_db.single_reads() as connection:
        assert connection.scalar(text("SELECT 1")) == 1
        autocommits = connection.connection.dbapi_connection.autocommit if app_db.dialect == "postgresql" else None
    if app_db.dialect == "postgresql":
        assert autocommits is True
    for _ in range(2):  # the pooled connection, then maybe another: none hands BEGIN back to pysqlite
        with app_db.transaction() as session:
            session.execute(text("SAVEPOINT inner_step"))
            session.execute(text("RELEASE SAVEPOINT inner_step"))
            if app_db.dialect == "sqlite":
                assert session.connection().connection.dbapi_connection.isolation_level is None
