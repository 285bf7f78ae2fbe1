"""Reports at scale: an owner with 250,000 entries on SQLite and PostgreSQL.

Measures
- the summary (every aggregate of the dashboard for a period and its previous period) for a fiscal year
  starting 6 April (whole months from the monthly rollups, the days of April at both ends from the entries)
  and for five years, as a ratio to the floor: a bare `SELECT SUM(amount)` over the owner's expenses and
  incomes; beside it the same aggregates grouped over the entries, as the summary read them before the
  rollups (target: the summary at most 0.3x the floor), and the rebuild of the rollups from the entries;
- the dashboard workbook end to end (rows streamed from the database): time and tracemalloc peak;
- the two candidate writers on the same 250,000 in-memory rows (dates, text, money formats, a SUM total):
  XlsxWriter constant_memory (what `fintrack.excel` uses) and openpyxl write-only.

Run: `python -m benchmarks reports` (the databases come from `bench_ledger`'s helpers; PostgreSQL is
skipped when unreachable). FINTRACK_BENCH_ENTRIES=10000 makes a quick
check. Another owner's rows (a tenth as many) sit in the same tables, as in real life.
"""

from __future__ import annotations

import datetime as dt
import gc
import io
import os
import random
import statistics
import time
import tracemalloc
from collections.abc import Callable, Iterator
from decimal import Decimal

import openpyxl
import pandas as pd
import sqlalchemy as sa
from openpyxl.cell import WriteOnlyCell
from openpyxl.styles import Font

from benchmarks.bench_ledger import postgres_database, sqlite_database
from fintrack import excel, periods
from fintrack.db.engine import Database
from fintrack.db.models import Expense, Income, User
from fintrack.db.sql import money_sum, month_key
from fintrack.display import Formats
from fintrack.repository import entries
from fintrack.services import exports, reports, rollups

ENTRIES = int(os.environ.get("FINTRACK_BENCH_ENTRIES", "250000"))  # smaller for a quick check
OTHER_OWNER_ENTRIES = ENTRIES // 10
BATCH = 10_000
FIRST_DAY = dt.date(2024, 1, 1)
DAYS = 730
PERIOD = periods.custom(FIRST_DAY, FIRST_DAY + dt.timedelta(days=DAYS - 1))
FORMATS = Formats("de_DE", "EUR")
FISCAL_YEAR_START = dt.date(2000, 4, 6)
SUMMARIES = {"fiscal year FY2025 (6 Apr 2024 - 5 Apr 2025)": periods.fiscal_year(2025, FISCAL_YEAR_START),
             "five years 2021-2025": periods.custom(dt.date(2021, 1, 1), dt.date(2025, 12, 31))}
CATEGORIES = [f"Category {n:02d}" for n in range(40)]
PARTIES = [f"Party {n:03d}" for n in range(300)]


def _rows(owner_id: int, count: int, seed: int, party: str) -> Iterator[list[dict]]:
    rng = random.Random(seed)
    batch: list[dict] = []
    for _ in range(count):
        batch.append({"user_id": owner_id, "date": FIRST_DAY + dt.timedelta(days=rng.randrange(DAYS)),
                      "category": rng.choice(CATEGORIES), party: rng.choice(PARTIES), "payment_method": "Card",
                      "amount": Decimal(rng.randint(1, 250_000)) / 100,
                      "notes": "benchmark row" if rng.random() < 0.2 else None})
        if len(batch) == BATCH:
            yield batch
            batch = []
    if batch:
        yield batch


def _owner(db: Database, email: str) -> int:
    with db.transaction() as session:
        user = User(email=email, password_hash="x", business_name="Bench Co", fiscal_year_start=FISCAL_YEAR_START,
                    currency_code="EUR")
        session.add(user)
        session.flush()
        return user.id


