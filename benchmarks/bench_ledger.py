"""Ledger paging at scale: one owner with 250,000 expenses, on SQLite and on PostgreSQL.

For each view it times `ledger.find_entries` (count + exact total + one page by keyset cursor), the page
alone and the count and total alone (from the monthly rollups where the filter allows), each beside its
floor: the same page SQL, and the raw `COUNT(*), SUM(amount)` over the entries, through the bare DB-API
cursor. Page 2,000 is reached by its cursor (found once with OFFSET as set-up). Run with
`python -m benchmarks ledger`; PostgreSQL is skipped when the server is unreachable.
BENCH_LEDGER_ENTRIES and BENCH_LEDGER_DATABASES (e.g. `sqlite`) narrow a run.
"""

from __future__ import annotations

import datetime as dt
import os
import random
import tempfile
import time
import uuid
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from decimal import Decimal
from pathlib import Path

from sqlalchemy import Select, create_engine, text
from sqlalchemy.engine import make_url

from benchmarks.tables import REPEATS, median_ms, print_table
from fintrack import paging, passwords
from fintrack.categories import DEFAULT_CATEGORIES, DEFAULT_PAYMENT_METHODS
from fintrack.db import migrate
from fintrack.db.engine import Database
from fintrack.filters import EntryFilter
from fintrack.paging import Cursor
from fintrack.repository import entries as entries_repo
from fintrack.repository import view_totals
from fintrack.schemas import EntryInput, EntryKind
from fintrack.services import accounts, ledger

ENTRIES = int(os.environ.get("BENCH_LEDGER_ENTRIES", "250000"))
DATABASES = os.environ.get("BENCH_LEDGER_DATABASES", "sqlite,postgresql").split(",")
BATCH = 10_000
PAGE_SIZE = 50
FIRST_DAY = dt.date(2021, 1, 1)
PAGE_TARGET_MS = {"postgresql": 20.0, "sqlite": 40.0}  # a page of a filtered view, count and total included
COUNT_TARGET_MS = 20.0  # the count and total of a period or category filter (monthly rollups)
POSTGRES_SERVER = os.environ.get("FINTRACK_TEST_DATABASE_URL", "postgresql+psycopg://postgres@127.0.0.1:5432/postgres")
VENDORS = [f"Vendor {number:03d}" for number in range(300)] + ["GitHub", "Figma", "Landlord Ltd", "Café Rouge"]


def _entries(count: int, seed: int, kind: EntryKind, first_day: dt.date) -> Iterator[EntryInput]:
    rng = random.Random(seed)
    categories = DEFAULT_CATEGORIES[kind]
    for number in range(count):
        yield EntryInput.model_construct(
            kind=kind, date=first_day + dt.timedelta(days=rng.randrange(5 * 365)),
            category=rng.choice(categories), party=rng.choice(VENDORS),
            payment_method=rng.choice(DEFAULT_PAYMENT_METHODS),
            amount=Decimal(rng.randrange(100, 500_000)) / 100,
            notes=f"invoice {number}" if number % 10 == 0 else None)


def _seed(db: Database, owner_id: int, count: int, seed: int, *, kind: EntryKind = "expense",
          first_day: dt.date = FIRST_DAY) -> float:
    """Add `count` entries of `kind` over five years from `first_day` through the repository (so the monthly
    rollups count them); returns the seconds it took."""
    started, rows = time.perf_counter(), list(_entries(count, seed, kind, first_day))
    for first in range(0, count, BATCH):
        with db.transaction() as session:
            entries_repo.insert_many(session, owner_id=owner_id, kind=kind, entries=rows[first:first + BATCH])
    return time.perf_counter() - started


def _owner(db: Database, email: str) -> int:
    return accounts.sign_up(db, {"email": email, "password": "benchmark password", "business_name": "Bench",
                                 "fiscal_year_start": "2000-01-01", "currency_code": "EUR"}).id


def _views() -> dict[str, tuple[EntryFilter, int, bool]]:
    """label: (filters, page number, whether the paging targets apply)."""
    whole_years = EntryFilter(date_from=dt.date(2021, 1, 1), date_to=dt.date(2024, 12, 31))
    return {
        "no filter, page 1": (EntryFilter(), 1, True),
        "no filter, page 2,000": (EntryFilter(), 2000, True),
        "2021-2024 (whole months), page 1": (whole_years, 1, True),
        "2021-2024 (whole months), page 2,000": (whole_years, 2000, True),
        "15 Mar-14 Sep 2025, 2 categories, page 1": (EntryFilter(
            date_from=dt.date(2025, 3, 15), date_to=dt.date(2025, 9, 14), categories=("Software", "Travel")), 1, True),
        "category Software, page 100": (EntryFilter(categories=("Software",)), 100, True),
        "vendor contains 'git'": (EntryFilter(party_contains="git"), 1, False),
        "vendor contains 'CAFÉ' (not ASCII)": (EntryFilter(party_contains="CAFÉ"), 1, False),
        "text 'invoice 12'": (EntryFilter(text="invoice 12"), 1, False),
        "amount 100-200, largest first, page 10": (EntryFilter(amount_min=Decimal(100), amount_max=Decimal(200),
                                                               sort="amount_desc"), 10, False),
    }


