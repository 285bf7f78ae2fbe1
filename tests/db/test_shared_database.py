"""One `Database` per URL and process: the screens and the cookie routes share it, migrated once."""

from __future__ import annotations

import shutil
import threading
from concurrent.futures import ThreadPoolExecutor

from fintrack.db import shared
from fintrack.ui import resources
from fintrack.web import routes


def test_the_screens_and_the_cookie_routes_share_one_database(app_database_url):
    assert resources.database() is routes._resources()[1]


def test_parallel_first_uses_migrate_once_and_build_one_database(sqlite_template, tmp_path, monkeypatch):
    path = tmp_path / "shared.db"
    shutil.copy(sqlite_template, path)
    upgrades = []
    monkeypatch.setattr(shared.migrate, "upgrade", upgrades.append)
    barrier = threading.Barrier(8)

    def first_use(_: int):  # noqa: ANN202
        barrier.wait()
        return shared.shared_database(f"sqlite:///{path}")

    with ThreadPoolExecutor(8) as pool:
        databases = set(pool.map(first_use, range(8)))
    assert len(databases) == 1 and upgrades == [f"sqlite:///{path}"]
