"""The rollups under random write sequences (hypothesis) and under concurrent writers of one owner.

Each example of the property test is a fresh owner with two money accounts and a random sequence of adds (to
either account or to the default one), edits (amount, category, vendor, date, account), deletes, moves to the
other kind and category renames or merges, made through the services;
after it the rollups must equal the raw aggregates. Concurrency runs on PostgreSQL, whose writers run side by
side (SQLite takes one writer at a time).
"""

from __future__ import annotations

import datetime as dt
import threading
from decimal import Decimal

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from fintrack.errors import FinTrackError
from fintrack.services import accounts, categories, ledger, money_accounts
from tests.rollup_truth import assert_rollups_match

D = dt.date
KINDS = st.sampled_from(("expense", "income"))
DAYS = st.dates(min_value=D(2025, 12, 20), max_value=D(2026, 3, 10))
CATEGORIES = st.sampled_from(("Rent", "Travel", "travel", "Office"))
PARTIES = st.sampled_from(("Shell", "shell", "IKEA", "", None))
AMOUNTS = st.decimals(min_value=Decimal("0.01"), max_value=Decimal("99999.99"), places=2)
WHICH = st.integers(min_value=0, max_value=1_000)
ACCOUNTS = st.sampled_from((None, "Main account", "Savings"))  # None: no choice, the default account
CHANGES = {"date": DAYS, "category": CATEGORIES, "party": PARTIES, "amount": AMOUNTS, "account": ACCOUNTS}
OPERATIONS = st.lists(st.one_of(
    st.tuples(st.just("add"), KINDS, DAYS, CATEGORIES, PARTIES, AMOUNTS, ACCOUNTS),
    *(st.tuples(st.just("edit"), WHICH, st.just(field), values) for field, values in CHANGES.items()),
    st.tuples(st.just("delete"), WHICH),
    st.tuples(st.just("move"), WHICH),
    st.tuples(st.just("rename"), WHICH, CATEGORIES),
), min_size=1, max_size=12)


class Books:
    """One owner's entries as the services write them, remembered by (kind, id)."""

    def __init__(self, db, owner) -> None:  # noqa: ANN001
        self.db, self.owner, self.alive = db, owner, []
        self.accounts: dict[str | None, int | None] = {None: None}

    def open_savings(self) -> None:
        """A second account beside the Main one, so entries land in and move between two accounts."""
        money_accounts.add_account(self.db, owner_id=self.owner.id, data={
            "name": "Savings", "type": "savings", "opening_balance": "0", "opening_date": D(2025, 12, 1)})
        self.accounts |= {account.name: account.id
                          for account in money_accounts.list_accounts(self.db, owner_id=self.owner.id)}

    def add(self, kind, day, category, party, amount, account=None) -> None:  # noqa: ANN001
        entry = ledger.add_entry(self.db, owner_id=self.owner.id, data={
            "kind": kind, "date": day, "category": category, "party": party, "amount": amount,
            "account_id": self.accounts.get(account)})
        self.alive.append((kind, entry.id))

    def _pick(self, which: int) -> ledger.Entry | None:
        if not self.alive:
            return None
        kind, entry_id = self.alive[which % len(self.alive)]
        return ledger.get_entry(self.db, owner_id=self.owner.id, kind=kind, entry_id=entry_id)

    def edit(self, which, field, value) -> None:  # noqa: ANN001
        entry = self._pick(which)
        if entry is not None:
            change = {"account_id": self.accounts.get(value)} if field == "account" else {field: value}
            ledger.update_entry(self.db, owner_id=self.owner.id, kind=entry.kind, entry_id=entry.id,
                                data=entry.as_form() | change)

    def delete(self, which: int) -> ledger.Entry | None:
        entry = self._pick(which)
        if entry is not None:
            ledger.delete_entries(self.db, owner_id=self.owner.id, kind=entry.kind, entry_ids=[entry.id])
            self.alive.remove((entry.kind, entry.id))
        return entry

    def move(self, which: int) -> None:
        """An entry booked as the wrong kind: the ledger keeps kinds apart, so it is deleted and added again."""
        entry = self.delete(which)
        if entry is not None:
            other = "income" if entry.kind == "expense" else "expense"
            self.add(other, entry.date, entry.category, entry.party, entry.amount)  # to the default account

    def rename(self, which: int, new: str) -> None:
        """Rename (or merge into `new`) the category of one of the entries."""
        entry = self._pick(which)
        if entry is None:
            return
        try:
            categories.rename_category(self.db, owner_id=self.owner.id, kind=entry.kind, old=entry.category, new=new)
        except FinTrackError:  # the same name: refused, nothing written
            pass


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(operations=OPERATIONS)
def test_random_write_sequences_keep_the_rollups_equal_to_the_raw_aggregates(db, make_owner, operations):
    books = Books(db, make_owner())
    books.open_savings()
    for name, *arguments in operations:
        getattr(books, name)(*arguments)
    cells = assert_rollups_match(db, books.owner.id)
    assert sum(count for count, _ in cells["category"].values()) == len(books.alive)
    assert sum(count for count, _ in cells["account"].values()) == len(books.alive)


