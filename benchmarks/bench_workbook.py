"""The ledger's workbook at 250,000 entries, streamed from the database, against the writer alone.

The service fetches the rows in chunks (`yield_per`: a server-side cursor on PostgreSQL) straight into
XlsxWriter's constant-memory mode, so its peak memory stays near the writer's own: the same rows, already
in memory as the same chunks, written by `fintrack.excel` with nothing fetched (its peak counts only what
writing allocates). Target: the service's tracemalloc peak <= 1.3x the writer's. Both peaks include the
finished file's bytes. Also the progress reports the screen's bar receives. Run with
`python -m benchmarks workbook`; BENCH_LEDGER_ENTRIES and BENCH_LEDGER_DATABASES narrow a run.
"""

from __future__ import annotations

import gc
import time
import tracemalloc
from collections.abc import Callable

from benchmarks.bench_ledger import ENTRIES, _owner, _seed, on_each_database
from benchmarks.tables import print_table, verdict
from fintrack import excel, kinds
from fintrack.db.engine import Database
from fintrack.excel import SummarySheet, TableSheet
from fintrack.filters import EntryFilter
from fintrack.repository import entries as entries_repo
from fintrack.services import accounts, exports

PEAK_RATIO_TARGET = 1.3


def _measured(action: Callable[[], object]) -> tuple[float, float]:
    """(seconds, tracemalloc peak in MiB) of `action`: one run timed, then one traced (tracing slows it)."""
    started = time.perf_counter()
    action()
    seconds = time.perf_counter() - started
    gc.collect()
    tracemalloc.start()
    try:
        action()
        return seconds, tracemalloc.get_traced_memory()[1] / 2**20
    finally:
        tracemalloc.stop()


def run(db: Database, name: str) -> None:
    owner_id = _owner(db, f"workbook-{name}@example.com")
    print(f"\n[{name}] seeding {ENTRIES:,} expenses: {_seed(db, owner_id, ENTRIES, seed=1):.1f} s")
    formats, filters = accounts.get_owner(db, owner_id=owner_id).formats, EntryFilter()
    reports: list[float] = []
    build = lambda: exports.ledger_workbook(db, owner_id=owner_id, filters=filters, progress=reports.append)  # noqa: E731
    build()  # warm the caches and imports once, so the traced run counts only the build itself
    reports.clear()
    service = _measured(build)
    with db.transaction() as session:
        chunks = list(entries_repo.frame_for_export(session, owner_id=owner_id, filters=filters))
    columns = (exports.ID_COLUMN, *exports.entry_columns("expense"))
    writer = _measured(lambda: excel.workbook_bytes(
        [SummarySheet(facts=(("Entries", kinds.of("expense").heading),), name="Filters"),
         TableSheet("Expenses", columns, chunks)], formats=formats))
    ratio = service[1] / writer[1]
    print_table(f"Ledger workbook on {name}, {ENTRIES:,} entries (one run each)",
                ["build", "seconds", "tracemalloc peak (MiB)", "peak / writer's", "target", "verdict"],
                [["service: streamed from the database", service[0], service[1], f"{ratio:.2f}x",
                  f"<= {PEAK_RATIO_TARGET}x", verdict(ratio, PEAK_RATIO_TARGET)],
                 ["writer alone: the same rows already in memory", writer[0], writer[1], "1.00x", "-", "-"]])
    print(f"\nprogress reports per build: {len(reports) // 2}, first {reports[0]:.3f}, last {reports[-1]:.1f}")


def main() -> None:
    on_each_database(run)
