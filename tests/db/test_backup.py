"""Backups and restores on real SQLite files and real PostgreSQL databases (pg_dump / pg_restore binaries).

Each test makes its own databases (a backup needs committed rows), fills every owner table through the
services, and compares every row of every table before the backup and after the restore.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator

import pytest
from sqlalchemy import select, text

from fintrack.db import backup
from fintrack.db.backup import BackupError
from fintrack.db.engine import Database
from fintrack.db.models import Base
from fintrack.services import accounts, ledger, sessions
from fintrack.services.accounts import LoginPolicy
from tests.conftest import DATABASES, create_postgres_database, drop_postgres_database, own_database
from tests.owner_records import SECRET_KEY, fill_every_table

PASSWORD = "correct horse battery"
NOW = dt.datetime(2026, 12, 5, 12, 0, 0, tzinfo=dt.UTC)


@pytest.fixture(params=DATABASES)
def kind(request) -> str:
    return request.param


@pytest.fixture
def source_url(kind, sqlite_template, tmp_path) -> Iterator[str]:
    with own_database(kind, sqlite_template, tmp_path, "fintrack_backup_source") as url:
        yield url


@pytest.fixture
def empty_url(kind, tmp_path) -> Iterator[str]:
    """A database that does not exist yet (SQLite) or holds no tables at all (PostgreSQL)."""
    if kind == "sqlite":
        yield f"sqlite:///{tmp_path / 'restored' / 'fintrack.db'}"
        return
    url = create_postgres_database("fintrack_restore")
    yield url
    drop_postgres_database(url)


def using(url: str, work):  # noqa: ANN001, ANN201
    database = Database.from_url(url)
    try:
        return work(database)
    finally:
        database.bind.dispose()


def snapshot(url: str) -> dict[str, list]:
    """Every row of every table (and the schema version), in primary-key order."""
    def read(database: Database) -> dict[str, list]:
        with database.bind.connect() as connection:
            rows = {table.name: list(connection.execute(select(table).order_by(*table.primary_key.columns)))
                    for table in Base.metadata.sorted_tables}
            rows["alembic_version"] = list(connection.execute(text("SELECT version_num FROM alembic_version")))
        return rows
    return using(url, read)


def two_owners_with_everything(url: str) -> tuple[accounts.Owner, str]:
    def fill(database: Database) -> tuple[accounts.Owner, str]:
        owners = [accounts.sign_up(database, {
            "email": f"owner{n}@example.com", "password": PASSWORD, "business_name": f"Business {n}",
            "fiscal_year_start": dt.date(2000, 4, 6), "currency_code": "GBP"}) for n in (1, 2)]
        tokens = [fill_every_table(database, owner, tag=str(n)) for n, owner in enumerate(owners)]
        return owners[0], tokens[0]
    return using(url, fill)


def add_expense(url: str, owner: accounts.Owner) -> None:
    using(url, lambda database: ledger.add_entry(database, owner_id=owner.id, data={
        "kind": "expense", "date": dt.date(2026, 4, 1), "category": "Late", "party": "After the backup",
        "amount": "5.00"}))


def test_a_backup_restores_every_row_of_every_table_into_an_empty_database(source_url, empty_url, tmp_path):
    owner, token = two_owners_with_everything(source_url)
    before = snapshot(source_url)
    assert all(before.values()), "every table should hold rows before the backup"

    made = backup.create_backup(source_url, tmp_path / "backups", keep=14, now=NOW)
    assert made.path.name == "fintrack-2026-12-05T120000Z" + backup.SUFFIXES[backup._kind(source_url)]
    assert made.size > 0 and made.removed == ()
    assert made.path.stat().st_mode & 0o777 == 0o600  # it holds every owner's books and password hashes
    assert not backup.holds_data(empty_url)
    backup.restore_backup(empty_url, made.path)

    assert snapshot(empty_url) == before

    def still_works(database: Database) -> None:
        assert sessions.owner_for_token(database, token=token, secret_key=SECRET_KEY) == owner
        assert accounts.authenticate(database, email=owner.email, password=PASSWORD, client="test",
                                     policy=LoginPolicy()) == owner
        added = ledger.add_entry(database, owner_id=owner.id, data={  # ids continue after the restored ones
            "kind": "expense", "date": dt.date(2026, 4, 1), "category": "New", "amount": "1.00"})
        assert added.id > max(row.id for row in before["expenses"])
    using(empty_url, still_works)


def test_restore_refuses_a_database_that_holds_data_unless_forced(source_url, tmp_path):
    owner, _ = two_owners_with_everything(source_url)
    at_backup = snapshot(source_url)
    made = backup.create_backup(source_url, tmp_path, keep=14, now=NOW)
    add_expense(source_url, owner)
    after_backup = snapshot(source_url)

    with pytest.raises(BackupError, match="already holds data.*--force"):
        backup.restore_backup(source_url, made.path)
    assert snapshot(source_url) == after_backup

    backup.restore_backup(source_url, made.path, force=True)
    assert snapshot(source_url) == at_backup


def test_a_damaged_backup_is_refused_and_the_database_keeps_its_rows(kind, source_url, tmp_path):
    two_owners_with_everything(source_url)
    made = backup.create_backup(source_url, tmp_path, keep=14, now=NOW)
    before = snapshot(source_url)
    damaged = tmp_path / "damaged" / made.path.name
    damaged.parent.mkdir()
    damaged.write_bytes(made.path.read_bytes()[: made.size // 2])
    with pytest.raises(BackupError):
        backup.restore_backup(source_url, damaged, force=True)
    assert snapshot(source_url) == before

    not_ours = tmp_path / f"fintrack-2026-01-01T000000Z{backup.SUFFIXES[kind]}"
    not_ours.write_bytes(b"not a backup at all")
    with pytest.raises(BackupError):
        backup.restore_backup(source_url, not_ours, force=True)
    assert snapshot(source_url) == before


def test_a_backup_of_the_other_kind_is_refused(kind, source_url, tmp_path):
    other = next(suffix for name, suffix in backup.SUFFIXES.items() if name != kind)
    wrong = tmp_path / f"fintrack-2026-01-01T000000Z{other}"
    wrong.write_bytes(b"whatever")
    with pytest.raises(BackupError, match=f"needs a \\{backup.SUFFIXES[kind]} file"):
        backup.restore_backup(source_url, wrong)


def test_a_failed_backup_leaves_no_file_behind(kind, tmp_path):
    if kind == "sqlite":
        missing = f"sqlite:///{tmp_path / 'nowhere.db'}"
    else:
        url = create_postgres_database("fintrack_gone")
        drop_postgres_database(url)
        missing = url
    folder = tmp_path / "backups"
    with pytest.raises(BackupError):
        backup.create_backup(missing, folder, keep=14, now=NOW)
    assert list(folder.iterdir()) == []


def test_a_restore_into_a_database_that_cannot_be_reached_says_so(sqlite_template, tmp_path):
    with own_database("postgresql", sqlite_template, tmp_path, "fintrack_backup_source") as url:
        made = backup.create_backup(url, tmp_path, keep=14, now=NOW)
    gone = create_postgres_database("fintrack_gone")
    drop_postgres_database(gone)
    with pytest.raises(BackupError, match="cannot be read"):
        backup.restore_backup(gone, made.path)


def test_retention_keeps_the_newest_backups_and_nothing_else_is_touched(sqlite_template, tmp_path):
    url = f"sqlite:///{sqlite_template}"
    folder = tmp_path / "backups"
    folder.mkdir()
    strangers = [folder / "notes.txt", folder / "fintrack-before-upgrade.sqlite3"]
    for path in strangers:
        path.write_text("keep me")
    made = [backup.create_backup(url, folder, keep=3, now=NOW + dt.timedelta(days=day)) for day in range(5)]

    kept = sorted(path.name for path in folder.iterdir())
    assert kept == sorted([m.path.name for m in made[-3:]] + [p.name for p in strangers])
    assert made[3].removed == (made[0].path,) and made[4].removed == (made[1].path,)


def test_two_backups_in_the_same_second_never_overwrite_each_other(sqlite_template, tmp_path):
    url = f"sqlite:///{sqlite_template}"
    first = backup.create_backup(url, tmp_path, keep=14, now=NOW)
    first_bytes = first.path.read_bytes()
    with pytest.raises(BackupError, match="already exists"):
        backup.create_backup(url, tmp_path, keep=14, now=NOW)
    assert first.path.read_bytes() == first_bytes
    assert [p.name for p in tmp_path.iterdir()] == [first.path.name]


def test_the_postgresql_password_stays_off_the_command_line():
    address, environment = backup._libpq("postgresql://fintrack:s3cret@db.example.com:5433/books?sslmode=require")
    assert address == "postgresql://fintrack@db.example.com:5433/books?sslmode=require"
    assert environment["PGPASSWORD"] == "s3cret"

