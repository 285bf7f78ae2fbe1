"""Sign-in, sign-up, the gate, the sidebar and Settings through AppTest, on a real SQLite app database.

AppTest sends no cookies, so the browser id the sign-in forms bind their one-time token to is injected at
`fintrack.ui.session.browser_id` (the one function that reads it). A successful form ends in the page
sending the browser to `/auth/complete?token=…`; the tests spend that token to prove it is real.
"""

from __future__ import annotations

import datetime as dt
import re
from urllib.parse import unquote

import pytest
from sqlalchemy import func, select
from streamlit.testing.v1 import AppTest

from fintrack.config import Settings
from fintrack.db.models import LoginToken, User
from fintrack.display import currency_choices, currency_label
from fintrack.filters import EntryFilter
from fintrack.services import accounts, ledger, sessions
from fintrack.ui import navigation
from fintrack.ui import session as ui_session
from fintrack.ui.text import plain
from tests.app.conftest import APP_TIMEOUT, HOME_SCRIPT

BROWSER = "browser-under-test"
PASSWORD = "correct horse battery"
GOOD_SIGN_UP = {"email": "new@example.com", "password": PASSWORD, "repeat": PASSWORD,
                "business_name": "Bright Bakery"}
PAGES = ("pages/dashboard.py", "pages/ledger.py", "pages/import.py", "pages/assets.py", "pages/assistant.py",
         "pages/settings.py")


@pytest.fixture
def browser(monkeypatch):
    monkeypatch.setattr(ui_session, "browser_id", lambda: BROWSER)
    return BROWSER


def _texts(at) -> str:
    parts = [element.value for kind in ("markdown", "error", "warning", "success", "info", "caption", "title")
             for element in getattr(at, kind)]
    return "\n".join(str(part) for part in parts)


def _button(at, label: str):
    [button] = [button for button in at.button if button.label == label]
    return button


def _redirect_target(at) -> str | None:
    for element in at.html:
        found = re.search(r'window\.location\.replace\("([^"]+)"\)', element.value)
        if found:
            return unquote(found.group(1))
    return None


def _user_count(app_db) -> int:
    with app_db.transaction() as session:
        return session.scalar(select(func.count(User.id)))


def _fill_sign_up(at, **values) -> None:
    values = {**GOOD_SIGN_UP, **values}
    at.text_input(key="sign_up_email").set_value(values["email"])
    at.text_input(key="sign_up_password").set_value(values["password"])
    at.text_input(key="sign_up_repeat").set_value(values["repeat"])
    at.text_input(key="sign_up_business_name").set_value(values["business_name"])
    if "month" in values:
        at.selectbox(key="sign_up_fiscal_month").set_value(values["month"])
    if "day" in values:
        at.number_input(key="sign_up_fiscal_day").set_value(values["day"])
    if "currency" in values:
        at.selectbox(key="sign_up_currency").set_value(values["currency"])


def _spend(app_db, target: str, browser_id: str = BROWSER):
    token = target.split("token=", 1)[1]
    settings = Settings()
    session_token = sessions.redeem_login_token(app_db, token=token, browser_id=browser_id,
                                                secret_key=settings.secret_key, days=1)
    return sessions.owner_for_token(app_db, token=session_token, secret_key=settings.secret_key)


# --- the gate ----------------------------------------------------------------------------------------------


def test_a_visitor_sees_sign_in_and_no_sidebar(app_database_url, open_page):
    at = open_page()
    assert not at.exception
    assert _button(at, "Sign in") and _button(at, "Create account")
    assert not at.sidebar.button  # no "me" and no sign-out for a visitor


@pytest.mark.parametrize("page", PAGES)
def test_a_revoked_session_on_any_screen_lands_on_sign_in(app_db, app_owner, sign_in, open_page, page):
    """(A direct URL while signed out is the same case in the browser: see tests/e2e.)"""
    token = sign_in(app_owner)
    at = open_page(page)
    assert not at.exception and not [b for b in at.button if b.label == "Sign in"]
    sessions.end_session(app_db, token=token, secret_key=Settings().secret_key)
    at.run()
    assert not at.exception
    assert _button(at, "Sign in") and not at.sidebar.button


