"""On PostgreSQL the dashboard summary reads the entries only by index-only scans of the (user_id, date) index,
read from EXPLAIN ANALYZE (not timed: that is benchmarks/).

The whole months come from the rollups; the days of the months a period starts or ends inside come from the
entries, and the index carries the amount, category and vendor or client (migration 0010), so those reads never
fetch a row from the table. Two owners' expenses and incomes, 20,000 of each kind apiece, written out of date
order (as an import or a backfill writes them), then VACUUM ANALYZE as autovacuum would: the planner sees the
statistics and the visibility map it would see in production.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Callable, Iterator

import pytest
from sqlalchemy import event, text

from fintrack import periods
from fintrack.db.engine import Database
from fintrack.filters import EntryFilter
from fintrack.repository import rollups, view_totals
from fintrack.services import reports
from fintrack.services.summary_cache import SIZE, LruCache
from tests.conftest import own_database

OWNER, ROWS = 1, 40_000  # every other row is the neighbour's
ENTRIES = {"expenses": "vendor", "incomes": "client"}
FISCAL_YEAR = periods.fiscal_year(2024, dt.date(2000, 4, 6))  # 6 April 2023 - 5 April 2024: days at both ends
LATER = dt.date(2030, 1, 1)


@pytest.fixture(scope="module")
def books(sqlite_template: str, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Database]:
    with own_database("postgresql", sqlite_template, tmp_path_factory.mktemp("report_plans"),
                      "fintrack_report_plans") as url:
        db = Database.from_url(url)
        with db.transaction() as session:
            for owner in (OWNER, OWNER + 1):
                session.execute(text(
                    "INSERT INTO users (id, email, password_hash, business_name, fiscal_year_start, currency_code, "
                    "locale, created_at) VALUES (:id, :email, 'x', 'Plans', '2000-04-06', 'EUR', 'en_IE', now())"),
                    {"id": owner, "email": f"report-plans{owner}@example.com"})
            for table, party in ENTRIES.items():
                session.execute(text(
                    f"INSERT INTO {table} (user_id, date, category, {party}, payment_method, amount) "  # noqa: S608
                    "SELECT 1 + n % 2, DATE '2021-01-01' + (n * 7919 % 1826), 'Category ' || (n % 40), "
                    "'Party ' || (n % 300), 'Card', (n * 37 % 250000) / 100.0 FROM generate_series(1, :rows) AS n"),
                    {"rows": ROWS})
            rollups.rebuild(session)
        with db.bind.connect().execution_options(isolation_level="AUTOCOMMIT") as connection:
            connection.execute(text("VACUUM ANALYZE"))
        yield db
        db.bind.dispose()


def _issued(db: Database, action: Callable[[], object]) -> list[tuple[str, dict]]:
    """The statements (with their parameters) `action` sends to the database."""
    sent: list[tuple[str, dict]] = []

    def record(connection, cursor, statement, parameters, context, executemany) -> None:  # noqa: ANN001, ARG001
        sent.append((statement, parameters))

    event.listen(db.bind, "before_cursor_execute", record)
    try:
        action()
    finally:
        event.remove(db.bind, "before_cursor_execute", record)
    return sent


def _entry_scans(db: Database, statement: str, parameters: dict) -> Iterator[tuple[str, str, str | None, int]]:
    """(table, node type, index, heap fetches) of every scan of expenses or incomes PostgreSQL runs for it."""
    with db.bind.connect() as connection:
        plan = connection.exec_driver_sql(f"EXPLAIN (ANALYZE, FORMAT JSON) {statement}", parameters).scalar_one()
    [plan] = json.loads(plan) if isinstance(plan, str) else plan
    nodes = [plan["Plan"]]
    while nodes:
        node = nodes.pop()
        nodes.extend(node.get("Plans", []))
        if node.get("Relation Name") in ENTRIES:
            yield node["Relation Name"], node["Node Type"], node.get("Index Name"), node.get("Heap Fetches", -1)


@pytest.fixture
def cold(monkeypatch: pytest.MonkeyPatch) -> None:
    """No summary kept in memory from another test: the summary runs its queries."""
    monkeypatch.setattr(reports, "SUMMARIES", LruCache(SIZE))


def test_the_summary_reads_the_days_around_its_whole_months_by_index_only_scans(books, cold):
    statements = _issued(books, lambda: reports.summary(books, owner_id=OWNER, period=FISCAL_YEAR, today=LATER))
    scans = {scan for statement in statements for scan in _entry_scans(books, *statement)}
    assert scans == {("expenses", "Index Only Scan", "ix_expenses_user_id_date", 0),
                     ("incomes", "Index Only Scan", "ix_incomes_user_id_date", 0)}


def test_the_summary_of_a_fiscal_year_is_a_few_statements_then_one_while_the_books_hold(books, cold):
    """The owner's books stamp, then the category-month grid, the previous period's totals and the top parties,
    each for both kinds with the days of both ends, and the assets: one statement each, however the period
    falls. Asked again with the books unchanged, only the stamp is read."""
    def ask() -> list[str]:
        sent = _issued(books, lambda: reports.summary(books, owner_id=OWNER, period=FISCAL_YEAR, today=LATER))
        return [sql for sql, _ in sent if sql.lstrip().upper().startswith("SELECT")]

    first, again = ask(), ask()
    assert len(first) == 5 and "books_stamps" in first[0]
    assert again == first[:1]


def test_the_ledgers_count_and_total_of_a_category_read_the_days_by_index_only_scans(books):
    view = EntryFilter(date_from=dt.date(2023, 4, 6), date_to=dt.date(2024, 4, 5), categories=("Category 3",))

    def count() -> None:
        with books.transaction() as session:
            view_totals.count_and_total(session, owner_id=OWNER, filters=view)

    scans = {scan for statement in _issued(books, count) for scan in _entry_scans(books, *statement)}
    assert scans == {("expenses", "Index Only Scan", "ix_expenses_user_id_date", 0)}
