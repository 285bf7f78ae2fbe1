"""The ledger screen through AppTest: add, refuse bad input, switch kind, filter, page, edit, duplicate, delete."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest

from fintrack.filters import EntryFilter
from fintrack.repository import entries as entries_repo
from fintrack.schemas import EntryInput
from fintrack.services import assistant, ledger

LEDGER = "pages/ledger.py"
ADD = "add_expense_0"


def seed(db, owner, **overrides) -> ledger.Entry:
    data = {"kind": "expense", "date": dt.date.today(), "category": "Rent", "party": "Landlord",
            "payment_method": "Bank transfer", "amount": "100", **overrides}
    return ledger.add_entry(db, owner_id=owner.id, data=data)


def stored(db, owner, kind="expense") -> ledger.EntryPage:
    return ledger.find_entries(db, owner_id=owner.id, filters=EntryFilter(kind=kind, sort="date_asc"),
                               page_size=250)


def metrics(at) -> dict[str, str]:
    return {metric.label: metric.value for metric in at.metric}


def select_rows(at, *rows: int):
    at.session_state[at.dataframe[0].key] = {"selection": {"rows": list(rows), "columns": []}}
    return at.run()


@pytest.fixture
def screen(app_owner, sign_in, open_page):
    """Open the screen as the signed-in owner (call it after seeding the books)."""
    sign_in(app_owner)
    return lambda: open_page(LEDGER)


def test_an_empty_ledger_says_what_to_do(screen):
    at = screen()
    assert "No expenses yet" in at.info[0].value
    assert at.date_input(key=f"{ADD}_date").value == dt.date.today()


def test_add_an_expense_with_a_decimal_comma(app_db, app_owner, screen):
    at = screen()
    at.date_input(key=f"{ADD}_date").set_value(dt.date(2025, 3, 3))
    at.selectbox(key=f"{ADD}_category").set_value("Software")
    at.text_input(key=f"{ADD}_party").set_value("GitHub")
    at.selectbox(key=f"{ADD}_payment_method").set_value("Card")
    at.text_input(key=f"{ADD}_amount").set_value("1.234,50")
    at.text_area(key=f"{ADD}_notes").set_value("annual plan")
    at.button(key=f"FormSubmitter:{ADD}-Add expense").click().run()
    assert not at.exception and not at.error
    assert "Added expense" in at.success[0].value and "€1,234.50" in at.success[0].value
    entry = stored(app_db, app_owner).frame.iloc[0]
    assert (entry["date"], entry["category"], entry["party"], entry["payment_method"], entry["amount"],
            entry["notes"]) == (dt.date(2025, 3, 3), "Software", "GitHub", "Card", Decimal("1234.50"),
                                "annual plan")
    assert metrics(at) == {"Expenses in total": "1", "Total amount": "€1,234.50"}
    assert at.text_input(key="add_expense_1_amount").value == ""  # a fresh form for the next one


@pytest.mark.parametrize(
    ("amount", "message"),
    [("12.345", "more than two decimals"), ("0", "more than zero"), ("lots", "not an amount"), ("", "required")],
)
def test_bad_amounts_are_explained_and_nothing_is_written(app_db, app_owner, screen, amount, message):
    at = screen()
    at.selectbox(key=f"{ADD}_category").set_value("Rent")
    at.text_input(key=f"{ADD}_party").set_value("Landlord")
    at.text_input(key=f"{ADD}_amount").set_value(amount)
    at.button(key=f"FormSubmitter:{ADD}-Add expense").click().run()
    assert message in at.error[0].value and "Amount" in at.error[0].value
    assert stored(app_db, app_owner).total_count == 0
    assert at.text_input(key=f"{ADD}_party").value == "Landlord"  # what was typed stays


def test_a_missing_category_is_explained(app_db, app_owner, screen):
    at = screen()
    at.text_input(key=f"{ADD}_amount").set_value("10")
    at.button(key=f"FormSubmitter:{ADD}-Add expense").click().run()
    assert "Category" in at.error[0].value
    assert stored(app_db, app_owner).total_count == 0


def test_switch_to_incomes_and_add_one(app_db, app_owner, screen):
    at = screen()
    at.button_group(key="ledger_kind").set_value("income").run()
    form = "add_income_0"
    assert at.text_input(key=f"{form}_party").label == "Client"
    assert at.selectbox(key=f"{form}_category").options[0] == "Sales"
    at.selectbox(key=f"{form}_category").set_value("Consulting")
    at.text_input(key=f"{form}_party").set_value("Big Client")
    at.text_input(key=f"{form}_amount").set_value("2500")
    at.button(key=f"FormSubmitter:{form}-Add income").click().run()
    assert "Added income" in at.success[0].value
    assert list(stored(app_db, app_owner, "income").frame["party"]) == ["Big Client"]
    assert stored(app_db, app_owner, "expense").total_count == 0
    assert metrics(at)["Incomes in total"] == "1"


def test_filters_narrow_the_view_and_its_total(app_db, app_owner, screen):
    today = dt.date.today()
    seed(app_db, app_owner, party="Landlord", amount="1000")
    seed(app_db, app_owner, party="GitHub", category="Software", amount="21", payment_method="Card")
    seed(app_db, app_owner, party="Figma", category="Software", amount="15", payment_method="Card",
         date=today.replace(day=1) - dt.timedelta(days=40), notes="design")
    at = screen()
    assert metrics(at) == {"Expenses in total": "3", "Total amount": "€1,036.00"}
    at.multiselect(key="ledger_filter_expense_categories").select("Software").run()
    assert metrics(at) == {"Expenses matching": "2", "Total amount": "€36.00"}
    at.selectbox(key="ledger_filter_expense_period").set_value("This month").run()
    assert metrics(at) == {"Expenses matching": "1", "Total amount": "€21.00"}
    assert list(at.dataframe[0].value["Vendor"]) == ["GitHub"]
    at.selectbox(key="ledger_filter_expense_period").set_value("All dates").run()
    at.text_input(key="ledger_filter_expense_text").set_value("DESIGN").run()
    assert list(at.dataframe[0].value["Vendor"]) == ["Figma"]
    at.text_input(key="ledger_filter_expense_text").set_value("").run()
    at.text_input(key="ledger_filter_expense_party").set_value("git").run()
    at.text_input(key="ledger_filter_expense_amount_min").set_value("20").run()
    assert list(at.dataframe[0].value["Vendor"]) == ["GitHub"]
    at.text_input(key="ledger_filter_expense_party").set_value("nobody").run()
    assert "No expenses match these filters" in at.info[0].value


def test_only_what_the_assistant_added(app_db, app_owner, screen):
    seed(app_db, app_owner, party="Landlord", amount="1000")
    conversation = assistant.current_conversation(app_db, owner_id=app_owner.id)
    assistant.ask(app_db, owner_id=app_owner.id, conversation_id=conversation, text="add 42.50 fuel at Shell today")
    offline = assistant.AssistantConfig(model=None, per_minute=10, per_day=10)
    list(assistant.answer(app_db, owner=app_owner, conversation_id=conversation, config=offline, today=dt.date.today()))
    [card] = [card for message in assistant.transcript(app_db, owner_id=app_owner.id, conversation_id=conversation)
              for card in message.proposals]
    assistant.confirm(app_db, owner_id=app_owner.id, proposal_id=card.id)
    at = screen()
    assert metrics(at)["Expenses in total"] == "2"
    at.checkbox(key="ledger_filter_expense_assistant").check().run()
    assert metrics(at) == {"Expenses matching": "1", "Total amount": "€42.50"}
    assert list(at.dataframe[0].value["Vendor"]) == ["Shell"]


def test_an_unreadable_amount_filter_is_pointed_out(app_db, app_owner, screen):
    seed(app_db, app_owner)
    at = screen()
    at.text_input(key="ledger_filter_expense_amount_max").set_value("abc").run()
    assert "not an amount" in at.error[0].value
    assert at.text_input(key="ledger_filter_expense_amount_max").label == "Amount up to"
    assert "**Amount up to**:" in at.error[0].value  # the box's own label, not the field's name
    assert at.error[0].icon == ":material/back_hand:"  # a Material icon: emoji need a font the browser may lack
    assert metrics(at)["Expenses in total"] == "1"
    at.text_input(key="ledger_filter_expense_amount_min").set_value("x").run()
    assert any("**Amount from**:" in error.value for error in at.error)


def test_paging_through_the_view(app_db, app_owner, screen):
    for number in range(30):
        seed(app_db, app_owner, amount=str(number + 1), date=dt.date(2025, 1, 1) + dt.timedelta(days=number))
    at = screen()
    at.selectbox(key="ledger_page_size").set_value(25).run()
    assert "Page **1** of **2**" in [m.value for m in at.markdown]
    assert len(at.dataframe[0].value) == 25
    at.button(key="ledger_next").click().run()
    assert "Page **2** of **2**" in [m.value for m in at.markdown]
    assert list(at.dataframe[0].value["Amount"]) == [5, 4, 3, 2, 1]
    at.selectbox(key="ledger_filter_expense_sort").set_value("amount_desc").run()
    assert "Page **1** of **2**" in [m.value for m in at.markdown]  # a new view starts on page 1
    assert at.dataframe[0].value["Amount"].iloc[0] == 30


def test_paging_forward_and_back_keeps_each_page_while_rows_are_added(app_db, app_owner, screen):
    for number in range(60):
        seed(app_db, app_owner, amount=str(number + 1), date=dt.date(2025, 1, 1) + dt.timedelta(days=number))
    at = screen()
    at.selectbox(key="ledger_page_size").set_value(25).run()
    assert at.button(key="ledger_previous").disabled
    at.button(key="ledger_next").click().run()
    assert "Page **2** of **3**" in [m.value for m in at.markdown]
    second = list(at.dataframe[0].value["Amount"])
    assert (second[0], second[-1]) == (35, 11)
    seed(app_db, app_owner, amount="999", date=dt.date(2025, 12, 31))  # lands on page 1, above the cursor
    at.button(key="ledger_next").click().run()
    assert "Page **3** of **3**" in [m.value for m in at.markdown]
    assert list(at.dataframe[0].value["Amount"]) == list(range(10, 0, -1))
    assert at.button(key="ledger_next").disabled
    at.button(key="ledger_previous").click().run()
    assert list(at.dataframe[0].value["Amount"]) == second
    at.button(key="ledger_previous").click().run()
    assert list(at.dataframe[0].value["Amount"])[::24] == [60, 36]  # the page before, as it was
    at.button(key="ledger_previous").click().run()  # back to the start: the first page, the new row on top
    assert "Page **1** of **3**" in [m.value for m in at.markdown]
    assert list(at.dataframe[0].value["Amount"])[::24] == [999, 37]
    assert at.button(key="ledger_previous").disabled


def test_edit_the_selected_entry(app_db, app_owner, screen):
    entry = seed(app_db, app_owner, amount="100")
    at = select_rows(screen(), 0)
    form = f"edit_expense_{entry.id}"
    assert at.text_input(key=f"{form}_amount").value == "100.00"
    at.text_input(key=f"{form}_amount").set_value("99,99")
    at.text_input(key=f"{form}_party").set_value("New Landlord")
    at.button(key=f"FormSubmitter:{form}-Save changes").click().run()
    assert f"Saved expense #{entry.id}." in at.success[0].value
    saved = ledger.get_entry(app_db, owner_id=app_owner.id, kind="expense", entry_id=entry.id)
    assert (saved.amount, saved.party) == (Decimal("99.99"), "New Landlord")
    assert metrics(at)["Total amount"] == "€99.99"


@pytest.mark.parametrize("edge", [dt.date(1900, 1, 1), dt.date(2100, 12, 31)])
def test_an_entry_at_the_edge_of_the_date_range_can_be_edited(app_db, app_owner, screen, edge):
    entry = seed(app_db, app_owner, date=edge)
    at = select_rows(screen(), 0)
    form = f"edit_expense_{entry.id}"
    assert not at.exception and at.date_input(key=f"{form}_date").value == edge
    at.text_input(key=f"{form}_amount").set_value("7")
    at.button(key=f"FormSubmitter:{form}-Save changes").click().run()
    assert not at.exception and f"Saved expense #{entry.id}." in at.success[0].value
    assert ledger.get_entry(app_db, owner_id=app_owner.id, kind="expense", entry_id=entry.id).date == edge


def test_an_entry_stored_outside_the_date_range_asks_for_its_date(app_db, app_owner, screen):
    with app_db.transaction() as session:  # as an older version could store it, past the schema
        entries_repo.insert(session, owner_id=app_owner.id, entry=EntryInput.model_construct(
            kind="expense", date=dt.date(1, 1, 1), category="Rent", party=None, payment_method=None,
            amount=Decimal("5.00"), notes=None))
    at = select_rows(screen(), 0)
    assert not at.exception and "outside 1900-01-01 to 2100-12-31" in at.warning[0].value


def test_the_custom_date_range_reaches_back_to_1900(app_db, app_owner, screen):
    seed(app_db, app_owner, date=dt.date(1901, 5, 1))
    at = screen()
    at.selectbox(key="ledger_filter_expense_period").set_value("Custom range").run()
    at.date_input(key="ledger_filter_expense_range").set_value((dt.date(1900, 1, 1), dt.date(1902, 1, 1))).run()
    assert not at.exception and metrics(at)["Expenses matching"] == "1"


def test_a_bad_edit_is_refused(app_db, app_owner, screen):
    entry = seed(app_db, app_owner, amount="100")
    at = select_rows(screen(), 0)
    form = f"edit_expense_{entry.id}"
    at.text_input(key=f"{form}_amount").set_value("10000000000")
    at.button(key=f"FormSubmitter:{form}-Save changes").click().run()
    assert "larger than" in at.error[0].value
    assert ledger.get_entry(app_db, owner_id=app_owner.id, kind="expense", entry_id=entry.id) == entry


def test_duplicate_selected(app_db, app_owner, screen):
    seed(app_db, app_owner, amount="100", notes="monthly")
    at = select_rows(screen(), 0)
    at.button(key="ledger_duplicate").click().run()
    assert "Duplicated as #2" in at.success[0].value
    assert list(stored(app_db, app_owner).frame["notes"]) == ["monthly", "monthly"]


def test_delete_selected_asks_first(app_db, app_owner, screen):
    kept = seed(app_db, app_owner, amount="1", date=dt.date(2025, 1, 1))
    for amount in ("2", "3"):
        seed(app_db, app_owner, amount=amount, date=dt.date(2025, 2, 1))
    at = select_rows(screen(), 0, 1)
    at.button(key="ledger_delete").click().run()
    assert "Delete 2 expenses?" in at.warning[0].value
    at.button(key="ledger_confirm_no").click().run()
    assert stored(app_db, app_owner).total_count == 3 and not at.warning
    at = select_rows(at, 0, 1)
    at.button(key="ledger_delete").click().run()
    at.button(key="ledger_confirm_yes").click().run()
    assert "Deleted 2 expenses." in at.success[0].value
    assert list(stored(app_db, app_owner).frame["id"]) == [kept.id]
    assert metrics(at)["Expenses in total"] == "1"


def test_fiscal_year_presets_follow_the_owners_fiscal_year(app_db, app_owner, sign_in, open_page):
    from fintrack import periods
    from fintrack.services import accounts

    accounts.update_profile(app_db, owner_id=app_owner.id, data={
        "business_name": "Acme Studio", "fiscal_year_start": "2000-04-06", "currency_code": "GBP"})
    last_year = periods.presets(dt.date.today(), dt.date(2000, 4, 6))["Last fiscal year"]
    seed(app_db, app_owner, date=last_year.start, amount="1")
    seed(app_db, app_owner, date=last_year.end, amount="2")
    seed(app_db, app_owner, date=last_year.start - dt.timedelta(days=1), amount="4")
    seed(app_db, app_owner, date=last_year.end + dt.timedelta(days=1), amount="8")
    sign_in(app_owner)
    at = open_page(LEDGER)
    at.selectbox(key="ledger_filter_expense_period").set_value("Last fiscal year").run()
    assert metrics(at) == {"Expenses matching": "2", "Total amount": "£3.00"}
    assert f"{last_year.label}: {last_year.date_range(app_owner.formats)}" in [caption.value for caption in at.caption]


def test_a_pending_deletion_is_dropped_when_the_view_changes(app_db, app_owner, screen):
    seed(app_db, app_owner, party="Landlord")
    seed(app_db, app_owner, party="GitHub")
    at = select_rows(screen(), 0)
    at.button(key="ledger_delete").click().run()
    assert at.warning
    at.text_input(key="ledger_filter_expense_party").set_value("land").run()
    assert not at.warning
    assert stored(app_db, app_owner).total_count == 2


def test_a_prepared_workbook_is_not_offered_after_a_write_on_this_screen(app_db, app_owner, screen):
    entry = seed(app_db, app_owner, amount="100")
    at = screen()
    at.button(key="ledger_expense_prepare").click().run()
    assert [d for d in at.get("download_button") if ".xlsx" in d.proto.label]
    at = select_rows(at, 0)
    form = f"edit_expense_{entry.id}"
    at.text_input(key=f"{form}_amount").set_value("5")
    at.button(key=f"FormSubmitter:{form}-Save changes").click().run()
    assert metrics(at)["Total amount"] == "€5.00"
    assert not [d for d in at.get("download_button") if ".xlsx" in d.proto.label]
