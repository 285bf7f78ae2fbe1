"""Keyset paging of the ledger on SQLite and PostgreSQL: pages by cursor, never OFFSET, and the count and
total of a view from the monthly rollups where its filters allow."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest

from fintrack import paging
from fintrack.errors import ValidationError
from fintrack.filters import EntryFilter
from fintrack.repository import entries as entries_repo
from fintrack.repository import view_totals
from fintrack.schemas import EntryInput
from fintrack.services import ledger

SORTS = ["date_desc", "date_asc", "amount_desc", "amount_asc"]


def book(db, owner, count: int, *, first_day=dt.date(2025, 5, 1), kind="expense") -> list[EntryInput]:
    """`count` entries with many ties on date and on amount, over a few months and categories."""
    entries = [EntryInput(kind=kind, date=first_day + dt.timedelta(days=(n * 7) % 45), category=("Rent", "Travel",
                          "Software")[n % 3], party=("Café Rouge", "GitHub", None)[n % 3 - (n % 5 == 0)],
                          payment_method=("Card", "Cash")[n % 2], amount=Decimal(1 + n % 4) + Decimal("0.25"))
               for n in range(count)]
    with db.transaction() as session:
        entries_repo.insert_many(session, owner_id=owner.id, kind=kind, entries=entries)
    return entries


def in_order(db, owner, filters: EntryFilter) -> list[int]:
    """Every id of the view, ordered in Python by (sort key, id): what the pages must add up to."""
    rows = ledger.find_entries(db, owner_id=owner.id, filters=EntryFilter(kind=filters.kind), page_size=250).frame
    column = paging.sort_column(filters.sort)
    kept = [row for row in rows.to_dict("records") if _matches(row, filters)]
    kept.sort(key=lambda row: (row[column], row["id"]), reverse=filters.sort.endswith("_desc"))
    return [int(row["id"]) for row in kept]


def _matches(row: dict, filters: EntryFilter) -> bool:
    return ((filters.date_from is None or row["date"] >= filters.date_from)
            and (filters.date_to is None or row["date"] <= filters.date_to)
            and (not filters.categories or row["category"] in filters.categories)
            and (filters.party_contains is None or filters.party_contains.casefold() in _text(row["party"]).casefold())
            and (filters.payment_method is None or row["payment_method"] == filters.payment_method))


def _text(value: object) -> str:
    return value if isinstance(value, str) else ""  # a missing vendor is NaN in the frame


def walk(db, owner, filters: EntryFilter, size: int, *, start: str | None = None, backwards: bool = False):
    """Follow next (or previous) cursors to the end; returns the pages' ids and the last page read."""
    pages, cursor = [], start
    while True:
        page = ledger.find_entries(db, owner_id=owner.id, filters=filters, cursor=cursor, page_size=size)
        pages.append([int(value) for value in page.frame["id"]])
        cursor = page.previous_cursor if backwards else page.next_cursor
        if cursor is None:
            return pages, page


@pytest.mark.parametrize("sort", SORTS)
def test_walking_forward_and_back_gives_the_whole_view_in_order(db, owner, sort):
    book(db, owner, 23)
    filters = EntryFilter(sort=sort)
    forward, last = walk(db, owner, filters, 5)
    assert [len(page) for page in forward] == [5, 5, 5, 5, 3]
    assert sum(forward, []) == in_order(db, owner, filters)
    backward, first = walk(db, owner, filters, 5, start=last.previous_cursor, backwards=True)
    assert backward == forward[-2::-1]
    assert first.previous_cursor is None and first.next_cursor is not None


def test_ties_on_the_date_are_broken_by_id(db, owner):
    book(db, owner, 12, first_day=dt.date(2025, 1, 1))
    same_day = [ledger.add_entry(db, owner_id=owner.id, data={
        "kind": "expense", "date": dt.date(2025, 1, 1), "category": "Rent", "amount": "5"}).id for _ in range(4)]
    pages, _ = walk(db, owner, EntryFilter(sort="date_asc"), 3)
    ids = sum(pages, [])
    assert [entry_id for entry_id in ids if entry_id in same_day] == sorted(same_day)
    assert len(ids) == len(set(ids)) == 16


