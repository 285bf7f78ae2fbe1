"""Transfers on screen through AppTest: move money between accounts, delete one, and confirm a pair of
imported lines as one transfer (on the Accounts screen and right after an import)."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest

from fintrack.services import ledger, transfers
from fintrack.services import money_accounts as accounts
from tests.app.test_import import CONFIRM, IMPORT, upload

ACCOUNTS = "pages/accounts.py"


@pytest.fixture
def paypal(app_db, app_owner):
    return accounts.add_account(app_db, owner_id=app_owner.id, data={
        "name": "PayPal", "type": "platform", "opening_balance": "0", "opening_date": dt.date(2022, 8, 1)})


def balances(db, owner) -> dict[str, Decimal]:
    return {b.account.name: b.balance for b in accounts.balances(db, owner_id=owner.id)}


def test_move_money_between_accounts_and_delete_it(app_db, app_owner, paypal, sign_in, open_page):
    sign_in(app_owner)
    at = open_page(ACCOUNTS)
    form = "add_transfer_0"
    at.selectbox(key=f"{form}_from").set_value(paypal.id)
    at.selectbox(key=f"{form}_to").set_value(accounts.list_accounts(app_db, owner_id=app_owner.id)[0].id)
    at.text_input(key=f"{form}_amount").set_value("12,50")
    at.button(key=f"FormSubmitter:{form}-Add transfer").click().run()
    assert not at.exception and "Moved €12.50 from PayPal to Main account." in at.success[0].value
    assert balances(app_db, app_owner) == {"Main account": Decimal("12.50"), "PayPal": Decimal("-12.50")}
    table = next(frame for frame in at.dataframe if frame.key.startswith("transfers_table"))
    at.session_state[table.key] = {"selection": {"rows": [0], "columns": []}}
    at.run()
    at.button(key="transfers_delete").click().run()
    assert not at.exception and transfers.list_transfers(app_db, owner_id=app_owner.id) == []


def test_a_pair_of_imported_lines_is_confirmed_as_one_transfer_after_the_import(
        app_db, app_owner, paypal, sign_in, open_page):
    ledger.add_entry(app_db, owner_id=app_owner.id, data={
        "kind": "income", "date": dt.date(2022, 8, 5), "category": "Sales", "party": "From bank",
        "amount": "57.27", "account_id": paypal.id})
    sign_in(app_owner)
    at = upload(open_page(IMPORT), "schwab-checking.csv")
    at.button(key=CONFIRM).click().run()
    assert "**These look like transfers between your accounts**" in [m.value for m in at.markdown]
    button = next(b for b in at.button if b.key.startswith("transfer_pair_"))
    before = balances(app_db, app_owner)
    button.click().run()
    assert not at.exception and "Booked €57.27 as a transfer." in at.success[0].value
    assert balances(app_db, app_owner) == before
    [transfer] = transfers.list_transfers(app_db, owner_id=app_owner.id)
    assert (transfer.from_account_id, transfer.to_account_id) == (
        accounts.list_accounts(app_db, owner_id=app_owner.id)[0].id, paypal.id)


def test_the_accounts_screen_proposes_pairs_among_the_latest_entries(app_db, app_owner, paypal, sign_in, open_page):
    main = accounts.list_accounts(app_db, owner_id=app_owner.id)[0]
    for kind, account, day in (("expense", main, 3), ("income", paypal, 4)):
        ledger.add_entry(app_db, owner_id=app_owner.id, data={
            "kind": kind, "date": dt.date(2026, 3, day), "category": "Other", "amount": "99", "account_id": account.id})
    sign_in(app_owner)
    at = open_page(ACCOUNTS)
    assert any("out of **Main account**" in m.value for m in at.markdown)


def test_the_assistant_card_for_a_transfer_and_its_confirm(app_db, app_owner, paypal, sign_in, open_page):
    sign_in(app_owner)
    at = open_page("pages/assistant.py")
    at.chat_input[0].set_value("move 40 from PayPal to Main account").run()
    assert not at.exception
    shown = "\n".join(m.value for m in at.markdown)
    assert "**Transfer between your accounts**" in shown and "**From:** PayPal" in shown
    assert "**Amount:** €40.00" in shown and transfers.list_transfers(app_db, owner_id=app_owner.id) == []
    next(b for b in at.button if (b.key or "").startswith("assistant_confirm")).click().run()
    assert not at.exception
    assert balances(app_db, app_owner) == {"Main account": Decimal("40.00"), "PayPal": Decimal("-40.00")}