def test_signing_in_after_asking_for_a_screen_opens_that_screen(app_db, app_owner, browser):
    """The gate in Home.py keeps the screen asked for (see tests/e2e for the direct URL in a browser)."""
    at = AppTest.from_file(str(HOME_SCRIPT), default_timeout=APP_TIMEOUT)
    at.session_state[navigation.ASKED_FOR_KEY] = "ledger"
    at.run()
    assert at.info[0].value == "Sign in to open the Ledger page."
    at.text_input(key="sign_in_email").set_value("OWNER@example.com")
    at.text_input(key="sign_in_password").set_value("correct horse battery")
    _button(at, "Sign in").click().run()
    target = _redirect_target(at)
    assert not at.exception and target.startswith("/auth/complete?token=") and target.endswith("&next=ledger")


def test_the_home_sign_in_names_no_other_screen(app_database_url, open_page):
    assert not open_page().info


def test_the_sign_in_screen_explains_an_expired_link(app_database_url, open_page):
    at = AppTest.from_file(str(HOME_SCRIPT), default_timeout=APP_TIMEOUT)
    at.query_params["signin"] = "expired"
    at.run()
    assert "did not complete" in at.warning[0].value


# --- sign-up -----------------------------------------------------------------------------------------------


def test_sign_up_creates_the_account_and_signs_this_browser_in(app_db, open_page, browser):
    at = open_page()
    _fill_sign_up(at, month=4, day=6, currency="GBP")
    _button(at, "Create account").click().run()
    assert not at.exception and not at.error
    target = _redirect_target(at)
    assert target.startswith("/auth/complete?token=")
    owner = _spend(app_db, target)
    assert (owner.email, owner.business_name, owner.fiscal_year_start, owner.currency_code, owner.locale) == (
        "new@example.com", "Bright Bakery", dt.date(2000, 4, 6), "GBP", "en_GB")


def test_the_currency_picker_offers_the_iso_codes_in_circulation(app_database_url, open_page):
    at = open_page()
    picker = at.selectbox(key="sign_up_currency")
    assert set(picker.options) == {currency_label(code) for code in currency_choices()}
    assert "XCG — Caribbean guilder" in picker.options and not any(o.startswith("ANG") for o in picker.options)


@pytest.mark.parametrize(("values", "message"), [
    ({"email": "not-an-email"}, "is not an email address"),
    ({"password": "short", "repeat": "short"}, "at least 10 characters"),
    ({"repeat": "something else entirely"}, "does not match"),
    ({"business_name": "x" * 300}, "is too long (at most 255 characters)"),
    ({"business_name": "   "}, "Business name"),
    ({"month": 2, "day": 30}, "February has 28 days"),
], ids=["malformed-email", "short-password", "passwords-differ", "300-char-name", "blank-name", "30-february"])
def test_bad_sign_up_input_gets_a_clear_message_and_writes_nothing(app_db, open_page, browser, values, message):
    at = open_page()
    _fill_sign_up(at, **values)
    _button(at, "Create account").click().run()
    assert not at.exception
    assert message in at.error[0].value
    assert _user_count(app_db) == 0 and _redirect_target(at) is None


def test_a_taken_email_is_refused_in_any_case(app_db, app_owner, open_page, browser):
    at = open_page()
    _fill_sign_up(at, email=app_owner.email.upper())
    _button(at, "Create account").click().run()
    assert "already exists" in at.error[0].value
    assert _user_count(app_db) == 1 and _redirect_target(at) is None


def test_repeated_sign_ups_are_throttled_with_a_clear_message(app_db, app_owner, open_page, browser, monkeypatch):
    monkeypatch.setenv("FINTRACK_SIGNUP_MAX_PER_CLIENT", "1")
    monkeypatch.setattr(ui_session, "peer_address", lambda: "203.0.113.7")
    at = open_page()
    _fill_sign_up(at, email=app_owner.email)
    _button(at, "Create account").click().run()
    assert "already exists" in at.error[0].value
    _fill_sign_up(at, email="someone-else@example.com")
    _button(at, "Create account").click().run()
    assert "Too many sign-up attempts" in at.warning[0].value
    assert _user_count(app_db) == 1 and _redirect_target(at) is None


def test_without_the_browser_cookie_sign_up_explains_what_to_do(app_db, open_page):
    at = open_page()
    _fill_sign_up(at)
    _button(at, "Create account").click().run()
    assert "Allow cookies" in at.error[0].value


# --- sign-in -----------------------------------------------------------------------------------------------


def _sign_in(at, email: str, password: str) -> None:
    at.text_input(key="sign_in_email").set_value(email)
    at.text_input(key="sign_in_password").set_value(password)
    _button(at, "Sign in").click().run()