@pytest.mark.parametrize("sort", ["date_desc", "amount_asc"])
def test_a_row_added_before_the_cursor_does_not_shift_the_next_page(db, owner, sort):
    book(db, owner, 20)
    filters = EntryFilter(sort=sort)
    first = ledger.find_entries(db, owner_id=owner.id, filters=filters, page_size=5)
    second = ledger.find_entries(db, owner_id=owner.id, filters=filters, cursor=first.next_cursor, page_size=5)
    top = {"date": dt.date(2030, 1, 1), "amount": "0.01"} if sort == "date_desc" else {"amount": "0.01"}
    ledger.add_entry(db, owner_id=owner.id, data={"kind": "expense", "date": dt.date(2025, 5, 2), "category": "Rent",
                                                 **top})
    again = ledger.find_entries(db, owner_id=owner.id, filters=filters, cursor=first.next_cursor, page_size=5)
    assert list(again.frame["id"]) == list(second.frame["id"])
    assert again.total_count == second.total_count + 1


@pytest.mark.parametrize("sort", SORTS)
def test_combined_filters_page_through_exactly_the_matching_rows(db, owner, sort):
    book(db, owner, 60)
    filters = EntryFilter(sort=sort, date_from=dt.date(2025, 5, 10), date_to=dt.date(2025, 6, 3),
                          categories=("Rent", "Travel"), party_contains="café", payment_method="Card")
    expected = in_order(db, owner, filters)
    pages, _ = walk(db, owner, filters, 2)
    assert sum(pages, []) == expected and len(expected) >= 3


def test_past_the_end_the_last_page_is_shown_and_before_the_start_the_first(db, owner):
    book(db, owner, 7)
    first = ledger.find_entries(db, owner_id=owner.id, filters=EntryFilter(), page_size=5)
    last = ledger.find_entries(db, owner_id=owner.id, filters=EntryFilter(), cursor=first.next_cursor, page_size=5)
    ledger.delete_entries(db, owner_id=owner.id, kind="expense", entry_ids=list(last.frame["id"]))
    shown = ledger.find_entries(db, owner_id=owner.id, filters=EntryFilter(), cursor=first.next_cursor, page_size=5)
    assert list(shown.frame["id"]) == list(first.frame["id"])
    assert (shown.next_cursor, shown.previous_cursor) == (None, None)
    empty = ledger.find_entries(db, owner_id=owner.id, filters=EntryFilter(text="zzz"))
    assert (empty.total_count, empty.total_amount, empty.next_cursor) == (0, Decimal("0"), None)
    assert list(empty.frame.columns) == list(entries_repo.PAGE_COLUMNS)


def test_a_bad_cursor_or_one_of_another_sort_is_refused(db, owner):
    book(db, owner, 3)
    cursor = ledger.find_entries(db, owner_id=owner.id, filters=EntryFilter(), page_size=1).next_cursor
    with pytest.raises(ValidationError, match="another view"):
        ledger.find_entries(db, owner_id=owner.id, filters=EntryFilter(sort="amount_asc"), cursor=cursor)
    with pytest.raises(ValidationError, match="not a page cursor"):
        ledger.find_entries(db, owner_id=owner.id, filters=EntryFilter(), cursor="not-a-cursor")


@pytest.mark.parametrize("narrowing", [
    {}, {"date_from": dt.date(2025, 5, 13), "date_to": dt.date(2025, 6, 20)},
    {"date_from": dt.date(2025, 5, 1), "date_to": dt.date(2025, 5, 31), "categories": ("Rent", "Software")},
    {"date_to": dt.date(2025, 6, 2), "party_contains": "CAFÉ"}, {"party_contains": "git"},
])
def test_count_and_total_from_the_rollups_equal_the_entries(db, owner, make_owner, narrowing):
    book(db, owner, 40)
    book(db, make_owner(), 10)  # another owner's cells are not counted
    filters = EntryFilter(**narrowing)
    assert view_totals.rollup_for(filters) is not None
    with db.transaction() as session:
        from_rollups = view_totals.count_and_total(session, owner_id=owner.id, filters=filters)
        from_entries = entries_repo.count_and_total(session, owner_id=owner.id, filters=filters)
    assert from_rollups == from_entries and from_rollups[0] > 0


def test_filters_the_rollups_cannot_answer_are_counted_from_the_entries(db, owner):
    book(db, owner, 10)
    filters = EntryFilter(categories=("Rent",), party_contains="git")
    assert view_totals.rollup_for(filters) is None
    assert view_totals.rollup_for(EntryFilter(payment_method="Card")) is None
    page = ledger.find_entries(db, owner_id=owner.id, filters=filters)
    assert page.total_count == len(in_order(db, owner, filters)) == len(page.frame)
