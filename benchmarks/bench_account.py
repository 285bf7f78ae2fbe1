"""Backups and an owner's data at scale: one owner with 250,000 expenses, on SQLite and on PostgreSQL.

Times `fintrack backup` (SQLite's online backup API / pg_dump), a forced restore over the same database
(SQLite's backup API / pg_restore in one transaction), 'Download all my data' (workbook and JSON file, with
their sizes) and 'Delete my account'. Run with `python -m benchmarks account`; BENCH_LEDGER_ENTRIES and
BENCH_LEDGER_DATABASES narrow a run, as for the ledger benchmark whose seeding this reuses.
"""

from __future__ import annotations

import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from benchmarks.bench_ledger import ENTRIES, _owner, _seed, on_each_database
from fintrack.db import backup
from fintrack.db.engine import Database
from fintrack.services import account_data
from fintrack.services.account_deletion import delete_account
from fintrack.services.accounts import LoginPolicy

PASSWORD = "benchmark password"  # the ledger benchmark's owners have it; bcrypt runs at cost 4 here


def _timed(action: Callable[[], object]) -> tuple[object, float]:
    started = time.perf_counter()
    result = action()
    return result, time.perf_counter() - started


def run(db: Database, name: str) -> None:
    owner_id = _owner(db, f"{name}@example.com")
    print(f"\n[{name}] seeding {ENTRIES:,} expenses: {_seed(db, owner_id, ENTRIES, seed=1):.1f} s")
    url = db.bind.url.render_as_string(hide_password=False)
    with tempfile.TemporaryDirectory() as folder:
        made, seconds = _timed(lambda: backup.create_backup(url, Path(folder), keep=14))
        print(f"backup: {seconds:.2f} s, {made.size / 1e6:.1f} MB")
        _, seconds = _timed(lambda: backup.restore_backup(url, made.path, force=True))
        print(f"forced restore over the same database: {seconds:.2f} s")
    db.bind.dispose()  # a restore replaced the tables under the pool's connections
    (workbook, exported), seconds = _timed(lambda: account_data.account_files(db, owner_id=owner_id))
    print(f"download all my data: {seconds:.1f} s (workbook {len(workbook.data) / 1e6:.1f} MB, "
          f"JSON {len(exported.data) / 1e6:.1f} MB)")
    _, seconds = _timed(lambda: delete_account(db, owner_id=owner_id, confirmation=f"{name}@example.com",
                                               password=PASSWORD, policy=LoginPolicy()))
    print(f"delete my account: {seconds:.2f} s")


def main() -> None:
    on_each_database(run)
