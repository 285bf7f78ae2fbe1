"""Ledger paging at scale: one owner with 250,000 expenses, on SQLite and on PostgreSQL.

For each view it times `ledger.find_entries` (COUNT + exact SUM + one page) and compares it with the
database's own floor: the same page fetched by a hand-written `SELECT ... LIMIT` through the raw DB-API
cursor. Run with `python -m benchmarks ledger`; PostgreSQL is skipped when the server is unreachable.
BENCH_LEDGER_ENTRIES and BENCH_LEDGER_DATABASES (e.g. `sqlite`) narrow a run.
"""

from __future__ import annotations

import datetime as dt
import os
import random
import statistics
import tempfile
import time
import uuid
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from decimal import Decimal
from pathlib import Path

from sqlalchemy import create_engine, text
from sqlalchemy.engine import make_url

from fintrack import passwords
from fintrack.categories import DEFAULT_CATEGORIES, DEFAULT_PAYMENT_METHODS
from fintrack.db import migrate
from fintrack.db.engine import Database
from fintrack.filters import EntryFilter
from fintrack.repository import entries as entries_repo
from fintrack.schemas import EntryInput
from fintrack.services import accounts, ledger

ENTRIES = int(os.environ.get("BENCH_LEDGER_ENTRIES", "250000"))
DATABASES = os.environ.get("BENCH_LEDGER_DATABASES", "sqlite,postgresql").split(",")
BATCH = 10_000
REPEATS = 7
PAGE_SIZE = 50
POSTGRES_SERVER = os.environ.get("FINTRACK_TEST_DATABASE_URL", "postgresql+psycopg://postgres@127.0.0.1:5432/postgres")
VENDORS = [f"Vendor {number:03d}" for number in range(300)] + ["GitHub", "Figma", "Landlord Ltd", "Café Rouge"]
FLOOR_SQL = ("SELECT id, date, category, vendor, payment_method, amount, notes FROM expenses "
             "WHERE user_id = {p} ORDER BY date DESC, id DESC LIMIT {limit} OFFSET {offset}")
COUNT_FLOOR_SQL = "SELECT COUNT(*), SUM(amount) FROM expenses WHERE user_id = {p}"


def _entries(count: int, seed: int) -> Iterator[EntryInput]:
    rng, start = random.Random(seed), dt.date(2021, 1, 1)
    categories = DEFAULT_CATEGORIES["expense"]
    for number in range(count):
        yield EntryInput.model_construct(
            kind="expense", date=start + dt.timedelta(days=rng.randrange(5 * 365)),
            category=rng.choice(categories), party=rng.choice(VENDORS),
            payment_method=rng.choice(DEFAULT_PAYMENT_METHODS),
            amount=Decimal(rng.randrange(100, 500_000)) / 100,
            notes=f"invoice {number}" if number % 10 == 0 else None)


def _seed(db: Database, owner_id: int, count: int, seed: int) -> float:
    started, rows = time.perf_counter(), list(_entries(count, seed))
    for first in range(0, count, BATCH):
        with db.transaction() as session:
            entries_repo.insert_many(session, owner_id=owner_id, kind="expense", entries=rows[first:first + BATCH])
    return time.perf_counter() - started


def _owner(db: Database, email: str) -> int:
    return accounts.sign_up(db, {"email": email, "password": "benchmark password", "business_name": "Bench",
                                 "fiscal_year_start": "2000-01-01", "currency_code": "EUR"}).id


def _median_ms(action: Callable[[], object]) -> float:
    action()  # warm the caches once
    timings = []
    for _ in range(REPEATS):
        started = time.perf_counter()
        action()
        timings.append((time.perf_counter() - started) * 1000)
    return statistics.median(timings)


def _views() -> dict[str, tuple[EntryFilter, int]]:
    return {
        "first page, no filter": (EntryFilter(), 1),
        "page 2,000 (offset 99,950)": (EntryFilter(), 2000),
        "this year, 2 categories": (EntryFilter(date_from=dt.date(2025, 1, 1), date_to=dt.date(2025, 12, 31),
                                                categories=("Software", "Travel")), 1),
        "vendor contains 'git'": (EntryFilter(party_contains="git"), 1),
        "vendor contains 'CAFÉ' (not ASCII)": (EntryFilter(party_contains="CAFÉ"), 1),
        "text 'invoice 12'": (EntryFilter(text="invoice 12"), 1),
        "amount 100-200, largest first": (EntryFilter(amount_min=Decimal(100), amount_max=Decimal(200),
                                                      sort="amount_desc"), 1),
    }


def _raw(db: Database, sql: str, owner_id: int) -> Callable[[], object]:
    """Run `sql` through the bare DB-API cursor: the database's own floor for the same work."""
    sql = sql.format(p="?" if db.dialect == "sqlite" else "%s")
    raw = db.bind.raw_connection()

    def fetch() -> object:
        cursor = raw.cursor()
        cursor.execute(sql, (owner_id,))
        rows = cursor.fetchall()
        cursor.close()
        return rows

    return fetch


