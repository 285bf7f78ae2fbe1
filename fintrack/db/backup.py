"""Backups of the whole database to dated files in one folder, and restoring one of them.

PostgreSQL goes through pg_dump's custom format (compressed; pg_restore reads it) and the embedded SQLite
through its online backup API, which copies a consistent snapshot while the app keeps writing (copying the
file could catch it with half a transaction still in the write-ahead log).

Nothing may be lost on the way:
- a backup is written under a hidden partial name, checked (SQLite's integrity check, `pg_restore --list`)
  and only then given its dated name, so a failed or interrupted run never leaves a file that looks good;
- retention deletes only files with the exact dated name, and only after a new backup has been published;
- a restore refuses to replace a database that holds any rows unless forced, and runs as one transaction
  (SQLite's backup API, `pg_restore --single-transaction`), so a restore that fails leaves the database as
  it was.
"""

from __future__ import annotations

import datetime as dt
import logging
import os
import re
import shutil
import sqlite3
import subprocess  # noqa: S404 - runs pg_dump / pg_restore with an argument list, never a shell
import time
from contextlib import closing
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import inspect, literal, select, table
from sqlalchemy.engine import URL, make_url
from sqlalchemy.exc import SQLAlchemyError

from fintrack.clock import utcnow
from fintrack.config import normalize_database_url
from fintrack.db.engine import make_engine
from fintrack.errors import FinTrackError

log = logging.getLogger(__name__)

SUFFIXES = {"sqlite": ".sqlite3", "postgresql": ".pgdump"}
BACKUP_NAME = re.compile(r"fintrack-\d{4}-\d{2}-\d{2}T\d{6}Z\.(sqlite3|pgdump)")
SCHEMA_TABLE = "alembic_version"  # every FinTrack database has it; a backup without it is not ours


class BackupError(FinTrackError):
    """A backup or restore that could not be done; the message says why and what to do."""


@dataclass(frozen=True)
class BackupResult:
    """A published backup file and the old ones retention removed."""

    path: Path
    size: int
    removed: tuple[Path, ...]


def backup_name(kind: str, at: dt.datetime) -> str:
    """'fintrack-2026-12-05T120000Z.sqlite3': dated in UTC, so names sort in the order they were made."""
    return f"fintrack-{at.astimezone(dt.UTC):%Y-%m-%dT%H%M%SZ}{SUFFIXES[kind]}"


def _kind(url: str) -> str:
    backend = make_url(normalize_database_url(url)).get_backend_name()
    if backend not in SUFFIXES:
        raise BackupError(f"Backups support SQLite and PostgreSQL, not {backend}.")
    return backend


def create_backup(url: str, folder: Path, *, keep: int, now: dt.datetime | None = None) -> BackupResult:
    """Back the database at `url` up into `folder`, then keep only the newest `keep` backups there."""
    kind, started = _kind(url), time.perf_counter()
    folder.mkdir(mode=0o700, parents=True, exist_ok=True)
    target = folder / backup_name(kind, now or utcnow())
    partial = _private_file(folder / f".{target.name}.partial")
    try:
        if kind == "sqlite":
            _sqlite_backup(_sqlite_path(url), partial)
        else:
            _pg_dump(url, partial)
        _verify(kind, partial)
        _publish(partial, target)
    finally:
        partial.unlink(missing_ok=True)
    result = BackupResult(target, target.stat().st_size, tuple(prune(folder, keep=keep)))
    log.info("backup.created", extra={"event": "backup.created", "file": str(target), "bytes": result.size,
                                      "removed": len(result.removed),
                                      "duration_ms": round((time.perf_counter() - started) * 1000, 1)})
    return result


def _private_file(path: Path) -> Path:
    """Create `path` empty and readable by its owner only, before anything is written into it: a backup holds
    every owner's books and password hashes. A run already writing it (same second) makes this one fail."""
    try:
        os.close(os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600))
    except FileExistsError:
        raise BackupError(f"Another backup is being written to {path}; try again.") from None
    return path


def _publish(partial: Path, target: Path) -> None:
    """Give the checked file its dated name; never replace an existing backup (a link fails if one exists)."""
    try:
        os.link(partial, target)
    except FileExistsError:
        raise BackupError(f"{target} already exists (two backups in the same second); try again.") from None


def backups_in(folder: Path) -> list[Path]:
    """FinTrack's backups in `folder`, oldest first (other files are not ours and are left alone)."""
    if not folder.is_dir():
        return []
    return sorted(path for path in folder.iterdir() if BACKUP_NAME.fullmatch(path.name))


def prune(folder: Path, *, keep: int) -> list[Path]:
    """Delete all but the newest `keep` backups in `folder`; return what was deleted."""
    if keep < 1:
        raise BackupError("Keep at least one backup.")
    old = backups_in(folder)[:-keep]
    for path in old:
        path.unlink()
    return old


def _verify(kind: str, path: Path) -> None:
    """Raise `BackupError` unless `path` is a readable, whole FinTrack backup of a `kind` database."""
    if not path.is_file():
        raise BackupError(f"There is no backup file at {path}.")
    (_verify_sqlite if kind == "sqlite" else _verify_pg_dump)(path)


