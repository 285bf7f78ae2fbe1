"""The sign-in cookies: their names and the flags every one of them carries. No streamlit imports.

`fintrack_browser` is a random pre-login id that ties a one-time login token to the browser that asked
for it; `fintrack_session` carries the session token. Both are HttpOnly (scripts never read them),
SameSite=Lax, and Secure when the page came over https (directly or through a proxy) or in production.
"""

from __future__ import annotations

import secrets

from starlette.requests import HTTPConnection
from starlette.responses import Response

SESSION_COOKIE = "fintrack_session"
BROWSER_COOKIE = "fintrack_browser"
BROWSER_COOKIE_DAYS = 365
SECONDS_PER_DAY = 86_400


def is_https(connection: HTTPConnection) -> bool:
    """True when the browser talks https to us or to the proxy in front (X-Forwarded-Proto)."""
    forwarded = connection.headers.get("x-forwarded-proto", "").split(",")[0].strip().lower()
    return (forwarded or connection.url.scheme) in {"https", "wss"}


def new_browser_id() -> str:
    """A fresh random id for a browser that has none."""
    return secrets.token_urlsafe(32)


def set_cookie(response: Response, name: str, value: str, *, max_age: int, secure: bool) -> None:
    """Set `name` on `response` with the flags every FinTrack cookie carries."""
    response.set_cookie(name, value, max_age=max_age, path="/", httponly=True, samesite="lax", secure=secure)


def clear_cookie(response: Response, name: str, *, secure: bool) -> None:
    """Tell the browser to forget `name` (same path and flags, or the browser keeps it)."""
    response.delete_cookie(name, path="/", httponly=True, samesite="lax", secure=secure)
