"""What the owner typed is what is saved, in a real browser: a date outside the books' range and a long pasted note.

Streamlit's date box keeps its previous value when the typed date is outside the widget's range (the server
never sees it), and a text area with `max_chars` drops a longer paste as a whole: both only show in a browser.
"""

from __future__ import annotations

import pytest
import sqlalchemy as sa
from playwright.sync_api import Locator, Page, expect

from fintrack.schemas import MAX_NOTES_LENGTH
from tests.e2e.conftest import sign_up, wait_for_app
from tests.e2e.test_ledger_journey import entry_form, open_ledger, pick_or_type

pytestmark = pytest.mark.browser
RANGE_MESSAGE = "1850-06-01 is not between 1900-01-01 and 2100-12-31"


def type_date(page: Page, field: Locator, year: str, month: str, day: str) -> None:
    """Type into the date box's year, month and day parts, whatever order the owner's format puts them in."""
    for part, digits in (("year", year), ("month", month), ("day", day)):
        field.locator(f'[role="spinbutton"][aria-label^="{part}"]').focus()
        page.keyboard.type(digits)
    page.keyboard.press("Escape")  # close the calendar if typing opened it


def saved_expenses(database_url: str, email: str) -> list[tuple[str, str | None]]:
    """(date, notes) of every expense of the owner signed up with `email`, read from the app's database."""
    engine = sa.create_engine(database_url)
    try:
        with engine.connect() as connection:
            rows = connection.execute(sa.text(
                "SELECT e.date, e.notes FROM expenses e JOIN users u ON u.id = e.user_id WHERE u.email = :email"),
                {"email": email}).all()
    finally:
        engine.dispose()
    return [(str(date), notes) for date, notes in rows]


def fill_expense(page: Page, *, amount: str = "12.50") -> Locator:
    form = entry_form(page, "Add expense")
    pick_or_type(page, form, "Category", "Office")
    form.get_by_role("textbox", name="Vendor").fill("Stationer")
    form.get_by_role("textbox", name="Amount", exact=True).fill(amount)
    return form


def test_a_ledger_date_outside_the_books_is_refused_and_not_saved_as_today(page, base_url, app_server):
    email = sign_up(page, base_url)
    open_ledger(page, base_url)
    form = fill_expense(page)
    type_date(page, form.get_by_test_id("stDateInputField"), "1850", "06", "01")
    expect(form.get_by_test_id("stDateInputError")).to_have_count(0)  # no bare '!' that nobody explains
    form.get_by_role("button", name="Add expense").click()
    expect(page.get_by_test_id("stAlert").filter(has_text=RANGE_MESSAGE)).to_be_visible()
    assert saved_expenses(app_server["database_url"], email) == []
    expect(form.get_by_test_id("stDateInputField")).to_contain_text("1850")  # what was typed is still there


def test_a_quick_add_date_outside_the_books_is_refused_and_not_saved_as_today(page, base_url, app_server):
    email = sign_up(page, base_url)
    page.goto(f"{base_url}/")
    wait_for_app(page)
    form = page.get_by_test_id("stForm").filter(has=page.get_by_role("button", name="Add expense"))
    pick_or_type(page, form, "Category", "Office")
    form.get_by_role("textbox", name="Amount").fill("12.50")
    type_date(page, form.get_by_test_id("stDateInputField"), "1850", "06", "01")
    form.get_by_role("button", name="Add expense").click()
    expect(page.get_by_test_id("stAlert").filter(has_text=RANGE_MESSAGE)).to_be_visible()
    assert saved_expenses(app_server["database_url"], email) == []


def test_a_pasted_note_of_10000_characters_is_saved_whole(page, base_url, app_server):
    email = sign_up(page, base_url)
    open_ledger(page, base_url)
    form = fill_expense(page)
    notes = form.get_by_role("textbox", name="Notes")
    expect(notes).to_have_attribute("placeholder", f"Optional, up to {MAX_NOTES_LENGTH:,} characters")
    note = ("Invoice 1042, pasted from the e-mail. " * 300)[:10_000]
    notes.fill(note)  # as a paste: one input event with the whole text
    form.get_by_role("button", name="Add expense").click()
    expect(page.get_by_test_id("stAlert").filter(has_text="Added expense")).to_be_visible()
    assert [saved for _, saved in saved_expenses(app_server["database_url"], email)] == [note]


def test_a_note_longer_than_the_limit_is_refused_with_a_message_and_kept_in_the_box(page, base_url, app_server):
    email = sign_up(page, base_url)
    open_ledger(page, base_url)
    form = fill_expense(page)
    too_long = "x" * (MAX_NOTES_LENGTH + 1)
    form.get_by_role("textbox", name="Notes").fill(too_long)
    form.get_by_role("button", name="Add expense").click()
    expect(page.get_by_test_id("stAlert").filter(has_text=f"at most {MAX_NOTES_LENGTH} characters")).to_be_visible()
    assert saved_expenses(app_server["database_url"], email) == []
    assert len(form.get_by_role("textbox", name="Notes").input_value()) == len(too_long)