def restore_backup(url: str, source: Path, *, force: bool = False) -> None:
    """Replace the database at `url` with the backup `source`, all or nothing.

    A database that holds any rows is refused unless `force` is given: a restore replaces it whole.
    """
    kind, started = _kind(url), time.perf_counter()
    if source.suffix != SUFFIXES[kind]:
        raise BackupError(f"{source.name} is not a {kind} backup; this database needs a {SUFFIXES[kind]} file.")
    _verify(kind, source)
    if not force and holds_data(url):
        raise BackupError("The database already holds data. Restoring replaces all of it: run the restore "
                          "again with --force if that is what you want (make a backup of it first).")
    if kind == "sqlite":
        _sqlite_copy(source, _sqlite_path(url))
    else:
        _pg_restore(url, source)
    log.info("backup.restored", extra={"event": "backup.restored", "file": str(source), "forced": force,
                                       "duration_ms": round((time.perf_counter() - started) * 1000, 1)})


def holds_data(url: str) -> bool:
    """Whether any table but the schema version has a row (a freshly migrated database holds none)."""
    if _kind(url) == "sqlite" and not _sqlite_path(url).exists():
        return False
    engine = make_engine(url)
    try:
        with engine.connect() as connection:
            names = [name for name in inspect(connection).get_table_names() if name != SCHEMA_TABLE]
            return any(connection.scalar(select(literal(1)).select_from(table(name)).limit(1)) for name in names)
    except SQLAlchemyError as error:
        raise BackupError(f"The database cannot be read: {getattr(error, 'orig', None) or error}") from error
    finally:
        engine.dispose()


# --- SQLite -----------------------------------------------------------------------------------------------


def _sqlite_path(url: str) -> Path:
    database = make_url(normalize_database_url(url)).database
    if not database or database == ":memory:":
        raise BackupError("An in-memory SQLite database cannot be backed up or restored.")
    return Path(database)


def _sqlite_backup(database: Path, target: Path) -> None:
    """Copy the live `database` into `target`, then make the copy one self-contained file (no WAL)."""
    _sqlite_copy(database, target)
    with closing(sqlite3.connect(target)) as copy:
        copy.execute("PRAGMA journal_mode=DELETE")


def _sqlite_copy(source: Path, target: Path) -> None:
    """Copy every page of `source` into `target` in one write transaction (SQLite's online backup API)."""
    if not source.is_file():
        raise BackupError(f"There is no SQLite database at {source}.")
    target.parent.mkdir(parents=True, exist_ok=True)
    try:
        with closing(sqlite3.connect(_read_only(source), uri=True)) as reader, \
                closing(sqlite3.connect(target, timeout=30)) as writer:
            reader.backup(writer)
    except sqlite3.Error as error:
        raise BackupError(f"Copying {source} to {target} failed: {error}") from error


def _read_only(path: Path) -> str:
    return path.resolve().as_uri() + "?mode=ro"


def _verify_sqlite(path: Path) -> None:
    try:
        with closing(sqlite3.connect(_read_only(path), uri=True)) as connection:
            checked = connection.execute("PRAGMA integrity_check").fetchone()[0]
            ours = connection.execute("SELECT 1 FROM sqlite_master WHERE name = ?", (SCHEMA_TABLE,)).fetchone()
    except sqlite3.Error as error:
        raise BackupError(f"{path.name} is not a readable SQLite backup: {error}") from error
    if checked != "ok":
        raise BackupError(f"{path.name} is damaged: {checked}")
    if not ours:
        raise BackupError(f"{path.name} is a SQLite database but not a FinTrack one.")


# --- PostgreSQL -------------------------------------------------------------------------------------------


def _tool(name: str) -> str:
    found = shutil.which(name)
    if not found:
        raise BackupError(f"{name} was not found. Install the PostgreSQL client tools of the server's major "
                          "version (Debian: apt install postgresql-client).")
    return found


def _libpq(url: str) -> tuple[str, dict[str, str]]:
    """The libpq address of `url` and an environment carrying its password (kept off the command line,
    where any user of the machine could read it in the process list)."""
    parsed: URL = make_url(normalize_database_url(url))
    environment = dict(os.environ)
    if parsed.password:
        environment["PGPASSWORD"] = str(parsed.password)
    address = URL.create("postgresql", username=parsed.username, host=parsed.host, port=parsed.port,
                         database=parsed.database, query=parsed.query).render_as_string()
    return address, environment


def _run(arguments: list[str], *, environment: dict[str, str] | None = None) -> str:
    done = subprocess.run(arguments, capture_output=True, text=True, env=environment, check=False)  # noqa: S603
    if done.returncode != 0:
        tool = Path(arguments[0]).name
        raise BackupError(f"{tool} failed (exit status {done.returncode}): {done.stderr.strip()}")
    return done.stdout


def _pg_dump(url: str, target: Path) -> None:
    address, environment = _libpq(url)
    _run([_tool("pg_dump"), "--format=custom", f"--file={target}", f"--dbname={address}"],
         environment=environment)


def _verify_pg_dump(path: Path) -> None:
    listing = _run([_tool("pg_restore"), "--list", str(path)])
    if f"TABLE DATA public {SCHEMA_TABLE}" not in listing:
        raise BackupError(f"{path.name} is a PostgreSQL dump but not of a FinTrack database.")


def _pg_restore(url: str, source: Path) -> None:
    """Drop what the dump holds and recreate it, as one transaction: an error leaves the database as it was.

    Owners and grants are not restored, so a backup made as one role restores as another.
    """
    address, environment = _libpq(url)
    _run([_tool("pg_restore"), "--clean", "--if-exists", "--no-owner", "--no-privileges", "--single-transaction",
          "--exit-on-error", f"--dbname={address}", str(source)], environment=environment)