def _raw(db: Database, statement: Select) -> Callable[[], object]:
    """Run `statement` as SQL text through the bare DB-API cursor: the database's own floor for that work."""
    compiled = statement.compile(dialect=db.bind.dialect, compile_kwargs={"render_postcompile": True})
    if db.dialect == "sqlite":  # qmark parameters, and sqlite3 binds no Decimal
        params = tuple(float(value) if isinstance(value, Decimal) else value
                       for value in (compiled.params[name] for name in compiled.positiontup))
    else:
        params = compiled.params
    raw = db.bind.raw_connection()

    def fetch() -> object:
        cursor = raw.cursor()
        cursor.execute(str(compiled), params)
        rows = cursor.fetchall()
        cursor.close()
        return rows

    return fetch


def _cursor_of_page(db: Database, owner_id: int, filters: EntryFilter, page: int, rows: int) -> str | None:
    """The cursor that leads to `page`, or to the last page of a smaller view (found once with OFFSET, as
    benchmark set-up only)."""
    before = min((page - 1) * PAGE_SIZE, (rows - 1) // PAGE_SIZE * PAGE_SIZE)
    if before <= 0:
        return None
    statement = entries_repo.filtered(owner_id=owner_id, filters=filters).offset(before - 1).limit(1)
    with db.transaction() as session:
        row = session.execute(statement).mappings().one()
    return Cursor(filters.sort, row[paging.sort_column(filters.sort)], row["id"]).encode()


def _figures(db: Database, owner_id: int, filters: EntryFilter, page: int, rows: int) -> dict[str, float]:
    token = _cursor_of_page(db, owner_id, filters, page, rows)
    cursor = paging.decode(token, sort=filters.sort) if token else None
    page_sql = entries_repo.page_query(owner_id=owner_id, filters=filters, limit=PAGE_SIZE, cursor=cursor)
    return {
        "find_entries": median_ms(lambda: ledger.find_entries(db, owner_id=owner_id, filters=filters, cursor=token,
                                                              page_size=PAGE_SIZE)),
        "page": median_ms(_in_transaction(db, entries_repo.page, owner_id=owner_id, filters=filters,
                                          limit=PAGE_SIZE, cursor=cursor)),
        "raw page SQL": median_ms(_raw(db, page_sql)),
        "count+total": median_ms(_in_transaction(db, view_totals.count_and_total, owner_id=owner_id,
                                                 filters=filters)),
        "raw COUNT+SUM": median_ms(_raw(db, entries_repo.count_query(owner_id=owner_id, filters=filters))),
    }


def _in_transaction(db: Database, call: Callable, **kwargs: object) -> Callable[[], object]:
    def action() -> object:
        with db.transaction() as session:
            return call(session, **kwargs)

    return action


def _target_cells(name: str, figures: dict[str, float], targeted: bool) -> list[object]:
    if not targeted:
        return ["-", "-"]
    page_target = PAGE_TARGET_MS[name]
    met = figures["find_entries"] < page_target and figures["count+total"] < COUNT_TARGET_MS
    return [f"page < {page_target:.0f}, count < {COUNT_TARGET_MS:.0f}", "ok" if met else "MISSED"]


def run(db: Database, name: str) -> None:
    """Seed one big owner (and a small neighbour) in `db`, then time each view."""
    owner_id = _owner(db, f"big-{uuid.uuid4().hex[:8]}@example.com")
    seconds = _seed(db, owner_id, ENTRIES, seed=1)
    _seed(db, _owner(db, f"small-{uuid.uuid4().hex[:8]}@example.com"), ENTRIES // 10, seed=2)
    with db.transaction() as session:
        session.execute(text("ANALYZE"))  # fresh statistics, as autovacuum would gather in production
    print(f"\n[{name}] seeded {ENTRIES:,} entries in {seconds:.1f} s ({ENTRIES / seconds:,.0f} rows/s)")
    rows = []
    for label, (filters, page, targeted) in _views().items():
        count = ledger.find_entries(db, owner_id=owner_id, filters=filters, page_size=PAGE_SIZE).total_count
        figures = _figures(db, owner_id, filters, page, count)
        rows.append([label, f"{count:,}", *figures.values(), *_target_cells(name, figures, targeted)])
    print_table(f"Ledger views on {name}, {ENTRIES:,} entries (median of {REPEATS} runs, ms; floors are the "
                "same SQL through the bare DB-API cursor)",
                ["view", "rows", "find_entries", "page", "raw page SQL", "count+total", "raw COUNT+SUM",
                 "target (ms)", "verdict"], rows)
    started = time.perf_counter()
    size = len(ledger.export_csv(db, owner_id=owner_id, filters=EntryFilter()))
    print(f"\nCSV export of all {ENTRIES:,} rows: {time.perf_counter() - started:.1f} s, {size / 1e6:.1f} MB")


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
