"""The monthly rollups equal the raw aggregates over the entries after every kind of write, on both databases.

Every test ends with `assert_rollups_match` (the raw GROUP BY against the rollup tables) and also checks a
few cells by value, so a write path that wrote nothing at all could not pass.
"""

from __future__ import annotations

import datetime as dt
import shutil
from decimal import Decimal

import pytest
from sqlalchemy import delete, func, select, text, update

from fintrack import demo
from fintrack.__main__ import main as fintrack_main
from fintrack.db import migrate
from fintrack.db.engine import Database
from fintrack.db.models import AccountDay, CategoryMonth, PartyMonth
from fintrack.services import account_deletion, assistant, categories, imports, ledger, money_accounts, rollups
from fintrack.services.accounts import LoginPolicy
from fintrack.services.assistant import AssistantConfig, proposals
from tests.conftest import create_postgres_database, drop_postgres_database
from tests.rollup_truth import assert_rollups_match, raw_cells
from tests.statements import STATEMENTS

D = dt.date
PASSWORD = "correct horse battery"


def add(db, owner, day, category, party, amount, kind="expense") -> ledger.Entry:
    return ledger.add_entry(db, owner_id=owner.id, data={
        "kind": kind, "date": day, "category": category, "party": party, "amount": amount})


def cell_count(db, owner_id: int) -> int:
    with db.transaction() as session:
        return sum(session.scalar(select(func.count()).select_from(rollup).where(rollup.user_id == owner_id))
                   for rollup in (CategoryMonth, PartyMonth, AccountDay))


def test_adding_editing_duplicating_and_deleting_entries_keep_the_rollups(db, owner, make_owner):
    neighbour = make_owner()
    add(db, neighbour, D(2026, 1, 5), "Rent", "Their landlord", "999.99")
    theirs = assert_rollups_match(db, neighbour.id)

    rent = add(db, owner, D(2026, 1, 5), "Rent", "Landlord", "1200.00")
    software = add(db, owner, D(2026, 1, 20), "Software", None, "19.99")
    add(db, owner, D(2026, 1, 20), "Sales", "Client A", "3000.50", kind="income")
    cells = assert_rollups_match(db, owner.id)
    assert cells["category"][("expense", "2026-01", "Rent")] == (1, Decimal("1200.00"))
    assert cells["party"][("expense", "2026-01", "")] == (1, Decimal("19.99"))

    ledger.update_entry(db, owner_id=owner.id, kind="expense", entry_id=rent.id, data=rent.as_form() | {
        "date": D(2026, 2, 3), "category": "Office", "party": "IKEA", "amount": "1300.01"})
    cells = assert_rollups_match(db, owner.id)
    assert ("expense", "2026-01", "Rent") not in cells["category"]
    assert cells["party"][("expense", "2026-02", "IKEA")] == (1, Decimal("1300.01"))

    copy = ledger.duplicate_entry(db, owner_id=owner.id, kind="expense", entry_id=software.id, on_date=D(2026, 3, 1))
    assert assert_rollups_match(db, owner.id)["category"][("expense", "2026-03", "Software")] == (1, Decimal("19.99"))

    ledger.delete_entries(db, owner_id=owner.id, kind="expense", entry_ids=[rent.id])
    ledger.delete_entries(db, owner_id=owner.id, kind="expense", entry_ids=[software.id, copy.id])
    cells = assert_rollups_match(db, owner.id)
    assert cells["category"] == {("income", "2026-01", "Sales"): (1, Decimal("3000.50"))}
    assert assert_rollups_match(db, neighbour.id) == theirs


def test_entries_in_and_moved_between_money_accounts_keep_the_account_days(db, owner):
    savings = money_accounts.add_account(db, owner_id=owner.id, data={
        "name": "Savings", "type": "savings", "opening_balance": "0", "opening_date": D(2026, 1, 1)})
    main = money_accounts.list_accounts(db, owner_id=owner.id)[0].id
    rent = add(db, owner, D(2026, 1, 5), "Rent", "Landlord", "1200.00")
    add(db, owner, D(2026, 1, 5), "Sales", "Acme", "1500.25", kind="income")
    cells = assert_rollups_match(db, owner.id)
    assert cells["account"] == {(main, D(2026, 1, 5)): (2, Decimal("300.25"))}

    ledger.update_entry(db, owner_id=owner.id, kind="expense", entry_id=rent.id,
                        data=rent.as_form() | {"account_id": savings.id})
    cells = assert_rollups_match(db, owner.id)
    assert cells["account"] == {(main, D(2026, 1, 5)): (1, Decimal("1500.25")),
                                (savings.id, D(2026, 1, 5)): (1, Decimal("-1200.00"))}

    moved = ledger.get_entry(db, owner_id=owner.id, kind="expense", entry_id=rent.id)
    ledger.update_entry(db, owner_id=owner.id, kind="expense", entry_id=rent.id,  # no account chosen: it stays
                        data=moved.as_form() | {"account_id": None, "date": D(2026, 1, 6)})
    assert assert_rollups_match(db, owner.id)["account"][(savings.id, D(2026, 1, 6))] == (1, Decimal("-1200.00"))


