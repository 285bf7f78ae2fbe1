"""Screens at scale, rendered by Streamlit's AppTest on the embedded SQLite.

- The dashboard (this fiscal year, the default) for an owner with 250,000 entries and for one with 100, in
  the same process and database, median of several runs each: the big books may cost at most twice the
  small ones (the summary reads the monthly rollups, not the entries).
- The first visit of a new process: a fresh interpreter that has done what server.py does at start renders
  a screen once (the dashboard, the ledger, the assistant), as a server's first visitor would; without
  `fintrack.web.preload.preload()` (what server.py did before) and with it (what it does now), median of
  three processes each. The test harness's own first run is made before the clock starts.

Run with `python -m benchmarks screens`; BENCH_SCREENS_ENTRIES narrows a run.
"""

from __future__ import annotations

import datetime as dt
import importlib
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from benchmarks.bench_ledger import _owner, _seed
from benchmarks.tables import print_table, verdict
from fintrack import passwords
from fintrack.config import PROJECT_ROOT, Settings
from fintrack.db import migrate
from fintrack.db.engine import Database
from fintrack.services import sessions

ENTRIES = int(os.environ.get("BENCH_SCREENS_ENTRIES", "250000"))
SMALL_ENTRIES = 100
RUNS, PROCESSES = 5, 3
RATIO_TARGET = 2.0
HOME, DASHBOARD = str(PROJECT_ROOT / "Home.py"), "pages/dashboard.py"
FIRST_VISITS = (DASHBOARD, "pages/ledger.py", "pages/assistant.py")
# what server.py imports before it serves (its own imports), for the first-visit processes
SERVER_IMPORTS = ("streamlit", "fintrack.metrics", "fintrack.config", "fintrack.logs", "fintrack.ui.uncaught",
                  "fintrack.web.metrics", "fintrack.web.request_ids", "fintrack.web.routes",
                  "fintrack.web.security_headers")


def _books(db: Database, email: str, entries: int) -> str:
    """An owner with `entries` entries (a fifth of them incomes) over the five years to today; their token."""
    owner_id = _owner(db, email)
    first_day = dt.date.today() - dt.timedelta(days=5 * 365 - 30)
    _seed(db, owner_id, entries - entries // 5, seed=1, first_day=first_day)
    _seed(db, owner_id, entries // 5, seed=2, kind="income", first_day=first_day)
    return sessions.start_session(db, owner_id=owner_id, secret_key=Settings().secret_key, days=1)


def _screen(token: str, page: str = DASHBOARD):  # noqa: ANN202 - an AppTest, imported late (Streamlit's testing kit)
    """A signed-in AppTest switched to `page`, not yet run there."""
    from streamlit.testing.v1 import AppTest

    from fintrack.ui import session as ui_session

    ui_session.session_token = lambda: token  # AppTest sends no cookie: the one reader of it is replaced
    app = AppTest.from_file(HOME, default_timeout=300)
    app.run()
    app.switch_page(page)
    return app


def _render_ms(token: str) -> float:
    """Median time of the dashboard's script run for the owner of `token` (after one warm-up run)."""
    app = _screen(token)
    app.run()
    assert not app.exception, app.exception
    timings = []
    for _ in range(RUNS):
        started = time.perf_counter()
        app.run()
        timings.append((time.perf_counter() - started) * 1000)
    return statistics.median(timings)


def _first_visit_ms(token: str, page: str, *, preload: bool) -> float:
    """Median over fresh processes of the first visit to `page` (see `first_visit`)."""
    timings = []
    for _ in range(PROCESSES):
        command = [sys.executable, "-m", "benchmarks.bench_screens", "first-visit", token, page]
        command += ["preload"] * preload
        output = subprocess.run(command, check=True, capture_output=True, text=True, env=os.environ).stdout
        timings.append(float(output.strip().splitlines()[-1]))
    return statistics.median(timings)


def first_visit(token: str, page: str, preload: bool) -> None:
    """In a fresh process: do what server.py does at start (with or without the preload), then time the
    first visit to `page` (sign-in screen run included) and print it in ms."""
    for name in SERVER_IMPORTS:
        importlib.import_module(name)
    if preload:
        from fintrack.web.preload import preload as preload_screens

        preload_screens()
    from streamlit.testing.v1 import AppTest

    AppTest.from_string("pass").run()  # the test harness's own first-run costs (a real server pays them at start)
    started = time.perf_counter()
    app = _screen(token, page)
    app.run()
    assert not app.exception, app.exception
    print(f"{(time.perf_counter() - started) * 1000:.1f}")


def _first_visits(token: str, page: str) -> list[object]:
    before, after = _first_visit_ms(token, page, preload=False), _first_visit_ms(token, page, preload=True)
    return [page, before, after, before - after]


def main() -> None:
    passwords.ROUNDS = 4  # sign-up is not what is measured
    with tempfile.TemporaryDirectory() as folder:
        url = f"sqlite:///{Path(folder) / 'screens.db'}"
        os.environ.update(DATABASE_URL=url, FINTRACK_DATA_DIR=folder, LOG_LEVEL="warning")
        os.environ.pop("OPENAI_API_KEY", None)
        migrate.upgrade(url)
        db = Database.from_url(url)
        started = time.perf_counter()
        small, big = _books(db, "small@example.com", SMALL_ENTRIES), _books(db, "big@example.com", ENTRIES)
        print(f"\n[screens] seeded {ENTRIES + SMALL_ENTRIES:,} entries in {time.perf_counter() - started:.1f} s")
        small_ms, big_ms = _render_ms(small), _render_ms(big)
        ratio = big_ms / small_ms
        print_table(f"Dashboard screen by AppTest (this fiscal year, median of {RUNS} runs, ms)",
                    ["owner", "entries", "render", "big/small", "target", "verdict"],
                    [["small", f"{SMALL_ENTRIES:,}", small_ms, "-", "-", "-"],
                     ["big", f"{ENTRIES:,}", big_ms, f"{ratio:.2f}x", f"<= {RATIO_TARGET:.0f}x",
                      verdict(ratio, RATIO_TARGET)]])
        print_table(f"First visit of a new process to a screen, big owner (median of {PROCESSES} processes, ms)",
                    ["screen", "server.py's imports only (before)", "plus fintrack.web.preload (now)", "saved"],
                    [_first_visits(big, page) for page in FIRST_VISITS])
        db.bind.dispose()


if __name__ == "__main__":
    if sys.argv[1:2] == ["first-visit"]:
        first_visit(sys.argv[2], sys.argv[3], preload="preload" in sys.argv[4:])
    else:
        main()
