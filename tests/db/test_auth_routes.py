"""The sign-in cookie routes through Starlette's TestClient, against a real SQLite and PostgreSQL database.

The routes build their own `Database` from the environment (as in production), so each database kind gets
a fresh, migrated database for this module and the environment points at it.
"""

from __future__ import annotations

import datetime as dt
import itertools

import pytest
from sqlalchemy import update
from starlette.applications import Starlette
from starlette.responses import PlainTextResponse
from starlette.routing import Route
from starlette.testclient import TestClient

from fintrack.config import Settings
from fintrack.db.models import LoginToken
from fintrack.services import accounts, sessions
from fintrack.web.cookies import BROWSER_COOKIE, SESSION_COOKIE
from fintrack.web.routes import auth_middleware, auth_routes

SESSION_DAYS = 3
_emails = itertools.count(1)


@pytest.fixture
def route_db(app_db, monkeypatch):
    monkeypatch.setenv("FINTRACK_SESSION_DAYS", str(SESSION_DAYS))
    return app_db


@pytest.fixture
def secret_key(route_db):
    return Settings().secret_key


@pytest.fixture
def owner(route_db):
    return accounts.sign_up(route_db, {
        "email": f"route{next(_emails)}@example.com", "password": "correct horse battery",
        "business_name": "Acme", "fiscal_year_start": dt.date(2000, 1, 1), "currency_code": "EUR"})


def _home(request):
    return PlainTextResponse("home")


@pytest.fixture
def client(route_db):
    app = Starlette(routes=[Route("/", _home), *auth_routes()], middleware=auth_middleware())
    with TestClient(app, base_url="http://testserver", follow_redirects=False) as test_client:
        yield test_client


def _set_cookie_headers(response, name):
    return [value for value in response.headers.get_list("set-cookie") if value.startswith(f"{name}=")]


def _browser(client):
    """Load a page so the middleware hands out this client's browser id."""
    client.get("/")
    return client.cookies[BROWSER_COOKIE]


def _login_token(route_db, owner, secret_key, browser_id):
    return sessions.issue_login_token(route_db, owner_id=owner.id, browser_id=browser_id, secret_key=secret_key)


def test_a_new_browser_gets_an_httponly_lax_id_once(client):
    first = client.get("/")
    [header] = _set_cookie_headers(first, BROWSER_COOKIE)
    assert "HttpOnly" in header and "samesite=lax" in header.lower() and "Secure" not in header
    assert len(client.cookies[BROWSER_COOKIE]) >= 40
    assert not _set_cookie_headers(client.get("/"), BROWSER_COOKIE)


def test_the_browser_id_is_secure_behind_an_https_proxy(client):
    response = client.get("/", headers={"X-Forwarded-Proto": "https"})
    [header] = _set_cookie_headers(response, BROWSER_COOKIE)
    assert "Secure" in header


def test_completing_sign_in_sets_the_session_cookie_and_redirects_home(client, route_db, owner, secret_key):
    token = _login_token(route_db, owner, secret_key, _browser(client))
    response = client.get("/auth/complete", params={"token": token})
    assert response.status_code == 303 and response.headers["location"] == "/"
    assert response.headers["referrer-policy"] == "no-referrer"
    [header] = _set_cookie_headers(response, SESSION_COOKIE)
    flags = header.lower()
    assert "httponly" in flags and "samesite=lax" in flags and "path=/" in flags and "secure" not in flags
    assert f"max-age={SESSION_DAYS * 86400}" in flags
    session_token = client.cookies[SESSION_COOKIE]
    assert sessions.owner_for_token(route_db, token=session_token, secret_key=secret_key) == owner


@pytest.mark.parametrize(("wanted", "location"), [("ledger", "/ledger"), ("https://evil.example", "/"),
                                                  ("//evil.example", "/"), ("../x", "/"), ("", "/")])
def test_a_completed_sign_in_opens_the_screen_asked_for_and_never_another_site(client, route_db, owner,
                                                                             secret_key, wanted, location):
    token = _login_token(route_db, owner, secret_key, _browser(client))
    response = client.get("/auth/complete", params={"token": token, "next": wanted})
    assert response.status_code == 303 and response.headers["location"] == location


def test_the_session_cookie_is_secure_behind_https(client, route_db, owner, secret_key):
    token = _login_token(route_db, owner, secret_key, _browser(client))
    response = client.get("/auth/complete", params={"token": token}, headers={"X-Forwarded-Proto": "https"})
    [header] = _set_cookie_headers(response, SESSION_COOKIE)
    assert "Secure" in header


def test_a_login_token_is_spent_once(client, route_db, owner, secret_key):
    token = _login_token(route_db, owner, secret_key, _browser(client))
    assert client.get("/auth/complete", params={"token": token}).headers["location"] == "/"
    client.cookies.delete(SESSION_COOKIE)
    replay = client.get("/auth/complete", params={"token": token})
    assert replay.headers["location"] == "/?signin=expired"
    assert not _set_cookie_headers(replay, SESSION_COOKIE)


