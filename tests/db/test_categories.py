"""Renaming and merging categories across the ledger, on SQLite and PostgreSQL."""

from __future__ import annotations

import datetime as dt

import pytest

from fintrack.errors import NotFoundError, ValidationError
from fintrack.filters import EntryFilter
from fintrack.services import categories, ledger


def add(db, owner, category, kind="expense"):
    return ledger.add_entry(db, owner_id=owner.id, data={
        "kind": kind, "date": dt.date(2025, 1, 1), "category": category, "amount": "10"})


def categories_of(db, owner, kind="expense"):
    page = ledger.find_entries(db, owner_id=owner.id, filters=EntryFilter(kind=kind), page_size=250)
    return sorted(page.frame["category"])


def test_rename_moves_every_entry_of_that_kind_only(db, owner):
    for category in ("Sofware", "Sofware", "Rent"):
        add(db, owner, category)
    add(db, owner, "Sofware", kind="income")
    done = categories.rename_category(db, owner_id=owner.id, kind="expense", old="Sofware", new=" Software ")
    assert done == categories.Renamed(moved=2, name="Software", merged=False)
    assert categories_of(db, owner) == ["Rent", "Software", "Software"]
    assert categories_of(db, owner, "income") == ["Sofware"]


def test_renaming_onto_an_existing_category_merges_them(db, owner):
    for category in ("Food", "Meals", "Meals"):
        add(db, owner, category)
    done = categories.rename_category(db, owner_id=owner.id, kind="expense", old="Food", new="Meals")
    assert done.merged
    assert categories.category_usage(db, owner_id=owner.id, kind="expense") == [("Meals", 3)]


def test_renaming_onto_another_category_in_another_case_merges_into_its_spelling(db, owner):
    for category in ("Travel", "Travel", "Other Travel"):
        add(db, owner, category)
    add(db, owner, "travel", kind="income")  # incomes keep their own spellings
    done = categories.rename_category(db, owner_id=owner.id, kind="expense", old="Other Travel", new="travel")
    assert done == categories.Renamed(moved=1, name="Travel", merged=True)
    assert categories.category_usage(db, owner_id=owner.id, kind="expense") == [("Travel", 3)]
    assert categories_of(db, owner, "income") == ["travel"]


def test_a_case_only_change_of_the_same_category_is_a_rename(db, owner):
    for category in ("Travel", "Travel", "Rent"):
        add(db, owner, category)
    done = categories.rename_category(db, owner_id=owner.id, kind="expense", old="Travel", new="TRAVEL")
    assert done == categories.Renamed(moved=2, name="TRAVEL", merged=False)
    assert categories.category_usage(db, owner_id=owner.id, kind="expense") == [("TRAVEL", 2), ("Rent", 1)]


def test_another_owners_categories_are_untouched(db, owner, make_owner):
    other = make_owner()
    add(db, owner, "Food")
    add(db, other, "Food")
    categories.rename_category(db, owner_id=owner.id, kind="expense", old="Food", new="Meals")
    assert categories_of(db, other) == ["Food"]


def test_another_owners_category_is_not_found(db, owner, make_owner):
    add(db, make_owner(), "Secret")
    with pytest.raises(NotFoundError, match="Category 'Secret' was not found"):
        categories.rename_category(db, owner_id=owner.id, kind="expense", old="Secret", new="Mine")


@pytest.mark.parametrize(
    ("new", "message"),
    [("", "required"), ("   ", "required"), ("x" * 101, "too long"), ("Food", "same as the current")],
)
def test_bad_new_names_are_refused_and_change_nothing(db, owner, new, message):
    add(db, owner, "Food")
    with pytest.raises(ValidationError, match=f"New name: .*{message}"):
        categories.rename_category(db, owner_id=owner.id, kind="expense", old="Food", new=new)
    assert categories_of(db, owner) == ["Food"]


def test_unknown_kind_is_refused(db, owner):
    with pytest.raises(ValidationError, match="must be one of"):
        categories.category_usage(db, owner_id=owner.id, kind="transfer")


def test_a_category_typed_in_another_case_takes_the_existing_spelling(db, owner, make_owner):
    add(db, owner, "Rent")
    add(db, owner, "Rent")
    add(db, owner, "rent", kind="income")  # incomes keep their own categories
    other = add(db, owner, "Travel")
    assert add(db, owner, " RENT ").category == "Rent"
    ledger.update_entry(db, owner_id=owner.id, kind="expense", entry_id=other.id,
                        data={**other.as_form(), "category": "rENT"})
    assert categories_of(db, owner) == ["Rent"] * 4
    assert categories_of(db, owner, kind="income") == ["rent"]
    stranger = make_owner()
    assert add(db, stranger, "RENT").category == "RENT"  # another owner's spelling is not used