def _fill(db: Database) -> int:
    """Create the measured owner (250k entries: 80% expenses) and a neighbour, written straight to the tables
    and then counted into the monthly rollups by `rollups rebuild`; returns the owner id."""
    owner, neighbour = _owner(db, "bench@example.com"), _owner(db, "neighbour@example.com")
    plan = ((owner, Expense, "vendor", ENTRIES * 4 // 5, 1), (owner, Income, "client", ENTRIES // 5, 2),
            (neighbour, Expense, "vendor", OTHER_OWNER_ENTRIES, 3))
    for owner_id, model, party, count, seed in plan:
        for batch in _rows(owner_id, count, seed, party):
            with db.transaction() as session:
                session.execute(sa.insert(model), batch)
    started = time.perf_counter()
    cells = rollups.rebuild(db)
    print(f"[{db.dialect}] rollups rebuilt from the entries: {cells:,} cells in {time.perf_counter() - started:.1f} s")
    if db.dialect == "postgresql":  # what autovacuum does after so many inserts: statistics, visibility map
        with db.bind.connect().execution_options(isolation_level="AUTOCOMMIT") as connection:
            connection.execute(sa.text("VACUUM ANALYZE"))
    return owner


def _median_seconds(action: Callable[[], object], repeat: int = 5) -> float:
    timings = []
    for _ in range(repeat):
        started = time.perf_counter()
        action()
        timings.append(time.perf_counter() - started)
    return statistics.median(timings)


def _peak_mib(action: Callable[[], object]) -> float:
    gc.collect()
    tracemalloc.start()
    try:
        action()
        return tracemalloc.get_traced_memory()[1] / 2**20
    finally:
        tracemalloc.stop()


def _floor(db: Database, owner_id: int) -> None:
    with db.bind.connect() as connection:
        for table in ("expenses", "incomes"):
            connection.execute(sa.text(f"SELECT SUM(amount) FROM {table} WHERE user_id = :owner"),  # noqa: S608
                               {"owner": owner_id}).scalar()


def _summary_from_entries(db: Database, owner_id: int, period: periods.Period) -> None:
    """The summary's aggregates grouped over the entries, as it read them before the monthly rollups."""
    before = period.previous()
    with db.transaction() as session:
        for kind in ("expense", "income"):
            table, party = entries.table_for(kind), entries.party_column(kind)
            month, amount = month_key(table.date), money_sum(table.amount)
            mine = (table.user_id == owner_id, table.date.between(period.start, period.end))
            session.execute(sa.select(table.category, month, amount).where(*mine).group_by(table.category, month)).all()
            session.execute(sa.select(party, amount, sa.func.count()).where(*mine, party.is_not(None))
                            .group_by(party).order_by(amount.desc()).limit(10)).all()
            session.execute(sa.select(amount).where(table.user_id == owner_id,
                                                    table.date.between(before.start, before.end))).one()


def _measure_summaries(label: str, db: Database, owner: int) -> None:
    floor = _median_seconds(lambda: _floor(db, owner))
    print(f"[{label}] floor SELECT SUM(amount) x2: {floor * 1000:.0f} ms")
    for name, period in SUMMARIES.items():
        raw = _median_seconds(lambda p=period: _summary_from_entries(db, owner, p))
        summary = _median_seconds(lambda p=period: reports.summary(db, owner_id=owner, period=p))
        print(f"[{label}] summary, {name}: {summary * 1000:.0f} ms ({summary / floor:.2f}x the floor, "
              f"{summary / raw:.2f}x grouped over the entries); grouped over the entries: {raw * 1000:.0f} ms "
              f"({raw / floor:.1f}x the floor)")


def _measure_database(label: str, db: Database) -> None:
    started = time.perf_counter()
    owner = _fill(db)
    print(f"[{label}] inserted {ENTRIES:,} entries (+{OTHER_OWNER_ENTRIES:,} of another owner) in "
          f"{time.perf_counter() - started:.1f} s")
    _measure_summaries(label, db, owner)
    build = lambda: exports.dashboard_workbook(db, owner_id=owner, period=PERIOD)  # noqa: E731
    seconds = _median_seconds(build, repeat=1)
    size = len(build()[1])
    peak = _peak_mib(build)
    print(f"[{label}] dashboard workbook ({ENTRIES:,} rows, {size / 2**20:.1f} MiB file): {seconds:.1f} s, "
          f"tracemalloc peak {peak:.1f} MiB (the file's bytes included)")


# --- the writers on the same rows -----------------------------------------------------------------------


def _frames() -> list[pd.DataFrame]:
    rng = random.Random(7)
    chunks = []
    for _ in range(ENTRIES // 5_000):
        chunks.append(pd.DataFrame({
            "date": [FIRST_DAY + dt.timedelta(days=rng.randrange(DAYS)) for _ in range(5_000)],
            "category": [rng.choice(CATEGORIES) for _ in range(5_000)],
            "party": [rng.choice(PARTIES) for _ in range(5_000)],
            "payment_method": ["Card"] * 5_000,
            "amount": [Decimal(rng.randint(1, 250_000)) / 100 for _ in range(5_000)],
            "notes": [None] * 5_000,
        }))
    return chunks


def _xlsxwriter(chunks: list[pd.DataFrame]) -> bytes:
    sheet = excel.TableSheet("Expenses", exports.entry_columns("expense"), chunks)
    return excel.workbook_bytes([sheet], formats=FORMATS)


def _openpyxl(chunks: list[pd.DataFrame]) -> bytes:
    """The same sheet with openpyxl's write-only mode: typed cells with formats, frozen header, filter, SUM."""
    book = openpyxl.Workbook(write_only=True)
    sheet = book.create_sheet("Expenses")
    columns = exports.entry_columns("expense")
    for letter, column in zip("ABCDEF", columns, strict=True):
        sheet.column_dimensions[letter].width = column.width
    sheet.freeze_panes = "A2"
    money = FORMATS.excel_money_format()
    bold = Font(bold=True)
    header = []
    for column in columns:
        cell = WriteOnlyCell(sheet, value=column.header)
        cell.font = bold
        header.append(cell)
    sheet.append(header)
    rows = 0
    for chunk in chunks:
        for date, category, party, method, amount, notes in chunk.itertuples(index=False, name=None):
            day = WriteOnlyCell(sheet, value=date)
            day.number_format = FORMATS.excel_date_format()
            value = WriteOnlyCell(sheet, value=float(amount))
            value.number_format = money
            sheet.append([day, category, party, method, value, notes])
            rows += 1
    sheet.auto_filter.ref = f"A1:F{rows + 1}"
    sheet.append(["Total", None, None, None, f"=SUM(E2:E{rows + 1})"])
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def _compare_writers() -> None:
    chunks = _frames()
    results = {}
    for name, writer in (("XlsxWriter constant_memory", _xlsxwriter), ("openpyxl write-only", _openpyxl)):
        seconds = _median_seconds(lambda w=writer: w(chunks), repeat=1)
        peak = _peak_mib(lambda w=writer: w(chunks))
        results[name] = seconds
        print(f"[writers] {name}: {seconds:.1f} s, tracemalloc peak {peak:.1f} MiB for {ENTRIES:,} rows")
    fast, slow = results["XlsxWriter constant_memory"], results["openpyxl write-only"]
    print(f"[writers] openpyxl / XlsxWriter time ratio: {slow / fast:.2f}x")


def main() -> None:
    """Print the figures for SQLite, PostgreSQL and the two writers."""
    with sqlite_database() as db:
        _measure_database("sqlite", db)
    with postgres_database() as db:
        if db is not None:
            _measure_database("postgresql", db)
    _compare_writers()


if __name__ == "__main__":
    main()