def test_a_token_from_another_browser_is_refused(client, route_db, owner, secret_key):
    _browser(client)
    token = _login_token(route_db, owner, secret_key, "someone-elses-browser")
    response = client.get("/auth/complete", params={"token": token})
    assert response.headers["location"] == "/?signin=expired"
    assert not _set_cookie_headers(response, SESSION_COOKIE)


def test_a_missing_browser_cookie_is_refused(route_db, owner, secret_key):
    app = Starlette(routes=auth_routes())  # no middleware: the browser never got an id
    token = _login_token(route_db, owner, secret_key, "whatever")
    with TestClient(app, follow_redirects=False) as bare:
        response = bare.get("/auth/complete", params={"token": token})
    assert response.headers["location"] == "/?signin=expired"


def test_an_expired_token_is_refused(client, route_db, owner, secret_key):
    token = _login_token(route_db, owner, secret_key, _browser(client))
    with route_db.transaction() as session:
        session.execute(update(LoginToken).values(expires_at=dt.datetime(2000, 1, 1, tzinfo=dt.UTC)))
    response = client.get("/auth/complete", params={"token": token})
    assert response.headers["location"] == "/?signin=expired"


def test_garbage_or_no_token_is_refused(client):
    _browser(client)
    assert client.get("/auth/complete", params={"token": "nope"}).headers["location"] == "/?signin=expired"
    assert client.get("/auth/complete").headers["location"] == "/?signin=expired"


def _signed_in(client, route_db, owner, secret_key):
    token = _login_token(route_db, owner, secret_key, _browser(client))
    client.get("/auth/complete", params={"token": token})
    return client.cookies[SESSION_COOKIE]


def test_sign_out_deletes_the_session_and_clears_the_cookie(client, route_db, owner, secret_key):
    session_token = _signed_in(client, route_db, owner, secret_key)
    response = client.get("/auth/signout", headers={"Sec-Fetch-Site": "same-origin"})
    assert response.status_code == 303 and response.headers["location"] == "/?signin=signed-out"
    [header] = _set_cookie_headers(response, SESSION_COOKIE)
    assert "max-age=0" in header.lower() and "httponly" in header.lower()
    assert SESSION_COOKIE not in client.cookies
    assert sessions.owner_for_token(route_db, token=session_token, secret_key=secret_key) is None


def test_sign_out_by_post_from_the_same_origin(client, route_db, owner, secret_key):
    session_token = _signed_in(client, route_db, owner, secret_key)
    response = client.post("/auth/signout", headers={"Origin": "http://testserver"})
    assert response.status_code == 303
    assert sessions.owner_for_token(route_db, token=session_token, secret_key=secret_key) is None


@pytest.mark.parametrize("headers", [{"Sec-Fetch-Site": "cross-site"}, {"Sec-Fetch-Site": "same-site"},
                                     {"Origin": "http://evil.example"}, {"Origin": "https://testserver"}],
                         ids=["cross-site", "same-site", "foreign-origin", "other-scheme"])
def test_requests_from_other_sites_are_refused(client, route_db, owner, secret_key, headers):
    session_token = _signed_in(client, route_db, owner, secret_key)
    assert client.post("/auth/signout", headers=headers).status_code == 403
    token = _login_token(route_db, owner, secret_key, client.cookies[BROWSER_COOKIE])
    refused = client.get("/auth/complete", params={"token": token}, headers=headers)
    assert refused.status_code == 403 and not _set_cookie_headers(refused, SESSION_COOKIE)
    assert sessions.owner_for_token(route_db, token=session_token, secret_key=secret_key) == owner


def test_a_typed_url_counts_as_same_origin(client, route_db, owner, secret_key):
    token = _login_token(route_db, owner, secret_key, _browser(client))
    response = client.get("/auth/complete", params={"token": token}, headers={"Sec-Fetch-Site": "none"})
    assert response.headers["location"] == "/"


def test_sign_out_after_a_password_change_says_why(client, route_db, owner, secret_key):
    _signed_in(client, route_db, owner, secret_key)
    response = client.get("/auth/signout", params={"reason": "password-changed"})
    assert response.headers["location"] == "/?signin=password-changed"
    assert client.get("/auth/signout", params={"reason": "<script>"}).headers["location"] == "/?signin=signed-out"


def test_signing_in_again_ends_the_previous_session_of_this_browser(client, route_db, owner, secret_key):
    first = _signed_in(client, route_db, owner, secret_key)
    second = _signed_in(client, route_db, owner, secret_key)
    assert first != second
    assert sessions.owner_for_token(route_db, token=first, secret_key=secret_key) is None
    assert sessions.owner_for_token(route_db, token=second, secret_key=secret_key) == owner