def test_renaming_and_merging_a_category_move_its_cells(db, owner):
    add(db, owner, D(2026, 1, 5), "Travel", "Shell", "40.00")
    add(db, owner, D(2026, 2, 5), "Travel", "Lufthansa", "310.55")
    add(db, owner, D(2026, 2, 9), "Office", "IKEA", "99.45")

    categories.rename_category(db, owner_id=owner.id, kind="expense", old="Travel", new="Trips")
    assert assert_rollups_match(db, owner.id)["category"][("expense", "2026-02", "Trips")] == (1, Decimal("310.55"))

    merged = categories.rename_category(db, owner_id=owner.id, kind="expense", old="Trips", new="office")
    assert merged.merged
    cells = assert_rollups_match(db, owner.id)
    assert cells["category"] == {("expense", "2026-01", "Office"): (1, Decimal("40.00")),
                                 ("expense", "2026-02", "Office"): (2, Decimal("410.00"))}


def test_an_import_commit_counts_every_row(db, owner):
    statement = next(expected for expected in STATEMENTS if expected.file == "ingesp.csv")
    shown = imports.preview(db, owner_id=owner.id, data=statement.data(), filename=statement.file)
    imports.commit(db, owner_id=owner.id, preview=shown)
    cells = assert_rollups_match(db, owner.id)
    by_kind = {kind: (sum(count for (k, _, _), (count, _) in cells["category"].items() if k == kind),
                      sum(total for (k, _, _), (_, total) in cells["category"].items() if k == kind))
               for kind in ("expense", "income")}
    assert by_kind == {"expense": (statement.expenses, statement.expenses_total),
                       "income": (statement.incomes, statement.incomes_total)}


def test_the_assistants_confirmed_proposals_keep_the_rollups(db, owner):
    conversation = assistant.current_conversation(db, owner_id=owner.id)
    assistant.ask(db, owner_id=owner.id, conversation_id=conversation, text="add 42.50 fuel at Shell yesterday")
    "".join(assistant.answer(db, owner=owner, conversation_id=conversation, config=AssistantConfig(model=None),
                             today=D(2026, 3, 18)))
    [card] = [p for m in assistant.transcript(db, owner_id=owner.id, conversation_id=conversation) for p in m.proposals]
    added = assistant.confirm(db, owner_id=owner.id, proposal_id=card.id)
    assert assert_rollups_match(db, owner.id)["party"] == {("expense", "2026-03", "Shell"): (1, Decimal("42.50"))}

    entry = ledger.get_entry(db, owner_id=owner.id, kind="expense", entry_id=added.record_id)
    fields = {"kind": "expense", "entry_id": entry.id, "category": "Office", "from_category": entry.category,
              "date": entry.date.isoformat(), "party": entry.party, "amount": str(entry.amount)}
    with db.transaction() as session:
        change = proposals.store(session, owner_id=owner.id, conversation_id=conversation,
                                 action=proposals.CHANGE_CATEGORY, fields=fields)
    assistant.confirm(db, owner_id=owner.id, proposal_id=change)
    assert assert_rollups_match(db, owner.id)["category"] == {("expense", "2026-03", "Office"): (1, Decimal("42.50"))}


def test_deleting_the_account_deletes_its_cells_only(db, owner, make_owner):
    neighbour = make_owner()
    for who in (owner, neighbour):
        add(db, who, D(2026, 1, 5), "Rent", "Landlord", "1200.00")
    account_deletion.delete_account(db, owner_id=owner.id, confirmation=owner.email, password=PASSWORD,
                                    policy=LoginPolicy())
    assert cell_count(db, owner.id) == 0
    assert cell_count(db, neighbour.id) == 3