def _in_transaction(db: Database, call: Callable, **kwargs: object) -> Callable[[], object]:
    def action() -> object:
        with db.transaction() as session:
            return call(session, **kwargs)

    return action


def _figures(db: Database, owner_id: int, filters: EntryFilter, page: int) -> dict[str, float | None]:
    offset, unfiltered = (page - 1) * PAGE_SIZE, filters == EntryFilter()
    page_sql = FLOOR_SQL.format(p="{p}", limit=PAGE_SIZE, offset=offset)
    return {
        "page": _median_ms(_in_transaction(db, entries_repo.page, owner_id=owner_id, filters=filters,
                                           limit=PAGE_SIZE, offset=offset)),
        "count+total": _median_ms(_in_transaction(db, entries_repo.count_and_total, owner_id=owner_id,
                                                  filters=filters)),
        "find_entries": _median_ms(lambda: ledger.find_entries(db, owner_id=owner_id, filters=filters, page=page,
                                                               page_size=PAGE_SIZE)),
        "raw page": _median_ms(_raw(db, page_sql, owner_id)) if unfiltered else None,
        "raw count": _median_ms(_raw(db, COUNT_FLOOR_SQL, owner_id)) if unfiltered else None,
    }


def _row(label: str, count: int, figures: dict[str, float | None]) -> str:
    cells = "".join(f"{value:11.1f}ms" if value is not None else f"{'-':>13}" for value in figures.values())
    floor = figures["raw page"]
    ratio = f"{figures['page'] / floor:12.1f}x" if floor else f"{'-':>13}"
    return f"{label:32} {count:>9,}{cells}{ratio}"


def run(db: Database, name: str) -> None:
    """Seed one big owner (and a small neighbour) in `db`, then time each view."""
    owner_id = _owner(db, f"big-{uuid.uuid4().hex[:8]}@example.com")
    seconds = _seed(db, owner_id, ENTRIES, seed=1)
    _seed(db, _owner(db, f"small-{uuid.uuid4().hex[:8]}@example.com"), ENTRIES // 10, seed=2)
    with db.transaction() as session:
        session.execute(text("ANALYZE"))  # fresh statistics, as autovacuum would gather in production
    print(f"\n[{name}] seeded {ENTRIES:,} entries in {seconds:.1f} s ({ENTRIES / seconds:,.0f} rows/s)")
    headers = ("page", "count+total", "find_entries", "raw page", "raw count", "page/raw")
    print(f"{'view (median of ' + str(REPEATS) + ')':32} {'rows':>9}" + "".join(f"{h:>13}" for h in headers))
    for label, (filters, page) in _views().items():
        count = ledger.find_entries(db, owner_id=owner_id, filters=filters, page_size=PAGE_SIZE).total_count
        print(_row(label, count, _figures(db, owner_id, filters, page)), flush=True)
    started = time.perf_counter()
    size = len(ledger.export_csv(db, owner_id=owner_id, filters=EntryFilter()))
    print(f"CSV export of all {ENTRIES:,} rows: {time.perf_counter() - started:.1f} s, {size / 1e6:.1f} MB")


@contextmanager
def sqlite_database() -> Iterator[Database]:
    with tempfile.TemporaryDirectory() as folder:
        url = f"sqlite:///{Path(folder) / 'bench.db'}"
        migrate.upgrade(url)
        db = Database.from_url(url)
        yield db
        db.bind.dispose()


@contextmanager
def postgres_database() -> Iterator[Database | None]:
    server = make_url(POSTGRES_SERVER)
    name = f"fintrack_bench_{uuid.uuid4().hex[:10]}"
    admin = create_engine(server.set(database="postgres"), isolation_level="AUTOCOMMIT")
    try:
        with admin.connect() as connection:
            connection.execute(text(f'CREATE DATABASE "{name}"'))
    except Exception as exc:  # noqa: BLE001 - no server means no PostgreSQL figures, not a crash
        print(f"\n[postgresql] skipped: {exc.__class__.__name__}: {exc}")
        yield None
        return
    url = server.set(database=name).render_as_string(hide_password=False)
    try:
        migrate.upgrade(url)
        db = Database.from_url(url)
        yield db
        db.bind.dispose()
    finally:
        with admin.connect() as connection:
            connection.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        admin.dispose()


def on_each_database(run: Callable[[Database, str], None]) -> None:
    """`run(db, name)` on a fresh SQLite and a fresh PostgreSQL database (those BENCH_LEDGER_DATABASES names)."""
    passwords.ROUNDS = 4  # sign-up is not what is measured
    if "sqlite" in DATABASES:
        with sqlite_database() as db:
            run(db, "sqlite")
    if "postgresql" in DATABASES:
        with postgres_database() as db:
            if db is not None:
                run(db, "postgresql")


def main() -> None:
    on_each_database(run)
