"""`fintrack backup` and `fintrack restore FILE [--force]` (also `python -m fintrack backup|restore`).

`backup` writes the whole database to a dated file in FINTRACK_BACKUP_DIR (default `data/backups`):
`fintrack-2026-12-05T120000Z.sqlite3` for the embedded SQLite, `….pgdump` (pg_dump's custom format) for
PostgreSQL, then deletes all but the newest FINTRACK_BACKUP_KEEP (default 14). `restore` replaces the
database with a backup, all or nothing, and refuses a database that holds data unless given `--force`.
Both exit with status 0 on success and 1, with the reason on stderr, otherwise.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from pathlib import Path

from fintrack.config import settings_or_exit
from fintrack.db.backup import BackupError, create_backup, restore_backup


def backup(argv: Sequence[str] | None = None) -> int:
    """Back the configured database up and apply the retention count."""
    argparse.ArgumentParser(prog="fintrack backup", description=__doc__.split("\n\n")[1]).parse_args(argv)
    config = settings_or_exit()
    try:
        made = create_backup(config.database_url, config.backups_folder, keep=config.backup_keep)
    except BackupError as error:
        print(f"Backup failed: {error}", file=sys.stderr)
        return 1
    print(f"Backup written: {made.path} ({made.size:,} bytes).")
    for path in made.removed:
        print(f"Removed {path.name} (keeping the newest {config.backup_keep}).")
    return 0


def restore(argv: Sequence[str] | None = None) -> int:
    """Restore the configured database from a backup file."""
    parser = argparse.ArgumentParser(prog="fintrack restore",
                                     description="Replace the database with a backup made by `fintrack backup`. "
                                                 "Stop the app servers first.")
    parser.add_argument("file", type=Path, help="the .sqlite3 or .pgdump file to restore")
    parser.add_argument("--force", action="store_true",
                        help="replace a database that already holds data (everything in it is lost)")
    arguments = parser.parse_args(argv)
    config = settings_or_exit()
    try:
        restore_backup(config.database_url, arguments.file, force=arguments.force)
    except BackupError as error:
        print(f"Restore failed: {error}", file=sys.stderr)
        return 1
    print(f"Restored {arguments.file}. Start FinTrack again: it brings an older backup's schema up to date.")
    return 0