def test_the_demo_books_are_counted(db):
    owner = demo.create_demo_owner(db, today=D(2026, 12, 5))
    cells = assert_rollups_match(db, owner.id)
    assert sum(count for count, _ in cells["category"].values()) > 500
    demo.create_demo_owner(db, today=D(2026, 12, 6))  # a refresh replaces the books
    assert_rollups_match(db, owner.id)


def test_a_rebuild_recounts_one_owner_or_every_owner(db, owner, make_owner):
    neighbour = make_owner()
    for who in (owner, neighbour):
        add(db, who, D(2026, 1, 5), "Rent", "Landlord", "1200.00")
        add(db, who, D(2026, 2, 5), "Sales", None, "10.00", kind="income")
    with db.transaction() as session:  # books written past the application: the rollups are off
        session.execute(text("INSERT INTO expenses (user_id, date, category, vendor, amount, account_id) VALUES "
                             "(:owner, '2026-03-07', 'Rent', 'Landlord', 5.25, NULL)"), {"owner": owner.id})
        session.execute(delete(PartyMonth))
        session.execute(update(CategoryMonth).values(entries=7, total_cents=1))
        session.execute(update(AccountDay).values(entries=3, net_cents=5))
    expected = raw_cells(db, owner.id)
    assert rollups.rebuild(db, owner_id=owner.id) == 9  # 3 months of categories and of parties, 3 account days
    assert assert_rollups_match(db, owner.id) == expected
    assert expected["account"][(0, D(2026, 3, 7))] == (1, Decimal("-5.25"))  # without an account: cell 0
    with db.transaction() as session:
        theirs = select(func.sum(CategoryMonth.entries)).where(CategoryMonth.user_id == neighbour.id)
        assert session.scalar(theirs) == 14
    rollups.rebuild(db)
    assert_rollups_match(db, neighbour.id)


def test_the_rebuild_command(sqlite_template, tmp_path, monkeypatch, capsys):
    path = tmp_path / "books.db"
    shutil.copy(sqlite_template, path)
    monkeypatch.setenv("DATABASE_URL", f"sqlite:///{path}")
    monkeypatch.setenv("FINTRACK_DATA_DIR", str(tmp_path))
    db = Database.from_url(f"sqlite:///{path}")
    owner = demo.create_demo_owner(db, today=D(2026, 12, 5))
    expected = assert_rollups_match(db, owner.id)
    with db.transaction() as session:
        session.execute(delete(CategoryMonth))
    assert fintrack_main(["rollups", "rebuild"]) == 0
    assert "Rollups rebuilt for every owner" in capsys.readouterr().out
    assert assert_rollups_match(db, owner.id) == expected
    db.bind.dispose()


@pytest.fixture(params=["sqlite", "postgresql"])
def url_at_0006(request, tmp_path):
    if request.param == "sqlite":
        url = f"sqlite:///{tmp_path / 'old.db'}"
    else:
        url = create_postgres_database("fintrack_rollups")
    migrate.upgrade(url, "0006")
    yield url
    if request.param == "postgresql":
        drop_postgres_database(url)


def test_the_migration_counts_the_existing_books(url_at_0006):
    old = Database.from_url(url_at_0006)
    with old.transaction() as session:
        for owner_id in (1, 2):
            session.execute(text("INSERT INTO users (id, email, password_hash, business_name, fiscal_year_start, "
                                 "currency_code) VALUES (:id, :email, 'x', 'B', '2000-01-01', 'EUR')"),
                            {"id": owner_id, "email": f"o{owner_id}@example.com"})
        session.execute(text("INSERT INTO expenses (user_id, date, category, vendor, amount) VALUES "
                             "(1, '2026-01-05', 'Rent', 'Landlord', 1200.10), (1, '2026-01-31', 'Rent', NULL, 0.20), "
                             "(1, '2026-02-01', 'Rent', '', 0.10), (2, '2026-01-05', 'Fuel', 'Shell', 5.55)"))
        session.execute(text("INSERT INTO incomes (user_id, date, category, client, amount) VALUES "
                             "(1, '2025-12-31', 'Sales', 'Acme', 9999999999.99)"))
    old.bind.dispose()
    migrate.upgrade(url_at_0006)
    db = Database.from_url(url_at_0006)
    cells = assert_rollups_match(db, 1)
    assert cells["party"][("expense", "2026-01", "")] == (1, Decimal("0.20"))
    assert cells["category"][("income", "2025-12", "Sales")] == (1, Decimal("9999999999.99"))
    assert assert_rollups_match(db, 2)["category"] == {("expense", "2026-01", "Fuel"): (1, Decimal("5.55"))}
    db.bind.dispose()
