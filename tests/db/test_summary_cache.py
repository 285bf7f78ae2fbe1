"""The summary kept in memory (`fintrack.services.summary_cache`) on both databases: served again only while
the owner's books are as they were, whichever write changed them and whichever app server ran it.

Each write is checked the same way: the summary asked after it equals one computed with nothing in memory,
and differs from the one before it.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from decimal import Decimal

import pytest
import sqlalchemy as sa
from hypothesis import HealthCheck, given, settings
from sqlalchemy import event

from fintrack import periods
from fintrack.db.engine import Database
from fintrack.db.models import BooksStamp, Expense
from fintrack.repository import entries as entries_repo
from fintrack.schemas import EntryInput
from fintrack.services import accounts, assets, categories, ledger, reports, rollups
from fintrack.services.summary_cache import SIZE, LruCache
from tests.db.test_rollup_properties import OPERATIONS, Books

D = dt.date
TODAY = D(2026, 6, 30)
YEAR = periods.fiscal_year(2026, D(2000, 1, 1))


def _summary(db: Database, owner_id: int) -> reports.Summary:
    return reports.summary(db, owner_id=owner_id, period=YEAR, today=TODAY)


def _figures(summary: reports.Summary) -> tuple:
    """What the owner sees of a summary, as plain values."""
    frames = ("monthly", "income_by_category_month", "expenses_by_category_month", "income_by_category",
              "expenses_by_category", "top_clients", "top_vendors", "assets_by_type")
    return (summary.current, summary.previous,
            *(tuple(getattr(summary, name).itertuples(index=False)) for name in frames))


@contextmanager
def _nothing_in_memory() -> Iterator[None]:
    kept = reports.SUMMARIES
    reports.SUMMARIES = LruCache(SIZE)
    try:
        yield
    finally:
        reports.SUMMARIES = kept


def _selects(db: Database, action: Callable[[], object]) -> int:
    sent: list[str] = []

    def record(_conn, _cursor, statement, *_) -> None:  # noqa: ANN001 - event API
        sent.append(statement)

    event.listen(db.bind, "before_cursor_execute", record)
    try:
        action()
    finally:
        event.remove(db.bind, "before_cursor_execute", record)
    return sum(statement.lstrip().upper().startswith("SELECT") for statement in sent)


def _expense(db: Database, owner_id: int, amount: str = "40.00", category: str = "Travel") -> ledger.Entry:
    return ledger.add_entry(db, owner_id=owner_id, data={
        "kind": "expense", "date": D(2026, 3, 2), "category": category, "party": "Rail Co", "amount": amount})


def _add_raw_and_rebuild_everyone(db: Database, owner_id: int) -> None:
    with db.transaction() as session:  # a row written past the repository, then every owner recounted
        session.execute(sa.insert(Expense).values(user_id=owner_id, date=D(2026, 4, 1), category="Rent",
                                                  vendor="Landlord", amount="900.00"))
    rollups.rebuild(db)


WRITES: dict[str, Callable[[Database, int, ledger.Entry, assets.Asset], object]] = {
    "add an entry": lambda db, owner_id, entry, asset: _expense(db, owner_id, "12.34"),
    "change an entry": lambda db, owner_id, entry, asset: ledger.update_entry(
        db, owner_id=owner_id, kind="expense", entry_id=entry.id, data={**entry.as_form(), "amount": "41.00"}),
    "delete an entry": lambda db, owner_id, entry, asset: ledger.delete_entries(
        db, owner_id=owner_id, kind="expense", entry_ids=[entry.id]),
    "rename a category": lambda db, owner_id, entry, asset: categories.rename_category(
        db, owner_id=owner_id, kind="expense", old="Travel", new="Trips"),
    "add an asset": lambda db, owner_id, entry, asset: assets.add_asset(db, owner_id=owner_id, data={
        "name": "Van", "acquisition_date": "2026-02-01", "value": "8000", "type": "Vehicles"}),
    "change an asset": lambda db, owner_id, entry, asset: assets.update_asset(
        db, owner_id=owner_id, asset_id=asset.id, data={**asset.as_form(), "value": "1000"}),
    "delete an asset": lambda db, owner_id, entry, asset: assets.delete_asset(db, owner_id=owner_id, asset_id=asset.id),
    "recount every owner": lambda db, owner_id, entry, asset: _add_raw_and_rebuild_everyone(db, owner_id),
}


@pytest.fixture
def books(db: Database, owner: accounts.Owner) -> tuple[ledger.Entry, assets.Asset]:
    entry = _expense(db, owner.id)
    laptop = assets.add_asset(db, owner_id=owner.id, data={
        "name": "Laptop", "acquisition_date": "2026-01-15", "value": "1499", "type": "Equipment"})
    return entry, laptop


@pytest.mark.parametrize("write", WRITES)
def test_every_write_to_the_books_is_seen_by_the_next_summary(db, owner, books, write):
    before = _figures(_summary(db, owner.id))
    assert _selects(db, lambda: _summary(db, owner.id)) == 1  # served from memory: only the stamp is read

    WRITES[write](db, owner.id, *books)

    after = _figures(_summary(db, owner.id))
    with _nothing_in_memory():
        assert after == _figures(_summary(db, owner.id))
    assert after != before


def test_a_write_that_fails_leaves_the_books_and_what_is_served_as_they_were(db, owner, books):
    before = _figures(_summary(db, owner.id))
    entry = EntryInput(kind="expense", date=D(2026, 3, 3), category="Travel", amount=Decimal("99.00"))
    with pytest.raises(ConnectionError), db.transaction() as session:
        entries_repo.insert(session, owner_id=owner.id, entry=entry)  # the entry, its cells and a new stamp
        raise ConnectionError("the connection dropped before the commit")
    assert _selects(db, lambda: _summary(db, owner.id)) == 1
    assert _figures(_summary(db, owner.id)) == before


def test_each_owner_and_each_period_is_kept_apart(db, owner, make_owner, books):
    other = make_owner()
    _expense(db, other.id, "5.00")
    mine, theirs = _summary(db, owner.id), _summary(db, other.id)
    assert (mine.current.expenses, theirs.current.expenses) == (Decimal("40.00"), Decimal("5.00"))
    earlier = reports.summary(db, owner_id=owner.id, period=periods.fiscal_year(2025, D(2000, 1, 1)), today=TODAY)
    assert earlier.current.expenses == 0 and _summary(db, owner.id).current.expenses == Decimal("40.00")


def test_a_caller_that_changes_a_frame_does_not_change_the_next_callers(db, owner, books):
    first = _summary(db, owner.id)
    first.expenses_by_category.loc[0, "amount"] = 0
    first.monthly.drop(first.monthly.index, inplace=True)
    again = _summary(db, owner.id)
    assert again.expenses_by_category["amount"].tolist() == [Decimal("40.00")] and len(again.monthly) == 6


def test_an_owner_without_a_stamp_is_summed_every_time(db, owner, books):
    with db.transaction() as session:
        session.execute(sa.delete(BooksStamp).where(BooksStamp.user_id == owner.id))
    assert _selects(db, lambda: _summary(db, owner.id)) == 5
    assert _selects(db, lambda: _summary(db, owner.id)) == 5


def test_a_write_on_another_app_server_is_seen_at_once(app_db):
    owner = accounts.sign_up(app_db, {"email": "two-servers@example.com", "password": "correct horse battery",
                                      "business_name": "Two Servers", "fiscal_year_start": D(2000, 1, 1),
                                      "currency_code": "EUR"})
    _expense(app_db, owner.id)
    assert _summary(app_db, owner.id).current.expenses == Decimal("40.00")
    other_server = Database.from_url(app_db.bind.url.render_as_string(hide_password=False))
    try:
        _expense(other_server, owner.id, "2.50")
    finally:
        other_server.bind.dispose()
    assert _summary(app_db, owner.id).current.expenses == Decimal("42.50")


SPANS = (periods.custom(D(2025, 12, 1), D(2026, 3, 31)), periods.custom(D(2025, 12, 15), D(2026, 3, 5)))


@settings(max_examples=10, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(operations=OPERATIONS)
def test_under_random_write_sequences_what_is_served_equals_a_summary_computed_afresh(db, make_owner, operations):
    """The rollup property test's random adds, edits, deletes, moves and renames: before each, every span's
    summary is kept in memory; after it, what is served equals a summary computed with nothing in memory."""
    books = Books(db, make_owner())
    books.open_savings()
    assets.add_asset(db, owner_id=books.owner.id, data={  # a write: the books have a stamp from here on
        "name": "Desk", "acquisition_date": "2025-12-02", "value": "300", "type": "Furniture"})

    def served() -> list[tuple]:
        return [_figures(reports.summary(db, owner_id=books.owner.id, period=span, today=D(2026, 3, 31)))
                for span in SPANS]

    for name, *arguments in operations:
        served()
        getattr(books, name)(*arguments)
        after = served()
        with _nothing_in_memory():
            assert after == served(), name