WRITERS, ADDS = 6, 8


@pytest.mark.parametrize("committing_db", ["postgresql"], indirect=True)  # SQLite lets one writer in at a time
def test_concurrent_writers_of_one_owner_lose_no_update(committing_db):
    """Six threads at once: each adds eight entries to the same cells, edits one shared entry and deletes its
    own, while a seventh renames the category they add to. Every count and cent must arrive."""
    db = committing_db
    owner = accounts.sign_up(db, {"email": "busy@example.com", "password": "correct horse battery",
                                  "business_name": "Busy", "fiscal_year_start": D(2000, 1, 1),
                                  "currency_code": "EUR"})
    books = Books(db, owner)
    for _ in range(WRITERS + 1):
        books.add("expense", D(2026, 1, 15), "Fuel", "Shell", Decimal("1.00"))
    shared, own = books.alive[0], books.alive[1:]
    start, failures = threading.Barrier(WRITERS + 1), []

    def writer(number: int) -> None:
        try:
            start.wait()
            for n in range(ADDS):
                books.add("expense", D(2026, 1, 20), "Fuel", "Shell", Decimal(f"{number + 1}.{n:02d}"))
            entry = ledger.get_entry(db, owner_id=owner.id, kind="expense", entry_id=shared[1])
            ledger.update_entry(db, owner_id=owner.id, kind="expense", entry_id=shared[1],
                                data=entry.as_form() | {"amount": Decimal(number + 10), "date": D(2026, 2, number + 1)})
            ledger.delete_entries(db, owner_id=owner.id, kind="expense", entry_ids=[own[number][1]])
        except Exception as error:  # noqa: BLE001 - reported by the main thread
            failures.append(error)

    def renamer() -> None:
        start.wait()
        for old, new in (("Fuel", "Petrol"), ("Petrol", "Fuel")) * 3:
            try:
                categories.rename_category(db, owner_id=owner.id, kind="expense", old=old, new=new)
            except FinTrackError:
                pass

    threads = [threading.Thread(target=writer, args=(n,)) for n in range(WRITERS)] + [threading.Thread(target=renamer)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)
    assert not failures and not any(thread.is_alive() for thread in threads)
    cells = assert_rollups_match(db, owner.id)
    added = sum(Decimal(f"{number + 1}.{n:02d}") for number in range(WRITERS) for n in range(ADDS))
    assert cells["party"][("expense", "2026-01", "Shell")] == (WRITERS * ADDS, added)
    [(count, edited)] = [value for (_, month, _), value in cells["party"].items() if month == "2026-02"]
    assert count == 1 and edited in {Decimal(number + 10) for number in range(WRITERS)}
