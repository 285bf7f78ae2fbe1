"""The accounts screen through AppTest: balances and total cash, add, refuse bad input, edit, default, delete."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest

from fintrack.services import ledger
from fintrack.services import money_accounts as accounts

ACCOUNTS = "pages/accounts.py"
ADD = "add_account_0"


def open_card(db, owner, **overrides) -> accounts.MoneyAccount:
    data = {"name": "Visa *card*", "type": "credit_card", "opening_balance": "-100", "opening_date": "2026-01-01",
            **overrides}
    return accounts.add_account(db, owner_id=owner.id, data=data)


def select_row(at, row: int):
    table = next(frame for frame in at.dataframe if frame.key and frame.key.startswith("accounts_table"))
    at.session_state[table.key] = {"selection": {"rows": [row], "columns": []}}
    return at.run()


def shown(at) -> list[list[str]]:
    return at.dataframe[0].value[["Account", "Balance", "Default"]].values.tolist()


@pytest.fixture
def screen(app_owner, sign_in, open_page):
    sign_in(app_owner)
    return lambda: open_page(ACCOUNTS)


def test_balances_and_total_cash(app_db, app_owner, screen):
    card = open_card(app_db, app_owner)
    ledger.add_entry(app_db, owner_id=app_owner.id, data={
        "kind": "expense", "date": dt.date(2026, 1, 2), "category": "Travel", "amount": "20.50",
        "account_id": card.id})
    ledger.add_entry(app_db, owner_id=app_owner.id, data={
        "kind": "income", "date": dt.date(2026, 1, 2), "category": "Sales", "amount": "1000"})
    at = screen()
    assert not at.exception
    assert at.metric[0].value == "€879.50"
    assert shown(at) == [["Main account", "€1,000.00", "Default"], ["Visa *card*", "-€120.50", ""]]


def test_add_an_account_and_refuse_bad_input(app_db, app_owner, screen):
    at = screen()
    at.text_input(key=f"{ADD}_name").set_value("Stripe")
    at.text_input(key=f"{ADD}_opening_balance").set_value("12.345")
    at.button(key=f"FormSubmitter:{ADD}-Add account").click().run()
    assert "more than two decimals" in at.error[0].value
    assert len(accounts.list_accounts(app_db, owner_id=app_owner.id)) == 1
    at.selectbox(key=f"{ADD}_type").set_value("platform")
    at.text_input(key=f"{ADD}_opening_balance").set_value("250,10")
    at.date_input(key=f"{ADD}_opening_date").set_value(dt.date(2026, 2, 1))
    at.button(key=f"FormSubmitter:{ADD}-Add account").click().run()
    assert not at.exception and "Added Stripe." in at.success[0].value
    stripe = accounts.list_accounts(app_db, owner_id=app_owner.id)[1]
    assert (stripe.type_label, stripe.opening_balance, stripe.opening_date) == (
        "Payment platform", Decimal("250.10"), dt.date(2026, 2, 1))


def test_edit_make_default_and_delete(app_db, app_owner, screen):
    open_card(app_db, app_owner)
    at = select_row(screen(), 1)
    key = next(box.key for box in at.text_input if box.key.endswith("_name") and box.key.startswith("edit_account"))
    at.text_input(key=key).set_value("Amex")
    at.button(key=f"FormSubmitter:{key.removesuffix('_name')}-Save changes").click().run()
    assert not at.exception and "Saved Amex." in at.success[0].value
    at = select_row(at, 1)
    at.button(key=f"FormSubmitter:{key.removesuffix('_name')}-Make default").click().run()
    assert [a.name for a in accounts.list_accounts(app_db, owner_id=app_owner.id) if a.is_default] == ["Amex"]
    at = select_row(at, 1)  # now the Main account, second after the default
    at.button(key=next(b.key for b in at.button if b.label == "Delete account")).click().run()
    at.button(key="accounts_confirm_yes").click().run()
    assert not at.exception
    assert [a.name for a in accounts.list_accounts(app_db, owner_id=app_owner.id)] == ["Amex"]


def test_the_entry_form_asks_for_the_account_once_there_are_two(app_db, app_owner, sign_in, open_page):
    sign_in(app_owner)
    at = open_page("pages/ledger.py")
    assert not [box for box in at.selectbox if box.label == "Account"]  # one account: nothing to ask
    card = open_card(app_db, app_owner)
    at = open_page("pages/ledger.py")
    form = "add_expense_0"
    assert at.selectbox(key=f"{form}_account").value == accounts.list_accounts(app_db, owner_id=app_owner.id)[0].id
    at.selectbox(key=f"{form}_category").set_value("Travel")
    at.text_input(key=f"{form}_amount").set_value("30")
    at.selectbox(key=f"{form}_account").set_value(card.id)
    at.button(key=f"FormSubmitter:{form}-Add expense").click().run()
    assert not at.exception and not at.error
    balances = {b.account.name: b.balance for b in accounts.balances(app_db, owner_id=app_owner.id)}
    assert balances == {"Main account": Decimal("0.00"), "Visa *card*": Decimal("-130.00")}


def test_the_ledger_filters_by_account(app_db, app_owner, sign_in, open_page):
    sign_in(app_owner)
    at = open_page("pages/ledger.py")
    assert not [box for box in at.selectbox if box.label == "Account"]  # one account: no filter to offer
    card = open_card(app_db, app_owner)
    for amount, account_id in (("30", None), ("7.25", card.id)):
        ledger.add_entry(app_db, owner_id=app_owner.id, data={
            "kind": "expense", "date": dt.date(2026, 1, 5), "category": "Travel", "amount": amount,
            "account_id": account_id})
    at = open_page("pages/ledger.py")
    at.selectbox(key="ledger_filter_expense_account").set_value(card.id).run()
    assert not at.exception
    assert list(at.dataframe[0].value["Amount"]) == [Decimal("7.25")]
