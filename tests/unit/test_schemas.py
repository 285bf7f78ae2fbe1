"""One schema per input: what passes, and the owner-facing message for what does not."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest

from fintrack.errors import ValidationError
from fintrack.schemas import AssetInput, CategoryRenameInput, EntryInput, ProfileInput, SignUpInput, validate

GOOD_ENTRY = {"kind": "expense", "date": "2026-03-01", "category": " Travel ", "party": " Shell ",
              "payment_method": "", "amount": "42,50", "notes": "  "}


def test_a_good_entry_is_cleaned():
    entry = validate(EntryInput, GOOD_ENTRY)
    assert entry == EntryInput(kind="expense", date=dt.date(2026, 3, 1), category="Travel", party="Shell",
                               payment_method=None, amount=Decimal("42.50"), notes=None)


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("amount", "0", "more than zero"), ("amount", "-3", "positive"), ("amount", "1.999", "two decimals"),
        ("amount", "10000000000.00", "larger than"), ("amount", "ten", "not an amount"),
        ("date", "2026-02-30", "not a date"), ("date", "", "not a date"), ("category", "", "required"),
        ("date", "1899-12-31", "1899-12-31 is not between 1900-01-01 and 2100-12-31"),
        ("date", "2101-01-01", "not between"), ("date", "0001-01-01", "not between"),
        ("category", "c" * 101, "at most 100"), ("party", "p" * 256, "at most 255"),
        ("payment_method", "m" * 51, "at most 50"), ("kind", "transfer", "one of"),
    ],
)
def test_bad_entry_fields_are_named(field, value, message):
    with pytest.raises(ValidationError) as caught:
        validate(EntryInput, {**GOOD_ENTRY, field: value})
    assert message in caught.value.field_errors[field]
    label = "Vendor" if field == "party" else field.replace("_", " ").capitalize()
    assert str(caught.value).startswith(f"Please correct: {label}: ")


@pytest.mark.parametrize(
    ("schema", "data", "field"),
    [
        (EntryInput, {**GOOD_ENTRY, "category": None}, "category"),
        (EntryInput, {**GOOD_ENTRY, "date": None}, "date"),
        (AssetInput, {"name": None, "acquisition_date": "2025-01-02", "value": "1"}, "name"),
        (CategoryRenameInput, {"kind": "expense", "old": None, "new": "Meals"}, "old"),
        (ProfileInput, {"business_name": None, "fiscal_year_start": "2000-01-01", "currency_code": "EUR"},
         "business_name"),
    ],
)
def test_a_missing_required_value_is_required_not_a_type_error(schema, data, field):
    with pytest.raises(ValidationError) as caught:
        validate(schema, data)
    assert caught.value.field_errors[field] == "is required"


def test_the_category_rename_names_its_boxes_as_the_form_does():
    with pytest.raises(ValidationError) as caught:
        validate(CategoryRenameInput, {"kind": "expense", "old": "Food", "new": ""})
    assert str(caught.value) == "Please correct: New name: is required"


def test_a_client_is_called_a_client_in_the_message():
    with pytest.raises(ValidationError) as caught:
        validate(EntryInput, {**GOOD_ENTRY, "kind": "income", "party": "p" * 256})
    assert str(caught.value) == "Please correct: Client: is too long (at most 255 characters)"


def test_every_problem_is_reported_at_once():
    with pytest.raises(ValidationError) as caught:
        validate(EntryInput, {"kind": "expense", "date": "nope", "category": "", "amount": "x", "extra": 1})
    assert set(caught.value.field_errors) == {"date", "category", "amount", "extra"}


def test_asset_value_and_date():
    asset = validate(AssetInput, {"name": "Van", "acquisition_date": dt.date(2025, 1, 2), "value": "28.900,00"})
    assert asset.value == Decimal("28900.00") and asset.type is None
    with pytest.raises(ValidationError, match="Name"):
        validate(AssetInput, {"name": "", "acquisition_date": "2025-01-02", "value": "1"})


def test_sign_up_email_is_lowercased_and_password_bounded():
    form = validate(SignUpInput, {"email": " Ann@Example.com ", "password": "p" * 10, "business_name": "A",
                                  "fiscal_year_start": "2000-04-06", "currency_code": "usd"})
    assert form.email == "ann@example.com" and form.currency_code == "USD"
    with pytest.raises(ValidationError, match="at most 72"):
        validate(SignUpInput, {"email": "a@b.co", "password": "p" * 80, "business_name": "A",
                               "fiscal_year_start": "2000-01-01", "currency_code": "EUR"})


def test_the_books_date_range_holds_for_entries_and_assets():
    for edge in ("1900-01-01", "2100-12-31"):
        assert validate(EntryInput, {**GOOD_ENTRY, "date": edge}).date == dt.date.fromisoformat(edge)
    asset = {"name": "Desk", "acquisition_date": "1899-12-31", "value": "10"}
    with pytest.raises(ValidationError) as caught:
        validate(AssetInput, asset)
    assert "not between 1900-01-01 and 2100-12-31" in caught.value.field_errors["acquisition_date"]
