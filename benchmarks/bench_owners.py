"""Many owners at once on PostgreSQL: twenty owners, each in a thread of one process as the sessions of one
app server are, sharing its `Database` (and its pool of 15 connections), all starting together.

Each owner has 12,500 entries (250,000 in all) over five years to today. In each round an owner loads the
dashboard's summary (this fiscal year, through `reports.summary`) and pages the ledger (the first page
and three more by cursor, through `ledger.find_entries`). Printed: throughput, the median and p95 of a
summary and of a page, errors, beside the floor: the same rounds of one owner alone. Target: p95 of the
summary < 100 ms. Run with `python -m benchmarks owners`;
BENCH_OWNERS_ENTRIES (per owner) and BENCH_OWNERS_ROUNDS narrow a run; skipped without PostgreSQL.
"""

from __future__ import annotations

import datetime as dt
import os
import statistics
import threading
import time
from collections import defaultdict
from collections.abc import Callable

from benchmarks.bench_ledger import _owner, _seed, postgres_database
from benchmarks.tables import print_table, verdict
from fintrack import passwords, periods
from fintrack.db.engine import Database
from fintrack.filters import EntryFilter
from fintrack.services import ledger, reports

OWNERS = 20
ENTRIES_EACH = int(os.environ.get("BENCH_OWNERS_ENTRIES", "12500"))
ROUNDS = int(os.environ.get("BENCH_OWNERS_ROUNDS", "10"))
PAGES = 4
SUMMARY_P95_TARGET_MS = 100.0


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
    """Latencies by operation and errors, from many threads."""

    def __init__(self) -> None:
        self.ms: dict[str, list[float]] = defaultdict(list)
        self.errors: list[str] = []
        self._lock = threading.Lock()

    def timed(self, operation: str, action: Callable[[], object]) -> object:
        started = time.perf_counter()
        try:
            return action()
        except Exception as exc:  # noqa: BLE001 - counted and shown, the run goes on
            with self._lock:
                self.errors.append(f"{operation}: {exc.__class__.__name__}: {exc}")
            return None
        finally:
            with self._lock:
                self.ms[operation].append((time.perf_counter() - started) * 1000)


def _owner_session(db: Database, owner_id: int, timings: _Timings, start: threading.Barrier) -> None:
    year = periods.fiscal_year_containing(dt.date.today(), dt.date(2000, 1, 1))
    start.wait()
    for _ in range(ROUNDS):
        timings.timed("summary", lambda: reports.summary(db, owner_id=owner_id, period=year))
        cursor = None
        for _ in range(PAGES):
            page = timings.timed("ledger page", lambda c=cursor: ledger.find_entries(
                db, owner_id=owner_id, filters=EntryFilter(), cursor=c))
            cursor = page.next_cursor if page else None


def _p95(values: list[float]) -> float:
    return statistics.quantiles(values, n=20)[-1]


def _sessions(db: Database, owners: list[int]) -> tuple[_Timings, float]:
    """Run every owner's rounds at once, one thread each; their timings and the wall seconds."""
    timings, start = _Timings(), threading.Barrier(len(owners) + 1)
    threads = [threading.Thread(target=_owner_session, args=(db, owner_id, timings, start)) for owner_id in owners]
    for thread in threads:
        thread.start()
    start.wait()
    began = time.perf_counter()
    for thread in threads:
        thread.join()
    return timings, time.perf_counter() - began


def _rows(label: str, timings: _Timings, seconds: float) -> list[list[object]]:
    rows = []
    for operation, values in timings.ms.items():
        target = SUMMARY_P95_TARGET_MS if operation == "summary" and label != "one owner alone" else None
        rows.append([label, operation, f"{len(values):,}", f"{len(values) / seconds:,.0f}/s",
                     statistics.median(values), _p95(values), len(timings.errors),
                     f"p95 < {target:.0f}" if target else "-", verdict(_p95(values), target) if target else "-"])
    return rows


def run(db: Database) -> None:
    started = time.perf_counter()
    owners = _seed_owners(db)
    print(f"\n[postgresql] seeded {OWNERS} owners x {ENTRIES_EACH:,} entries in {time.perf_counter() - started:.1f} s")
    alone, alone_seconds = _sessions(db, owners[:1])
    together, seconds = _sessions(db, owners)
    print_table(f"{OWNERS} owners at once on PostgreSQL, {ROUNDS} rounds each of a summary and {PAGES} ledger pages, "
                f"one process (ms)", ["run", "operation", "calls", "throughput", "median", "p95", "errors", "target",
                                      "verdict"],
                _rows("one owner alone", alone, alone_seconds) + _rows(f"{OWNERS} owners at once", together, seconds))
    for error in (alone.errors + together.errors)[:5]:
        print(f"error: {error}")


def main() -> None:
    passwords.ROUNDS = 4  # sign-up is not what is measured
    with postgres_database() as db:
        if db is not None:
            run(db)
