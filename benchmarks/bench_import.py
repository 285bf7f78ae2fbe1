"""Statement import at scale: a 50,000-row CSV, previewed and committed, on SQLite and PostgreSQL.

Times `imports.preview` (read, guess, parse, duplicate check, category suggestions), `imports.commit`
(validate every row, bulk insert in one transaction) and a second preview of the same file (every row a
duplicate). The floor is the database's own: the same rows inserted by a bare DB-API `executemany`.
Run with `python -m benchmarks import`; PostgreSQL is skipped when the server is unreachable.
"""

from __future__ import annotations

import datetime as dt
import os
import time
import uuid
from collections.abc import Callable
from decimal import Decimal

from benchmarks.bench_ledger import postgres_database, sqlite_database
from fintrack import passwords
from fintrack.db.engine import Database
from fintrack.services import accounts, imports

ROWS = int(os.environ.get("BENCH_IMPORT_ROWS", "50000"))
FLOOR_SQL = ("INSERT INTO expenses (user_id, date, category, vendor, amount, notes) "
             "VALUES ({p}, {p}, {p}, {p}, {p}, {p})")


def statement(rows: int) -> bytes:
    """A bank-style CSV: `;`, decimal comma, day-first dates, three of four rows money out."""
    lines = ["Buchungstag;Auftraggeber/Empfänger;Verwendungszweck;Betrag"]
    start = dt.date(2024, 1, 1)
    for number in range(rows):
        sign = "-" if number % 4 else ""
        day = start + dt.timedelta(days=number % 366)
        lines.append(f"{day:%d.%m.%Y};Vendor {number % 700};Ref {number};{sign}{number % 900 + 1},{number % 100:02d}")
    return "\n".join(lines).encode("cp1252")


def _timed(action: Callable[[], object]) -> tuple[object, float]:
    started = time.perf_counter()
    result = action()
    return result, time.perf_counter() - started


def _owner(db: Database) -> int:
    return accounts.sign_up(db, {"email": f"import-{uuid.uuid4().hex[:8]}@example.com",
                                 "password": "benchmark password", "business_name": "Bench",
                                 "fiscal_year_start": "2000-01-01", "currency_code": "EUR"}).id


def _floor(db: Database, owner_id: int, preview: imports.Preview) -> float:
    """Seconds for a bare `executemany` of the same rows (then rolled back)."""
    sql = FLOOR_SQL.format(p="?" if db.dialect == "sqlite" else "%s")
    params = [(owner_id, row.date, row.category, row.party, row.amount if db.dialect != "sqlite"
               else str(row.amount), row.notes) for row in preview.rows]
    raw = db.bind.raw_connection()
    try:
        cursor = raw.cursor()
        started = time.perf_counter()
        if db.dialect == "sqlite":
            cursor.execute("BEGIN")  # the engine runs pysqlite in autocommit mode; one transaction, as ours
        cursor.executemany(sql, params)
        seconds = time.perf_counter() - started
        raw.rollback()
    finally:
        raw.close()
    return seconds


def run(db: Database, name: str) -> None:
    """Preview, commit and re-preview one big statement; print seconds and rows per second."""
    data, owner_id = statement(ROWS), _owner(db)
    shown, preview_s = _timed(lambda: imports.preview(db, owner_id=owner_id, data=data, filename="big.csv"))
    result, commit_s = _timed(lambda: imports.commit(db, owner_id=owner_id, preview=shown))
    again, again_s = _timed(lambda: imports.preview(db, owner_id=owner_id, data=data, filename="big.csv"))
    floor_s = _floor(db, _owner(db), shown)
    assert result.written == ROWS and again.duplicates == ROWS
    total = result.totals.expenses_total + result.totals.incomes_total
    print(f"\n[{name}] {ROWS:,} rows, {total:,} in total ({Decimal(total) / ROWS:.2f} a row)")
    for label, seconds in (("preview (read, parse, duplicates, categories)", preview_s),
                           ("commit (validate + bulk insert, one transaction)", commit_s),
                           ("preview + commit", preview_s + commit_s),
                           ("preview again (every row a duplicate)", again_s),
                           ("floor: bare DB-API executemany", floor_s)):
        print(f"  {label:50} {seconds:7.2f} s {ROWS / seconds:12,.0f} rows/s")
    print(f"  commit / floor: {commit_s / floor_s:.1f}x", flush=True)


def main() -> None:
    passwords.ROUNDS = 4  # sign-up is not what is measured
    for name, open_database in (("sqlite", sqlite_database), ("postgresql", postgres_database)):
        with open_database() as db:
            if db is not None:  # None: no PostgreSQL server reachable
                run(db, name)


if __name__ == "__main__":
    main()
