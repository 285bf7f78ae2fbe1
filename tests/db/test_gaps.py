"""The missing-data finder on both databases."""

from __future__ import annotations

import datetime as dt

import pytest

from fintrack.services import assets, assistant, gaps, ledger
from fintrack.services.assistant import AssistantConfig

TODAY = dt.date(2026, 3, 18)  # fiscal year (1 January) FY2026; completed months: January and February


def add(db, owner, day, category="Office", party="Staples", kind="expense", amount="10"):
    ledger.add_entry(db, owner_id=owner.id, data={"kind": kind, "date": day, "category": category,
                                                  "party": party, "amount": amount})


def keys(db, owner, today=TODAY):
    return [gap.key for gap in gaps.find_gaps(db, owner=owner, today=today)]


def full_months(db, owner):
    for month in (1, 2):
        add(db, owner, dt.date(2026, month, 3))
        add(db, owner, dt.date(2026, month, 4), category="Services", party="Acme", kind="income")


def test_empty_books_suggest_a_first_entry(db, owner):
    found = gaps.find_gaps(db, owner=owner, today=TODAY)
    assert [gap.key for gap in found] == ["no_entries"]
    assert found[0].ask and found[0].page == gaps.IMPORT_PAGE


def test_complete_books_have_no_gaps(db, owner):
    full_months(db, owner)
    assert keys(db, owner) == []


def test_months_without_income_or_expenses(db, owner):
    add(db, owner, dt.date(2026, 1, 3))
    add(db, owner, dt.date(2026, 3, 3), category="Services", kind="income")  # the current month doesn't count
    found = {gap.key: gap for gap in gaps.find_gaps(db, owner=owner, today=TODAY)}
    assert "February 2026" in found["empty_months_expense"].detail
    assert "January 2026" not in found["empty_months_expense"].detail
    assert "January 2026, February 2026" in found["empty_months_income"].detail
    assert found["empty_months_income"].page == gaps.LEDGER_PAGE


def test_the_first_month_of_a_fiscal_year_has_no_completed_months(db, owner):
    add(db, owner, dt.date(2026, 1, 3))
    assert not [key for key in keys(db, owner, today=dt.date(2026, 1, 20)) if key.startswith("empty_months")]


def test_fiscal_year_starting_in_april(db, make_owner):
    owner = make_owner(fiscal_year_start=dt.date(2000, 4, 1))
    add(db, owner, dt.date(2025, 4, 3))
    found = {gap.key: gap for gap in gaps.find_gaps(db, owner=owner, today=dt.date(2025, 6, 10))}
    assert found["empty_months_expense"].detail.startswith("Nothing recorded for May 2025.")  # as en_IE writes it


def test_entries_in_a_catch_all_category(db, owner):
    full_months(db, owner)
    add(db, owner, dt.date(2026, 2, 5), category="Other")
    add(db, owner, dt.date(2026, 2, 6), category="other")  # takes the owner's spelling, "Other"
    add(db, owner, dt.date(2026, 2, 7), category="Uncategorised")
    found = {gap.key: gap for gap in gaps.find_gaps(db, owner=owner, today=TODAY)}
    assert {"catch_all_expense_Other", "catch_all_expense_Uncategorised"} <= set(found)
    assert found["catch_all_expense_Other"].title == "2 expense entries in “Other”"
    assert found["catch_all_expense_Uncategorised"].title == "1 expense entry in “Uncategorised”"
    assert found["catch_all_expense_Other"].ask == "show my expenses in Other"


def test_a_recurring_vendor_that_stopped(db, owner):
    full_months(db, owner)
    for month in (9, 10, 11, 12):
        add(db, owner, dt.date(2025, month, 15), category="Utilities", party="PowerCo")
    for month in (1, 2, 3):
        add(db, owner, dt.date(2026, month, 1), category="Software", party="Adobe")
    found = {gap.key: gap for gap in gaps.find_gaps(db, owner=owner, today=TODAY)}
    assert "stopped_expense_PowerCo" in found and "stopped_expense_Adobe" not in found
    assert "4 months, last on 15 Dec 2025" in found["stopped_expense_PowerCo"].detail  # as en_IE writes dates
    assert found["stopped_expense_PowerCo"].ask == "show my expenses at PowerCo"


def test_assets_without_a_type(db, owner):
    full_months(db, owner)
    assets.add_asset(db, owner_id=owner.id, data={"name": "Van", "acquisition_date": "2025-01-01",
                                                  "value": "9000", "type": None})
    assets.add_asset(db, owner_id=owner.id, data={"name": "Desk", "acquisition_date": "2025-01-01",
                                                  "value": "300", "type": "Furniture"})
    found = {gap.key: gap for gap in gaps.find_gaps(db, owner=owner, today=TODAY)}
    assert found["untyped_assets"].title.startswith("1 asset") and found["untyped_assets"].page == gaps.ASSETS_PAGE


def test_another_owners_books_do_not_count(db, owner, make_owner):
    full_months(db, owner)
    stranger = make_owner()
    add(db, stranger, dt.date(2026, 2, 5), category="Other")
    assert keys(db, owner) == []
    assert "no_entries" not in keys(db, stranger)


@pytest.mark.parametrize(("name", "kind"), [
    ("Travel Lodge", "expense"), ("Office Depot", "expense"), ("Delete Me Inc", "expense"),
    ("Missing Link Ltd", "income"), ("Studio 2000", "expense"), ("Help Desk Co", "income"),
])
def test_the_ask_of_a_stopped_party_is_answered_for_that_party(db, owner, name, kind):
    full_months(db, owner)
    for month in (9, 10, 11, 12):
        add(db, owner, dt.date(2025, month, 15), category="Services" if kind == "income" else "Office",
            party=name, kind=kind, amount="25")
    add(db, owner, dt.date(2025, 10, 1), category="Services" if kind == "income" else "Travel",
        party="Someone Else", kind=kind, amount="1")
    [gap] = [gap for gap in gaps.find_gaps(db, owner=owner, today=TODAY) if gap.key == f"stopped_{kind}_{name}"]
    conversation = assistant.current_conversation(db, owner_id=owner.id)
    assistant.ask(db, owner_id=owner.id, conversation_id=conversation, text=gap.ask)
    text = "".join(assistant.answer(db, owner=owner, conversation_id=conversation,
                                    config=AssistantConfig(model=None), today=TODAY))
    noun = "expenses" if kind == "expense" else "incomes"
    assert text.startswith(f"4 {noun} in total, €100.00 in all"), text
    assert text.count(name) == 4 and "Someone Else" not in text
