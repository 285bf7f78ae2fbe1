"""Many owners at once on PostgreSQL, served as in production: several app-server processes, one database.

FinTrack is deployed as several Streamlit processes behind a proxy, each serving its owners' sessions as
threads, all on one PostgreSQL. Here twenty owners (12,500 entries each, 250,000 in all, over five years to
today) are spread over N worker processes, each owner a thread of its process in a closed loop with no think
time: load the dashboard's summary (this fiscal year, `reports.summary`), then the ledger's first page and the
next by cursor (`ledger.find_entries`), again, ROUNDS times: what a Streamlit dashboard does, since every
click reruns the screen. N is the machine's cores (the deployment one would choose) and 20 (a process for each
owner). Printed for each run: rounds a second, p50/p95/p99 of each operation, the median CPU time the app's
thread itself spent on one (`time.thread_time`: Python, SQLAlchemy, pandas and the driver, not waits) and the
errors, for three ways of serving:
- `services`: as deployed. The books do not change during the run, so after each owner's warm-up round the
  summary is served from the process's memory (`fintrack.services.summary_cache`) after one read of the
  owner's books stamp;
- `services, every summary computed`: the same with nothing kept in memory, as after each write;
- `floor: bare SQL`: the statements of a computed summary and of the pages (recorded from the services in the
  warm-up round) replayed through the DB-API cursor by the same processes and threads, with no SQLAlchemy,
  pandas or Decimal work: what PostgreSQL and the wire alone cost under the same load.

What the figure means on a small machine: with think time 0 twenty owners keep every core busy all the time,
so a summary's latency is roughly (its own CPU time + the database's) x the owners queued for the cores.
On 2 cores that is ~10 owners a core, whatever N (more processes only swap the GIL's queue for the kernel's
scheduler). Real owners think for seconds between clicks; this closed loop is the worst case, and the floor
row says how much of it the database alone takes. Target: p95 of the summary < 100 ms.

Run with `python -m benchmarks owners`; BENCH_OWNERS_ENTRIES (per owner), BENCH_OWNERS_ROUNDS and
BENCH_OWNERS_PROCESSES (comma-separated counts) narrow a run; skipped without PostgreSQL.
"""

from __future__ import annotations

import datetime as dt
import multiprocessing
import os
import statistics
import threading
import time
from collections import defaultdict
from collections.abc import Callable

from sqlalchemy import event

from benchmarks.bench_ledger import _owner, _seed, postgres_database
from benchmarks.tables import print_table, verdict
from fintrack import passwords, periods
from fintrack.db.engine import Database
from fintrack.filters import EntryFilter
from fintrack.services import ledger, reports

OWNERS = 20
ENTRIES_EACH = int(os.environ.get("BENCH_OWNERS_ENTRIES", "12500"))
ROUNDS = int(os.environ.get("BENCH_OWNERS_ROUNDS", "10"))
PROCESSES = [int(n) for n in os.environ.get("BENCH_OWNERS_PROCESSES", f"{os.cpu_count() or 1},{OWNERS}").split(",")]
PAGES = 2
SUMMARY_P95_TARGET_MS = 100.0
SERVICES, COMPUTED, FLOOR = "services", "services, every summary computed", "floor: bare SQL"
MODES = (SERVICES, COMPUTED, FLOOR)

Calls = list[tuple[str, list[tuple[str, object]]]]  # (operation, the statements it sent), in order


