"""Settings › Categories through AppTest: rename and merge across every entry."""

from __future__ import annotations

import datetime as dt

from fintrack.services import categories, ledger

SETTINGS = "pages/settings.py"
FORM = "category_admin_expense_0"


def seed(db, owner, category, kind="expense"):
    ledger.add_entry(db, owner_id=owner.id, data={"kind": kind, "date": dt.date(2025, 1, 1), "category": category,
                                                   "amount": "10"})


def test_rename_then_merge(app_db, app_owner, sign_in, open_page):
    for category in ("Food", "Food", "Meals", "Sofware"):
        seed(app_db, app_owner, category)
    sign_in(app_owner)
    at = open_page(SETTINGS)
    assert not at.exception
    at.selectbox(key=f"{FORM}_old").set_value("Sofware")
    at.text_input(key=f"{FORM}_new").set_value("Software")
    at.button(key=f"FormSubmitter:{FORM}-Rename or merge").click().run()
    assert "Renamed 'Sofware' into 'Software' (1 expense)." in [s.value for s in at.success]
    form = "category_admin_expense_1"
    at.selectbox(key=f"{form}_old").set_value("Food")
    at.text_input(key=f"{form}_new").set_value("meals")  # in any case: merges into the existing spelling
    at.button(key=f"FormSubmitter:{form}-Rename or merge").click().run()
    assert "Merged 'Food' into 'Meals' (2 expenses)." in [s.value for s in at.success]
    assert categories.category_usage(app_db, owner_id=app_owner.id, kind="expense") == [("Meals", 3), ("Software", 1)]


def test_a_missing_choice_or_name_is_explained(app_db, app_owner, sign_in, open_page):
    seed(app_db, app_owner, "Food")
    sign_in(app_owner)
    at = open_page(SETTINGS)
    at.text_input(key=f"{FORM}_new").set_value("Meals")
    at.button(key=f"FormSubmitter:{FORM}-Rename or merge").click().run()
    assert any("pick the category" in e.value for e in at.error)
    at.selectbox(key=f"{FORM}_old").set_value("Food")
    at.text_input(key=f"{FORM}_new").set_value("   ")
    at.button(key=f"FormSubmitter:{FORM}-Rename or merge").click().run()
    assert any("**New name**: is required" in e.value for e in at.error)
    assert categories.category_usage(app_db, owner_id=app_owner.id, kind="expense") == [("Food", 1)]


def test_incomes_have_their_own_categories(app_db, app_owner, sign_in, open_page):
    seed(app_db, app_owner, "Sales", kind="income")
    sign_in(app_owner)
    at = open_page(SETTINGS)
    assert any("No expenses yet" in i.value for i in at.info)
    at.button_group(key="category_admin_kind").set_value("income").run()
    assert at.selectbox(key="category_admin_income_0_old").options == ["Sales"]
