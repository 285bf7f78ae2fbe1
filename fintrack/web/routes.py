"""HTTP routes served beside Streamlit (Starlette): the sign-in cookie flow. No streamlit imports.

- Every page load without a `fintrack_browser` cookie gets one (middleware); the API and /metrics do not.
- `GET /auth/complete?token=…` spends a one-time login token issued to this browser, sets the HttpOnly
  session cookie and redirects to `/` (or to `/<page>` with `&next=<page>`); a bad, expired or replayed
  token lands on `/?signin=expired`.
- `GET|POST /auth/signout` deletes the session row (if the screen has not already) and clears the cookie;
  `?reason=password-changed` (or `account-deleted`) says so on the sign-in screen.
Both routes refuse requests started by another site (`Sec-Fetch-Site`, else `Origin`).
"""

from __future__ import annotations

import re
from urllib.parse import urlsplit

from starlette.middleware import Middleware
from starlette.requests import HTTPConnection, Request
from starlette.responses import PlainTextResponse, RedirectResponse, Response
from starlette.routing import Route
from starlette.types import ASGIApp, Receive, Scope, Send

from fintrack.config import Settings, settings
from fintrack.db.engine import Database
from fintrack.db.shared import shared_database
from fintrack.services import sessions
from fintrack.web.asgi import HttpMiddleware, call_editing_headers
from fintrack.web.cookies import (
    BROWSER_COOKIE,
    BROWSER_COOKIE_DAYS,
    SECONDS_PER_DAY,
    SESSION_COOKIE,
    clear_cookie,
    is_https,
    new_browser_id,
    set_cookie,
)

COMPLETE_PATH = "/auth/complete"
NEXT_PARAM = "next"  # the screen a signed-out visitor asked for, to open once signed in
_PAGE_NAME = re.compile(r"[a-z][a-z_]{0,39}")
SIGNOUT_PATH = "/auth/signout"
SIGNIN_EXPIRED = "/?signin=expired"
SIGNED_OUT = "/?signin=signed-out"
PASSWORD_CHANGED_SIGNOUT = f"{SIGNOUT_PATH}?reason=password-changed"
ACCOUNT_DELETED_SIGNOUT = f"{SIGNOUT_PATH}?reason=account-deleted"
SIGNOUT_REASONS = {"password-changed": "/?signin=password-changed", "account-deleted": "/?signin=account-deleted"}
SAME_SITE_FETCHES = {"same-origin", "none"}


def _resources() -> tuple[Settings, Database]:
    current = settings()
    return current, shared_database(current.database_url)


def _secure(connection: HTTPConnection, settings: Settings) -> bool:
    return is_https(connection) or settings.is_production


def is_same_origin(connection: HTTPConnection) -> bool:
    """True unless the browser says another site started this request (Sec-Fetch-Site, else Origin)."""
    fetch_site = connection.headers.get("sec-fetch-site")
    if fetch_site is not None:
        return fetch_site in SAME_SITE_FETCHES
    origin = connection.headers.get("origin")
    if origin is None:
        return True
    parts = urlsplit(origin)
    scheme = "https" if is_https(connection) else "http"
    return parts.scheme == scheme and parts.netloc == connection.headers.get("host")


def after_sign_in(page: str) -> str:
    """Where a completed sign-in lands: the screen the visitor had asked for ('ledger' -> '/ledger'), or Home.

    Only a bare page name is followed, so the parameter can never send the browser to another site.
    """
    return f"/{page}" if _PAGE_NAME.fullmatch(page) else "/"


def _redirect(location: str) -> RedirectResponse:
    response = RedirectResponse(location, status_code=303)
    response.headers["Referrer-Policy"] = "no-referrer"  # the token must not leak to the next page
    response.headers["Cache-Control"] = "no-store"
    return response


def _refused() -> Response:
    return PlainTextResponse("Refused: this request came from another site.", status_code=403)


def complete_sign_in(request: Request) -> Response:
    """Spend the login token from `?token=` in the browser it was issued to and set the session cookie."""
    if not is_same_origin(request):
        return _refused()
    token = request.query_params.get("token", "")
    browser_id = request.cookies.get(BROWSER_COOKIE, "")
    settings, db = _resources()
    session_token = None
    if token and browser_id:
        session_token = sessions.redeem_login_token(db, token=token, browser_id=browser_id,
                                                    secret_key=settings.secret_key, days=settings.session_days)
    if session_token is None:
        return _redirect(SIGNIN_EXPIRED)
    previous = request.cookies.get(SESSION_COOKIE)
    if previous:  # signing in again (or as someone else) ends the session this browser had
        sessions.end_session(db, token=previous, secret_key=settings.secret_key)
    response = _redirect(after_sign_in(request.query_params.get(NEXT_PARAM, "")))
    set_cookie(response, SESSION_COOKIE, session_token, max_age=settings.session_days * SECONDS_PER_DAY,
               secure=_secure(request, settings))
    return response


def sign_out(request: Request) -> Response:
    """End this browser's session (row and cookie) and go back to the sign-in screen."""
    if not is_same_origin(request):
        return _refused()
    settings, db = _resources()
    token = request.cookies.get(SESSION_COOKIE)
    if token:
        sessions.end_session(db, token=token, secret_key=settings.secret_key)
    response = _redirect(SIGNOUT_REASONS.get(request.query_params.get("reason", ""), SIGNED_OUT))
    clear_cookie(response, SESSION_COOKIE, secure=_secure(request, settings))
    return response


class BrowserCookieMiddleware(HttpMiddleware):
    """Give every browser that has none a random, HttpOnly `fintrack_browser` id on its next response.

    Paths under `script_paths` (the JSON API, /metrics) serve scripts, which sign in with bearer tokens and
    never need the id: their responses set no cookie."""

    def __init__(self, app: ASGIApp, script_paths: tuple[str, ...] = ()) -> None:
        super().__init__(app)
        self.script_paths = script_paths

    def for_scripts(self, path: str) -> bool:
        return any(path == prefix or path.startswith(f"{prefix}/") for prefix in self.script_paths)

    async def handle(self, scope: Scope, receive: Receive, send: Send) -> None:
        connection = HTTPConnection(scope)
        if self.for_scripts(scope["path"]) or connection.cookies.get(BROWSER_COOKIE):
            await self.app(scope, receive, send)
            return
        header = _browser_cookie_header(connection)
        await call_editing_headers(self.app, scope, receive, send,
                                   lambda headers: headers.append("set-cookie", header))


def _browser_cookie_header(connection: HTTPConnection) -> str:
    carrier = Response()
    set_cookie(carrier, BROWSER_COOKIE, new_browser_id(), max_age=BROWSER_COOKIE_DAYS * SECONDS_PER_DAY,
               secure=is_https(connection) or settings().is_production)
    return carrier.headers["set-cookie"]


def auth_routes() -> list[Route]:
    """The routes `server.py` mounts beside Streamlit."""
    return [
        Route(COMPLETE_PATH, complete_sign_in, methods=["GET"]),
        Route(SIGNOUT_PATH, sign_out, methods=["GET", "POST"]),
    ]


def auth_middleware(script_paths: tuple[str, ...] = ()) -> list[Middleware]:
    """The middleware `server.py` puts in front of Streamlit; `script_paths` get no browser cookie."""
    return [Middleware(BrowserCookieMiddleware, script_paths=script_paths)]
