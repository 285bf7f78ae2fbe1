"""Leaving FinTrack in a real browser: download all my data, delete the account, land signed out."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from playwright.sync_api import expect

from fintrack.web.cookies import SESSION_COOKIE
from tests.e2e.conftest import PASSWORD, expect_signed_out, sign_up, wait_for_app

pytestmark = pytest.mark.browser
DELETE = "Delete my account and all its data"


def test_download_all_my_data_then_delete_the_account(page, base_url):
    email = sign_up(page, base_url, business_name="Leaving Ltd")
    page.goto(f"{base_url}/settings")
    wait_for_app(page)
    page.get_by_role("button", name="Prepare my data").click()
    with page.expect_download() as download:
        page.get_by_role("button", name=re.compile(r"Download fintrack-leaving-ltd-all-data-.*\.json")).click()
    exported = json.loads(Path(download.value.path()).read_text())
    assert exported["profile"]["email"] == email and "password_hash" not in exported["profile"]
    assert len(exported["sessions"]) == 1 and exported["sessions"][0].keys() == {"created_at", "expires_at", "client"}
    assert exported["sessions"][0]["client"] == "browser"

    form = page.get_by_test_id("stForm").filter(has=page.get_by_role("button", name=DELETE))
    form.get_by_label("Type your email address to confirm").fill(email)
    form.get_by_label("Password", exact=True).fill(PASSWORD)
    form.get_by_role("button", name=DELETE).click()
    expect_signed_out(page)
    expect(page.get_by_text("Your account and all its data were deleted")).to_be_visible()
    assert not [cookie for cookie in page.context.cookies() if cookie["name"] == SESSION_COOKIE]

    sign_in_form = page.get_by_test_id("stForm").filter(has=page.get_by_role("button", name="Sign in"))
    sign_in_form.get_by_label("Email").fill(email)
    sign_in_form.get_by_label("Password", exact=True).fill(PASSWORD)
    sign_in_form.get_by_role("button", name="Sign in").click()
    expect(page.get_by_text("That email and password do not match an account.")).to_be_visible()
