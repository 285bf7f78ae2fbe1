"""Settings › 'Download all my data' and 'Delete my account' through AppTest, on a real SQLite app database."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import func, select
from starlette.applications import Starlette
from starlette.testclient import TestClient
from streamlit.testing.v1 import AppTest

from fintrack.clock import utcnow
from fintrack.config import Settings
from fintrack.db.models import Expense, User
from fintrack.services import ledger, sessions
from fintrack.web.cookies import SESSION_COOKIE
from fintrack.web.routes import auth_routes
from tests.app.conftest import APP_TIMEOUT, HOME_SCRIPT
from tests.app.test_auth_screens import _redirect_target

PASSWORD = "correct horse battery"


def _downloads(at) -> list[str]:
    return [d.proto.label for d in at.get("download_button") if "all-data" in d.proto.label]


def _delete(at, confirmation: str, password: str) -> None:
    at.text_input(key="delete_account_confirmation").set_value(confirmation)
    at.text_input(key="delete_account_password").set_value(password)
    [button] = [b for b in at.button if b.label == "Delete my account and all its data"]
    button.click().run()


def _count(app_db, model) -> int:
    with app_db.transaction() as session:
        return session.scalar(select(func.count()).select_from(model))


def test_prepare_my_data_offers_the_workbook_and_the_json_file(app_db, app_owner, sign_in, open_page):
    ledger.add_entry(app_db, owner_id=app_owner.id, data={
        "kind": "expense", "date": dt.date(2026, 3, 2), "category": "Rent", "amount": "900"})
    sign_in(app_owner)
    at = open_page("pages/settings.py")
    assert not at.exception and not _downloads(at)
    at.button(key="account_data_prepare").click().run()
    assert not at.exception and not at.error
    stem = f"fintrack-acme-studio-all-data-{utcnow():%Y-%m-%d}"
    assert _downloads(at) == [f"Download {stem}.xlsx", f"Download {stem}.json"]


def test_a_wrong_password_or_email_deletes_nothing(app_db, app_owner, sign_in, open_page):
    sign_in(app_owner)
    at = open_page("pages/settings.py")
    _delete(at, app_owner.email, "not my password")
    assert "is not your password" in at.error[0].value and _redirect_target(at) is None
    _delete(at, "DELETE", PASSWORD)
    assert "is not your email address" in at.error[0].value and _redirect_target(at) is None
    assert _count(app_db, User) == 1


def test_deleting_the_account_removes_it_and_signs_this_browser_out(app_db, app_owner, sign_in, open_page):
    ledger.add_entry(app_db, owner_id=app_owner.id, data={
        "kind": "expense", "date": dt.date(2026, 3, 2), "category": "Rent", "amount": "900"})
    token = sign_in(app_owner)
    at = open_page("pages/settings.py")
    _delete(at, app_owner.email.upper(), PASSWORD)
    assert not at.exception and not at.error
    assert _redirect_target(at) == "/auth/signout?reason=account-deleted"
    assert (_count(app_db, User), _count(app_db, Expense)) == (0, 0)
    assert sessions.owner_for_token(app_db, token=token, secret_key=Settings().secret_key) is None
    at.run()
    assert [b for b in at.button if b.label == "Sign in"] and not at.sidebar.button


def test_the_sign_out_route_clears_the_cookie_and_the_sign_in_screen_says_why(app_database_url):
    with TestClient(Starlette(routes=auth_routes()), follow_redirects=False) as client:
        client.cookies.set(SESSION_COOKIE, "the deleted account's token")
        response = client.get("/auth/signout?reason=account-deleted")
    assert response.status_code == 303 and response.headers["location"] == "/?signin=account-deleted"
    assert f'{SESSION_COOKIE}=""' in response.headers["set-cookie"]

    at = AppTest.from_file(str(HOME_SCRIPT), default_timeout=APP_TIMEOUT)
    at.query_params["signin"] = "account-deleted"
    at.run()
    assert "Your account and all its data were deleted" in at.success[0].value
