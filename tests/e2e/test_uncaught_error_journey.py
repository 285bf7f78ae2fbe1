"""An unexpected failure on a screen of the real server: the owner sees an error id, not a traceback, and the
server's stdout has a JSON line with that id and the stack trace (server.py's `on_script_error` hook)."""

from __future__ import annotations

import datetime as dt
import json
import re
import sqlite3
from pathlib import Path

import pytest
from playwright.sync_api import expect
from sqlalchemy.engine import make_url

from fintrack.db.engine import Database
from fintrack.services import accounts, assets
from tests.e2e.conftest import PASSWORD, sign_up, wait_for_app

pytestmark = pytest.mark.browser


def _break_one_asset(database_url: str, email: str) -> None:
    """Give this owner an asset whose stored value is not a number (only this owner's screens fail)."""
    db = Database.from_url(database_url)
    owner = accounts.authenticate(db, email=email, password=PASSWORD, client="test", policy=accounts.LoginPolicy())
    asset = assets.add_asset(db, owner_id=owner.id, data={"name": "Broken van", "value": "1000",
                                                          "acquisition_date": dt.date(2024, 1, 1)})
    db.bind.dispose()
    with sqlite3.connect(make_url(database_url).database) as connection:
        connection.execute("UPDATE assets SET value = 'not money' WHERE id = ?", (asset.id,))


def test_a_failing_screen_shows_an_error_id_found_in_the_server_log(page, base_url, app_server):
    email = sign_up(page, base_url, business_name="Broken Books")
    _break_one_asset(app_server["database_url"], email)

    page.goto(f"{base_url}/assets")
    wait_for_app(page)
    message = page.get_by_text(re.compile(r"Something went wrong on this screen"))
    expect(message).to_be_visible()
    error_id = re.search(r"error id ([0-9a-f]{8})", message.inner_text()).group(1)
    expect(page.get_by_test_id("stException")).to_have_count(0)  # no Streamlit traceback for the owner

    logged = [json.loads(line) for line in Path(app_server["log"]).read_text().splitlines() if line.startswith("{")]
    [line] = [entry for entry in logged if entry.get("error_id") == error_id]
    assert line["event"] == "screen.uncaught_error" and line["level"] == "ERROR"
    assert line["owner_id"] and line["run_id"]
    assert "Traceback (most recent call last)" in line["traceback"] and "pages/assets.py" in line["traceback"]
