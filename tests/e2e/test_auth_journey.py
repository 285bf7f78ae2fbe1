"""The account journey in a real browser: sign up, stay signed in, sign out, and no way back by replay."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from fintrack.web.cookies import BROWSER_COOKIE, SESSION_COOKIE
from tests.e2e.conftest import (
    PASSWORD,
    expect_signed_in,
    expect_signed_out,
    sign_in,
    sign_up,
    wait_for_app,
)

pytestmark = pytest.mark.browser


def _session_cookies(page):
    return [cookie for cookie in page.context.cookies() if cookie["name"] == SESSION_COOKIE]


def test_sign_up_reload_sign_out_and_the_old_cookie_is_dead(page, base_url):
    email = sign_up(page, base_url, business_name="Journey Bakery")
    expect(page.get_by_role("heading", name="Welcome, Journey Bakery")).to_be_visible()

    page.reload()
    wait_for_app(page)
    expect_signed_in(page)
    [old_cookie] = _session_cookies(page)
    assert old_cookie["httpOnly"] and old_cookie["sameSite"] == "Lax" and old_cookie["path"] == "/"
    assert SESSION_COOKIE not in page.evaluate("document.cookie")  # scripts cannot read it
    assert BROWSER_COOKIE not in page.evaluate("document.cookie")

    page.get_by_test_id("stSidebar").get_by_role("button", name="Sign out").click()
    expect_signed_out(page)
    expect(page.get_by_text("You are signed out.")).to_be_visible()
    assert not _session_cookies(page)

    page.context.add_cookies([old_cookie])  # replay the cookie of the ended session
    page.goto(f"{base_url}/")
    wait_for_app(page)
    expect_signed_out(page)
    page.goto(f"{base_url}/settings")
    wait_for_app(page)
    expect_signed_out(page)
    expect(page.get_by_test_id("stSidebar").get_by_role("button", name="Sign out")).to_have_count(0)

    sign_in(page, base_url, email)  # the account itself is fine: signing in again works


def test_a_visitor_opening_a_screen_signs_in_and_lands_on_it(page, base_url):
    email = sign_up(page, base_url)
    page.get_by_test_id("stSidebar").get_by_role("button", name="Sign out").click()
    expect_signed_out(page)
    page.goto(f"{base_url}/ledger")
    wait_for_app(page)
    expect_signed_out(page)
    expect(page.get_by_text("Sign in to open the Ledger page.")).to_be_visible()
    expect(page.get_by_text("does not seem to exist")).to_have_count(0)  # Streamlit's "page not found"
    expect(page.get_by_role("heading", name="Ledger")).to_have_count(0)
    form = page.get_by_test_id("stForm").filter(has=page.get_by_role("button", name="Sign in"))
    form.get_by_label("Email").fill(email)
    form.get_by_label("Password", exact=True).fill(PASSWORD)
    form.get_by_role("button", name="Sign in").click()
    expect(page.get_by_role("heading", name="Ledger")).to_be_visible()
    assert page.url == f"{base_url}/ledger"


def test_a_wrong_password_says_so_without_signing_in(page, base_url):
    email = sign_up(page, base_url)
    page.get_by_test_id("stSidebar").get_by_role("button", name="Sign out").click()
    expect_signed_out(page)
    form = page.get_by_test_id("stForm").filter(has=page.get_by_role("button", name="Sign in"))
    form.get_by_label("Email").fill(email)
    form.get_by_label("Password", exact=True).fill("not the password at all")
    form.get_by_role("button", name="Sign in").click()
    expect(page.get_by_text("That email and password do not match an account.")).to_be_visible()
    assert not _session_cookies(page)


def test_a_password_change_signs_out_and_the_new_password_works(page, base_url):
    email = sign_up(page, base_url)
    page.goto(f"{base_url}/settings")
    wait_for_app(page)
    form = page.get_by_test_id("stForm").filter(has=page.get_by_role("button", name="Change password"))
    form.get_by_label("Current password", exact=True).fill("correct horse battery")
    form.get_by_label("New password", exact=True).fill("a brand new passphrase")
    form.get_by_label("Repeat new password", exact=True).fill("a brand new passphrase")
    form.get_by_role("button", name="Change password").click()
    expect_signed_out(page)
    expect(page.get_by_text("Your password was changed")).to_be_visible()
    assert not _session_cookies(page)
    sign_in(page, base_url, email, password="a brand new passphrase")


def test_try_the_demo_signs_in_as_the_demo_business(page, base_url):
    page.goto(f"{base_url}/")
    wait_for_app(page)
    page.get_by_role("button", name="Try the demo").click()
    expect_signed_in(page)
    expect(page.get_by_role("heading", name="Welcome, Northwind Design Studio")).to_be_visible()
