"""The ledger's common views use an index on PostgreSQL, read from EXPLAIN (not timed: that is benchmarks/).

One owner with 30,000 expenses over five years and 40 categories beside two smaller neighbours, ANALYZEd,
so the planner chooses as it would in production: a page (the first, one by cursor, a period, two
categories) walks the (user_id, date) index backwards with the LIMIT, a page sorted by amount walks the
(user_id, amount, id) index, and the count and total of a category filter read the rollup's primary key
instead of the entries.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Iterator
from decimal import Decimal

import pytest
from sqlalchemy import Select, text

from fintrack.db.engine import Database
from fintrack.db.models import CategoryMonth
from fintrack.filters import EntryFilter
from fintrack.paging import Cursor
from fintrack.repository import entries as entries_repo
from fintrack.repository import rollups, view_totals
from tests.conftest import own_database

OWNER, ROWS = 1, 30_000
DATE_INDEX = "ix_expenses_user_id_date"
AMOUNT_INDEX = "ix_expenses_user_id_amount_id"
TWO_CATEGORIES = EntryFilter(categories=("Category 3", "Category 7"))


@pytest.fixture(scope="module")
def books(sqlite_template: str, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Database]:
    with own_database("postgresql", sqlite_template, tmp_path_factory.mktemp("plans"), "fintrack_plans") as url:
        db = Database.from_url(url)
        with db.transaction() as session:
            for owner, rows in ((OWNER, ROWS), (2, ROWS // 5), (3, ROWS // 5)):
                _seed(session, owner, rows)
            rollups.rebuild(session)
        with db.bind.connect() as connection:
            connection.execute(text("ANALYZE"))
            connection.commit()
        yield db
        db.bind.dispose()


def _seed(session, owner: int, rows: int) -> None:  # noqa: ANN001
    session.execute(text("INSERT INTO users (id, email, password_hash, business_name, fiscal_year_start, "
                         "currency_code, locale, created_at) VALUES (:id, :email, 'x', 'Plans', '2000-01-01', 'EUR', "
                         "'en_IE', now())"), {"id": owner, "email": f"plans{owner}@example.com"})
    session.execute(text(
        "INSERT INTO expenses (user_id, date, category, vendor, payment_method, amount) "
        "SELECT :owner, DATE '2021-01-01' + (n * 7919 % 1826), 'Category ' || (n % 40), 'Vendor ' || (n % 300), "
        "'Card', (n * 37 % 250000) / 100.0 FROM generate_series(1, :rows) AS n"), {"owner": owner, "rows": rows})


def scans(db: Database, statement: Select) -> set[tuple[str, str | None]]:
    """(node type, index name) of every scan in the plan PostgreSQL chooses for `statement`."""
    with db.bind.connect() as connection:
        compiled = statement.compile(dialect=connection.dialect, compile_kwargs={"render_postcompile": True})
        plan = connection.exec_driver_sql(f"EXPLAIN (FORMAT JSON) {compiled}", compiled.params).scalar_one()
    [plan] = json.loads(plan) if isinstance(plan, str) else plan  # psycopg parses the json type itself
    return set(_nodes(plan["Plan"]))


def only_through(index: str, used: set[tuple[str, str | None]]) -> bool:
    """True when the plan reads the table through `index` alone: no sequential scan, no other index (a
    Bitmap Heap Scan fetches what its Bitmap Index Scan found)."""
    indexes = {name for _, name in used if name is not None}
    return indexes == {index} and {node for node, _ in used} <= {"Index Scan", "Index Only Scan",
                                                                  "Bitmap Index Scan", "Bitmap Heap Scan"}


def _nodes(node: dict) -> Iterator[tuple[str, str | None]]:
    if "Scan" in node["Node Type"]:
        yield node["Node Type"], node.get("Index Name")
    for child in node.get("Plans", []):
        yield from _nodes(child)


PAGES = {
    "first page": (EntryFilter(), None),
    "page by cursor": (EntryFilter(), Cursor("date_desc", dt.date(2023, 6, 1), 10**9)),
    "period": (EntryFilter(date_from=dt.date(2025, 1, 1), date_to=dt.date(2025, 3, 31)), None),
    "two categories": (TWO_CATEGORIES, None),
    "two categories by cursor": (TWO_CATEGORIES, Cursor("date_desc", dt.date(2023, 6, 1), 10**9)),
}


@pytest.mark.parametrize("view", PAGES)
def test_a_page_of_a_common_view_walks_the_date_index(books, view):
    filters, cursor = PAGES[view]
    used = scans(books, entries_repo.page_query(owner_id=OWNER, filters=filters, limit=50, cursor=cursor))
    assert only_through(DATE_INDEX, used), used


AMOUNT_PAGES = {
    "largest first": (EntryFilter(sort="amount_desc"), None),
    "smallest first by cursor": (EntryFilter(sort="amount_asc"), Cursor("amount_asc", Decimal("1234.56"), 10**9)),
}


@pytest.mark.parametrize("view", AMOUNT_PAGES)
def test_a_page_sorted_by_amount_walks_the_amount_index(books, view):
    filters, cursor = AMOUNT_PAGES[view]
    used = scans(books, entries_repo.page_query(owner_id=OWNER, filters=filters, limit=50, cursor=cursor))
    assert only_through(AMOUNT_INDEX, used), used


def test_the_days_a_rollup_cannot_answer_are_counted_by_the_date_index(books):
    days = EntryFilter(date_from=dt.date(2025, 1, 20), date_to=dt.date(2025, 1, 31), categories=("Category 3",))
    used = scans(books, entries_repo.count_query(owner_id=OWNER, filters=days, few_days=True))
    assert only_through(DATE_INDEX, used), used


def test_the_count_and_total_of_a_category_filter_read_the_rollups_key(books):
    months = (dt.date(2022, 1, 1), dt.date(2025, 12, 1))
    statement = view_totals.cells_query(CategoryMonth, owner_id=OWNER, filters=TWO_CATEGORIES, months=months)
    used = scans(books, statement)
    assert only_through("pk_category_months", used), used
