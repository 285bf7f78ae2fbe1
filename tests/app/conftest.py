"""Screen tests through AppTest: a fresh SQLite app database per test and a way to sign an owner in.

AppTest cannot send cookies, so `sign_in` creates a real session row and replaces the one function that
reads the cookie (`fintrack.ui.session.session_token`) to return its token.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

import pytest
from streamlit.testing.v1 import AppTest

from fintrack.config import PROJECT_ROOT, Settings
from fintrack.db.engine import Database
from fintrack.services import accounts, sessions
from fintrack.services.accounts import Owner
from fintrack.ui import session as ui_session

APP_TIMEOUT = 30
HOME_SCRIPT = PROJECT_ROOT / "Home.py"


@pytest.fixture
def app_db(app_database_url: str) -> Database:
    database = Database.from_url(app_database_url)
    yield database
    database.bind.dispose()


@pytest.fixture
def app_owner(app_db: Database) -> Owner:
    return accounts.sign_up(app_db, {
        "email": "owner@example.com", "password": "correct horse battery", "business_name": "Acme Studio",
        "fiscal_year_start": dt.date(2000, 1, 1), "currency_code": "EUR"})


@pytest.fixture
def sign_in(app_db: Database, monkeypatch: pytest.MonkeyPatch) -> Callable[[Owner], str]:
    """Sign `owner` in for the app under test; returns the session token."""

    def sign(owner: Owner) -> str:
        token = sessions.start_session(app_db, owner_id=owner.id, secret_key=Settings().secret_key, days=1)
        monkeypatch.setattr(ui_session, "session_token", lambda: token)
        return token

    return sign


@pytest.fixture
def open_page() -> Callable[..., AppTest]:
    """Run Home.py and switch to `page` (a path like 'pages/ledger.py')."""

    def open_(page: str | None = None) -> AppTest:
        at = AppTest.from_file(str(HOME_SCRIPT), default_timeout=APP_TIMEOUT)
        at.run()
        if page:
            at.switch_page(page)
            at.run()
        return at

    return open_