def _login_tokens(app_db) -> int:
    with app_db.transaction() as session:
        return session.scalar(select(func.count()).select_from(LoginToken))


def test_sign_in_with_the_right_password(app_db, app_owner, open_page, browser):
    at = open_page()
    _sign_in(at, "  OWNER@example.com ", PASSWORD)
    assert not at.error
    assert _spend(app_db, _redirect_target(at)) == app_owner


@pytest.mark.parametrize("email", ["owner@example.com", "nobody@example.com"], ids=["wrong-password", "unknown"])
def test_a_failed_sign_in_reads_the_same_for_unknown_email_and_wrong_password(app_db, app_owner, open_page,
                                                                            browser, email):
    at = open_page()
    _sign_in(at, email, "not the password")
    assert at.error[0].value == "That email and password do not match an account."
    assert _redirect_target(at) is None and _login_tokens(app_db) == 0


def test_repeated_failures_are_throttled(app_db, app_owner, open_page, browser, monkeypatch):
    monkeypatch.setenv("FINTRACK_LOGIN_MAX_FAILURES", "2")
    at = open_page()
    for _ in range(2):
        _sign_in(at, app_owner.email, "not the password")
    _sign_in(at, app_owner.email, PASSWORD)  # even the right password waits now
    assert "Too many sign-in attempts" in at.warning[0].value
    assert _redirect_target(at) is None


def test_the_demo_button_signs_in_as_the_demo_business(app_db, open_page, browser, monkeypatch):
    monkeypatch.setenv("FINTRACK_DEMO", "true")
    at = open_page()
    _button(at, "Try the demo").click().run()
    assert not at.exception
    owner = _spend(app_db, _redirect_target(at))
    assert owner.business_name == "Northwind Design Studio"


def test_no_demo_button_when_the_demo_is_off(app_database_url, open_page, monkeypatch):
    monkeypatch.setenv("FINTRACK_DEMO", "false")
    assert not [button for button in open_page().button if button.label == "Try the demo"]


# --- the owner's Home and sidebar --------------------------------------------------------------------------


def test_the_owner_sees_me_and_a_checklist(app_database_url, app_owner, sign_in, open_page):
    sign_in(app_owner)
    at = open_page()
    assert at.title[0].value == "Welcome, Acme Studio"
    sidebar = " ".join(element.value for element in [*at.sidebar.markdown, *at.sidebar.caption])
    assert "Acme Studio" in sidebar and plain("owner@example.com") in sidebar and "EUR — Euro" in sidebar
    assert "1 of 6 done" in at.expander[0].label


def test_quick_add_records_an_expense_and_ticks_the_checklist(app_db, app_owner, sign_in, open_page):
    sign_in(app_owner)
    at = open_page()
    at.text_input(key="quick_add_expense_amount").set_value("42.50")
    at.selectbox(key="quick_add_expense_category").set_value("Office")
    at.text_input(key="quick_add_expense_vendor").set_value("Staples")
    _button(at, "Add expense").click().run()
    assert not at.exception and not at.error
    assert "Added €42.50 for Office" in at.success[0].value
    assert "2 of 6 done" in at.expander[0].label
    assert at.text_input(key="quick_add_expense_amount").value == ""  # empty again for the next one
    assert at.selectbox(key="quick_add_expense_category").value is None
    found = ledger.find_entries(app_db, owner_id=app_owner.id, filters=EntryFilter(kind="expense"))
    assert found.total_count == 1 and str(found.total_amount) == "42.50"


def test_quick_add_refuses_a_bad_amount(app_db, app_owner, sign_in, open_page):
    sign_in(app_owner)
    at = open_page()
    at.text_input(key="quick_add_expense_amount").set_value("lots")
    at.selectbox(key="quick_add_expense_category").set_value("Office")
    at.text_input(key="quick_add_expense_vendor").set_value("Staples")
    _button(at, "Add expense").click().run()
    assert "Amount" in at.error[0].value
    assert "1 of 6 done" in at.expander[0].label
    kept = [at.text_input(key="quick_add_expense_amount").value, at.selectbox(key="quick_add_expense_category").value,
            at.text_input(key="quick_add_expense_vendor").value]
    assert kept == ["lots", "Office", "Staples"]  # what was typed stays to be corrected


def _sidebar_app(owner_id: int) -> None:
    from fintrack.services.accounts import get_owner
    from fintrack.ui.resources import database
    from fintrack.ui.sidebar import render_sidebar

    render_sidebar(get_owner(database(), owner_id=owner_id))


