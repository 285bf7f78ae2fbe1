"""The import screen with accounts through AppTest: the account is asked, the running balance is checked on
screen (and a missing line named), the statement lands in the chosen account, a platform's fees are said."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest

from fintrack.services import accounts as owners
from fintrack.services import money_accounts as accounts
from tests.app.test_import import CONFIRM, IMPORT, texts, upload
from tests.statements import STATEMENTS_DIR


@pytest.fixture
def bank(app_db, app_owner):
    return accounts.add_account(app_db, owner_id=app_owner.id, data={
        "name": "Schwab <b>checking</b>", "type": "current", "opening_balance": "1093.74",
        "opening_date": dt.date(2022, 8, 1)})


@pytest.fixture
def screen(app_owner, sign_in, open_page):
    sign_in(app_owner)
    return lambda: open_page(IMPORT)


def account_box(at):
    return next(box for box in at.selectbox if box.label == "Account")


def test_a_statement_is_imported_into_the_chosen_account_and_its_balances_checked(app_db, app_owner, bank, screen):
    at = upload(screen(), "schwab-checking.csv")
    assert account_box(at).value == accounts.list_accounts(app_db, owner_id=app_owner.id)[0].id  # the default
    assert "Before this statement your books hold €0.00 in Main account" in texts(at.warning)
    account_box(at).set_value(bank.id).run()
    assert "The statement's balances add up, from €1,093.74 to €878.47 on 17 Aug 2022." in texts(at.info)
    assert "Before this statement" not in texts(at.warning)
    at.button(key=CONFIRM).click().run()
    assert not at.exception
    assert accounts.balance_of(app_db, owner_id=app_owner.id, account_id=bank.id) == Decimal("878.47")
    at = upload(at, "schwab-checking.csv")
    assert account_box(at).value == bank.id  # remembered with the layout


def test_a_missing_line_is_named(app_db, app_owner, screen):
    lines = (STATEMENTS_DIR / "schwab-checking.csv").read_bytes().splitlines(keepends=True)
    at = upload(screen(), "schwab-checking.csv", b"".join(lines[:2] + lines[3:]))
    assert "The balances stop adding up at line 2" in texts(at.error)
    assert "the statement says $878.47" not in texts(at.error) and "€878.47" in texts(at.error)


def test_a_platforms_fees_are_announced_and_counted(app_db, app_owner, screen):
    at = upload(screen(), "stripe-default.csv")
    assert "The platform kept €4.78 in fees on 5 row(s)" in texts(at.caption)
    assert {metric.label: metric.value for metric in at.metric}["Expenses to import"] == "5"


def test_dollar_amounts_in_the_balance_check_are_text_not_a_formula(app_db, sign_in, open_page):
    dollars = owners.sign_up(app_db, {"email": "usd@example.com", "password": "correct horse battery",
                                      "business_name": "Acme", "fiscal_year_start": dt.date(2000, 1, 1),
                                      "currency_code": "USD"})
    sign_in(dollars)
    at = upload(open_page(IMPORT), "schwab-checking.csv")
    assert "from \\$1,093.74 to \\$878.47" in texts(at.info)  # two '$' would start a formula in markdown
