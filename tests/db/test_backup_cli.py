"""`fintrack backup` and `fintrack restore` as an operator runs them: settings from the environment, messages
on stdout or stderr, exit status 0 or 1."""

from __future__ import annotations

import datetime as dt
import shutil
import subprocess
import sys

import pytest

from fintrack.cli.backup import backup, restore
from fintrack.config import PROJECT_ROOT
from fintrack.db import backup as backup_module
from fintrack.db.engine import Database
from fintrack.services import accounts

START = dt.datetime(2026, 12, 5, 3, 0, tzinfo=dt.UTC)


@pytest.fixture
def data_dir(sqlite_template, tmp_path, monkeypatch):
    folder = tmp_path / "data"
    folder.mkdir()
    shutil.copy(sqlite_template, folder / "fintrack.db")
    monkeypatch.setenv("DATABASE_URL", f"sqlite:///{folder / 'fintrack.db'}")
    monkeypatch.setenv("FINTRACK_DATA_DIR", str(folder))
    monkeypatch.delenv("FINTRACK_BACKUP_DIR", raising=False)
    return folder


def _a_night(monkeypatch, night: int) -> None:
    monkeypatch.setattr(backup_module, "utcnow", lambda: START + dt.timedelta(days=night))


def test_nightly_backups_keep_the_newest_and_a_restore_needs_force_over_data(data_dir, monkeypatch, capsys):
    database = Database.from_url(f"sqlite:///{data_dir / 'fintrack.db'}")
    accounts.sign_up(database, {"email": "owner@example.com", "password": "correct horse battery",
                                "business_name": "Acme", "fiscal_year_start": dt.date(2000, 1, 1),
                                "currency_code": "EUR"})
    database.bind.dispose()
    monkeypatch.setenv("FINTRACK_BACKUP_KEEP", "2")
    for night in range(3):
        _a_night(monkeypatch, night)
        assert backup([]) == 0
    out = capsys.readouterr().out
    assert "Backup written:" in out and "Removed fintrack-2026-12-05T030000Z.sqlite3 (keeping the newest 2)." in out
    kept = sorted(path.name for path in (data_dir / "backups").iterdir())
    assert kept == ["fintrack-2026-12-06T030000Z.sqlite3", "fintrack-2026-12-07T030000Z.sqlite3"]

    newest = data_dir / "backups" / kept[-1]
    assert restore([str(newest)]) == 1
    assert "already holds data" in capsys.readouterr().err
    assert restore([str(newest), "--force"]) == 0
    assert "Restored" in capsys.readouterr().out


def test_the_backup_folder_comes_from_the_setting(data_dir, tmp_path, monkeypatch):
    monkeypatch.setenv("FINTRACK_BACKUP_DIR", str(tmp_path / "elsewhere"))
    _a_night(monkeypatch, 0)
    assert backup([]) == 0
    assert [p.name for p in (tmp_path / "elsewhere").iterdir()] == ["fintrack-2026-12-05T030000Z.sqlite3"]


def test_a_failure_is_said_on_stderr_with_status_1(data_dir, monkeypatch, capsys):
    monkeypatch.setenv("DATABASE_URL", f"sqlite:///{data_dir / 'missing.db'}")
    assert backup([]) == 1
    assert "Backup failed: There is no SQLite database at" in capsys.readouterr().err
    assert restore([str(data_dir / "nothing.sqlite3")]) == 1
    assert "Restore failed: There is no backup file at" in capsys.readouterr().err


def test_python_m_fintrack_runs_backup(data_dir):
    done = subprocess.run([sys.executable, "-m", "fintrack", "backup"], cwd=PROJECT_ROOT, capture_output=True,
                          text=True, check=False)
    assert done.returncode == 0, done.stderr
    assert "Backup written:" in done.stdout and len(list((data_dir / "backups").iterdir())) == 1