def _seed_owners(db: Database) -> list[int]:
    first_day = dt.date.today() - dt.timedelta(days=5 * 365 - 30)
    owners = []
    for number in range(OWNERS):
        owner_id = _owner(db, f"owner{number}@example.com")
        _seed(db, owner_id, ENTRIES_EACH - ENTRIES_EACH // 5, seed=number, first_day=first_day)
        _seed(db, owner_id, ENTRIES_EACH // 5, seed=100 + number, kind="income", first_day=first_day)
        owners.append(owner_id)
    return owners


class _Timings:
    """Latencies by operation and errors, from the threads of one process."""

    def __init__(self) -> None:
        self.ms: dict[str, list[float]] = defaultdict(list)
        self.cpu_ms: dict[str, list[float]] = defaultdict(list)  # the calling thread's own CPU time
        self.errors: list[str] = []
        self._lock = threading.Lock()

    def timed(self, operation: str, action: Callable[[], object]) -> object:
        started, cpu_started = time.perf_counter(), time.thread_time()
        try:
            return action()
        except Exception as exc:  # noqa: BLE001 - counted and shown, the run goes on
            with self._lock:
                self.errors.append(f"{operation}: {exc.__class__.__name__}: {exc}")
            return None
        finally:
            with self._lock:
                self.ms[operation].append((time.perf_counter() - started) * 1000)
                self.cpu_ms[operation].append((time.thread_time() - cpu_started) * 1000)


def _round(db: Database, owner_id: int, timings: _Timings) -> None:
    """One owner's round through the services: the summary, then the ledger's pages by cursor."""
    year = periods.fiscal_year_containing(dt.date.today(), dt.date(2000, 1, 1))
    timings.timed("summary", lambda: reports.summary(db, owner_id=owner_id, period=year))
    cursor = None
    for _ in range(PAGES):
        page = timings.timed("ledger page", lambda c=cursor: ledger.find_entries(
            db, owner_id=owner_id, filters=EntryFilter(), cursor=c))
        cursor = page.next_cursor if page else None


def _recorded_round(db: Database, owner_id: int) -> Calls:
    """A warm-up round of the owner through the services, with the SQL each call sent (for the floor)."""
    calls: Calls = []

    def record(_conn, _cursor, statement, parameters, _context, _many) -> None:  # noqa: ANN001 - event API
        calls[-1][1].append((statement, parameters))

    class _Recording(_Timings):
        def timed(self, operation: str, action: Callable[[], object]) -> object:
            calls.append((operation, []))
            return action()

    event.listen(db.bind, "before_cursor_execute", record)
    _round(db, owner_id, _Recording())
    event.remove(db.bind, "before_cursor_execute", record)
    return calls


def _sql_round(db: Database, calls: Calls, timings: _Timings) -> None:
    """The same round as bare SQL: each call's statements through one DB-API cursor, then a commit."""
    connection = db.bind.raw_connection()
    try:
        for operation, sent in calls:
            timings.timed(operation, lambda sent=sent: _replay(connection, sent))
    finally:
        connection.close()


def _replay(connection, sent: list[tuple[str, object]]) -> None:  # noqa: ANN001 - a DB-API connection
    cursor = connection.cursor()
    for statement, parameters in sent:
        cursor.execute(statement, parameters)
        cursor.fetchall()
    cursor.close()
    connection.commit()


def _worker(url: str, owners: list[int], mode: str, start: multiprocessing.synchronize.Barrier,
            results: multiprocessing.Queue) -> None:
    """One app-server process: its owners as threads, each in a closed loop of ROUNDS rounds after a warm-up
    (whose summaries are computed: the process starts with none in memory)."""
    if mode == COMPUTED:
        reports.SUMMARIES.size = 0
    db = Database.from_url(url)
    recorded = {owner_id: _recorded_round(db, owner_id) for owner_id in owners}
    timings = _Timings()

    def session(owner_id: int) -> None:
        for _ in range(ROUNDS):
            if mode == FLOOR:
                _sql_round(db, recorded[owner_id], timings)
            else:
                _round(db, owner_id, timings)

    threads = [threading.Thread(target=session, args=(owner_id,)) for owner_id in owners]
    start.wait()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    results.put((dict(timings.ms), dict(timings.cpu_ms), timings.errors, time.perf_counter()))
    db.bind.dispose()


Figures = tuple[dict[str, list[float]], dict[str, list[float]], list[str], float]  # ms, CPU ms, errors, seconds


def _run(url: str, owners: list[int], processes: int, mode: str) -> Figures:
    """Every owner's rounds at once over `processes` workers (owners dealt round-robin); the timings (wall and the
    app thread's CPU), errors and wall seconds from the start signal to the last worker's end."""
    context = multiprocessing.get_context("fork")  # the workers start with the modules loaded, like warm servers
    start, results = context.Barrier(processes + 1), context.Queue()
    workers = [context.Process(target=_worker, args=(url, owners[number::processes], mode, start, results))
               for number in range(processes)]
    for worker in workers:
        worker.start()
    start.wait()
    began = time.perf_counter()
    ms: dict[str, list[float]] = defaultdict(list)
    cpu_ms: dict[str, list[float]] = defaultdict(list)
    errors, ended = [], began
    for _ in workers:
        worker_ms, worker_cpu_ms, worker_errors, worker_end = results.get()
        for operation in worker_ms:
            ms[operation] += worker_ms[operation]
            cpu_ms[operation] += worker_cpu_ms[operation]
        errors += worker_errors
        ended = max(ended, worker_end)
    for worker in workers:
        worker.join()
    return ms, cpu_ms, errors, ended - began


def _percentile(values: list[float], share: int) -> float:
    return statistics.quantiles(values, n=100, method="inclusive")[share - 1]


def _rows(label: str, figures: Figures, targeted: bool) -> list[list[object]]:
    ms, cpu_ms, errors, seconds = figures
    rows = []
    for operation, values in ms.items():
        target = SUMMARY_P95_TARGET_MS if targeted and operation == "summary" else None
        p95 = _percentile(values, 95)
        rows.append([label, operation, f"{len(values):,}", f"{len(values) / seconds:,.0f}/s", _percentile(values, 50),
                     p95, _percentile(values, 99), statistics.median(cpu_ms[operation]),
                     sum(error.startswith(operation) for error in errors),
                     f"p95 < {target:.0f}" if target else "-", verdict(p95, target) if target else "-"])
    return rows


def run(db: Database) -> None:
    started = time.perf_counter()
    owners = _seed_owners(db)
    print(f"\n[postgresql] seeded {OWNERS} owners x {ENTRIES_EACH:,} entries in {time.perf_counter() - started:.1f} s")
    url = db.bind.url.render_as_string(hide_password=False)
    db.bind.dispose()  # the workers open their own connections
    runs = [("1 owner, 1 process", owners[:1], 1)] + [
        (f"{OWNERS} owners, {count} processes", owners, count) for count in PROCESSES]
    rows, all_errors = [], []
    for label, some, processes in runs:
        for mode in MODES:
            figures = _run(url, some, processes, mode)
            rows += _rows(f"{label}, {mode}", figures, targeted=mode == SERVICES and len(some) == OWNERS)
            all_errors += figures[2]
    print_table(f"{OWNERS} owners on PostgreSQL over N app-server processes ({os.cpu_count()} cores), each owner a "
                f"closed loop of {ROUNDS} rounds: a summary and {PAGES} ledger pages, no think time (ms)",
                ["run", "operation", "calls", "throughput", "p50", "p95", "p99", "app CPU p50", "errors", "target",
                 "verdict"], rows)
    for error in all_errors[:5]:
        print(f"error: {error}")


def main() -> None:
    passwords.ROUNDS = 4  # sign-up is not what is measured
    with postgres_database() as db:
        if db is not None:
            run(db)