def test_sign_out_ends_the_session_then_sends_the_browser_to_clear_the_cookie(app_db, app_owner, sign_in):
    # AppTest reruns only the page script after the first run, so the sidebar is exercised on its own.
    token = sign_in(app_owner)
    at = AppTest.from_function(_sidebar_app, args=(app_owner.id,))
    at.run()
    at.sidebar.button(key="sidebar_sign_out").click().run()
    assert not at.exception
    assert sessions.owner_for_token(app_db, token=token, secret_key=Settings().secret_key) is None
    assert _redirect_target(at) == "/auth/signout"


# --- Settings ----------------------------------------------------------------------------------------------


def _settings(sign_in, open_page, owner):
    sign_in(owner)
    return open_page("pages/settings.py")


def test_settings_change_the_profile(app_db, app_owner, sign_in, open_page):
    at = _settings(sign_in, open_page, app_owner)
    assert at.text_input(key="settings_profile_business_name").value == "Acme Studio"
    at.text_input(key="settings_profile_business_name").set_value("Acme Studio GmbH")
    at.selectbox(key="settings_profile_fiscal_month").set_value(7)
    at.number_input(key="settings_profile_fiscal_day").set_value(1)
    at.selectbox(key="settings_profile_currency").set_value("CHF")
    _button(at, "Save profile").click().run()
    assert not at.exception and at.success[0].value == "Profile saved."
    owner = accounts.get_owner(app_db, owner_id=app_owner.id)
    assert (owner.business_name, owner.fiscal_year_start, owner.currency_code) == (
        "Acme Studio GmbH", dt.date(2000, 7, 1), "CHF")
    assert at.text_input(key="settings_profile_business_name").value == "Acme Studio GmbH"


@pytest.mark.parametrize(("field", "value", "message"), [
    ("settings_profile_business_name", "y" * 300, "at most 255 characters"),
    ("settings_profile_business_name", "", "Business name"),
    ("settings_profile_fiscal_day", 31, "April has 30 days"),
], ids=["300-char-name", "blank-name", "31-april"])
def test_settings_refuse_bad_profile_input(app_db, app_owner, sign_in, open_page, field, value, message):
    at = _settings(sign_in, open_page, app_owner)
    if field.endswith("fiscal_day"):
        at.selectbox(key="settings_profile_fiscal_month").set_value(4)
        at.number_input(key=field).set_value(value)
    else:
        at.text_input(key=field).set_value(value)
    _button(at, "Save profile").click().run()
    assert message in at.error[0].value
    assert accounts.get_owner(app_db, owner_id=app_owner.id) == app_owner


def _change_password(at, current: str, new: str, repeat: str | None = None) -> None:
    at.text_input(key="settings_login_current").set_value(current)
    at.text_input(key="settings_login_new").set_value(new)
    at.text_input(key="settings_login_repeat").set_value(new if repeat is None else repeat)
    _button(at, "Change password").click().run()


def test_a_password_change_signs_out_every_browser(app_db, app_owner, sign_in, open_page):
    key = Settings().secret_key
    other_browser = sessions.start_session(app_db, owner_id=app_owner.id, secret_key=key, days=1)
    this_browser = sign_in(app_owner)
    at = open_page("pages/settings.py")
    _change_password(at, PASSWORD, "a brand new passphrase")
    assert not at.error
    assert _redirect_target(at) == "/auth/signout?reason=password-changed"
    for token in (this_browser, other_browser):
        assert sessions.owner_for_token(app_db, token=token, secret_key=key) is None
    assert accounts.authenticate(app_db, email=app_owner.email, password="a brand new passphrase",
                                 client="test", policy=accounts.LoginPolicy()) == app_owner


@pytest.mark.parametrize(("current", "new", "repeat", "message"), [
    ("not my password", "a brand new passphrase", None, "is not your current password"),
    (PASSWORD, "short", None, "at least 10 characters"),
    (PASSWORD, "a brand new passphrase", "a different passphrase", "does not match"),
], ids=["wrong-current", "short-new", "repeat-differs"])
def test_a_refused_password_change_keeps_everything(app_db, app_owner, sign_in, open_page, current, new, repeat,
                                                    message):
    token = sign_in(app_owner)
    at = open_page("pages/settings.py")
    _change_password(at, current, new, repeat)
    assert message in at.error[0].value and _redirect_target(at) is None
    assert sessions.owner_for_token(app_db, token=token, secret_key=Settings().secret_key) == app_owner
